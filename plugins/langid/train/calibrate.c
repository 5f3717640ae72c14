/*
 * Picks the softmax temperature that makes confidences honest: the one with
 * the lowest log loss on calibration text the model was not trained on, cut
 * into pieces from two words to a paragraph, since short inputs are where
 * confidence matters.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../detect.h"
#include "train.h"

#define KEEP DETECT_SOFTMAX	/* as detect_decide */
#define PER_LANG 200

struct piece {
	float top[KEEP];	/* best scores, minus the best */
	float truth;		/* the right language's, minus the best */
	int n;
};

static int
by_desc(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

static int
score_piece(const model *m, detect_evidence *ev, uint32_t lang,
    const char *text, size_t len, float *cand, struct piece *p)
{
	enum script s;
	uint32_t i, n = 0;
	float best = -INFINITY;

	detect_evidence_reset(ev, m);
	detect_scan(m, text, len, 0, ev);
	s = script_dominant(&ev->scripts);
	if (s != (enum script)m->script[lang] || ev->ngrams == 0)
		return 0;
	for (i = 0; i < m->hdr->n_langs; i++)
		if (m->script[i] == s) {
			float v = ev->score[i] + m->langs[i].prior;

			cand[n++] = v;
			if (v > best)
				best = v;
		}
	qsort(cand, n, sizeof(*cand), by_desc);
	p->n = n < KEEP ? (int)n : KEEP;
	for (i = 0; i < (uint32_t)p->n; i++)
		p->top[i] = cand[i] - best;
	p->truth = ev->score[lang] + m->langs[lang].prior - best;
	return 1;
}

static double
log_loss(const struct piece *p, size_t n, double t, double *right90)
{
	double loss = 0.0, hi = 0.0, ok = 0.0;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		double z = 0.0, pt;

		for (k = 0; k < p[i].n; k++)
			z += exp(p[i].top[k] / t);
		pt = exp(p[i].truth / t) / z;
		loss -= log(pt > 1e-12 ? pt : 1e-12);
		if (1.0 / z >= 0.9) {	/* the best's probability */
			hi++;
			ok += p[i].truth == 0.0f;
		}
	}
	*right90 = hi > 0 ? ok / hi : 1.0;
	return loss / (double)n;
}

float
calibrate(const struct corpus *c, const void *image, size_t len)
{
	struct piece *p = NULL;
	size_t n = 0, cap = 0, i;
	uint32_t *used = calloc(c->n_langs, sizeof(*used));
	float *cand = NULL, best_t = 1.0f;
	double best = INFINITY, t, r90;
	detect_evidence ev;
	char err[256];
	model m;

	if (used == NULL || model_check(&m, image, len, err, sizeof(err)) < 0 ||
	    detect_evidence_init(&ev, &m) < 0) {
		fprintf(stderr, "langid-train: calibration skipped\n");
		free(used);
		return 1.0f;
	}
	cand = malloc(c->n_langs * sizeof(*cand));
	for (i = 0; cand != NULL && i < c->n_docs; i++) {
		const struct doc *d = &c->docs[i];
		const char *s = d->text, *end = d->text + d->len;
		int step = 0;

		if (d->role != ROLE_CALIB || used[d->lang] >= PER_LANG)
			continue;
		used[d->lang]++;
		while (s < end) {
			const char *e = piece_end(s, end, &step);

			if (n == cap) {
				struct piece *np;

				cap = cap ? cap * 2 : 4096;
				if ((np = realloc(p, cap * sizeof(*p))) == NULL)
					break;
				p = np;
			}
			n += score_piece(&m, &ev, d->lang, s, (size_t)(e - s), cand,
			    &p[n]);
			s = e;
		}
	}
	for (t = 0.25; t < 64.0; t *= 1.1) {
		double loss = log_loss(p, n, t, &r90);

		if (loss < best) {
			best = loss;
			best_t = (float)t;
		}
	}
	log_loss(p, n, best_t, &r90);
	fprintf(stderr, "langid-train: temperature %.3f over %zu pieces "
	    "(log loss %.4f; %.2f%% right at confidence >= 0.9)\n",
	    best_t, n, best, 100.0 * r90);
	free(p);
	free(cand);
	free(used);
	detect_evidence_free(&ev);
	model_close(&m);
	return best_t;
}
