/* Invisible characters: found at either end of a name, and stripped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../invisible.h"

static void
test_found_at_either_end(void **unused)
{
	const char *rlm = "\xe2\x80\x8f" "Hanoi";	/* U+200F first */
	const char *pdi = "Hanoi" "\xe2\x81\xa9";	/* U+2069 last */

	(void)unused;
	assert_int_equal(invisible_at(rlm, strlen(rlm)), 3);
	assert_int_equal(invisible_at(rlm + 3, 5), 0);
	assert_int_equal(invisible_before(pdi, strlen(pdi)), 3);
	assert_int_equal(invisible_before(pdi, 5), 0);
	assert_int_equal(invisible_at("\xc2\xad", 2), 2);	/* soft hyphen */
	assert_int_equal(invisible_at("\xf3\xa0\x80\x81", 4), 4);	/* tag */
	assert_int_equal(invisible_at("\xc3\xa9", 2), 0);	/* é is a letter */
	assert_int_equal(invisible_at("\xe2\x80", 2), 0);	/* cut short */
}

static void
test_stripped_inside_joiners_kept(void **unused)
{
	const char *in = "\xe2\x80\xaa" "Goldman\xc2\xad" "Sachs\xe2\x80\xac"
	    " \xe2\x80\x8e" "x\xef\xbb\xbf";
	const char *zwnj = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb4\xd9\x88\xd8\xaf";
	char out[64];
	size_t n;

	(void)unused;
	n = invisible_strip(in, strlen(in), out);
	assert_int_equal(n, strlen("GoldmanSachs x"));
	assert_memory_equal(out, "GoldmanSachs x", n);
	n = invisible_strip(zwnj, strlen(zwnj), out);
	assert_int_equal(n, strlen(zwnj));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found_at_either_end),
		cmocka_unit_test(test_stripped_inside_joiners_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
