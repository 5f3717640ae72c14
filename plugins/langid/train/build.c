/*
 * From counted n-grams to a model image.
 *
 * P(g | l) is the mean over l's sources (UDHR, help pages...) of
 * count / total n-grams in that source, so that a large source in one
 * domain does not drown the others; a source with very little text counts
 * less. An n-gram no more likely than e^unseen in a language is as good as
 * unseen there. Per n-gram, the max_postings most likely languages keep a
 * weight, log P - rest, capped (one n-gram must not outweigh a sentence);
 * every other language gets `rest`, the best log-probability among those
 * left out. Corrections learned afterwards (refine.c) are added to these
 * weights. "N-gram" here also means the whole words and pairs of words
 * features.c hands out.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../features.h"
#include "../model.h"
#include "train.h"

/* The prior from how common the language is alone. */
static float
speaker_prior(double speakers)
{
	double p;

	if (!(speakers > PRIOR_LOW_SPEAKERS))
		return 0.0f;
	p = PRIOR_SPEAKER_NATS * log10(speakers / PRIOR_LOW_SPEAKERS);
	return (float)(p < PRIOR_SPEAKER_MAX ? p : PRIOR_SPEAKER_MAX);
}

float
build_prior(uint64_t chars, int sources, double speakers, float top)
{
	double x, lo = log(PRIOR_LOW_BYTES), hi = log(PRIOR_HIGH_BYTES);
	float p = 0.0f, s = speaker_prior(speakers);

	if (chars > PRIOR_LOW_BYTES) {
		x = chars >= PRIOR_HIGH_BYTES ? 1.0 :
		    (log((double)chars) - lo) / (hi - lo);
		p = (float)x * top;
		/* One source is one genre, often one text: less known. */
		if (sources <= 1)
			p /= 2.0f;
	}
	return p > s ? p : s;
}

struct entry {
	uint64_t hash;
	uint32_t lang;
	float p;
};

struct counter {
	uint64_t *keys;
	double *counts;
	size_t cap, used;
};

static int
counter_grow(struct counter *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1 << 16, i;
	uint64_t *keys = calloc(cap, sizeof(*keys));
	double *counts = calloc(cap, sizeof(*counts));

	if (keys == NULL || counts == NULL) {
		free(keys);
		free(counts);
		return -ENOMEM;
	}
	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (t->keys[i] == 0)
			continue;
		for (j = t->keys[i] & (cap - 1); keys[j] != 0; j = (j + 1) & (cap - 1))
			;
		keys[j] = t->keys[i];
		counts[j] = t->counts[i];
	}
	free(t->keys);
	free(t->counts);
	t->keys = keys;
	t->counts = counts;
	t->cap = cap;
	return 0;
}

static int
counter_add(struct counter *t, uint64_t h, double w)
{
	size_t j;

	if (h == 0)
		h = 1;
	if (t->used * 2 >= t->cap && counter_grow(t) < 0)
		return -ENOMEM;
	for (j = h & (t->cap - 1); t->keys[j] != 0 && t->keys[j] != h;
	    j = (j + 1) & (t->cap - 1))
		;
	if (t->keys[j] == 0) {
		t->keys[j] = h;
		t->used++;
	}
	t->counts[j] += w;
	return 0;
}

struct entries {
	struct entry *e;
	size_t n, cap;
};

static int
entries_push(struct entries *v, uint64_t h, uint32_t lang, double p)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1 << 20;
		struct entry *e = realloc(v->e, cap * sizeof(*e));

		if (e == NULL)
			return -ENOMEM;
		v->e = e;
		v->cap = cap;
	}
	v->e[v->n].hash = h;
	v->e[v->n].lang = lang;
	v->e[v->n].p = (float)p;
	v->n++;
	return 0;
}

/* Counts one language's n-grams from one source into t; returns how many. */
static uint64_t
count_source(const struct corpus *c, uint32_t lang, int source,
    unsigned roles, const features_lexicons *lex, struct counter *t, int *rc)
{
	uint64_t hashes[64], total = 0;
	size_t i, k, n;

	for (i = 0; i < c->n_docs && *rc == 0; i++) {
		const struct doc *d = &c->docs[i];
		features_iter it;

		if (d->lang != lang || d->source != source ||
		    !(roles & (1u << d->role)))
			continue;
		features_begin(&it, d->text, d->len);
		features_use_lexicons(&it, lex);
		while (*rc == 0 && (n = features_next(&it, hashes, 64)) > 0)
			for (k = 0; k < n && *rc == 0; k++, total++)
				*rc = counter_add(t, hashes[k], 1.0);
	}
	return total;
}

/* The bytes of text one source has for one language. */
static uint64_t
source_bytes(const struct corpus *c, uint32_t lang, int source,
    unsigned roles)
{
	uint64_t bytes = 0;
	size_t i;

	for (i = 0; i < c->n_docs; i++) {
		const struct doc *d = &c->docs[i];

		if (d->lang == lang && d->source == source &&
		    (roles & (1u << d->role)))
			bytes += d->len;
	}
	return bytes;
}

/*
 * How much a source counts in a language's mean: fully from
 * FULL_SOURCE_BYTES (a short UDHR translation's worth), less below. A few
 * stray lines of a language in some package are no sample of it and must
 * not make up a third of its model.
 */
#define FULL_SOURCE_BYTES 16000.0

static double
source_weight(const struct corpus *c, uint32_t lang, int source,
    unsigned roles)
{
	double bytes = (double)source_bytes(c, lang, source, roles);

	return bytes >= FULL_SOURCE_BYTES ? 1.0 : bytes / FULL_SOURCE_BYTES;
}

/*
 * One language's n-gram probabilities, those likely enough to matter. Pairs
 * of words are many and mostly seen once: a pair counts from bp->min_pairs
 * occurrences in a source.
 */
static int
count_lang(const struct corpus *c, uint32_t lang, unsigned roles,
    const struct build_params *bp, struct entries *out)
{
	const features_lexicons *lex = bp->lexicons ? &bp->lexicons->view : NULL;
	struct counter mix = { 0 };
	uint32_t mask = c->langs[lang].source_mask;
	double w[32] = { 0 }, sum = 0;
	int s, rc = 0;
	size_t i;

	for (s = 0; s < c->n_sources && s < 32; s++)
		if (mask & (1u << s))
			sum += w[s] = source_weight(c, lang, s, roles);
	for (s = 0; s < c->n_sources && s < 32 && rc == 0; s++) {
		struct counter t = { 0 };
		uint64_t total;

		if (!(w[s] > 0))
			continue;
		total = count_source(c, lang, s, roles, lex, &t, &rc);
		for (i = 0; i < t.cap && rc == 0 && total > 0; i++)
			if (t.keys[i] != 0 && (t.counts[i] >= bp->min_pairs ||
			    !FEATURES_IS_PAIR(t.keys[i])))
				rc = counter_add(&mix, t.keys[i],
				    w[s] / sum * t.counts[i] / (double)total);
		free(t.keys);
		free(t.counts);
	}
	for (i = 0; i < mix.cap && rc == 0; i++)
		if (mix.keys[i] != 0 && mix.counts[i] > exp(bp->unseen))
			rc = entries_push(out, mix.keys[i], lang, mix.counts[i]);
	free(mix.keys);
	free(mix.counts);
	return rc;
}

static int
by_hash(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return 0;
}

struct scored {
	uint32_t lang;
	double logp;
};

static int
by_logp(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	return x->logp < y->logp ? 1 : x->logp > y->logp ? -1 : 0;
}

/*
 * Adds the corrections of n-gram hash to its m weights in pw (languages
 * without one get theirs as the whole weight: their naive Bayes weight is
 * the `rest` that cancels out); *at walks the sorted corrections along
 * with the n-grams. Returns the new count.
 */
static size_t
add_deltas(const struct build_params *bp, uint64_t hash, size_t *at,
    struct scored *pw, size_t m)
{
	const struct delta *d = bp->deltas;
	size_t k;

	while (*at < bp->n_deltas && d[*at].hash < hash)
		(*at)++;
	for (; *at < bp->n_deltas && d[*at].hash == hash; (*at)++) {
		for (k = 0; k < m && pw[k].lang != d[*at].lang; k++)
			;
		if (k == m) {
			pw[m].lang = d[*at].lang;
			pw[m++].logp = 0.0;
		}
		pw[k].logp += d[*at].w;
	}
	return m;
}

static int
by_strength(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	double u = fabs(x->logp), v = fabs(y->logp);

	if (u != v)
		return u < v ? 1 : -1;
	return x->lang < y->lang ? -1 : x->lang > y->lang;
}

struct image {
	char *buf;
	size_t len;
};

static uint64_t
align8(uint64_t n)
{
	return (n + 7) & ~(uint64_t)7;
}

/* Lays out the strings of the languages; returns its size. */
static uint32_t
strings_layout(const struct corpus *c, char *dst, struct model_lang *ml)
{
	uint32_t off = 1, i;

	if (dst != NULL)
		dst[0] = '\0';
	for (i = 0; i < c->n_langs; i++) {
		const char *s[3] = { c->langs[i].code, c->langs[i].iso3,
		    c->langs[i].name };
		uint32_t at[3];
		int k;

		for (k = 0; k < 3; k++) {
			size_t n = strlen(s[k]) + 1;

			if (dst != NULL)
				memcpy(dst + off, s[k], n);
			at[k] = off;
			off += (uint32_t)n;
		}
		if (ml != NULL) {
			ml[i].code = at[0];
			ml[i].iso3 = at[1];
			ml[i].name = at[2];
		}
	}
	return off;
}

/*
 * Lays out the word lists from off (8-aligned): their table, then each bit
 * array; writes them when buf is not NULL. Returns the end offset.
 */
static uint64_t
lexicons_layout(const struct train_lexicons *lx, char *buf, uint64_t off)
{
	struct model_lexicon *t = buf ? (void *)(buf + off) : NULL;
	uint64_t at;
	int i;

	if (lx == NULL || lx->view.n == 0)
		return off;
	at = align8(off + (uint64_t)lx->view.n * sizeof(*t));
	for (i = 0; i < lx->view.n; i++) {
		uint64_t bytes = lx->view.list[i].n_bits / 8;

		if (t != NULL) {
			t[i].lang = lx->lang[i];
			t[i].group = lx->view.list[i].group;
			t[i].n_bits = lx->view.list[i].n_bits;
			t[i].bits_off = at;
			memcpy(buf + at, lx->bits[i], bytes);
		}
		at += bytes;
	}
	return at;
}

void
build_set_temperature(void *image, size_t len, float temperature)
{
	struct model_header *h = image;

	h->temperature = temperature;
	h->checksum = model_checksum((char *)image + sizeof(*h), len - sizeof(*h));
}

int
build_model(const struct corpus *c, unsigned roles,
    const struct build_params *bp, void **out, size_t *out_len, char *err,
    size_t errlen)
{
	struct entries v = { 0 };
	struct scored *sc = NULL, *pw = NULL;
	uint32_t *slot_gram = NULL, *gram_start = NULL, n_grams = 0, n_slots;
	struct model_posting *post = NULL;
	uint64_t *gram_hash = NULL;
	size_t i, j, n_post = 0, di = 0;
	uint32_t l;
	int rc = -ENOMEM;

	sc = calloc(c->n_langs, sizeof(*sc));
	pw = calloc(c->n_langs, sizeof(*pw));
	if (sc == NULL || pw == NULL)
		goto done;
	for (l = 0; l < c->n_langs; l++)
		if ((rc = count_lang(c, l, roles, bp, &v)) < 0)
			goto done;
	rc = -ENOMEM;
	qsort(v.e, v.n, sizeof(*v.e), by_hash);

	/* Postings grouped by n-gram, in hash order for now. */
	post = malloc((v.n + bp->n_deltas) * sizeof(*post));
	gram_hash = malloc((v.n + 1) * sizeof(*gram_hash));
	gram_start = malloc((v.n + 1) * sizeof(*gram_start));
	if (post == NULL || gram_hash == NULL || gram_start == NULL)
		goto done;
	for (i = 0; i < v.n; i = j) {
		size_t n = 0, k, m = 0;
		double rest = bp->unseen, cap;

		for (j = i; j < v.n && v.e[j].hash == v.e[i].hash; j++) {
			sc[n].lang = v.e[j].lang;
			sc[n].logp = log((double)v.e[j].p);
			n++;
		}
		qsort(sc, n, sizeof(*sc), by_logp);
		if (n > (size_t)bp->max_postings) {
			rest = sc[bp->max_postings].logp;
			n = (size_t)bp->max_postings;
		}
		cap = FEATURES_IS_WORD(v.e[i].hash) ? bp->word_cap : bp->cap;
		for (k = 0; k < n; k++) {
			double w = sc[k].logp - rest < cap ? sc[k].logp - rest : cap;

			if (w * MODEL_WEIGHT_SCALE < 1.0)
				break;
			pw[m].lang = sc[k].lang;
			pw[m++].logp = w;
		}
		/*
		 * An n-gram one language alone has, and rarely: what it adds is
		 * hardly more than its absence would, and such n-grams are
		 * most of the table.
		 */
		if (m == 1 && pw[0].logp < bp->lone_min)
			m = 0;
		m = add_deltas(bp, v.e[i].hash, &di, pw, m);
		/*
		 * Corrections reach many languages for the commonest n-grams;
		 * every posting costs an addition per occurrence, so keep the
		 * strongest max_postings as naive Bayes does.
		 */
		if (m > (size_t)bp->max_postings) {
			qsort(pw, m, sizeof(*pw), by_strength);
			m = (size_t)bp->max_postings;
		}
		gram_hash[n_grams] = v.e[i].hash;
		gram_start[n_grams] = (uint32_t)n_post;
		for (k = 0; k < m; k++) {
			double w = pw[k].logp * MODEL_WEIGHT_SCALE;

			w = w > 32767.0 ? 32767.0 : w < -32767.0 ? -32767.0 : w;
			if (lround(w) == 0)
				continue;
			post[n_post].lang = (uint16_t)pw[k].lang;
			post[n_post].weight = (int16_t)lround(w);
			n_post++;
		}
		if (n_post > gram_start[n_grams])
			n_grams++;
	}
	gram_start[n_grams] = (uint32_t)n_post;

	n_slots = (uint32_t)((double)n_grams / MODEL_MAX_LOAD) + 64;
	slot_gram = malloc((size_t)n_slots * sizeof(*slot_gram));
	if (slot_gram == NULL)
		goto done;
	memset(slot_gram, 0xff, (size_t)n_slots * sizeof(*slot_gram));
	for (i = 0; i < n_grams; i++) {
		uint32_t s = model_home(gram_hash[i], n_slots);

		while (slot_gram[s] != UINT32_MAX)
			if (++s == n_slots)
				s = 0;
		slot_gram[s] = (uint32_t)i;
	}

	{
		struct model_header h;
		uint32_t strings_size = strings_layout(c, NULL, NULL);
		uint64_t langs_off = align8(sizeof(h));
		uint64_t slots_off = align8(langs_off +
		    (uint64_t)c->n_langs * sizeof(struct model_lang));
		uint64_t postings_off = align8(slots_off +
		    ((uint64_t)n_slots + 1) * sizeof(struct model_slot));
		uint64_t strings_off = align8(postings_off +
		    (uint64_t)n_post * sizeof(struct model_posting));
		uint64_t lexicons_off = align8(strings_off + strings_size);
		uint64_t size = lexicons_layout(bp->lexicons, NULL,
		    lexicons_off);
		char *buf = calloc(1, size);
		struct model_lang *ml;
		struct model_slot *slots;
		struct model_posting *dst;
		uint32_t at = 0;

		if (buf == NULL)
			goto done;
		memset(&h, 0, sizeof(h));
		memcpy(h.magic, MODEL_MAGIC, 8);
		h.version = MODEL_VERSION;
		h.header_size = sizeof(h);
		h.file_size = size;
		h.n_langs = c->n_langs;
		h.n_slots = n_slots;
		h.n_postings = (uint32_t)n_post;
		h.max_order = FEATURES_MAX_ORDER;
		h.langs_off = langs_off;
		h.slots_off = slots_off;
		h.postings_off = postings_off;
		h.strings_off = strings_off;
		h.strings_size = strings_size;
		if (bp->lexicons != NULL && bp->lexicons->view.n > 0) {
			h.n_lexicons = (uint32_t)bp->lexicons->view.n;
			h.lexicons_off = lexicons_off;
			lexicons_layout(bp->lexicons, buf, lexicons_off);
		}
		ml = (struct model_lang *)(buf + langs_off);
		slots = (struct model_slot *)(buf + slots_off);
		dst = (struct model_posting *)(buf + postings_off);
		for (l = 0; l < c->n_langs; l++) {
			memcpy(ml[l].script, script_code(c->langs[l].script), 4);
			ml[l].prior = build_prior(c->langs[l].chars,
			    c->langs[l].sources, c->langs[l].speakers, bp->prior);
			ml[l].temperature = bp->lang_temperature != NULL ?
			    bp->lang_temperature[l] : 0.0f;
			ml[l].train_chars = (uint32_t)(c->langs[l].chars > UINT32_MAX ?
			    UINT32_MAX : c->langs[l].chars);
		}
		strings_layout(c, buf + strings_off, ml);
		for (i = 0; i < n_slots; i++) {
			uint32_t g = slot_gram[i];

			slots[i].start = at;
			if (g == UINT32_MAX)
				continue;
			slots[i].fp = model_fingerprint(gram_hash[g]);
			memcpy(dst + at, post + gram_start[g],
			    (gram_start[g + 1] - gram_start[g]) * sizeof(*dst));
			at += gram_start[g + 1] - gram_start[g];
		}
		slots[n_slots].start = at;
		memcpy(buf, &h, sizeof(h));
		build_set_temperature(buf, size, bp->temperature);
		*out = buf;
		*out_len = size;
		fprintf(stderr, "langid-train: %u languages, %u n-grams, %zu "
		    "postings, %u slots, %llu bytes\n", c->n_langs, n_grams,
		    n_post, n_slots, (unsigned long long)size);
		rc = 0;
	}
done:
	if (rc < 0)
		snprintf(err, errlen, "out of memory");
	free(v.e);
	free(sc);
	free(pw);
	free(post);
	free(gram_hash);
	free(gram_start);
	free(slot_gram);
	return rc;
}
