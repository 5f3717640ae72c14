/*
 * Makes confidences honest, on calibration text the model was not trained
 * on, cut into pieces from two words to a paragraph, since short inputs are
 * where confidence matters.
 *
 * First one softmax temperature for all: the one with the lowest log loss.
 * Then each language's own, for when it leads: one temperature cannot serve
 * Croatian, which Serbian takes text from with a margin of several nats,
 * and Greek, which nothing takes text from. A language whose answers at
 * confidence CONFIDENT or more are right less than SURE of the time gets
 * the lowest higher temperature at which they are (never a lower one than
 * the common temperature: a language seldom confused still keeps some
 * doubt on a few words).
 *
 * Which answers count there, so that the errors are the model's:
 * - text whose labels can be trusted (the UDHR, the everyday sentences):
 *   a help page's untranslated English paragraph, labelled Spanish, is no
 *   error, and counting it left English answers no confidence at all;
 * - text of the languages known from more than their UDHR: Cantonese,
 *   Hakka, Wu... are known from a UDHR in Han characters that is much of
 *   Mandarin's text, and Scots from one close to English's; as many pieces
 *   of each as of Mandarin left Chinese answers no confidence. A rare
 *   language leading on a common one's text still counts: that is where
 *   a rare neighbour must not be sure;
 * - each piece as often as its language is met, by the model's prior.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../detect.h"
#include "train.h"

#define KEEP DETECT_SOFTMAX	/* as detect_decide */
/*
 * The common temperature: the first PER_LANG paragraphs of each language.
 * A language's own: PER_SOURCE paragraphs of it from each source, so that
 * the everyday sentences, where close languages meet, count as much as
 * the help pages before them.
 */
#define PER_LANG 200
#define PER_SOURCE 200
#define CONFIDENT 0.9
#define SURE 0.995		/* above the 0.99 promised: other text is harder */
#define STEP 1.1		/* between the temperatures tried */
#define MOST 16.0		/* a language's temperature, at most, times the common one */

struct piece {
	float top[KEEP];	/* best scores, minus the best */
	float truth;		/* the right language's, minus the best */
	uint32_t lang;		/* the right language */
	uint32_t best;		/* the language that leads */
	int n;
	int clean;		/* from a cleanly labelled source */
	int common;		/* one the common temperature is fitted on */
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
			if (v > best) {
				best = v;
				p->best = i;
			}
		}
	qsort(cand, n, sizeof(*cand), by_desc);
	p->n = n < KEEP ? (int)n : KEEP;
	for (i = 0; i < (uint32_t)p->n; i++)
		p->top[i] = cand[i] - best;
	p->truth = ev->score[lang] + m->langs[lang].prior - best;
	p->lang = lang;
	return 1;
}

/* The probability the softmax at temperature t gives the leader. */
static double
p_best(const struct piece *p, double t)
{
	double z = 0.0;
	int k;

	for (k = 0; k < p->n; k++)
		z += exp(p->top[k] / t);
	return 1.0 / z;
}

static double
log_loss(const struct piece *p, size_t n, double t, double *right90)
{
	double loss = 0.0, hi = 0.0, ok = 0.0;
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		double pb, pt;

		if (!p[i].common)
			continue;
		pb = p_best(&p[i], t);
		pt = pb * exp(p[i].truth / t);
		count++;
		loss -= log(pt > 1e-12 ? pt : 1e-12);
		if (pb >= CONFIDENT) {
			hi++;
			ok += p[i].truth == 0.0f;
		}
	}
	*right90 = hi > 0 ? ok / hi : 1.0;
	return count > 0 ? loss / (double)count : 0.0;
}

/*
 * Raises the temperature of each language whose confident answers are
 * wrong too often, from t0 up, until they are not (or MOST x t0): fills
 * lang_t, 0 where t0 will do.
 */
static void
fit_languages(const struct corpus *c, const model *m, const struct piece *p,
    size_t n, double t0, float *lang_t)
{
	double *hi = calloc(c->n_langs, sizeof(*hi));
	double *bad = calloc(c->n_langs, sizeof(*bad));
	uint8_t *done = calloc(c->n_langs, 1);
	uint32_t l, open = c->n_langs;
	double t = t0;
	size_t i;

	if (hi == NULL || bad == NULL || done == NULL)
		open = 0;	/* lang_t stays 0: the common temperature */
	for (; open > 0 && t < MOST * t0 * STEP; t *= STEP) {
		memset(hi, 0, c->n_langs * sizeof(*hi));
		memset(bad, 0, c->n_langs * sizeof(*bad));
		for (i = 0; i < n; i++) {
			double w;

			if (!p[i].clean || c->langs[p[i].lang].sources < 2 ||
			    done[p[i].best] || p_best(&p[i], t) < CONFIDENT)
				continue;
			w = exp(m->langs[p[i].lang].prior);
			hi[p[i].best] += w;
			if (p[i].truth != 0.0f)
				bad[p[i].best] += w;
		}
		for (l = 0; l < c->n_langs; l++) {
			if (done[l] || bad[l] > (1.0 - SURE) * hi[l])
				continue;
			done[l] = 1;
			open--;
			lang_t[l] = t > t0 ? (float)t : 0.0f;
		}
	}
	for (l = 0; l < c->n_langs && open > 0; l++)
		if (!done[l])	/* never sure enough: the most doubt */
			lang_t[l] = (float)(t / STEP);
	for (l = 0; l < c->n_langs; l++)
		if (lang_t[l] > 0.0f)
			fprintf(stderr, "langid-train: %s leads at temperature "
			    "%.3f\n", c->langs[l].iso3, lang_t[l]);
	free(hi);
	free(bad);
	free(done);
}

float
calibrate(const struct corpus *c, const void *image, size_t len,
    float *lang_t)
{
	struct piece *p = NULL;
	size_t n = 0, cap = 0, i, n_used = (size_t)c->n_langs * c->n_sources;
	uint32_t *used = calloc(n_used, sizeof(*used));
	uint32_t *per_lang = calloc(c->n_langs, sizeof(*per_lang));
	float *cand = NULL, best_t = 1.0f;
	double best = INFINITY, t, r90;
	detect_evidence ev;
	char err[256];
	model m;

	memset(lang_t, 0, c->n_langs * sizeof(*lang_t));
	if (used == NULL || per_lang == NULL ||
	    model_check(&m, image, len, err, sizeof(err)) < 0 ||
	    detect_evidence_init(&ev, &m) < 0) {
		fprintf(stderr, "langid-train: calibration skipped\n");
		free(used);
		free(per_lang);
		return 1.0f;
	}
	cand = malloc(c->n_langs * sizeof(*cand));
	for (i = 0; cand != NULL && i < c->n_docs; i++) {
		const struct doc *d = &c->docs[i];
		const char *s = d->text, *end = d->text + d->len;
		size_t u = (size_t)d->lang * c->n_sources + d->source;
		int step = 0, common;

		if (d->role != ROLE_CALIB || d->source >= c->n_sources)
			continue;
		common = per_lang[d->lang] < PER_LANG;
		if (!common && used[u] >= PER_SOURCE)
			continue;
		per_lang[d->lang]++;
		used[u]++;
		while (s < end) {
			const char *e = piece_end(s, end, &step);

			if (n == cap) {
				struct piece *np;

				cap = cap ? cap * 2 : 4096;
				if ((np = realloc(p, cap * sizeof(*p))) == NULL)
					break;
				p = np;
			}
			p[n].clean = (c->clean_sources >> d->source) & 1;
			p[n].common = common;
			n += score_piece(&m, &ev, d->lang, s, (size_t)(e - s), cand,
			    &p[n]);
			s = e;
		}
	}
	for (t = 0.25; t < 64.0; t *= STEP) {
		double loss = log_loss(p, n, t, &r90);

		if (loss < best) {
			best = loss;
			best_t = (float)t;
		}
	}
	log_loss(p, n, best_t, &r90);
	fprintf(stderr, "langid-train: temperature %.3f over %zu pieces "
	    "(log loss %.4f; %.2f%% right at confidence >= %.1f)\n",
	    best_t, n, best, 100.0 * r90, CONFIDENT);
	fit_languages(c, &m, p, n, best_t, lang_t);
	free(p);
	free(cand);
	free(used);
	free(per_lang);
	detect_evidence_free(&ev);
	model_close(&m);
	return best_t;
}
