/*
 * The discriminative stage of training: on a piece the naive Bayes model
 * does not separate by the margin, the corrections favour the right
 * language against its rival, they are sorted as the model builder wants,
 * the same inputs give the same corrections, and a model built with them
 * scores the piece more clearly for its language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../detect.h"
#include "../train/train.h"
#include "tiny_model.h"

static const char tuned[] =
    "Everyone has the right to life, liberty and security of person.";

/* The tiny corpus with the sentence above moved from training to tuning. */
static uint32_t
corpus_with_tune(struct corpus *c)
{
	size_t i;

	assert_int_equal(tiny_corpus(c), 0);
	for (i = 0; i < c->n_docs; i++)
		if (c->docs[i].len == strlen(tuned) &&
		    memcmp(c->docs[i].text, tuned, strlen(tuned)) == 0) {
			c->docs[i].role = ROLE_TUNE;
			return c->docs[i].lang;
		}
	fail_msg("the tuned sentence is not in the corpus");
	return 0;
}

/* How far the language leads the best other one on the text. */
static float
lead(const void *image, size_t len, uint32_t lang, const char *text)
{
	detect_evidence ev;
	char err[256];
	float best = -1e30f;
	uint32_t i;
	model m;

	assert_int_equal(model_check(&m, image, len, err, sizeof(err)), 0);
	assert_int_equal(detect_evidence_init(&ev, &m), 0);
	detect_scan(&m, text, strlen(text), 0, &ev);
	for (i = 0; i < m.hdr->n_langs; i++)
		if (i != lang && m.script[i] == m.script[lang] &&
		    ev.score[i] > best)
			best = ev.score[i];
	best = ev.score[lang] - best;
	detect_evidence_free(&ev);
	model_close(&m);
	return best;
}

static void
test_refine(void **state)
{
	struct build_params bp = tiny_params();
	/* A margin no piece meets: every piece is learned from. */
	struct refine_params rp = { 2, 0.1f, 1000.0f, 1000.0f, 0.001f, 100 };
	struct delta *d = NULL, *again = NULL;
	size_t n = 0, n_again = 0, i;
	void *image = NULL, *refined = NULL;
	size_t len, rlen;
	struct corpus c;
	uint32_t eng;
	char err[256];

	(void)state;
	eng = corpus_with_tune(&c);
	assert_int_equal(build_model(&c, 1u << ROLE_TRAIN, &bp, &image, &len,
	    err, sizeof(err)), 0);
	assert_int_equal(refine(&c, image, len, &rp, &d, &n), 0);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		/* Only English was tuned on: it gains, its rivals lose. */
		if (d[i].lang == eng)
			assert_true(d[i].w > 0.0f);
		else
			assert_true(d[i].w < 0.0f);
		assert_true(d[i].w >= rp.min_delta || d[i].w <= -rp.min_delta);
		if (i > 0)
			assert_true(d[i - 1].hash < d[i].hash ||
			    (d[i - 1].hash == d[i].hash && d[i - 1].lang < d[i].lang));
	}
	assert_int_equal(refine(&c, image, len, &rp, &again, &n_again), 0);
	assert_int_equal(n_again, n);
	assert_memory_equal(again, d, n * sizeof(*d));

	bp.deltas = d;
	bp.n_deltas = n;
	assert_int_equal(build_model(&c, 1u << ROLE_TRAIN, &bp, &refined, &rlen,
	    err, sizeof(err)), 0);
	assert_true(lead(refined, rlen, eng, tuned) >
	    lead(image, len, eng, tuned) + 0.5f);

	free(refined);
	free(image);
	free(d);
	free(again);
	corpus_free(&c);
}

/* Nothing to tune on: no corrections, and no error. */
static void
test_refine_nothing(void **state)
{
	struct build_params bp = tiny_params();
	struct refine_params rp = { 2, 0.1f, 1.0f, 5.0f, 0.01f, 100 };
	struct delta *d = NULL;
	void *image = NULL;
	struct corpus c;
	char err[256];
	size_t len, n = 1;

	(void)state;
	assert_int_equal(tiny_corpus(&c), 0);
	assert_int_equal(build_model(&c, 1u << ROLE_TRAIN, &bp, &image, &len,
	    err, sizeof(err)), 0);
	assert_int_equal(refine(&c, image, len, &rp, &d, &n), 0);
	assert_int_equal(n, 0);
	free(d);
	free(image);
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refine),
		cmocka_unit_test(test_refine_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
