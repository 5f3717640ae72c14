/*
 * The discriminative second stage: an averaged perceptron over the same
 * n-gram features, started from the naive Bayes weights.
 *
 * Naive Bayes weighs each n-gram by how often each language uses it, not
 * by whether it tells two languages apart, and it counts overlapping
 * n-grams as independent evidence. Close languages (es/pt/gl, hr/bs/sr)
 * share most n-grams, so the few that separate them are drowned. The
 * perceptron only moves weights where the model is wrong or nearly so, on
 * text it was not trained on, and only between the right language and the
 * one that beat it: it learns the differences that matter.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../detect.h"
#include "../features.h"
#include "train.h"

/* One (n-gram, language) weight; the nodes of an n-gram form a list. */
struct node {
	uint64_t hash;
	uint32_t lang;
	uint32_t next;		/* index + 1 of the next node, 0 at the end */
	float w;		/* current weight */
	float u;		/* sum of update number x change, for averaging */
};

struct table {
	uint64_t *keys;		/* n-gram hash, 0 = empty */
	uint32_t *head;		/* index + 1 of the first node */
	size_t cap, used;
	struct node *nodes;
	size_t n_nodes, cap_nodes;
};

static size_t
slot_of(const struct table *t, uint64_t h)
{
	size_t j;

	for (j = (h ^ h >> 29) & (t->cap - 1); t->keys[j] != 0 && t->keys[j] != h;
	    j = (j + 1) & (t->cap - 1))
		;
	return j;
}

static int
table_grow(struct table *t)
{
	struct table n = *t;
	size_t i;

	n.cap = t->cap ? t->cap * 2 : 1 << 16;
	n.keys = calloc(n.cap, sizeof(*n.keys));
	n.head = calloc(n.cap, sizeof(*n.head));
	if (n.keys == NULL || n.head == NULL) {
		free(n.keys);
		free(n.head);
		return -ENOMEM;
	}
	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (t->keys[i] == 0)
			continue;
		j = slot_of(&n, t->keys[i]);
		n.keys[j] = t->keys[i];
		n.head[j] = t->head[i];
	}
	free(t->keys);
	free(t->head);
	*t = n;
	return 0;
}

/* The node of (h, lang), created with weight 0; NULL without memory. */
static struct node *
table_node(struct table *t, uint64_t h, uint32_t lang)
{
	struct node *nd;
	uint32_t k;
	size_t j;

	if (h == 0)
		h = 1;
	if (t->used * 2 >= t->cap && table_grow(t) < 0)
		return NULL;
	j = slot_of(t, h);
	for (k = t->keys[j] ? t->head[j] : 0; k != 0; k = t->nodes[k - 1].next)
		if (t->nodes[k - 1].lang == lang)
			return &t->nodes[k - 1];
	if (t->n_nodes == t->cap_nodes) {
		size_t cap = t->cap_nodes ? t->cap_nodes * 2 : 1 << 16;

		nd = realloc(t->nodes, cap * sizeof(*nd));
		if (nd == NULL)
			return NULL;
		t->nodes = nd;
		t->cap_nodes = cap;
	}
	if (t->keys[j] == 0) {
		t->keys[j] = h;
		t->head[j] = 0;
		t->used++;
	}
	nd = &t->nodes[t->n_nodes++];
	nd->hash = h;
	nd->lang = lang;
	nd->w = nd->u = 0.0f;
	nd->next = t->head[j];
	t->head[j] = (uint32_t)t->n_nodes;
	return nd;
}

/* Adds the current corrections of h to score. */
static void
table_score(const struct table *t, uint64_t h, float *score)
{
	uint32_t k;
	size_t j;

	if (t->cap == 0)
		return;
	j = slot_of(t, h ? h : 1);
	for (k = t->keys[j] ? t->head[j] : 0; k != 0; k = t->nodes[k - 1].next)
		score[t->nodes[k - 1].lang] += t->nodes[k - 1].w;
}

/* A piece of a TUNE document. */
struct piece {
	uint32_t doc;
	uint32_t off, len;
};

/* The TUNE documents cut into pieces (piece_end). */
static int
cut_pieces(const struct corpus *c, struct piece **out, size_t *n_out)
{
	struct piece *p = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < c->n_docs; i++) {
		const struct doc *d = &c->docs[i];
		const char *s = d->text, *end = d->text + d->len;
		int step = 0;

		if (d->role != ROLE_TUNE)
			continue;
		while (s < end) {
			const char *e = piece_end(s, end, &step);

			if (n == cap) {
				struct piece *np;

				cap = cap ? cap * 2 : 1 << 16;
				if ((np = realloc(p, cap * sizeof(*p))) == NULL) {
					free(p);
					return -ENOMEM;
				}
				p = np;
			}
			p[n].doc = (uint32_t)i;
			p[n].off = (uint32_t)(s - d->text);
			p[n].len = (uint32_t)(e - s);
			n++;
			s = e;
		}
	}
	*out = p;
	*n_out = n;
	return 0;
}

/* A fixed shuffle: the same inputs give the same model. */
static void
shuffle(struct piece *p, size_t n)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j;
		struct piece tmp;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)((x >> 33) % i);
		tmp = p[i - 1];
		p[i - 1] = p[j];
		p[j] = tmp;
	}
}

/*
 * Keeps the first per_lang pieces of each language (in shuffled order): a
 * language with much more text must not pull every boundary its way.
 */
static size_t
balance(const struct corpus *c, struct piece *p, size_t n, uint32_t per_lang)
{
	uint32_t *seen = calloc(c->n_langs, sizeof(*seen));
	size_t i, kept = 0;

	if (seen == NULL)
		return n;
	for (i = 0; i < n; i++)
		if (seen[c->docs[p[i].doc].lang]++ < per_lang)
			p[kept++] = p[i];
	free(seen);
	return kept;
}

/* The piece's features into *f (grown as needed); returns how many. */
static size_t
piece_features(const model *m, const char *text, size_t len, uint64_t **f,
    size_t *cap)
{
	features_iter it;
	size_t n = 0, k;

	features_begin(&it, text, len);
	features_use_lexicons(&it, &m->lexicons);
	for (;;) {
		if (*cap - n < 64) {
			uint64_t *nf = realloc(*f, (*cap * 2 + 64) * sizeof(**f));

			if (nf == NULL)
				return n;
			*f = nf;
			*cap = *cap * 2 + 64;
		}
		if ((k = features_next(&it, *f + n, *cap - n)) == 0)
			return n;
		n += k;
	}
}

struct learner {
	const struct corpus *c;
	const model *m;
	const struct refine_params *rp;
	struct table t;
	detect_evidence ev;
	float *score;
	uint64_t *f;
	size_t fcap;
	double step;		/* updates so far, plus one */
	size_t updates, wrong;
};

/* Scores one piece and updates on it; returns 0 or -ENOMEM. */
static int
learn(struct learner *l, const struct piece *p)
{
	const struct doc *d = &l->c->docs[p->doc];
	const model *m = l->m;
	const char *text = d->text + p->off;
	uint32_t gold = d->lang, rival = UINT32_MAX, k;
	enum script s;
	size_t n, i;
	float best = -INFINITY;

	detect_evidence_reset(&l->ev, m);
	detect_scan(m, text, p->len, 0, &l->ev);
	s = script_dominant(&l->ev.scripts);
	if (s != (enum script)m->script[gold])
		return 0;
	n = piece_features(m, text, p->len, &l->f, &l->fcap);
	if (n == 0)
		return 0;
	memcpy(l->score, l->ev.score, m->hdr->n_langs * sizeof(float));
	for (i = 0; i < n; i++)
		table_score(&l->t, l->f[i], l->score);
	for (k = m->script_first[s]; k < m->script_first[s + 1]; k++) {
		uint32_t lang = m->by_script[k];
		float v = l->score[lang] + m->prior[lang];

		if (lang != gold && v > best) {
			best = v;
			rival = lang;
		}
	}
	if (rival == UINT32_MAX)
		return 0;
	if (best >= l->score[gold] + m->prior[gold])
		l->wrong++;
	/*
	 * Right by the margin: nothing to learn. Wrong by more than the
	 * limit: most likely a piece in another language than its label
	 * (English names in a translated help page); learning from it would
	 * teach the wrong thing.
	 */
	if (best + l->rp->margin < l->score[gold] + m->prior[gold] ||
	    best - l->rp->limit > l->score[gold] + m->prior[gold])
		return 0;
	for (i = 0; i < n; i++) {
		struct node *g = table_node(&l->t, l->f[i], gold);
		struct node *r = g ? table_node(&l->t, l->f[i], rival) : NULL;

		if (r == NULL)
			return -ENOMEM;
		/* table_node may move the nodes: look the right one up again. */
		g = table_node(&l->t, l->f[i], gold);
		g->w += l->rp->rate;
		g->u += (float)(l->step * l->rp->rate);
		r->w -= l->rp->rate;
		r->u -= (float)(l->step * l->rp->rate);
	}
	l->step += 1.0;
	l->updates++;
	return 0;
}

static int
by_hash_lang(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->lang < y->lang ? -1 : x->lang > y->lang;
}

/* The averaged weights worth keeping, sorted. */
static int
collect(const struct learner *l, struct delta **out, size_t *n_out)
{
	struct delta *d = malloc((l->t.n_nodes + 1) * sizeof(*d));
	size_t i, n = 0;

	if (d == NULL)
		return -ENOMEM;
	for (i = 0; i < l->t.n_nodes; i++) {
		const struct node *nd = &l->t.nodes[i];
		float avg = nd->w - (float)(nd->u / l->step);

		if (fabsf(avg) < l->rp->min_delta)
			continue;
		d[n].hash = nd->hash;
		d[n].lang = nd->lang;
		d[n].w = avg;
		n++;
	}
	qsort(d, n, sizeof(*d), by_hash_lang);
	*out = d;
	*n_out = n;
	return 0;
}

int
refine(const struct corpus *c, const void *image, size_t len,
    const struct refine_params *rp, struct delta **out, size_t *n_out)
{
	struct learner l;
	struct piece *p = NULL;
	size_t n = 0, i;
	char err[256];
	model m;
	int e, rc = 0;

	*out = NULL;
	*n_out = 0;
	if (model_check(&m, image, len, err, sizeof(err)) < 0)
		return -EINVAL;
	memset(&l, 0, sizeof(l));
	l.c = c;
	l.m = &m;
	l.rp = rp;
	l.step = 1.0;
	l.score = malloc(m.hdr->n_langs * sizeof(float));
	if (cut_pieces(c, &p, &n) < 0 || l.score == NULL ||
	    detect_evidence_init(&l.ev, &m) < 0)
		rc = -ENOMEM;
	if (rc == 0) {
		shuffle(p, n);
		n = balance(c, p, n, rp->per_lang);
	}
	for (e = 0; e < rp->epochs && rc == 0; e++) {
		l.wrong = 0;
		for (i = 0; i < n && rc == 0; i++)
			rc = learn(&l, &p[i]);
		fprintf(stderr, "langid-train: refine epoch %d: %zu of %zu pieces "
		    "wrong, %zu updates so far, %zu weights\n", e + 1, l.wrong, n,
		    l.updates, l.t.n_nodes);
	}
	if (rc == 0)
		rc = collect(&l, out, n_out);
	if (rc == 0)
		fprintf(stderr, "langid-train: %zu corrections kept\n", *n_out);
	free(p);
	free(l.score);
	free(l.f);
	free(l.t.keys);
	free(l.t.head);
	free(l.t.nodes);
	detect_evidence_free(&l.ev);
	model_close(&m);
	return rc;
}
