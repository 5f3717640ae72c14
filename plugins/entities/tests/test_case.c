/*
 * Case beyond ASCII: the features must see "Österreich" and "Москва" as
 * capitalised words, and fold "ÖSTERREICH" to "österreich", or German and
 * Russian names look like any other word. And the name folding that
 * groups mentions ("Kim Jong Un" / "Kim Jong-un", "U.S." / "US").
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
