/*
 * What arrives in an inbox is UTF-8 most of the time, sometimes with a BOM,
 * sometimes UTF-16 from Windows tools (always with a BOM there), and
 * sometimes legacy Windows-1252. Anything else is refused rather than
 * guessed: a wrong guess would silently corrupt every name in the article.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "utf8.h"

/* Windows-1252 0x80..0x9f; 0 where the code page leaves a hole. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

static int
decode_utf16(const unsigned char *p, size_t len, int big, char **out,
    size_t *outlen, char *err, size_t errlen)
{
	char *buf;
	size_t n = 0;

	if (len % 2 != 0) {
		snprintf(err, errlen, "UTF-16 text with an odd number of bytes");
		return -1;
	}
	if ((buf = malloc(len / 2 * 3 + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < len; i += 2) {
		uint32_t u = big ? (uint32_t)(p[i] << 8 | p[i + 1]) :
		    (uint32_t)(p[i + 1] << 8 | p[i]);
		if (u >= 0xd800 && u <= 0xdbff && i + 3 < len) {
			uint32_t lo = big ? (uint32_t)(p[i + 2] << 8 | p[i + 3]) :
			    (uint32_t)(p[i + 3] << 8 | p[i + 2]);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		if ((u >= 0xd800 && u <= 0xdfff) || u == 0) {
			snprintf(err, errlen, "not UTF-16 text (%s at offset %zu)",
			    u == 0 ? "NUL character" : "unpaired surrogate", i);
			free(buf);
			return -1;
		}
		n += utf8_encode(u, buf + n);
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}

/*
 * Invalid UTF-8 that has no C1 holes and no stray control bytes reads as
 * Windows-1252: the one legacy encoding common enough to accept unasked.
 */
static int
decode_cp1252(const unsigned char *p, size_t len, size_t bad, char **out,
    size_t *outlen, char *err, size_t errlen)
{
	char *buf;
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if ((p[i] >= 0x80 && p[i] <= 0x9f && cp1252_high[p[i] - 0x80] == 0) ||
		    (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r' && p[i] != '\f')) {
			snprintf(err, errlen, "not UTF-8 text (byte 0x%02x at "
			    "offset %zu) nor Windows-1252 (byte 0x%02x at offset %zu)",
			    p[bad], bad, p[i], i);
			return -1;
		}
	}
	if ((buf = malloc(len * 3 + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		uint32_t u = p[i];
		if (u >= 0x80 && u <= 0x9f)
			u = cp1252_high[u - 0x80];
		n += utf8_encode(u, buf + n);
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}

int
decode_text(const void *bytes, size_t len, char **out, size_t *outlen,
    const char **encoding, char *err, size_t errlen)
{
	const unsigned char *p = bytes;
	size_t bad;
	const void *nul;

	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		*encoding = "UTF-16LE";
		return decode_utf16(p + 2, len - 2, 0, out, outlen, err, errlen);
	}
	if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		*encoding = "UTF-16BE";
		return decode_utf16(p + 2, len - 2, 1, out, outlen, err, errlen);
	}
	if ((nul = memchr(p, 0, len)) != NULL) {
		snprintf(err, errlen, "binary file (NUL byte at offset %zu)",
		    (size_t)((const unsigned char *)nul - p));
		return -1;
	}
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		len -= 3;
		*encoding = "UTF-8 with BOM";
	} else
		*encoding = "UTF-8";

	if (utf8_validate((const char *)p, len, &bad) < 0) {
		*encoding = "Windows-1252";
		return decode_cp1252(p, len, bad, out, outlen, err, errlen);
	}
	if ((*out = malloc(len + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(*out, p, len);
	(*out)[len] = '\0';
	*outlen = len;
	return 0;
}
