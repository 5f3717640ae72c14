/*
 * The UTF-8 decoder and character classes (core/src/utf8.c): stepping
 * through any bytes always advances and stays in bounds, validation agrees
 * with stepping, and every decoded code point encodes back to its bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t i = 0, bad, invalid = 0, chars = 0;
	uint32_t cp;

	while (i < size) {
		size_t at = i;
		char buf[4];

		if (utf8_next(s, size, &i, &cp) < 0) {
			if (i != at + 1 || cp != 0xFFFD)
				abort();
			if (invalid++ == 0 && (utf8_validate(s, size, &bad) == 0 ||
			    bad != at))
				abort();
		} else {
			if (i <= at || i > size || utf8_encode(cp, buf) != i - at ||
			    memcmp(buf, s + at, i - at) != 0)
				abort();
		}
		/* The classes take any code point, even one never valid. */
		(void)(uc_is_space(cp) + uc_is_digit(cp) + uc_is_upper(cp) +
		    uc_is_lower(cp) + uc_is_alnum(cp) + uc_is_unspaced(cp) +
		    uc_is_symbol(cp));
		chars++;
	}
	if (invalid == 0 && (utf8_validate(s, size, &bad) != 0 ||
	    utf8_length(s, size) != chars))
		abort();
	return 0;
}
