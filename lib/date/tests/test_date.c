/* Dates as written, and timestamps, to ISO 8601. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "date/date.h"

static void
parses(const char *s, const char *want)
{
	char iso[11] = "";

	if (!date_parse(s, strlen(s), iso))
		fail_msg("\"%s\" not read as a date", s);
	assert_string_equal(iso, want);
}

static void
test_written_dates(void **unused)
{
	(void)unused;
	parses("1 March 2019", "2019-03-01");
	parses("March 1, 2019", "2019-03-01");
	parses("Mar. 1 2019", "2019-03-01");
	parses("Friday 1 March 2019", "2019-03-01");
	parses("22nd Sept 2020.", "2020-09-22");
	parses("2019-03-01", "2019-03-01");
	parses("29 February 2024", "2024-02-29");
}

static void
test_not_dates(void **unused)
{
	char iso[11];

	(void)unused;
	assert_false(date_parse("soon", 4, iso));
	assert_false(date_parse("29 February 2023", 16, iso));
	assert_false(date_parse("32 March 2019", 13, iso));
	assert_false(date_parse("said on 1 March 2019", 20, iso));
	assert_false(date_parse_timestamp("2019-13-01T00:00:00Z", iso));
	assert_false(date_parse_timestamp("", iso));
}

static void
test_date_ending_a_line(void **unused)
{
	const char *s = "By Ben McGrath, Friday 1 March 2019";
	char iso[11];

	(void)unused;
	assert_int_equal(date_find_at_end(s, strlen(s), iso), 16);
	assert_string_equal(iso, "2019-03-01");
	assert_int_equal(date_find_at_end("1 March 2019 and more", 21, iso), -1);
}

static void
test_timestamps(void **unused)
{
	char iso[11];

	(void)unused;
	assert_true(date_parse_timestamp("2019-03-01T10:00:00Z", iso));
	assert_string_equal(iso, "2019-03-01");
	assert_true(date_parse_timestamp(" 2020-02-29 08:00:00+01:00", iso));
	assert_string_equal(iso, "2020-02-29");
	assert_true(date_parse_timestamp("March 3, 2021", iso));
	assert_string_equal(iso, "2021-03-03");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_written_dates),
		cmocka_unit_test(test_not_dates),
		cmocka_unit_test(test_date_ending_a_line),
		cmocka_unit_test(test_timestamps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
