/* Rule types: each pattern finds what a reader would call one mention. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../rules.h"
#include "toktest.h"

static struct toktest tt;
static struct mentions ms;

static void
run(const char *text)
{
	mentions_free(&ms);
	toktest_run(&tt, text);
	assert_int_equal(rules_find(text, tt.tok, tt.ntok, &ms), 0);
}

/* Asserts that `surface` was found once, with that type. */
static void
expect(const char *text, const char *surface, int type)
{
	const char *at = strstr(text, surface);
	size_t b = (size_t)(at - text);

	assert_non_null(at);
	for (size_t i = 0; i < ms.n; i++) {
		if (ms.m[i].byte_start == b &&
		    ms.m[i].byte_end == b + strlen(surface)) {
			assert_string_equal(etype_name(ms.m[i].type),
			    etype_name(type));
			return;
		}
	}
	fail_msg("\"%s\" not found as %s in \"%s\" (%zu mentions)", surface,
	    etype_name(type), text, ms.n);
}

static void
dates_in_their_usual_forms(void **unused)
{
	(void)unused;
	const char *t = "It began on 1 March 2019, ended on February 21 and "
	    "recalled the 1980s, as did March 3, 2020, 2019-03-01 and Feb. 28.";
	run(t);
	expect(t, "1 March 2019", E_DATE);
	expect(t, "February 21", E_DATE);
	expect(t, "the 1980s", E_DATE);
	expect(t, "March 3, 2020", E_DATE);
	expect(t, "2019-03-01", E_DATE);
	expect(t, "Feb. 28", E_DATE);
}

static void
weekdays_and_years_after_a_cue(void **unused)
{
	(void)unused;
	const char *t = "The vote on Thursday was the first since 2016.";
	run(t);
	expect(t, "Thursday", E_DATE);
	expect(t, "2016", E_DATE);
	assert_int_equal(ms.n, 2);
}

static void
may_the_verb_is_not_a_date(void **unused)
{
	(void)unused;
	run("Prices may rise. They May go.");
	assert_int_equal(ms.n, 0);
}

static void
money_with_symbols_and_scales(void **unused)
{
	(void)unused;
	const char *t = "Profits reached $1.13bn, up from \xc2\xa3" "600m and "
	    "\xe2\x82\xac" "3 million, or 40 dollars a share.";
	run(t);
	expect(t, "$1.13bn", E_MONEY);
	expect(t, "\xc2\xa3" "600m", E_MONEY);
	expect(t, "\xe2\x82\xac" "3 million", E_MONEY);
	expect(t, "40 dollars", E_MONEY);
}

static void
percentages(void **unused)
{
	(void)unused;
	const char *t = "Growth was 3.5% against 2 per cent and 7 percent.";
	run(t);
	expect(t, "3.5%", E_PERCENT);
	expect(t, "2 per cent", E_PERCENT);
	expect(t, "7 percent", E_PERCENT);
	assert_int_equal(ms.n, 3);
}

static void
times_of_day(void **unused)
{
	(void)unused;
	const char *t = "Doors open at 10:30 am and close at 5pm or at noon.";
	run(t);
	expect(t, "10:30 am", E_TIME);
	expect(t, "5pm", E_TIME);
	expect(t, "noon", E_TIME);
}

static void
quantities_with_units(void **unused)
{
	(void)unused;
	const char *t = "The pipeline runs 1,200 km and carries 50,000 barrels "
	    "over 3 square miles, about 5kg each.";
	run(t);
	expect(t, "1,200 km", E_QUANTITY);
	expect(t, "50,000 barrels", E_QUANTITY);
	expect(t, "3 square miles", E_QUANTITY);
	expect(t, "5kg", E_QUANTITY);
}

static void
emails_and_urls_from_token_kinds(void **unused)
{
	(void)unused;
	const char *t = "Write to press@example.org or see https://example.org/a.";
	run(t);
	expect(t, "press@example.org", E_EMAIL);
	expect(t, "https://example.org/a", E_URL);
}

static void
offsets_are_code_points(void **unused)
{
	(void)unused;
	/* "é" is two bytes, one code point. */
	const char *t = "Caf\xc3\xa9 sales rose 4%.";
	run(t);
	assert_int_equal(ms.n, 1);
	assert_int_equal(ms.m[0].start, 16);
	assert_int_equal(ms.m[0].end, 18);
	assert_int_equal(ms.m[0].byte_start, 17);
}

static int
teardown(void **unused)
{
	(void)unused;
	mentions_free(&ms);
	return 0;
}

static void
dates_in_other_languages(void **unused)
{
	(void)unused;
	const char *t = "Le 3 mars 2019 et el 12 de mayo de 2019, am 1. M\xc3\xa4rz "
	    "2019 und am Freitag, op 5 mei, 3 \xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0 2019, "
	    "den 7. januar og 2. toukokuuta 2020.";
	run(t);
	expect(t, "3 mars 2019", E_DATE);
	expect(t, "12 de mayo de 2019", E_DATE);
	expect(t, "1. M\xc3\xa4rz 2019", E_DATE);
	expect(t, "Freitag", E_DATE);
	expect(t, "5 mei", E_DATE);
	expect(t, "3 \xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0 2019", E_DATE);
	expect(t, "7. januar", E_DATE);
	expect(t, "2. toukokuuta 2020", E_DATE);
}

static void
a_foreign_month_alone_is_not_a_date(void **unused)
{
	(void)unused;
	run("The mission to mars and a mai tai.");
	assert_int_equal(ms.n, 0);
}

static void
money_percentages_and_times_in_other_languages(void **unused)
{
	(void)unused;
	const char *t = "Il co\xc3\xbbte 1.000,50 \xe2\x82\xac, custa R$ 20 y 3 "
	    "millones de euros, plus 5,5 % und 3 Prozent, 12 por ciento, "
	    "um 14.30 Uhr, \xc3\xa0 14h30 und 20 kr.";
	run(t);
	expect(t, "1.000,50 \xe2\x82\xac", E_MONEY);
	expect(t, "R$ 20", E_MONEY);
	expect(t, "3 millones de euros", E_MONEY);
	expect(t, "5,5 %", E_PERCENT);
	expect(t, "3 Prozent", E_PERCENT);
	expect(t, "12 por ciento", E_PERCENT);
	expect(t, "14.30 Uhr", E_TIME);
	expect(t, "14h30", E_TIME);
	expect(t, "20 kr", E_MONEY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_other_languages),
		cmocka_unit_test(a_foreign_month_alone_is_not_a_date),
		cmocka_unit_test(money_percentages_and_times_in_other_languages),
		cmocka_unit_test(dates_in_their_usual_forms),
		cmocka_unit_test(weekdays_and_years_after_a_cue),
		cmocka_unit_test(may_the_verb_is_not_a_date),
		cmocka_unit_test(money_with_symbols_and_scales),
		cmocka_unit_test(percentages),
		cmocka_unit_test(times_of_day),
		cmocka_unit_test(quantities_with_units),
		cmocka_unit_test(emails_and_urls_from_token_kinds),
		cmocka_unit_test(offsets_are_code_points),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
