/*
 * Case beyond ASCII: the features must see "Österreich" and "Москва" as
 * capitalised words, and fold "ÖSTERREICH" to "österreich", or German and
 * Russian names look like any other word. And the name folding that
 * groups mentions ("Kim Jong Un" / "Kim Jong-un", "U.S." / "US"). And
 * the organisation words that make a name an organisation's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../features.h"
#include "../fold.h"
#include "../hash.h"

static uint64_t
lower(const char *s)
{
	return hash_lower(HASH_SEED, s, strlen(s));
}

static void
lower_case_folds_latin1_and_cyrillic(void **unused)
{
	(void)unused;
	assert_true(lower("\xc3\x96STERREICH") == lower("\xc3\xb6sterreich"));
	/* МОСКВА, Москва, москва */
	const char *upper = "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90";
	const char *title = "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0";
	const char *low = "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0";
	assert_true(lower(upper) == lower(low));
	assert_true(lower(title) == lower(low));
	assert_true(lower("Paris") == lower("paris"));
	assert_true(lower("Paris") != lower("parix"));
}

static void
capitals_beyond_ascii_are_capitals(void **unused)
{
	(void)unused;
	struct ner_word w[3] = {
		{ "\xc3\x96sterreich", 11 },		/* Österreich */
		{ "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", 12 },
		{ "\xc3\xa9t\xc3\xa9", 6 },		/* été */
	};
	struct ner_winfo info[3];
	struct ner_sent s = { w, 3, info, 0 };

	ner_prepare(&s, NULL);
	assert_true(info[0].title);
	assert_true(info[1].title);
	assert_false(info[2].title);
	assert_true(info[2].lower_case);
}

static size_t
static_features(const struct ner_sent *s, size_t i, uint64_t *f)
{
	struct ner_doc d;
	size_t n;

	assert_int_equal(ner_doc_init(&d), 0);
	n = ner_features_static(s, i, &d, f);
	ner_doc_free(&d);
	return n;
}

static void
organisation_words_are_marked(void **unused)
{
	(void)unused;
	struct ner_word w[7] = {
		{ "at", 2 }, { "Bryn", 4 }, { "Mawr", 4 }, { "College", 7 },
		{ "and", 3 }, { "Acme", 4 }, { "Inc.", 4 },
	};
	struct ner_word v[7];
	struct ner_winfo info[7], vinfo[7];
	struct ner_sent s = { w, 7, info, 0 };
	struct ner_sent t = { v, 7, vinfo, 0 };
	uint64_t f[NER_FEATURES_MAX], g[NER_FEATURES_MAX];

	ner_prepare(&s, NULL);
	assert_false(info[0].org_word);
	assert_false(info[1].org_word);
	assert_true(info[3].org_word);
	assert_true(info[6].org_word);		/* "Inc." without its period */
	/* The other words of the run know an organisation word is in it. */
	assert_true(info[1].run_org);
	assert_true(info[2].run_org);
	assert_false(info[3].run_org);		/* itself only */
	assert_true(info[5].run_org);
	assert_false(info[4].run_org);

	/* Lower-case, the word is no organisation's: "the college". */
	struct ner_word low = { "college", 7 };
	struct ner_winfo linfo;
	struct ner_sent ls = { &low, 1, &linfo, 0 };
	ner_prepare(&ls, NULL);
	assert_false(linfo.org_word);

	/*
	 * "Mawr" before "College" has two features more than before
	 * "Collage": the next word is one, and so is a word of its run.
	 */
	memcpy(v, w, sizeof(v));
	v[3].s = "Collage";
	ner_prepare(&t, NULL);
	assert_false(vinfo[3].org_word);
	assert_false(vinfo[2].run_org);
	size_t nf = static_features(&s, 2, f);
	size_t ng = static_features(&t, 2, g);
	assert_int_equal(nf, ng + 2);
}

static void
name_variants_fold_alike(void **unused)
{
	char a[64], b[64];
	size_t na, nb;
	(void)unused;

	na = name_fold("Kim Jong-un", 11, a, sizeof(a));
	nb = name_fold("KIM JONG UN", 11, b, sizeof(b));
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	na = name_fold("U.S.", 4, a, sizeof(a));
	nb = name_fold("US", 2, b, sizeof(b));
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	na = name_fold("M\xc3\xbcller", 7, a, sizeof(a));
	assert_int_equal(na, 6);
	assert_memory_equal(a, "muller", 6);
	assert_int_equal(name_fold("Kim Jong-un", 11, a, 4), SIZE_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lower_case_folds_latin1_and_cyrillic),
		cmocka_unit_test(capitals_beyond_ascii_are_capitals),
		cmocka_unit_test(name_variants_fold_alike),
		cmocka_unit_test(organisation_words_are_marked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
