/* Bytes to UTF-8: BOMs, UTF-16, Windows-1252, and what is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"

static char *
decode_ok(const char *bytes, size_t len, const char *want_encoding)
{
	char *out, err[256];
	size_t n;
	const char *enc;

	if (decode_text(bytes, len, &out, &n, &enc, err, sizeof(err)) != 0)
		fail_msg("refused: %s", err);
	assert_string_equal(enc, want_encoding);
	assert_int_equal(strlen(out), n);
	return out;
}

static void
decode_refused(const char *bytes, size_t len, const char *reason_part)
{
	char *out = NULL, err[256];
	size_t n;
	const char *enc;

	assert_int_equal(decode_text(bytes, len, &out, &n, &enc, err, sizeof(err)), -1);
	assert_null(out);
	if (strstr(err, reason_part) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", err, reason_part);
}

static void
test_utf8_with_and_without_bom(void **unused)
{
	char *s;

	(void)unused;
	s = decode_ok("caf\xc3\xa9", 5, "UTF-8");
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
	s = decode_ok("\xef\xbb\xbfhi", 5, "UTF-8 with BOM");
	assert_string_equal(s, "hi");
	free(s);
}

static void
test_utf16_both_orders_and_surrogates(void **unused)
{
	/* "é😀" little-endian and "Hi" big-endian. */
	const char le[] = "\xff\xfe\xe9\x00\x3d\xd8\x00\xde";
	const char be[] = "\xfe\xff\x00H\x00i";
	char *s;

	(void)unused;
	s = decode_ok(le, sizeof(le) - 1, "UTF-16LE");
	assert_string_equal(s, "\xc3\xa9\xf0\x9f\x98\x80");
	free(s);
	s = decode_ok(be, sizeof(be) - 1, "UTF-16BE");
	assert_string_equal(s, "Hi");
	free(s);
	decode_refused("\xff\xfe\x00\xd8", 4, "unpaired surrogate");
	decode_refused("\xff\xfeH", 3, "odd number");
}

static void
test_windows_1252_is_converted(void **unused)
{
	/* "café “quoted” 5€" as Windows-1252. */
	const char in[] = "caf\xe9 \x93quoted\x94 5\x80";
	char *s = decode_ok(in, sizeof(in) - 1, "Windows-1252");

	(void)unused;
	assert_string_equal(s, "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d 5\xe2\x82\xac");
	free(s);
}

static void
test_binary_and_garbage_are_refused(void **unused)
{
	(void)unused;
	decode_refused("PK\x03\x04\x00\x00", 6, "NUL byte at offset 4");
	/* 0x81 is a hole in Windows-1252, and 0x01 is no text byte. */
	decode_refused("ab\xff\x81", 4, "byte 0xff at offset 2");
	decode_refused("\x01\x02\xfe", 3, "Windows-1252");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_with_and_without_bom),
		cmocka_unit_test(test_utf16_both_orders_and_surrogates),
		cmocka_unit_test(test_windows_1252_is_converted),
		cmocka_unit_test(test_binary_and_garbage_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
