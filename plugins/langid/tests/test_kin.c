/*
 * Close relatives: which languages are, and how a thin lead over one of
 * them lowers the confidence of an answer without changing it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../kin.h"

/* A result with n candidates, lang k numbered k, probabilities prob. */
static detect_result
result(int n, const float *prob)
{
	detect_result r;
	int k;

	memset(&r, 0, sizeof(r));
	r.script = SCRIPT_LATN;
	r.letters = 40;
	r.n = n;
	for (k = 0; k < n; k++) {
		r.lang[k] = (uint32_t)k;
		r.prob[k] = prob[k];
	}
	return r;
}

static float
sum(const detect_result *r)
{
	float s = 0.0f;

	for (int k = 0; k < r->n; k++)
		s += r->prob[k];
	return s;
}

static void
the_groups_hold_the_neighbours_that_were_mistaken_for_each_other(void **unused)
{
	static const char *const groups[][4] = {
		{ "nb", "da", "nn", "sv" }, { "ms", "id", NULL, NULL },
		{ "bs", "hr", "sr", "cnr" }, { "zu", "xh", "nr", "ss" },
		{ "ur", "fa", "pnb", "skr" }, { "kk", "ky", "ru", NULL },
		{ "af", "nl", NULL, NULL },
	};
	size_t g, k;

	(void)unused;
	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int first = kin_group(groups[g][0]);

		assert_true(first > 0);
		assert_true(kin_margin(first) > 0.0f);
		for (k = 1; k < 4 && groups[g][k] != NULL; k++)
			assert_int_equal(kin_group(groups[g][k]), first);
		if (g > 0)
			assert_int_not_equal(kin_group(groups[g - 1][0]), first);
	}
	/* Neighbours outside the groups, and codes the model lacks. */
	assert_int_equal(kin_group("en"), 0);
	assert_int_equal(kin_group("uk"), 0);
	assert_int_equal(kin_group("de"), 0);
	assert_int_equal(kin_group(""), 0);
	assert_int_equal(kin_group("nbx"), 0);
	assert_float_equal(kin_margin(0), 0.0f, 0.0f);
	assert_float_equal(kin_margin(1000), 0.0f, 0.0f);
}

/* p and q, summing to 0.999, whose log-odds ln(p / q) are lead. */
static void
lead_of(float lead, float *p, float *q)
{
	*q = 0.999f / (1.0f + expf(lead));
	*p = 0.999f - *q;
}

static void
just_below_the_groups_margin_an_answer_is_just_below_sure(void **unused)
{
	int g = kin_group("ms");
	float need = kin_margin(g), p, q, c;

	(void)unused;
	lead_of(need - 0.01f, &p, &q);
	assert_true(p > 0.99f);
	c = kin_confidence(g, p, q);
	assert_true(c < KIN_SURE && c > KIN_SURE - 0.001f);
	/* Thinner, less sure; at the margin or wider, as it was. */
	lead_of(need - 1.0f, &p, &q);
	assert_true(kin_confidence(g, p, q) < c);
	lead_of(need + 0.01f, &p, &q);
	assert_float_equal(kin_confidence(g, p, q), p, 0.0f);
}

static void
confidence_falls_as_the_lead_thins(void **unused)
{
	int g = kin_group("nb");
	float last = 1.0f, q;

	(void)unused;
	for (q = 0.0001f; q < 0.45f; q *= 2.0f) {
		float c = kin_confidence(g, 0.55f - 0.0001f, q);

		assert_true(c <= last);
		assert_true(c >= 0.5f);	/* the answer still leads */
		last = c;
	}
	assert_true(last < 0.6f);
	/* A tie is a coin toss. */
	assert_float_equal(kin_confidence(g, 0.45f, 0.45f), 0.45f, 0.0f);
	assert_float_equal(kin_confidence(g, 0.5f, 0.5f), 0.5f, 1e-6f);
}

static void
without_a_group_or_a_relative_the_confidence_stays(void **unused)
{
	(void)unused;
	assert_float_equal(kin_confidence(0, 0.97f, 0.03f), 0.97f, 0.0f);
	assert_float_equal(kin_confidence(kin_group("id"), 0.97f, 0.0f),
	    0.97f, 0.0f);
}

static void
a_thin_lead_over_a_relative_is_not_sure(void **unused)
{
	const float prob[] = { 0.98f, 0.015f, 0.004f };
	const char *const codes[] = { "id", "ms", "jv" };
	detect_result r = result(3, prob);

	(void)unused;
	assert_int_equal(kin_doubt(&r, codes), 1);
	/* Same answer, less sure; the doubt went to Malay. */
	assert_int_equal(r.lang[0], 0);
	assert_true(r.prob[0] < KIN_SURE);
	assert_true(r.prob[0] > 0.5f);
	assert_int_equal(r.lang[1], 1);
	assert_true(r.prob[1] > prob[1]);
	assert_float_equal(r.prob[2], prob[2], 0.0f);
	assert_float_equal(sum(&r), prob[0] + prob[1] + prob[2], 1e-5f);
}

static void
a_wide_lead_or_a_stranger_leaves_the_answer_sure(void **unused)
{
	const float wide[] = { 0.9999f, 0.0001f };
	const float thin[] = { 0.95f, 0.05f };
	detect_result r = result(2, wide);
	const char *const relatives[] = { "nl", "af" };
	const char *const strangers[] = { "nl", "de" };
	const char *const lone[] = { "en", "sco" };

	(void)unused;
	/* 0.9999 to 0.0001 is a lead of 9.2, wider than any group needs. */
	assert_int_equal(kin_doubt(&r, relatives), 0);
	assert_float_equal(r.prob[0], wide[0], 0.0f);
	r = result(2, thin);
	assert_int_equal(kin_doubt(&r, strangers), 0);
	assert_float_equal(r.prob[0], thin[0], 0.0f);
	assert_int_equal(kin_doubt(&r, lone), 0);
	assert_float_equal(r.prob[0], thin[0], 0.0f);
	r = result(1, thin);
	assert_int_equal(kin_doubt(&r, relatives), 0);
	assert_float_equal(r.prob[0], thin[0], 0.0f);
}

static void
the_nearest_relative_takes_the_doubt_and_the_ranking_holds(void **unused)
{
	const float prob[] = { 0.93f, 0.03f, 0.025f, 0.015f };
	/* Bokmål ahead of English, then Danish and Nynorsk. */
	const char *const codes[] = { "nb", "en", "da", "nn" };
	detect_result r = result(4, prob);
	int k;

	(void)unused;
	assert_int_equal(kin_doubt(&r, codes), 1);
	assert_int_equal(r.lang[0], 0);
	assert_true(r.prob[0] < KIN_SURE);
	/* Danish gained more than English has: it is second now. */
	assert_int_equal(r.lang[1], 2);
	assert_int_equal(r.lang[2], 1);
	assert_int_equal(r.lang[3], 3);
	assert_float_equal(r.prob[3], prob[3], 0.0f);
	for (k = 1; k < r.n; k++)
		assert_true(r.prob[k] <= r.prob[k - 1]);
	assert_float_equal(sum(&r), 0.93f + 0.03f + 0.025f + 0.015f, 1e-5f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_groups_hold_the_neighbours_that_were_mistaken_for_each_other),
		cmocka_unit_test(just_below_the_groups_margin_an_answer_is_just_below_sure),
		cmocka_unit_test(confidence_falls_as_the_lead_thins),
		cmocka_unit_test(without_a_group_or_a_relative_the_confidence_stays),
		cmocka_unit_test(a_thin_lead_over_a_relative_is_not_sure),
		cmocka_unit_test(a_wide_lead_or_a_stranger_leaves_the_answer_sure),
		cmocka_unit_test(the_nearest_relative_takes_the_doubt_and_the_ranking_holds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
