#include <ctype.h>
#include <stdint.h>

#include "fold.h"

/* Base letters of U+00C0..U+00FF and U+0100..U+017F, lower-cased. */
static const char latin1[] =
    "aaaaaaaceeeeiiiidnooooo" "x" "ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo" "/" "ouuuuyty";
static const char latin_ext_a[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
    "ii" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr"
    "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/* Decodes one code point; *n gets its length (1 for a stray byte). */
static uint32_t
decode(const unsigned char *s, size_t len, size_t *n)
{
	if (s[0] >= 0xc2 && s[0] < 0xe0 && len >= 2 && (s[1] & 0xc0) == 0x80) {
		*n = 2;
		return ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	}
	if (s[0] >= 0xe0 && s[0] < 0xf0 && len >= 3 &&
	    (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*n = 3;
		return ((uint32_t)(s[0] & 0x0f) << 12) |
		    ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
	}
	*n = 1;
	return s[0];
}

/* Hyphens, dashes and apostrophes of every kind, spaces and dots. */
static int
ignored(uint32_t c)
{
	return c == ' ' || c == '-' || c == '.' || c == '\'' || c == 0xa0 ||
	    (c >= 0x2010 && c <= 0x2015) || c == 0x2019 || c == 0x2212;
}

size_t
name_fold(const char *s, size_t len, char *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, n;

	for (size_t i = 0; i < len; i += n) {
		uint32_t c = decode(p + i, len - i, &n);
		if (ignored(c))
			continue;
		if (o + n > max)
			return SIZE_MAX;
		if (c >= 0xc0 && c < 0x100)
			out[o++] = latin1[c - 0xc0];
		else if (c >= 0x100 && c < 0x180)
			out[o++] = latin_ext_a[c - 0x100];
		else if (n == 1)
			out[o++] = (char)tolower(p[i]);
		else
			for (size_t k = 0; k < n; k++)
				out[o++] = (char)p[i + k];
	}
	return o;
}
