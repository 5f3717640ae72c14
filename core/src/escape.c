/*
 * Escaping for human-facing lines: logs and `process` complaints. JSON
 * output has its own escaping and never comes here.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "utf8.h"

/* Code points that move the cursor, end a line or reorder what follows. */
static int
needs_escape(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The escape for one code point or bad byte, into buf (12 bytes). */
static size_t
escape_one(uint32_t cp, int bad_byte, char *buf)
{
	if (bad_byte || cp < 0x80) {
		switch (cp) {
		case '\n': return (size_t)snprintf(buf, 12, "\\n");
		case '\r': return (size_t)snprintf(buf, 12, "\\r");
		case '\t': return (size_t)snprintf(buf, 12, "\\t");
		default: return (size_t)snprintf(buf, 12, "\\x%02x", (unsigned)cp);
		}
	}
	return (size_t)snprintf(buf, 12, "\\u%04x", (unsigned)cp);
}

size_t
escape_line(const char *s, char *out, size_t outlen)
{
	size_t len = strlen(s), i = 0, n = 0;

	if (outlen == 0)
		return 0;
	while (i < len) {
		size_t at = i, k;
		uint32_t cp;
		char buf[12];
		const char *piece = buf;
		int bad = utf8_next(s, len, &i, &cp) < 0;

		if (bad) {
			cp = (unsigned char)s[at];
			k = escape_one(cp, 1, buf);
		} else if (needs_escape(cp)) {
			k = escape_one(cp, 0, buf);
		} else {
			piece = s + at;
			k = i - at;
		}
		if (n + k >= outlen)
			break;
		memcpy(out + n, piece, k);
		n += k;
	}
	out[n] = '\0';
	return n;
}
