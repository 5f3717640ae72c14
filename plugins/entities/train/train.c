/*
 * train-entities: trains the entity tagger and writes its model file.
 *
 *   train-entities [--data DIR] [--out FILE] [--epochs N] [--scheme S]
 *                  [--stages N] [--folds N] [--wikigold | --wikigold-even]
 *                  [--wikigold-times N] [--min-count N]
 *                  [--seed N] [--ensemble K] [--set LANG-SOURCE]...
 *                  [--extra LANG-SOURCE | --extra FILE]...
 *
 * Without --set: English, CoNLL-2003 train and valid. With --set (one or
 * more of ner/multi/LANG-SOURCE, all of one language): that language's
 * model, trained on the sets' train.conll and scored on their dev.conll.
 * --extra adds a set's train.conll to the training data only (any
 * language: the features are the same in every language, so a related
 * language's data can teach the shared ones); a value with a slash is a
 * CoNLL file of its own (WNUT-17's types are read as PER, ORG, LOC and
 * MISC: corpus.c). --wikigold-times N shows each wikigold document N times
 * an epoch: the only Wikipedia text among newswire.
 *
 * A linear model over the features of features.c, trained online with
 * passive-aggressive updates and averaged weights, decoded greedily left to
 * right with the two previous labels as features; trained on CoNLL-2003
 * train and scored on CoNLL-2003 valid after every epoch. With --ensemble K
 * (5 unless told), K such models are trained on different shuffles of the
 * documents and their weights averaged. The weights of the best epoch are
 * written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../hash.h"
#include "../model.h"
#include "../scheme.h"
#include "../stem.h"
#include "corpus.h"
#include "gazetteers.h"
#include "names.h"

struct options {
	const char *data, *out;
	int epochs, scheme, wikigold, min_count, stages, folds, ensemble;
	int wikigold_times;
	unsigned seed;
	const char *sets[8];	/* ner/multi/LANG-SOURCE, none: English */
	int nsets;
	const char *extra[8];	/* more training sets, of any language */
	int nextra;
	int own_names;	/* the training set's names as a gazetteer */
	const char *dictionary;	/* a word list of the language, or NULL */
	const char *places;	/* the language's place names, or NULL */
	uint32_t max_rows;	/* at most this many rows written, 0: all */
	/*
	 * The training documents of an epoch, in order before the shuffle:
	 * each once, the wikigold ones wikigold_times.
	 */
	size_t *schedule;
	size_t nschedule;
	char language[8], name[48];
};

/* Feature hash -> count, then -> row. */
struct ftable {
	uint64_t *keys;
	uint32_t *vals;
	uint32_t cap, used;
};

struct percep {
	float *w, *best;
	double *u;	/* sum of c * update, for averaging */
	uint32_t rows;
	int nl;
	double c;
};

static void
die(const char *what)
{
	fprintf(stderr, "train-entities: %s\n", what);
	exit(1);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (p == NULL)
		die("out of memory");
	return p;
}

static uint32_t *
ft_find(const struct ftable *t, uint64_t key)
{
	uint32_t m = t->cap - 1;

	for (uint32_t i = (uint32_t)(key >> 7) & m;; i = (i + 1) & m)
		if (t->keys[i] == key || t->keys[i] == 0)
			return &t->vals[i];
}

static void ft_add(struct ftable *t, uint64_t key, uint32_t val);

static void
ft_grow(struct ftable *t)
{
	struct ftable n = { NULL, NULL, t->cap ? t->cap * 2 : 1u << 20, 0 };

	n.keys = xcalloc(n.cap, sizeof(*n.keys));
	n.vals = xcalloc(n.cap, sizeof(*n.vals));
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->keys[i] != 0)
			ft_add(&n, t->keys[i], t->vals[i]);
	free(t->keys);
	free(t->vals);
	*t = n;
}

static void
ft_add(struct ftable *t, uint64_t key, uint32_t val)
{
	if ((t->used + 1) * 2 > t->cap)
		ft_grow(t);
	uint32_t *v = ft_find(t, key);
	if (t->keys[v - t->vals] == 0) {
		t->keys[v - t->vals] = key;
		t->used++;
	}
	*v += val;
}

static int
ft_get(const struct ftable *t, uint64_t key, uint32_t *val)
{
	uint32_t *v = ft_find(t, key);

	if (t->keys[v - t->vals] == 0)
		return 0;
	*val = *v;
	return 1;
}

static struct ner_sent
as_sent(const struct csent *s)
{
	struct ner_sent ns = { s->w, s->n, s->info, s->headline };
	return ns;
}

/* ---- counting: which features are worth a row ---- */

/* Builds the first stage's view of a document for the second. */
static void
aggregate(const struct corpus *c, const struct cdoc *cd, int scheme,
    struct ner_doc *agg)
{
	struct ner_sent *s = xcalloc(cd->count ? cd->count : 1, sizeof(*s));

	for (size_t k = 0; k < cd->count; k++)
		s[k] = as_sent(&c->sents[cd->first + k]);
	if (ner_doc_aggregate(agg, s, cd->count, scheme) != 0)
		die("out of memory");
	free(s);
}

static void
observe(const struct corpus *c, const struct cdoc *cd, struct ner_doc *doc)
{
	ner_doc_reset(doc);
	for (size_t k = 0; k < cd->count; k++) {
		struct ner_sent s = as_sent(&c->sents[cd->first + k]);
		if (ner_doc_observe(doc, &s) != 0)
			die("out of memory");
	}
}

/* Counts features over gold label histories. */
static void
count_features(const struct corpus *c, int scheme, int stage,
    struct ftable *counts)
{
	uint64_t f[NER_FEATURES_MAX];
	struct ner_doc doc, agg;

	if (ner_doc_init(&doc) != 0 || ner_doc_init(&agg) != 0)
		die("out of memory");
	for (size_t d = 0; d < c->ndocs; d++) {
		const struct cdoc *cd = &c->docs[d];
		observe(c, cd, &doc);
		if (stage == 2)
			aggregate(c, cd, scheme, &agg);
		for (size_t k = 0; k < cd->count; k++) {
			const struct csent *cs = &c->sents[cd->first + k];
			struct ner_sent s = as_sent(cs);
			int prev = LABEL_O, prev2 = LABEL_O;
			for (size_t i = 0; i < s.n; i++) {
				size_t n = ner_features_static(&s, i, &doc, f);
				n += ner_features_dynamic(&s, i, &doc, prev,
				    prev2, f + n);
				if (stage == 2)
					n = ner_features_stage2(&s, i, &agg, f, n);
				for (size_t j = 0; j < n; j++)
					ft_add(counts, f[j], 1);
				prev2 = prev;
				prev = cs->gold[i];
				ner_doc_label(&doc, &s, i,
				    scheme_type(scheme, cs->gold[i]),
				    scheme_in_longer(scheme, cs->gold[i]));
			}
		}
	}
	ner_doc_free(&doc);
	ner_doc_free(&agg);
}

/* ---- the perceptron ---- */

static size_t
rows_of(const struct ftable *rows, const uint64_t *f, size_t n, uint32_t *out)
{
	size_t k = 0;

	for (size_t j = 0; j < n; j++)
		if (ft_get(rows, f[j], &out[k]))
			k++;
	return k;
}

static int
best_label(int scheme, int nl, const float *score, int prev, int last)
{
	int best = LABEL_O;

	for (int l = 1; l < nl; l++) {
		if (!scheme_allowed(scheme, prev, l))
			continue;
		if (last && !scheme_may_end(scheme, l))
			continue;
		if (score[l] > score[best])
			best = l;
	}
	return best;
}

static void
update(struct percep *p, const uint32_t *r, size_t n, int label, float d)
{
	for (size_t j = 0; j < n; j++) {
		size_t at = (size_t)r[j] * p->nl + label;
		p->w[at] += d;
		p->u[at] += p->c * d;
	}
}

/*
 * Passive-aggressive step (PA-I, Crammer et al. 2006): just enough to
 * score the gold label one above the wrong one, over the 2n weights that
 * change, capped at 1. On the dev set it beats the perceptron's fixed step
 * by about one point of F1 (see model/MODEL.md).
 */
static float
step(float margin, size_t n)
{
	float tau = (margin + 1) / (2.0f * (float)(n ? n : 1));

	return tau < 1 ? tau : 1;
}

/* How to run a pass over documents. */
struct pass {
	struct percep *p;
	const float *w;		/* the weights that score */
	const struct ftable *rows;
	int scheme, stage;
	int train;		/* update p on mistakes */
	int keep_s1;		/* first stage: keep labels in info[].s1 */
	struct ner_doc doc, agg;
	uint8_t **pred;		/* labels out, by sentence, or NULL */
};

static void
pass_init(struct pass *ps, struct percep *p, const float *w,
    const struct ftable *rows, int scheme, int stage)
{
	memset(ps, 0, sizeof(*ps));
	ps->p = p;
	ps->w = w;
	ps->rows = rows;
	ps->scheme = scheme;
	ps->stage = stage;
	if (ner_doc_init(&ps->doc) != 0 || ner_doc_init(&ps->agg) != 0)
		die("out of memory");
}

static void
pass_free(struct pass *ps)
{
	ner_doc_free(&ps->doc);
	ner_doc_free(&ps->agg);
}

static int
decide(struct pass *ps, const struct csent *cs, size_t i, int prev,
    int prev2)
{
	uint64_t f[NER_FEATURES_MAX];
	uint32_t r[NER_FEATURES_MAX];
	float score[LABELS_MAX];
	struct percep *p = ps->p;
	struct ner_sent s = as_sent(cs);

	size_t n = ner_features_static(&s, i, &ps->doc, f);
	n += ner_features_dynamic(&s, i, &ps->doc, prev, prev2, f + n);
	if (ps->stage == 2)
		n = ner_features_stage2(&s, i, &ps->agg, f, n);
	size_t nr = rows_of(ps->rows, f, n, r);
	memset(score, 0, sizeof(score));
	for (size_t j = 0; j < nr; j++) {
		const float *row = ps->w + (size_t)r[j] * p->nl;
		for (int l = 0; l < p->nl; l++)
			score[l] += row[l];
	}
	int y = best_label(ps->scheme, p->nl, score, prev, i + 1 == s.n);
	if (ps->train) {
		p->c += 1;
		if (y != cs->gold[i]) {
			float tau = step(score[y] - score[cs->gold[i]], nr);
			update(p, r, nr, cs->gold[i], tau);
			update(p, r, nr, y, -tau);
		}
	}
	return y;
}

/* Tags one document greedily, as the plugin does. */
static void
tag_doc(struct pass *ps, const struct corpus *c, const struct cdoc *cd)
{
	observe(c, cd, &ps->doc);
	if (ps->stage == 2)
		aggregate(c, cd, ps->scheme, &ps->agg);
	for (size_t k = 0; k < cd->count; k++) {
		const struct csent *cs = &c->sents[cd->first + k];
		struct ner_sent s = as_sent(cs);
		int prev = LABEL_O, prev2 = LABEL_O;
		for (size_t i = 0; i < s.n; i++) {
			int y = decide(ps, cs, i, prev, prev2);
			if (ps->pred != NULL)
				ps->pred[cd->first + k][i] = (uint8_t)y;
			if (ps->keep_s1)
				cs->info[i].s1 = (uint8_t)y;
			ner_doc_label(&ps->doc, &s, i, scheme_type(ps->scheme, y),
			    scheme_in_longer(ps->scheme, y));
			prev2 = prev;
			prev = y;
		}
	}
}

static void
average(const struct percep *p, float *out)
{
	size_t n = (size_t)p->rows * p->nl;

	for (size_t i = 0; i < n; i++)
		out[i] = p->w[i] - (float)(p->u[i] / p->c);
}

/* ---- scoring, conlleval rules: exact span and type ---- */

struct prf {
	long tp[NER_NTYPES], fp[NER_NTYPES], fn[NER_NTYPES];
};

static void
score_sentence(struct prf *s, int scheme, const uint8_t *gold,
    const uint8_t *pred, size_t n)
{
	struct span g[512], p[512];
	size_t ng = scheme_decode(scheme, gold, n, g, 512);
	size_t np = scheme_decode(scheme, pred, n, p, 512);

	for (size_t i = 0; i < np; i++) {
		int hit = 0;
		for (size_t j = 0; j < ng && !hit; j++)
			hit = g[j].first == p[i].first && g[j].last == p[i].last &&
			    g[j].type == p[i].type;
		if (hit)
			s->tp[p[i].type]++;
		else
			s->fp[p[i].type]++;
	}
	for (size_t j = 0; j < ng; j++) {
		int hit = 0;
		for (size_t i = 0; i < np && !hit; i++)
			hit = g[j].first == p[i].first && g[j].last == p[i].last &&
			    g[j].type == p[i].type;
		if (!hit)
			s->fn[g[j].type]++;
	}
}

static double
f1(long tp, long fp, long fn)
{
	double pr = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	double rc = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	return pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
}

static double
report(const struct prf *s, int verbose)
{
	long tp = 0, fp = 0, fn = 0;

	for (int t = 0; t < NER_NTYPES; t++) {
		tp += s->tp[t];
		fp += s->fp[t];
		fn += s->fn[t];
		if (verbose)
			printf("  %-5s P %.4f R %.4f F1 %.4f\n",
			    scheme_type_name(t),
			    s->tp[t] + s->fp[t] ? (double)s->tp[t] /
			    (double)(s->tp[t] + s->fp[t]) : 0,
			    s->tp[t] + s->fn[t] ? (double)s->tp[t] /
			    (double)(s->tp[t] + s->fn[t]) : 0,
			    f1(s->tp[t], s->fp[t], s->fn[t]));
	}
	return f1(tp, fp, fn);
}

static double
evaluate(struct percep *p, const float *w, const struct ftable *rows,
    const struct corpus *dev, int scheme, int stage, int verbose)
{
	struct pass ps;
	struct prf s;
	uint8_t **pred = xcalloc(dev->nsents, sizeof(*pred));

	memset(&s, 0, sizeof(s));
	pass_init(&ps, p, w, rows, scheme, stage);
	ps.pred = pred;
	for (size_t i = 0; i < dev->nsents; i++)
		pred[i] = xcalloc(dev->sents[i].n, 1);
	for (size_t d = 0; d < dev->ndocs; d++)
		tag_doc(&ps, dev, &dev->docs[d]);
	for (size_t i = 0; i < dev->nsents; i++) {
		score_sentence(&s, scheme, dev->sents[i].gold, pred[i],
		    dev->sents[i].n);
		free(pred[i]);
	}
	free(pred);
	pass_free(&ps);
	return report(&s, verbose);
}

/* ---- the lexicon of tokens with inner punctuation ---- */

/*
 * Tokens a tokenizer may cut in two that the training data keeps whole:
 * "U.S.", "Corp.", "AT&T", "'s", and list numbers such as "3.".
 */
static int
wants_lexicon(const struct ner_word *w)
{
	int alpha = 0, digits = 0, punct = 0;

	for (uint32_t i = 0; i < w->len; i++) {
		unsigned char ch = (unsigned char)w->s[i];
		if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
			alpha = 1;
		else if (ch >= '0' && ch <= '9')
			digits++;
		else if (ch == '.' || ch == '&' || ch == '/' || ch == '$' ||
		    ch == '\'')
			punct = 1;
	}
	if (!alpha && digits > 0 && digits <= 2 && w->len == (uint32_t)digits + 1)
		return w->s[w->len - 1] == '.';
	return alpha && punct && w->len > 1;
}

static uint64_t *
build_lexicon(const struct corpus *c, uint32_t *nslots)
{
	struct ftable seen = { 0 };

	for (size_t i = 0; i < c->nsents; i++)
		for (size_t k = 0; k < c->sents[i].n; k++)
			if (wants_lexicon(&c->sents[i].w[k]))
				ft_add(&seen, hash_final(hash_bytes(HASH_SEED,
				    c->sents[i].w[k].s, c->sents[i].w[k].len)), 1);
	uint32_t n = 1;
	while (n < seen.used * 2 + 2)
		n <<= 1;
	uint64_t *lex = xcalloc(n, sizeof(*lex));
	for (uint32_t i = 0; i < seen.cap; i++) {
		uint64_t h = seen.keys[i];
		if (h == 0)
			continue;
		uint32_t j = (uint32_t)h & (n - 1);
		while (lex[j] != 0)
			j = (j + 1) & (n - 1);
		lex[j] = h;
	}
	free(seen.keys);
	free(seen.vals);
	*nslots = n;
	return lex;
}

/* ---- writing ---- */

static uint32_t
quantize(const struct percep *p, const struct ftable *rows, float scale,
    uint64_t *keys, int16_t *w)
{
	uint32_t kept = 0;

	for (uint32_t i = 0; i < rows->cap; i++) {
		if (rows->keys[i] == 0)
			continue;
		const float *src = p->best + (size_t)rows->vals[i] * p->nl;
		int16_t *dst = w + (size_t)kept * p->nl;
		int any = 0;
		for (int l = 0; l < p->nl; l++) {
			dst[l] = (int16_t)lrintf(src[l] / scale);
			any |= dst[l] != 0;
		}
		/* A feature that never moved a weight costs space for nothing. */
		if (any)
			keys[kept++] = rows->keys[i];
	}
	return kept;
}

static int
row_peak(const int16_t *w, int nl)
{
	int peak = 0;

	for (int l = 0; l < nl; l++)
		if (abs(w[l]) > peak)
			peak = abs(w[l]);
	return peak;
}

/*
 * --max-rows N (one stage): keeps the rows whose largest weight is
 * largest, at most N of them, in their order; the rows dropped are those
 * that move a score least. The model's index has a power of two slots,
 * twice the rows or more, so a few rows less can halve it. Returns the
 * rows kept.
 */
static uint32_t
prune_rows(uint64_t *keys, int16_t *w, int nl, uint32_t n, uint32_t max)
{
	uint32_t *count = xcalloc(32769, sizeof(*count));
	uint32_t above = 0;
	int t = 32768;

	if (max == 0 || n <= max) {
		free(count);
		return n;
	}
	for (uint32_t i = 0; i < n; i++)
		count[row_peak(w + (size_t)i * nl, nl)]++;
	/* The lowest peak t whose rows above it still fit. */
	while (t > 0 && above + count[t] <= max)
		above += count[t--];
	uint32_t kept = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (row_peak(w + (size_t)i * nl, nl) <= t)
			continue;
		keys[kept] = keys[i];
		memmove(w + (size_t)kept * nl, w + (size_t)i * nl,
		    (size_t)nl * sizeof(*w));
		kept++;
	}
	free(count);
	return kept;
}

static float
max_weight(const struct percep *p)
{
	float m = 0;

	for (size_t i = 0; i < (size_t)p->rows * p->nl; i++)
		if (fabsf(p->best[i]) > m)
			m = fabsf(p->best[i]);
	return m;
}

/* Writes both stages' weights (p2 may be NULL) in one table. */
static void
write_model(const struct options *o, const struct percep *p1,
    const struct ftable *rows1, const struct percep *p2,
    const struct ftable *rows2, const struct gaz_table *gz,
    const uint64_t *lex, uint32_t lex_slots)
{
	char err[512];
	float maxabs = max_weight(p1);
	uint32_t total = p1->rows + (p2 ? p2->rows : 0);

	if (p2 != NULL && max_weight(p2) > maxabs)
		maxabs = max_weight(p2);
	float scale = maxabs > 0 ? maxabs / 32767.0f : 1;
	uint64_t *keys = xcalloc(total, sizeof(*keys));
	int16_t *w = xcalloc((size_t)total * p1->nl, sizeof(*w));
	uint32_t kept = quantize(p1, rows1, scale, keys, w);
	if (p2 != NULL)
		kept += quantize(p2, rows2, scale, keys + kept,
		    w + (size_t)kept * p1->nl);
	else
		kept = prune_rows(keys, w, p1->nl, kept, o->max_rows);
	struct model_spec sp = {
		.language = o->language, .name = o->name, .scheme = o->scheme,
		.nlabels = p1->nl, .stages = p2 ? 2 : 1, .scale = scale,
		.nrows = kept, .keys = keys, .weights = w, .gaz = gz->slots,
		.gaz_slots = gz->nslots, .lex = lex, .lex_slots = lex_slots
	};
	if (model_write(&sp, o->out, err, sizeof(err)) != 0)
		die(err);
	printf("wrote %s: %u feature rows of %u\n", o->out, kept, total);
	free(keys);
	free(w);
}

/*
 * The language and name the model carries: "en", "en-conll2003"; for sets,
 * the language before the dash and the sets joined ("de-conll2003").
 */
static void
name_model(struct options *o)
{
	size_t lang_len;

	if (o->nsets == 0) {
		snprintf(o->language, sizeof(o->language), "en");
		snprintf(o->name, sizeof(o->name), "en-conll2003");
		return;
	}
	lang_len = strcspn(o->sets[0], "-");
	if (lang_len == 0 || lang_len >= sizeof(o->language) ||
	    o->sets[0][lang_len] != '-')
		die("a set is named LANG-SOURCE, e.g. de-conll2003");
	memcpy(o->language, o->sets[0], lang_len);
	o->language[lang_len] = 0;
	snprintf(o->name, sizeof(o->name), "%s", o->sets[0]);
	for (int i = 1; i < o->nsets; i++) {
		size_t used = strlen(o->name);
		if (strncmp(o->sets[i], o->sets[0], lang_len + 1) != 0)
			die("all sets of one model are of one language");
		snprintf(o->name + used, sizeof(o->name) - used, "+%s",
		    o->sets[i] + lang_len + 1);
	}
	for (int i = 0; i < o->nextra; i++) {
		size_t used = strlen(o->name);
		/* A file's path names no source a result could show. */
		if (strchr(o->extra[i], '/') != NULL)
			continue;
		snprintf(o->name + used, sizeof(o->name) - used, "+%s",
		    o->extra[i]);
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: train-entities [--data DIR] [--out FILE] "
	    "[--epochs N] [--scheme bilou|bio] [--stages 1|2] [--folds N] "
	    "[--wikigold | --wikigold-even] [--wikigold-times N] "
	    "[--min-count N] [--seed N] [--ensemble K] [--no-own-names] "
	    "[--dictionary FILE] [--places FILE] [--max-rows N] "
	    "[--set LANG-SOURCE]... [--extra LANG-SOURCE | --extra FILE]...\n");
	exit(2);
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	o->data = "../shared/data";
	o->out = "plugins/entities/model/entities.model";
	o->epochs = 40;
	o->scheme = SCHEME_BIO;
	o->wikigold = 0;
	o->wikigold_times = 1;
	o->min_count = 2;
	o->seed = 1;
	o->stages = 1;
	o->folds = 5;
	o->ensemble = 5;
	o->nsets = 0;
	o->nextra = 0;
	o->own_names = 1;
	o->dictionary = NULL;
	o->places = NULL;
	o->max_rows = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--wikigold") == 0) {
			o->wikigold = 2;
			continue;
		}
		if (strcmp(a, "--wikigold-even") == 0) {
			o->wikigold = 1;
			continue;
		}
		if (strcmp(a, "--no-own-names") == 0) {
			o->own_names = 0;
			continue;
		}
		if (v == NULL)
			usage();
		i++;
		if (strcmp(a, "--data") == 0)
			o->data = v;
		else if (strcmp(a, "--out") == 0)
			o->out = v;
		else if (strcmp(a, "--epochs") == 0)
			o->epochs = atoi(v);
		else if (strcmp(a, "--wikigold-times") == 0)
			o->wikigold_times = atoi(v);
		else if (strcmp(a, "--min-count") == 0)
			o->min_count = atoi(v);
		else if (strcmp(a, "--stages") == 0)
			o->stages = atoi(v);
		else if (strcmp(a, "--folds") == 0)
			o->folds = atoi(v);
		else if (strcmp(a, "--seed") == 0)
			o->seed = (unsigned)atoi(v);
		else if (strcmp(a, "--ensemble") == 0)
			o->ensemble = atoi(v);
		else if (strcmp(a, "--dictionary") == 0)
			o->dictionary = v;
		else if (strcmp(a, "--places") == 0)
			o->places = v;
		else if (strcmp(a, "--max-rows") == 0)
			o->max_rows = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--set") == 0 && o->nsets < 8)
			o->sets[o->nsets++] = v;
		else if (strcmp(a, "--extra") == 0 && o->nextra < 8)
			o->extra[o->nextra++] = v;
		else if (strcmp(a, "--scheme") == 0 && strcmp(v, "bio") == 0)
			o->scheme = SCHEME_BIO;
		else if (strcmp(a, "--scheme") == 0 && strcmp(v, "bilou") == 0)
			o->scheme = SCHEME_BILOU;
		else
			usage();
	}
	if (o->epochs < 1 || o->min_count < 1 || o->stages < 1 ||
	    o->wikigold_times < 1 || o->wikigold_times > 100 ||
	    o->stages > 2 || o->folds < 2 || o->ensemble < 1 ||
	    o->ensemble > 64)
		usage();
	if (o->ensemble > 1 && o->stages > 1)
		die("--stages 2 stacks on one first stage: add --ensemble 1");
	name_model(o);
}

/* A reproducible shuffle: the same seed gives the same model. */
static void
shuffle(size_t *order, size_t n, unsigned *seed)
{
	for (size_t i = n; i > 1; i--) {
		*seed = *seed * 1103515245u + 12345u;
		size_t j = (*seed >> 8) % i;
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

/*
 * The epoch's documents: every training document once, those from
 * wikigold_first on (wikigold's) wikigold_times. Repeating them in the
 * schedule rather than reading the file again keeps one copy of each
 * document, so that its names (train/names.h) are never taught to it by
 * a copy of itself. A document without sentences is left out: it would
 * count in the epoch for nothing.
 */
static void
make_schedule(struct options *o, const struct corpus *train,
    size_t wikigold_first)
{
	size_t n = 0;

	o->schedule = xcalloc(train->ndocs * (size_t)o->wikigold_times + 1,
	    sizeof(*o->schedule));
	for (size_t d = 0; d < train->ndocs; d++) {
		size_t times = d < wikigold_first ? 1 :
		    (size_t)o->wikigold_times;
		for (size_t k = 0; k < times && train->docs[d].count > 0; k++)
			o->schedule[n++] = d;
	}
	o->nschedule = n;
}

/* Reads a file or a set given to --extra. */
static void
read_extra(const struct options *o, const char *extra, struct corpus *train)
{
	char path[4096];

	if (strchr(extra, '/') != NULL)
		snprintf(path, sizeof(path), "%s", extra);
	else
		snprintf(path, sizeof(path), "%s/ner/multi/%s/train.conll",
		    o->data, extra);
	if (corpus_read(train, path, o->scheme) != 0)
		die("cannot read an extra training set");
}

/*
 * Reads the training and dev sets and makes the schedule; returns how
 * many of the first training documents are of the model's own language
 * (the --extra sets follow).
 */
static size_t
read_corpora(struct options *o, struct corpus *train, struct corpus *dev)
{
	size_t own;

	char path[4096];

	for (int i = 0; i < o->nsets; i++) {
		snprintf(path, sizeof(path), "%s/ner/multi/%s/train.conll",
		    o->data, o->sets[i]);
		if (corpus_read(train, path, o->scheme) != 0)
			die("cannot read a training set");
		snprintf(path, sizeof(path), "%s/ner/multi/%s/dev.conll",
		    o->data, o->sets[i]);
		if (corpus_read(dev, path, o->scheme) != 0)
			die("cannot read a dev set");
	}
	own = train->ndocs;
	/* Training data only: its dev set does not choose the epoch. */
	for (int i = 0; i < o->nextra; i++)
		read_extra(o, o->extra[i], train);
	if (o->nsets > 0) {
		make_schedule(o, train, train->ndocs);
		return own;
	}
	snprintf(path, sizeof(path), "%s/ner/conll2003/train.txt", o->data);
	if (corpus_read(train, path, o->scheme) != 0)
		die("cannot read the training set");
	size_t wikigold_first = train->ndocs;
	if (o->wikigold) {
		/*
		 * 2: every document; 1: the even-numbered ones only, so that
		 * the odd ones stay held out (eval-entities.py --set
		 * wikigold-odd).
		 */
		snprintf(path, sizeof(path), "%s/ner/wikigold/wikigold.conll.txt",
		    o->data);
		if (corpus_read_part(train, path, o->scheme,
		    o->wikigold == 1 ? 2 : 1, 0) != 0)
			die("cannot read wikigold");
	}
	make_schedule(o, train, wikigold_first);
	snprintf(path, sizeof(path), "%s/ner/conll2003/valid.txt", o->data);
	if (corpus_read(dev, path, o->scheme) != 0)
		die("cannot read the dev set");
	return train->ndocs;
}

/*
 * The training set's own names join the gazetteer the model carries: the
 * dev set and the --extra sets see them all, as new text will, and each
 * document of the own language sees them only as the other documents
 * give them (train/names.h).
 */
static void
prepare_own_names(struct corpus *train, size_t own, int scheme,
    struct gaz_table *gz, struct ner_stemmer *st)
{
	struct names nm;
	struct gaz g = { gz->slots, gz->nslots };

	if (names_collect(&nm, train, own, scheme) != 0)
		die("out of memory");
	if (names_mark_all(&nm, gz) != 0)
		die("the gazetteer table is full");
	printf("own names: %u from %zu documents\n", nm.used, own);
	corpus_prepare(train, &g, st);
	for (size_t d = 0; d < own; d++) {
		const struct cdoc *cd = &train->docs[d];
		if (names_mark_doc(&nm, train, d, scheme, gz, 1) != 0)
			die("the gazetteer table is full");
		corpus_prepare_sents(train, cd->first, cd->count, &g, st);
		if (names_mark_doc(&nm, train, d, scheme, gz, 0) != 0)
			die("the gazetteer table is full");
	}
	names_free(&nm);
}

static void
percep_init(struct percep *p, uint32_t rows, int nl)
{
	memset(p, 0, sizeof(*p));
	p->rows = rows;
	p->nl = nl;
	p->w = xcalloc((size_t)rows * nl, sizeof(float));
	p->u = xcalloc((size_t)rows * nl, sizeof(double));
	p->best = xcalloc((size_t)rows * nl, sizeof(float));
}

static void
percep_reset(struct percep *p)
{
	memset(p->w, 0, (size_t)p->rows * p->nl * sizeof(float));
	memset(p->u, 0, (size_t)p->rows * p->nl * sizeof(double));
	p->c = 0;
}

static void
percep_free(struct percep *p)
{
	free(p->w);
	free(p->u);
	free(p->best);
}

/* Rows for the features seen min_count times or more. */
static void
select_features(const struct corpus *c, const struct options *o, int stage,
    struct ftable *rows, uint32_t *nrows)
{
	struct ftable counts = { 0 };

	count_features(c, o->scheme, stage, &counts);
	*nrows = 0;
	for (uint32_t i = 0; i < counts.cap; i++)
		if (counts.keys[i] != 0 && counts.vals[i] >= (uint32_t)o->min_count)
			ft_add(rows, counts.keys[i], (*nrows)++);
	printf("stage %d: %u features, %u seen %d times or more\n", stage,
	    counts.used, *nrows, o->min_count);
	free(counts.keys);
	free(counts.vals);
}

/*
 * One epoch over the training documents in a shuffled order, leaving out
 * those of fold `skip` (none when skip < 0).
 */
static void
epoch(struct pass *ps, const struct corpus *train, size_t *order,
    unsigned *seed, const struct options *o, int skip)
{
	shuffle(order, o->nschedule, seed);
	for (size_t d = 0; d < o->nschedule; d++) {
		if (skip >= 0 && (int)(order[d] % (size_t)o->folds) == skip)
			continue;
		tag_doc(ps, train, &train->docs[order[d]]);
	}
}

/* The schedule, to be shuffled. */
static size_t *
new_order(const struct options *o)
{
	size_t *order = xcalloc(o->nschedule ? o->nschedule : 1,
	    sizeof(*order));

	memcpy(order, o->schedule, o->nschedule * sizeof(*order));
	return order;
}

/* Trains a stage on all of train; keeps the weights of the best dev epoch. */
static double
train_stage(struct percep *p, const struct ftable *rows,
    const struct corpus *train, const struct corpus *dev,
    const struct options *o, int stage, clock_t t0)
{
	struct pass ps;
	size_t *order = new_order(o);
	float *avg = xcalloc((size_t)p->rows * p->nl, sizeof(float));
	unsigned seed = o->seed;
	double best = -1;
	int best_epoch = 0;

	pass_init(&ps, p, p->w, rows, o->scheme, stage);
	ps.train = 1;
	for (int e = 1; e <= o->epochs; e++) {
		epoch(&ps, train, order, &seed, o, -1);
		average(p, avg);
		double f = evaluate(p, avg, rows, dev, o->scheme, stage, 0);
		printf("stage %d epoch %2d  dev F1 %.4f  (%.0f s)\n", stage, e, f,
		    (double)(clock() - t0) / CLOCKS_PER_SEC);
		fflush(stdout);
		if (f > best) {
			best = f;
			best_epoch = e;
			memcpy(p->best, avg, (size_t)p->rows * p->nl * sizeof(float));
		}
	}
	printf("stage %d: best epoch %d, dev (gold tokens):\n", stage,
	    best_epoch);
	evaluate(p, p->best, rows, dev, o->scheme, stage, 1);
	printf("  all   F1 %.4f\n", best);
	pass_free(&ps);
	free(order);
	free(avg);
	return best;
}

/* One member of an ensemble: a first stage with its own shuffles. */
struct member {
	struct percep p;
	struct pass ps;
	size_t *order;
	unsigned seed;
};

static void
member_init(struct member *m, const struct ftable *rows, uint32_t nrows,
    const struct options *o, unsigned seed)
{
	percep_init(&m->p, nrows, scheme_nlabels(o->scheme));
	pass_init(&m->ps, &m->p, m->p.w, rows, o->scheme, 1);
	m->ps.train = 1;
	m->order = new_order(o);
	m->seed = seed;
}

static void
member_free(struct member *m)
{
	pass_free(&m->ps);
	percep_free(&m->p);
	free(m->order);
}

/*
 * --ensemble K: K first stages trained side by side, each on its own
 * shuffles (seeds o->seed, o->seed + 1, ...). After every epoch the mean of
 * their averaged weights is scored on dev, and the best epoch's mean is
 * kept: still one linear model over the same features, as fast to run as
 * one member, but less dependent on the order the documents came in.
 */
static void
train_ensemble(struct percep *p, const struct ftable *rows,
    const struct corpus *train, const struct corpus *dev,
    const struct options *o, clock_t t0)
{
	int nk = o->ensemble, best_epoch = 0;
	size_t n = (size_t)p->rows * p->nl;
	struct member *m = xcalloc((size_t)nk, sizeof(*m));
	float *avg = xcalloc(n, sizeof(*avg));
	float *mean = xcalloc(n, sizeof(*mean));
	double best = -1;

	for (int k = 0; k < nk; k++)
		member_init(&m[k], rows, p->rows, o, o->seed + (unsigned)k);
	for (int e = 1; e <= o->epochs; e++) {
		memset(mean, 0, n * sizeof(*mean));
		for (int k = 0; k < nk; k++) {
			epoch(&m[k].ps, train, m[k].order, &m[k].seed, o, -1);
			average(&m[k].p, avg);
			for (size_t i = 0; i < n; i++)
				mean[i] += avg[i] / (float)nk;
		}
		double f = evaluate(p, mean, rows, dev, o->scheme, 1, 0);
		printf("stage 1 epoch %2d  dev F1 %.4f, mean of %d  (%.0f s)\n",
		    e, f, nk, (double)(clock() - t0) / CLOCKS_PER_SEC);
		fflush(stdout);
		if (f > best) {
			best = f;
			best_epoch = e;
			memcpy(p->best, mean, n * sizeof(*mean));
		}
	}
	printf("stage 1: best epoch %d, mean of %d, dev (gold tokens):\n",
	    best_epoch, nk);
	evaluate(p, p->best, rows, dev, o->scheme, 1, 1);
	printf("  all   F1 %.4f\n", best);
	for (int k = 0; k < nk; k++)
		member_free(&m[k]);
	free(m);
	free(avg);
	free(mean);
}

/*
 * First-stage labels for the training set as the second stage will meet
 * them at run time, on text the first stage did not learn from: each fold
 * is tagged by a first stage trained on the other folds.
 */
static void
cross_label(const struct ftable *rows, uint32_t nrows,
    const struct corpus *train, const struct options *o)
{
	struct percep p;
	struct pass ps;
	size_t *order = xcalloc(o->nschedule ? o->nschedule : 1,
	    sizeof(*order));
	float *avg = xcalloc((size_t)nrows * scheme_nlabels(o->scheme),
	    sizeof(float));

	percep_init(&p, nrows, scheme_nlabels(o->scheme));
	for (int fold = 0; fold < o->folds; fold++) {
		unsigned seed = o->seed;
		memcpy(order, o->schedule, o->nschedule * sizeof(*order));
		percep_reset(&p);
		pass_init(&ps, &p, p.w, rows, o->scheme, 1);
		ps.train = 1;
		for (int e = 1; e <= o->epochs; e++)
			epoch(&ps, train, order, &seed, o, fold);
		pass_free(&ps);
		average(&p, avg);
		pass_init(&ps, &p, avg, rows, o->scheme, 1);
		ps.keep_s1 = 1;
		for (size_t d = (size_t)fold; d < train->ndocs; d += (size_t)o->folds)
			tag_doc(&ps, train, &train->docs[d]);
		pass_free(&ps);
		printf("fold %d of %d labelled\n", fold + 1, o->folds);
		fflush(stdout);
	}
	percep_free(&p);
	free(order);
	free(avg);
}

/* First-stage labels for the dev set, from the final first stage. */
static void
label_dev(struct percep *p1, const struct ftable *rows,
    const struct corpus *dev, const struct options *o)
{
	struct pass ps;

	pass_init(&ps, p1, p1->best, rows, o->scheme, 1);
	ps.keep_s1 = 1;
	for (size_t d = 0; d < dev->ndocs; d++)
		tag_doc(&ps, dev, &dev->docs[d]);
	pass_free(&ps);
}

int
main(int argc, char **argv)
{
	struct options o;
	struct corpus train = { 0 }, dev = { 0 };
	struct gaz_table gz;
	struct ftable rows1 = { 0 }, rows2 = { 0 };
	struct percep p1, p2;
	uint32_t n1, n2 = 0;
	clock_t t0 = clock();

	parse_args(argc, argv, &o);
	size_t own = read_corpora(&o, &train, &dev);
	/*
	 * The same lists in half the slots for the other languages: a fuller
	 * table (0.6 of the slots used) keeps each of their files near half
	 * the size; English keeps the table its model was tuned with, and a
	 * language's dictionary needs that size too (356,000 German words).
	 */
	uint32_t slots = o.nsets && o.dictionary == NULL ? 1u << 19 : 1u << 20;
	if (gaz_table_build(&gz, o.data, slots) != 0)
		die("cannot read the gazetteers");
	if (o.dictionary != NULL &&
	    gaz_table_add_dictionary(&gz, o.dictionary) != 0)
		die("cannot read the dictionary");
	if (o.places != NULL && gaz_table_add_places(&gz, o.places) != 0)
		die("cannot read the places");
	struct gaz g = { gz.slots, gz.nslots };
	struct ner_stemmer *stemmer;
	if (ner_stemmer_open(&stemmer, o.language) != 0)
		die("out of memory");
	if (o.own_names)
		prepare_own_names(&train, own, o.scheme, &gz, stemmer);
	else
		corpus_prepare(&train, &g, stemmer);
	corpus_prepare(&dev, &g, stemmer);
	ner_stemmer_close(stemmer);
	printf("train %zu docs %zu tokens; dev %zu docs %zu tokens; "
	    "gazetteer %u entries; stems: %s\n", train.ndocs, train.ntokens,
	    dev.ndocs, dev.ntokens, gz.entries,
	    ner_stem_algorithm(o.language) ? ner_stem_algorithm(o.language) :
	    "none");

	int nl = scheme_nlabels(o.scheme);
	select_features(&train, &o, 1, &rows1, &n1);
	percep_init(&p1, n1, nl);
	if (o.ensemble > 1)
		train_ensemble(&p1, &rows1, &train, &dev, &o, t0);
	else
		train_stage(&p1, &rows1, &train, &dev, &o, 1, t0);
	if (o.stages == 2) {
		cross_label(&rows1, n1, &train, &o);
		label_dev(&p1, &rows1, &dev, &o);
		select_features(&train, &o, 2, &rows2, &n2);
		percep_init(&p2, n2, nl);
		train_stage(&p2, &rows2, &train, &dev, &o, 2, t0);
	}

	uint32_t lex_slots;
	uint64_t *lex = build_lexicon(&train, &lex_slots);
	write_model(&o, &p1, &rows1, o.stages == 2 ? &p2 : NULL, &rows2, &gz,
	    lex, lex_slots);

	free(lex);
	percep_free(&p1);
	if (o.stages == 2)
		percep_free(&p2);
	free(rows1.keys);
	free(rows1.vals);
	free(rows2.keys);
	free(rows2.vals);
	free(gz.slots);
	free(o.schedule);
	corpus_free(&train);
	corpus_free(&dev);
	return 0;
}
