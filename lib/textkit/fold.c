/*
 * A small case folding, enough for the scripts our stemmers cover. Full
 * Unicode case mapping is not needed: a missed capital only costs a word
 * its match with the lowercase forms of the same word.
 */
#include <stdint.h>

#include "fold.h"

static uint32_t
lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if (c <= 0xde && c != 0xd7)
		return c + 32;
	if (c >= 0x100 && c <= 0x137 && c != 0x130)
		return c | 1;
	if (c >= 0x139 && c <= 0x148)
		return (c & 1) ? c + 1 : c;
	if (c >= 0x14a && c <= 0x177)
		return c | 1;
	if (c == 0x178)
		return 0xff;
	if (c >= 0x179 && c <= 0x17e)
		return (c & 1) ? c + 1 : c;
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c == 0x2019)
		return '\'';
	return c;
}

/* Decodes one code point; on a bad byte returns it as is, one byte long. */
static uint32_t
decode(const unsigned char *s, size_t len, size_t *n)
{
	uint32_t c = s[0];
	size_t need, i;

	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf)
		need = 1, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		need = 2, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 3, c &= 0x07;
	else {
		*n = 1;
		return 0xfffffffe;	/* not a code point: copy the byte */
	}
	if (need >= len) {
		*n = 1;
		return 0xfffffffe;
	}
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*n = 1;
			return 0xfffffffe;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*n = need + 1;
	return c;
}

static size_t
encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Unicode Cf characters found in text: none changes what a word says. */
static int
is_format(uint32_t c)
{
	return c == 0xad || c == 0x61c || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206f) ||
	    c == 0xfeff;
}

size_t
fold_format_len(const char *s, size_t len)
{
	size_t n;
	uint32_t c = decode((const unsigned char *)s, len, &n);

	return c != 0xfffffffe && is_format(c) ? n : 0;
}

size_t
fold_lower(const char *s, size_t len, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, n;
	uint32_t c;

	while (i < len) {
		c = decode(u + i, len - i, &n);
		if (o + 5 > cap)
			return 0;
		if (c == 0xfffffffe)
			out[o++] = (char)u[i];
		else if (!is_format(c))
			o += encode(lower(c), out + o);
		i += n;
	}
	if (o >= cap)
		return 0;
	out[o] = '\0';
	return o;
}
