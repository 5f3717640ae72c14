/*
 * Sentence ranking.
 *
 * Each candidate sentence is a vector of its content stems weighted by
 * tf·isf (isf: inverse sentence frequency within the article, since we
 * have no corpus at run time). Signals, each scaled to [0, 1]:
 *   - centrality: LexRank, the stationary distribution of a random walk
 *     over cosine similarities: a sentence is central when sentences that
 *     are themselves central resemble it;
 *   - frequency: how often the article repeats the sentence's words;
 *   - position: a prior by index, measured on news (rank_position_prior);
 *   - title: the share of the title's weight the sentence carries;
 *   - entity: mentions of the entities the article keeps naming.
 * Their weighted sum is scaled by a length factor (fragments say little,
 * very long sentences crowd a short summary out), then MMR picks the
 * summary: the best sentence, and next the one best in score less its
 * likeness to what was already picked.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"

/*
 * Defaults checked on the BBC dev set (scripts/eval-summary.py), but set
 * for what a reader needs rather than for its references, which favour
 * long sentences full of frequent words and run to 40% of an article:
 * there, weaker position, no title and no redundancy control all score
 * higher (about +0.01 ROUGE each). News leads carry the story and three
 * sentences should not say one thing twice, so position counts 1.5 and
 * MMR stays on.
 */
const struct rank_weights rank_defaults = {
	.centrality = 1.0,
	.frequency = 1.0,
	.position = 1.5,
	.title = 0.5,
	.entity = 0.3,
	.redundancy = 0.5,
	.duplicate = 0.6,
};

/* Past this many sentences, later ones are not candidates (cost is n²). */
#define RANK_MAX 300

struct vec {
	int32_t *id;
	double *w;
	size_t n;
	double norm;
	size_t words;
};

struct work {
	size_t m;		/* candidates */
	size_t *idx;		/* candidate -> sentence */
	struct vec *v;
	double *sim;		/* m × m */
	int32_t *ids;		/* storage for all vectors */
	double *ws;
	uint32_t *sf;		/* per term: candidate sentences holding it */
};

static void
work_free(struct work *k)
{
	free(k->idx);
	free(k->v);
	free(k->sim);
	free(k->ids);
	free(k->ws);
	free(k->sf);
}

static int
cmp_id(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* Token slots a sentence's vector may need: its tokens and bigrams. */
static size_t
vec_room(const struct rank_doc *d, size_t s)
{
	const lector_span *sp = &d->sent[s];
	size_t i, n, room = sp->count;

	for (i = sp->first; i < sp->first + sp->count; i++) {
		terms_extra(d->terms, i, &n);
		room += n;
	}
	return room;
}

/* The sentence's content terms, sorted and unique, with counts in w. */
static void
build_vec(const struct rank_doc *d, size_t s, struct vec *v)
{
	const struct terms *t = d->terms;
	const lector_span *sp = &d->sent[s];
	const int32_t *ex;
	size_t i, j, n = 0, nex;

	v->words = 0;
	for (i = sp->first; i < sp->first + sp->count && i < t->ntok; i++) {
		if (t->flags[i] & TERM_NUMBER) {
			v->words++;
			continue;
		}
		if (t->id[i] >= 0 || (t->flags[i] & TERM_STOP))
			v->words++;
		if (t->id[i] >= 0)
			v->id[n++] = t->id[i];
		/* About two characters a word where words are not spaced. */
		ex = terms_extra(t, i, &nex);
		for (j = 0; j < nex; j++)
			v->id[n++] = ex[j];
		v->words += (nex + 1) / 2;
	}
	qsort(v->id, n, sizeof(*v->id), cmp_id);
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && v->id[j - 1] == v->id[i]) {
			v->w[j - 1] += 1;
			continue;
		}
		v->id[j] = v->id[i];
		v->w[j++] = 1;
	}
	v->n = j;
}

static double
dot(const struct vec *a, const struct vec *b)
{
	size_t i = 0, j = 0;
	double s = 0;

	while (i < a->n && j < b->n) {
		if (a->id[i] < b->id[j])
			i++;
		else if (a->id[i] > b->id[j])
			j++;
		else
			s += a->w[i++] * b->w[j++];
	}
	return s;
}

static int
work_build(const struct rank_doc *d, struct work *k)
{
	size_t i, j, ntok = 0, off = 0;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < d->n && i < RANK_MAX; i++)
		if (!d->skip[i])
			ntok += vec_room(d, i);
	k->idx = malloc((d->n ? d->n : 1) * sizeof(*k->idx));
	k->v = calloc(d->n ? d->n : 1, sizeof(*k->v));
	k->ids = malloc((ntok ? ntok : 1) * sizeof(*k->ids));
	k->ws = malloc((ntok ? ntok : 1) * sizeof(*k->ws));
	k->sf = calloc(d->terms->nterm ? d->terms->nterm : 1, sizeof(*k->sf));
	if (!k->idx || !k->v || !k->ids || !k->ws || !k->sf)
		return LECTOR_ENOMEM;
	for (i = 0; i < d->n && i < RANK_MAX; i++) {
		if (d->skip[i])
			continue;
		k->v[k->m].id = k->ids + off;
		k->v[k->m].w = k->ws + off;
		off += vec_room(d, i);
		build_vec(d, i, &k->v[k->m]);
		for (j = 0; j < k->v[k->m].n; j++)
			k->sf[k->v[k->m].id[j]]++;
		k->idx[k->m++] = i;
	}
	/* tf·isf weights and norms. */
	for (i = 0; i < k->m; i++) {
		struct vec *v = &k->v[i];
		v->norm = 0;
		for (j = 0; j < v->n; j++) {
			v->w[j] *= log(1.0 + (double)k->m / k->sf[v->id[j]]);
			v->norm += v->w[j] * v->w[j];
		}
		v->norm = sqrt(v->norm);
	}
	k->sim = calloc(k->m > 0 ? k->m * k->m : 1, sizeof(*k->sim));
	if (k->sim == NULL)
		return LECTOR_ENOMEM;
	for (i = 0; i < k->m; i++)
		for (j = i + 1; j < k->m; j++) {
			double s = 0;
			if (k->v[i].norm > 0 && k->v[j].norm > 0)
				s = dot(&k->v[i], &k->v[j]) /
				    (k->v[i].norm * k->v[j].norm);
			k->sim[i * k->m + j] = k->sim[j * k->m + i] = s;
		}
	return LECTOR_OK;
}

/*
 * LexRank by power iteration, damping 0.85; out[i] for candidate i,
 * scaled to max 1. The transition matrix is a copy: MMR needs the
 * similarities afterwards.
 */
static int
centrality(const struct work *k, double *out)
{
	size_t m = k->m, i, j, it;
	double *trans, *next, mx = 0, row, delta;

	trans = malloc(m * m * sizeof(*trans));
	next = malloc(m * sizeof(*next));
	if (trans == NULL || next == NULL) {
		free(trans);
		free(next);
		return LECTOR_ENOMEM;
	}
	for (i = 0; i < m; i++) {
		row = 0;
		for (j = 0; j < m; j++)
			row += k->sim[i * m + j];
		/* A sentence like no other spreads its share evenly. */
		for (j = 0; j < m; j++)
			trans[i * m + j] = 0.85 * (row > 0 ?
			    k->sim[i * m + j] / row : 1.0 / m);
		out[i] = 1.0 / m;
	}
	for (it = 0; it < 50; it++) {
		for (j = 0; j < m; j++)
			next[j] = 0.15 / m;
		for (i = 0; i < m; i++) {
			const double *t = trans + i * m;
			double p = out[i];
			for (j = 0; j < m; j++)
				next[j] += p * t[j];
		}
		delta = 0;
		for (j = 0; j < m; j++) {
			delta += fabs(next[j] - out[j]);
			out[j] = next[j];
		}
		if (delta < 1e-6)
			break;
	}
	for (i = 0; i < m; i++)
		if (out[i] > mx)
			mx = out[i];
	for (i = 0; i < m; i++)
		out[i] = mx > 0 ? out[i] / mx : 0;
	free(trans);
	free(next);
	return LECTOR_OK;
}

/*
 * P(a sentence at this index is in a reference summary), measured on the
 * BBC dev set by scripts/eval-summary.py --position (both topics pooled,
 * relative to the first sentence, lightly smoothed). Indexes past the table keep falling
 * gently with relative position.
 */
static const double prior[] = {
	1.00, 0.68, 0.56, 0.52, 0.50, 0.47, 0.45, 0.43,
	0.42, 0.41, 0.41, 0.40, 0.37, 0.35, 0.33, 0.31
};

double
rank_position_prior(size_t i, size_t n)
{
	size_t len = sizeof(prior) / sizeof(prior[0]);
	double rel;

	if (i < len)
		return prior[i];
	rel = n > 1 ? (double)i / (double)(n - 1) : 0;
	return prior[len - 1] * (1.0 - 0.25 * rel);
}

/* Fragments say little; very long sentences crowd a short summary out. */
static double
length_factor(size_t words)
{
	if (words < 12)
		return sqrt((double)words / 12.0);
	if (words > 40)
		return pow(40.0 / (double)words, 0.3);
	return 1.0;
}

static void
scale(double *x, size_t n)
{
	double mx = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] > mx)
			mx = x[i];
	for (i = 0; i < n; i++)
		x[i] = mx > 0 ? x[i] / mx : 0;
}

/* Per candidate: mean in-document count, beyond the first, of its terms. */
static void
frequency(const struct rank_doc *d, const struct work *k, double *out)
{
	size_t i, j;

	for (i = 0; i < k->m; i++) {
		const struct vec *v = &k->v[i];
		double s = 0;
		for (j = 0; j < v->n; j++) {
			double tf = v->w[j] / log(1.0 + (double)k->m /
			    k->sf[v->id[j]]);
			s += tf * (d->terms->count[v->id[j]] - 1);
		}
		out[i] = v->words > 0 ? s / (double)(v->words + 4) : 0;
	}
	scale(out, k->m);
}

/* Per candidate: the share of the title's isf weight it carries. */
static void
title_overlap(const struct rank_doc *d, const struct work *k, double *out)
{
	size_t i, j, a;

	for (i = 0; i < k->m; i++) {
		const struct vec *v = &k->v[i];
		out[i] = 0;
		for (a = 0; a < d->ntitle; a++)
			for (j = 0; j < v->n; j++)
				if (v->id[j] == d->title[a]) {
					out[i] += log(1.0 + (double)k->m /
					    k->sf[v->id[j]]);
					break;
				}
	}
	scale(out, k->m);
}

/* Combined scores per candidate into cs (k->m of them). */
static int
score_candidates(const struct rank_doc *d, const struct rank_weights *w,
    const struct work *k, double *cs)
{
	double *c, *f, *t;
	size_t i;

	c = calloc(k->m * 3 + 1, sizeof(*c));
	if (c == NULL)
		return LECTOR_ENOMEM;
	f = c + k->m;
	t = f + k->m;
	if (centrality(k, c) != LECTOR_OK) {
		free(c);
		return LECTOR_ENOMEM;
	}
	frequency(d, k, f);
	title_overlap(d, k, t);
	for (i = 0; i < k->m; i++) {
		size_t s = k->idx[i];
		double e = d->entity != NULL ? d->entity[s] : 0;
		cs[i] = w->centrality * c[i] + w->frequency * f[i] +
		    w->title * t[i] + w->entity * e +
		    w->position * rank_position_prior(s, d->n);
		cs[i] *= length_factor(k->v[i].words);
	}
	free(c);
	return LECTOR_OK;
}

int
rank_scores(const struct rank_doc *d, const struct rank_weights *w,
    double *score)
{
	struct work k;
	double *cs = NULL;
	size_t i;
	int rc;

	memset(score, 0, d->n * sizeof(*score));
	rc = work_build(d, &k);
	if (rc == LECTOR_OK && k.m > 0) {
		cs = malloc(k.m * sizeof(*cs));
		rc = cs == NULL ? LECTOR_ENOMEM : score_candidates(d, w, &k, cs);
	}
	if (rc == LECTOR_OK)
		for (i = 0; i < k.m; i++)
			score[k.idx[i]] = cs[i];
	free(cs);
	work_free(&k);
	return rc;
}

static int
cmp_pick(const void *a, const void *b)
{
	size_t x = ((const struct rank_pick *)a)->sentence;
	size_t y = ((const struct rank_pick *)b)->sentence;

	return (x > y) - (x < y);
}

/* MMR over candidates with scores cs; picks up to want of them. */
static size_t
mmr(const struct work *k, const struct rank_weights *w, const double *cs,
    size_t want, struct rank_pick *pick, unsigned char *taken)
{
	size_t n = 0, i, j, best;
	double mx = 0, bestv, v, red;

	for (i = 0; i < k->m; i++)
		if (cs[i] > mx)
			mx = cs[i];
	while (n < want) {
		best = k->m;
		bestv = -1e300;
		for (i = 0; i < k->m; i++) {
			if (taken[i])
				continue;
			red = 0;
			for (j = 0; j < n; j++) {
				double s = k->sim[i * k->m + pick[j].sentence];
				if (s > red)
					red = s;
			}
			if (red > w->duplicate)
				continue;
			v = (mx > 0 ? cs[i] / mx : 0) - w->redundancy * red;
			if (v > bestv) {
				bestv = v;
				best = i;
			}
		}
		if (best == k->m)
			break;
		taken[best] = 1;
		/* sentence holds the candidate index until the picks are final. */
		pick[n++].sentence = best;
	}
	for (i = 0; i < n; i++) {
		size_t c = pick[i].sentence;
		pick[i].sentence = k->idx[c];
		pick[i].score = cs[c];
	}
	return n;
}

int
rank_pick(const struct rank_doc *d, const struct rank_weights *w,
    size_t want, struct rank_pick *pick, size_t *npick)
{
	struct work k;
	double *cs = NULL;
	unsigned char *taken = NULL;
	int rc;

	*npick = 0;
	rc = work_build(d, &k);
	if (rc == LECTOR_OK && k.m > 0 && want > 0) {
		cs = malloc(k.m * sizeof(*cs));
		taken = calloc(k.m, 1);
		rc = (cs == NULL || taken == NULL) ? LECTOR_ENOMEM :
		    score_candidates(d, w, &k, cs);
		if (rc == LECTOR_OK) {
			*npick = mmr(&k, w, cs, want, pick, taken);
			qsort(pick, *npick, sizeof(*pick), cmp_pick);
		}
	}
	free(cs);
	free(taken);
	work_free(&k);
	return rc;
}
