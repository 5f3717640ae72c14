/*
 * The training set's names, counted per document and type, and their
 * gazetteer bits with or without one document's own (names.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../scheme.h"
#include "names.h"

#define SPANS_MAX 512

static const unsigned type_bit[NAMES_NTYPES] = {
	1u << GAZ_TRAIN_PER, 1u << GAZ_TRAIN_ORG, 1u << GAZ_TRAIN_LOC
};

#define TRAIN_BITS ((1u << GAZ_TRAIN_PER) | (1u << GAZ_TRAIN_ORG) | \
	(1u << GAZ_TRAIN_LOC))

static int
names_type(int type)
{
	switch (type) {
	case NER_PER:
		return 0;
	case NER_ORG:
		return 1;
	case NER_LOC:
		return 2;
	default:
		return -1;
	}
}

/* The slot of key: its own, or the empty one where it would go. */
static uint32_t
slot_of(const struct names *t, uint64_t key)
{
	uint32_t m = t->cap - 1;
	uint32_t i = (uint32_t)(key >> 8) & m;

	while (t->keys[i] != 0 && t->keys[i] != key)
		i = (i + 1) & m;
	return i;
}

static int
grow(struct names *t)
{
	struct names n = { NULL, NULL, t->cap ? t->cap * 2 : 4096, 0 };

	n.keys = calloc(n.cap, sizeof(*n.keys));
	n.vals = calloc(n.cap, sizeof(*n.vals));
	if (n.keys == NULL || n.vals == NULL) {
		free(n.keys);
		free(n.vals);
		return -1;
	}
	for (uint32_t i = 0; i < t->cap; i++) {
		if (t->keys[i] == 0)
			continue;
		uint32_t j = slot_of(&n, t->keys[i]);
		n.keys[j] = t->keys[i];
		n.vals[j] = t->vals[i];
		n.used++;
	}
	free(t->keys);
	free(t->vals);
	*t = n;
	return 0;
}

static const struct name_count *
names_get(const struct names *t, uint64_t key)
{
	if (t->cap == 0)
		return NULL;
	uint32_t i = slot_of(t, key);
	return t->keys[i] == key ? &t->vals[i] : NULL;
}

static uint64_t
span_hash(const struct csent *s, const struct span *sp)
{
	const char *words[GAZ_MAX_WORDS];
	uint32_t lens[GAZ_MAX_WORDS];
	size_t n = sp->last - sp->first + 1;

	for (size_t k = 0; k < n; k++) {
		words[k] = s->w[sp->first + k].s;
		lens[k] = s->w[sp->first + k].len;
	}
	return gaz_phrase_hash(words, lens, n);
}

/*
 * Calls fn on every name of document d worth a gazetteer entry, with its
 * phrase hash and type (0..NAMES_NTYPES-1); stops at fn's first nonzero.
 */
static int
each_name(const struct corpus *c, size_t d, int scheme,
    int (*fn)(void *, uint64_t, int), void *arg)
{
	struct span spans[SPANS_MAX];
	const struct cdoc *cd = &c->docs[d];

	for (size_t k = cd->first; k < cd->first + cd->count; k++) {
		const struct csent *s = &c->sents[k];
		size_t ns = scheme_decode(scheme, s->gold, s->n, spans,
		    SPANS_MAX);
		for (size_t j = 0; j < ns; j++) {
			int t = names_type(spans[j].type);
			if (t < 0 || spans[j].last - spans[j].first >=
			    GAZ_MAX_WORDS)
				continue;
			int rc = fn(arg, span_hash(s, &spans[j]), t);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

struct collect {
	struct names *t;
	uint32_t doc;	/* 1 + index */
};

static int
count_name(void *arg, uint64_t key, int type)
{
	struct collect *cl = arg;
	struct names *t = cl->t;

	if ((t->used + 1) * 2 > t->cap && grow(t) != 0)
		return -1;
	uint32_t i = slot_of(t, key);
	if (t->keys[i] == 0) {
		t->keys[i] = key;
		memset(&t->vals[i], 0, sizeof(t->vals[i]));
		t->used++;
	}
	if (t->vals[i].last[type] != cl->doc) {
		t->vals[i].last[type] = cl->doc;
		t->vals[i].docs[type]++;
	}
	return 0;
}

int
names_collect(struct names *t, const struct corpus *c, size_t ndocs,
    int scheme)
{
	memset(t, 0, sizeof(*t));
	if (grow(t) != 0)
		return -1;
	for (size_t d = 0; d < ndocs && d < c->ndocs; d++) {
		struct collect cl = { t, (uint32_t)d + 1 };
		if (each_name(c, d, scheme, count_name, &cl) != 0)
			return -1;
	}
	return 0;
}

void
names_free(struct names *t)
{
	free(t->keys);
	free(t->vals);
	memset(t, 0, sizeof(*t));
}

unsigned
names_mask(const struct name_count *nc, const struct name_count *own)
{
	unsigned mask = 0;

	for (int k = 0; k < NAMES_NTYPES; k++) {
		uint32_t n = nc->docs[k] - (own != NULL ? own->docs[k] : 0);
		if (n > 0)
			mask |= type_bit[k];
	}
	return mask;
}

/* Replaces the GAZ_TRAIN_* bits of a phrase's entry, adding it if new. */
static int
set_bits(struct gaz_table *gz, uint64_t key, unsigned mask)
{
	uint32_t m = gz->nslots - 1;

	for (uint32_t i = (uint32_t)(key >> 8) & m, k = 0; k < gz->nslots;
	    i = (i + 1) & m, k++) {
		uint64_t v = gz->slots[i];
		if (v == 0) {
			if (mask == 0)
				return 0;
			gz->slots[i] = key | mask;
			gz->entries++;
			return 0;
		}
		if ((v & ~(uint64_t)0xff) == key) {
			gz->slots[i] = (v & ~(uint64_t)TRAIN_BITS) | mask;
			return 0;
		}
	}
	return -1;
}

struct doc_names {
	uint64_t *keys;
	uint8_t *types;		/* 0..NAMES_NTYPES-1 */
	size_t n, cap;
};

static int
add_doc_name(void *arg, uint64_t key, int type)
{
	struct doc_names *dn = arg;

	if (dn->n == dn->cap) {
		size_t cap = dn->cap ? dn->cap * 2 : 256;
		uint64_t *k = realloc(dn->keys, cap * sizeof(*k));
		if (k == NULL)
			return -1;
		dn->keys = k;
		uint8_t *t = realloc(dn->types, cap * sizeof(*t));
		if (t == NULL)
			return -1;
		dn->types = t;
		dn->cap = cap;
	}
	dn->keys[dn->n] = key;
	dn->types[dn->n] = (uint8_t)type;
	dn->n++;
	return 0;
}

int
names_mark_doc(const struct names *t, const struct corpus *c, size_t d,
    int scheme, struct gaz_table *gz, int exclude)
{
	struct doc_names dn = { NULL, NULL, 0, 0 };
	int rc = each_name(c, d, scheme, add_doc_name, &dn);

	for (size_t i = 0; rc == 0 && i < dn.n; i++) {
		const struct name_count *nc = names_get(t, dn.keys[i]);
		if (nc == NULL)
			continue;
		/* The document counted once for each type it gives the name. */
		struct name_count own;
		memset(&own, 0, sizeof(own));
		for (size_t j = 0; j < dn.n; j++)
			if (dn.keys[j] == dn.keys[i])
				own.docs[dn.types[j]] = 1;
		rc = set_bits(gz, dn.keys[i], names_mask(nc,
		    exclude ? &own : NULL));
	}
	free(dn.keys);
	free(dn.types);
	return rc;
}

int
names_mark_all(const struct names *t, struct gaz_table *gz)
{
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->keys[i] != 0 &&
		    set_bits(gz, t->keys[i], names_mask(&t->vals[i], NULL)) != 0)
			return -1;
	return 0;
}
