/* Lines for people: whatever a name holds, it prints as one line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "escape.h"

static void
check(const char *in, const char *want)
{
	char out[256];

	escape_line(in, out, sizeof(out));
	assert_string_equal(out, want);
}

static void
test_controls_become_visible_escapes(void **unused)
{
	(void)unused;
	check("a\nb.txt: forged", "a\\nb.txt: forged");
	check("tab\there\r", "tab\\there\\r");
	check("bell\a esc\x1b[31m del\x7f", "bell\\x07 esc\\x1b[31m del\\x7f");
	check("nel\xc2\x85 csi\xc2\x9b", "nel\\u0085 csi\\u009b");
}

static void
test_line_separators_and_bidi_controls_are_escaped(void **unused)
{
	(void)unused;
	check("a\xe2\x80\xa8" "b\xe2\x80\xa9", "a\\u2028b\\u2029");
	check("txt.\xe2\x80\xae" "exe", "txt.\\u202eexe");
	check("\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8f", "\\u2066x\\u2069\\u200f");
}

static void
test_text_and_other_scripts_pass_unchanged(void **unused)
{
	(void)unused;
	check("story.txt: text: empty article", "story.txt: text: empty article");
	check("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80");
}

static void
test_bytes_that_are_not_utf8_are_escaped(void **unused)
{
	(void)unused;
	check("caf\xe9.txt", "caf\\xe9.txt");
	check("cut \xe2\x80", "cut \\xe2\\x80");
}

static void
test_a_short_buffer_cuts_at_a_whole_escape(void **unused)
{
	char out[5];

	(void)unused;
	assert_int_equal(escape_line("a\ncd", out, sizeof(out)), 4);
	assert_string_equal(out, "a\\nc");
	assert_int_equal(escape_line("abc\nd", out, sizeof(out)), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(escape_line("\xe4\xb8\xad\xe6\x96\x87", out, 5), 3);
	assert_string_equal(out, "\xe4\xb8\xad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_become_visible_escapes),
		cmocka_unit_test(test_line_separators_and_bidi_controls_are_escaped),
		cmocka_unit_test(test_text_and_other_scripts_pass_unchanged),
		cmocka_unit_test(test_bytes_that_are_not_utf8_are_escaped),
		cmocka_unit_test(test_a_short_buffer_cuts_at_a_whole_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
