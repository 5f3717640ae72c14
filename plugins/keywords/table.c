/*
 * The candidate table: phrases keyed by their terms in an open-addressing
 * hash, each with its count and its commonest written forms.
 */
#include <stdlib.h>
#include <string.h>

#include <lector/plugin.h>

#include "candidates.h"

static uint32_t
key_hash(const int32_t *id, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (uint32_t)id[i];
		h *= 16777619u;
	}
	return h ^ (uint32_t)n;
}

/*
 * The room for phrases is asked for whole: the pages of what is not used
 * are never touched, so a short article costs no more, while growing it
 * by copies left each smaller array freed in the heap beside the table
 * (some 0.9 MB of 1 MB of distinct text's 2 MB table).
 */
int
table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
	t->cap = PHRASE_CANDIDATES;
	t->nslots = PHRASE_CANDIDATES * 2;
	t->p = malloc(t->cap * sizeof(*t->p));
	t->slot = malloc(t->nslots * sizeof(*t->slot));
	if (t->p == NULL || t->slot == NULL)
		return LECTOR_ENOMEM;
	memset(t->slot, 0xff, t->nslots * sizeof(*t->slot));
	return LECTOR_OK;
}

void
table_free(struct table *t)
{
	free(t->p);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

int32_t *
table_find(struct table *t, const int32_t *id, size_t n)
{
	size_t i = key_hash(id, n) & (t->nslots - 1);

	for (;;) {
		int32_t s = t->slot[i];
		if (s < 0 || (t->p[s].n == n &&
		    memcmp(t->p[s].id, id, n * sizeof(*id)) == 0))
			return &t->slot[i];
		i = (i + 1) & (t->nslots - 1);
	}
}

struct phrase *
table_lookup(struct table *t, const int32_t *id, size_t n)
{
	int32_t s = *table_find(t, id, n);

	return s < 0 ? NULL : &t->p[s];
}

/* Counts the written form of one occurrence. */
static void
add_form(const char *text, struct phrase *p, const struct where *w)
{
	struct phrase_form *f;
	size_t i;

	for (i = 0; i < p->nform; i++) {
		f = &p->form[i];
		if (f->len == w->len &&
		    memcmp(text + f->at, text + w->at, w->len) == 0) {
			f->count++;
			f->mid |= (uint8_t)w->mid;
			return;
		}
	}
	if (p->nform == PHRASE_FORMS)
		return;		/* a rare fourth spelling is never the commonest */
	f = &p->form[p->nform++];
	f->at = w->at;
	f->len = w->len;
	f->count = 1;
	f->mid = (uint8_t)w->mid;
}

/* Puts every phrase in t->slot afresh (slots sized already). */
static void
rehash(struct table *t)
{
	size_t i, h;

	memset(t->slot, 0xff, t->nslots * sizeof(*t->slot));
	for (i = 0; i < t->n; i++) {
		h = key_hash(t->p[i].id, t->p[i].n) & (t->nslots - 1);
		while (t->slot[h] >= 0)
			h = (h + 1) & (t->nslots - 1);
		t->slot[h] = (int32_t)i;
	}
}

/* A name and its aliases are kept whatever their counts. */
static int
kept(const struct phrase *p)
{
	return p->entity || p->alias;
}

#define COUNT_BUCKETS 64

/*
 * Lossy counting, for a table that is full: drops the n-grams seen
 * least, about half the table, so that a long text of distinct words
 * keeps its candidates in PHRASE_CANDIDATES and the phrases it repeats
 * keep counting (one dropped and seen again starts over from 1). Names
 * are kept. Returns how many were dropped: 0 when fewer than a quarter
 * of the table could be, so that a table of names grows instead of
 * being scanned again at every new n-gram (time stays linear). The
 * other phrases keep their order.
 */
static size_t
evict(struct table *t)
{
	size_t hist[COUNT_BUCKETS] = { 0 }, open = 0, below = 0, i, n = 0;
	uint32_t most;

	for (i = 0; i < t->n; i++)
		if (!kept(&t->p[i])) {
			hist[t->p[i].count < COUNT_BUCKETS ? t->p[i].count :
			    COUNT_BUCKETS - 1]++;
			open++;
		}
	if (open < t->n / 4 || open == 0)
		return 0;
	/* The least count that drops half the table, or every open one. */
	for (most = 1; most < COUNT_BUCKETS - 1; most++)
		if ((below += hist[most]) >= t->n / 2)
			break;
	if (most == COUNT_BUCKETS - 1)
		most = UINT32_MAX;
	for (i = 0; i < t->n; i++)
		if (kept(&t->p[i]) || t->p[i].count > most)
			t->p[n++] = t->p[i];
	i = t->n - n;
	t->n = n;
	rehash(t);
	return i;
}

/*
 * Grows the room for phrases by half (doubling left up to half of the
 * largest table of a long article unused: 8 MB of 18 on 1.76 MB of
 * news), and doubles the hash when that would be more than half full.
 * Up to PHRASE_CANDIDATES; past it only when evict cannot make room
 * (names the table must keep). Returns 0, or -1 when out of memory.
 */
static int
grow(struct table *t)
{
	size_t cap = t->cap + t->cap / 2, nslots = t->nslots * 2;
	struct phrase *p;
	int32_t *slot;

	if (t->cap < PHRASE_CANDIDATES && cap > PHRASE_CANDIDATES)
		cap = PHRASE_CANDIDATES;
	if (cap > INT32_MAX / 2) {
		t->nomem = 1;
		return -1;
	}
	p = realloc(t->p, cap * sizeof(*p));
	if (p == NULL) {
		t->nomem = 1;
		return -1;
	}
	t->p = p;
	t->cap = cap;
	if (cap * 2 <= t->nslots)
		return 0;
	slot = malloc(nslots * sizeof(*slot));
	if (slot == NULL) {
		t->nomem = 1;
		return -1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = nslots;
	rehash(t);
	return 0;
}

/*
 * Counts one occurrence of an n-gram. When the table is full, the
 * n-grams seen least make room (evict); returns NULL when out of memory.
 */
struct phrase *
table_add(struct table *t, const char *text, const int32_t *id, size_t n,
    const struct where *w)
{
	int32_t *s = table_find(t, id, n);
	struct phrase *p;

	if (*s >= 0) {
		p = &t->p[*s];
		p->count++;
		if (w->sentence != p->last_sentence) {
			p->sentences++;
			p->last_sentence = w->sentence;
		}
		add_form(text, p, w);
		return p;
	}
	if (t->n == t->cap) {
		if ((t->cap < PHRASE_CANDIDATES || evict(t) == 0) &&
		    grow(t) != 0)
			return NULL;
		s = table_find(t, id, n);
	}
	p = &t->p[t->n];
	memset(p, 0, sizeof(*p));
	memcpy(p->id, id, n * sizeof(*id));
	p->n = (uint8_t)n;
	p->count = 1;
	p->sentences = 1;
	p->last_sentence = w->sentence;
	p->tok = w->tok;
	p->bigram = (uint8_t)w->bigram;
	add_form(text, p, w);
	*s = (int32_t)t->n++;
	return p;
}
