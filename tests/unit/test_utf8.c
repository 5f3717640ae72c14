/* UTF-8 decoding and the character classes segmentation relies on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void
test_decodes_and_encodes_round_trip(void **unused)
{
	const uint32_t cps[] = { 'A', 0xe9, 0x20ac, 0x1f600 };
	char buf[4];

	(void)unused;
	for (size_t i = 0; i < 4; i++) {
		size_t n = utf8_encode(cps[i], buf), at = 0;
		uint32_t cp;
		assert_int_equal(n, i + 1);
		assert_int_equal(utf8_next(buf, n, &at, &cp), 0);
		assert_int_equal(cp, cps[i]);
		assert_int_equal(at, n);
	}
}

static void
test_refuses_overlong_surrogate_and_truncated(void **unused)
{
	const char *bad[] = { "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xff" };
	size_t off;

	(void)unused;
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(utf8_validate(bad[i], strlen(bad[i]), &off), -1);
	assert_int_equal(utf8_validate("ok \xe2\x82", 5, &off), -1);
	assert_int_equal(off, 3);
	assert_int_equal(utf8_length("h\xc3\xa9!", 4), 3);
}

static void
test_classes(void **unused)
{
	(void)unused;
	assert_true(uc_is_upper('Q') && uc_is_upper(0xc9) && uc_is_upper(0x416));
	assert_true(uc_is_lower('q') && uc_is_lower(0xe9) && uc_is_lower(0x436));
	assert_true(uc_is_upper(0x141) && uc_is_lower(0x142));	/* Ł ł */
	assert_true(uc_is_alnum(0x915) && uc_is_alnum(0x627));	/* क ا */
	assert_false(uc_is_alnum(0x3002) || uc_is_alnum(0xab) || uc_is_alnum('$'));
	assert_true(uc_is_unspaced(0x6771) && uc_is_unspaced(0x3042));
	assert_false(uc_is_unspaced(0xac00));	/* Hangul has spaces */
	assert_true(uc_is_space(0x3000) && uc_is_space(0xa0));
	assert_true(uc_is_symbol(0x20ac) && uc_is_symbol('%'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decodes_and_encodes_round_trip),
		cmocka_unit_test(test_refuses_overlong_surrogate_and_truncated),
		cmocka_unit_test(test_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
