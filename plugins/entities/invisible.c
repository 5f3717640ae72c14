#include <stdint.h>
#include <string.h>

#include "invisible.h"

static int
is_invisible(uint32_t cp)
{
	return cp == 0x00ad || cp == 0x061c || cp == 0x180e ||
	    cp == 0x200b || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x206f) || cp == 0xfeff ||
	    (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001 ||
	    (cp >= 0xe0020 && cp <= 0xe007f);
}

/* The code point of a well-formed 2- to 4-byte sequence at s, or 0. */
static uint32_t
decode(const unsigned char *s, size_t n)
{
	if (n == 2 && (s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80)
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (n == 3 && (s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80)
		return (uint32_t)(s[0] & 0x0f) << 12 |
		    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	if (n == 4 && (s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80)
		return (uint32_t)(s[0] & 0x07) << 18 |
		    (uint32_t)(s[1] & 0x3f) << 12 |
		    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return 0;
}

static size_t
seq_len(unsigned char lead)
{
	if ((lead & 0xe0) == 0xc0)
		return 2;
	if ((lead & 0xf0) == 0xe0)
		return 3;
	if ((lead & 0xf8) == 0xf0)
		return 4;
	return 1;
}

size_t
invisible_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;

	if (len == 0 || u[0] < 0x80)
		return 0;
	n = seq_len(u[0]);
	return n <= len && n > 1 && is_invisible(decode(u, n)) ? n : 0;
}

size_t
invisible_before(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 1;

	while (n < len && n < 4 && (u[len - n] & 0xc0) == 0x80)
		n++;
	return n > 1 && n <= len && invisible_at(s + len - n, n) == n ? n : 0;
}

size_t
invisible_strip(const char *s, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		size_t k = invisible_at(s + i, len - i);
		if (k > 0) {
			i += k;
			continue;
		}
		out[o++] = s[i++];
	}
	return o;
}
