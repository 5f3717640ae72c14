/*
 * Encodings by the names pages use, mapped as browsers map them (WHATWG
 * Encoding Standard): a page labelled ISO-8859-1 is decoded as
 * Windows-1252, GB2312 as GB18030, Shift_JIS as Microsoft's CP932. glibc's
 * iconv does the conversion.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

struct alias {
	const char *label;
	const char *iconv_name;
};

static const struct alias aliases[] = {
	{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" },
	{ "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
	{ "iso-8859-11", "CP874" }, { "tis-620", "CP874" },
	{ "windows-874", "CP874" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "gb18030", "GB18030" }, { "gb_2312-80", "GB18030" },
	{ "chinese", "GB18030" }, { "csgb2312", "GB18030" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
	{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
	{ "cp932", "CP932" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
	{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
	{ "x-mac-cyrillic", "MACCYRILLIC" }, { "koi8-u", "KOI8-U" },
	{ NULL, NULL }
};

/* The iconv name for a label, or the label itself for iconv to try. */
static const char *
iconv_name_of(const char *label)
{
	for (size_t i = 0; aliases[i].label != NULL; i++)
		if (strcasecmp(label, aliases[i].label) == 0)
			return aliases[i].iconv_name;
	return label;
}

static int
is_utf8_label(const char *label)
{
	return strcasecmp(label, "utf-8") == 0 || strcasecmp(label, "utf8") == 0 ||
	    strcasecmp(label, "unicode-1-1-utf-8") == 0;
}

/* Encodings that write text in 7-bit bytes: ASCII bytes do not mean ASCII. */
static int
is_seven_bit_label(const char *label)
{
	return strncasecmp(label, "iso-2022", 8) == 0 ||
	    strcasecmp(label, "utf-7") == 0 || strncasecmp(label, "hz", 2) == 0;
}

/* 1: valid UTF-8 with some non-ASCII; 0: ASCII only; -1: not UTF-8. */
static int
utf8_kind(const unsigned char *p, size_t len)
{
	int wide = 0;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			min = 0x10000;
		} else
			return -1;
		uint32_t cp = c & (0x3f >> n);
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		wide = 1;
		i += n + 1;
	}
	return wide;
}

/*
 * Converts with iconv; a byte sequence the encoding cannot map becomes
 * U+FFFD and decoding goes on after it.
 */
static int
convert(const char *from, const char *bytes, size_t len, char **out,
    size_t *outlen, char *err, size_t errlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = len * 3 + 16, in_left = len, out_left;
	char *in = (char *)bytes, *buf, *o;

	if (cd == (iconv_t)-1) {
		snprintf(err, errlen, "unknown character encoding '%.40s'", from);
		return -1;
	}
	if ((buf = malloc(cap + 1)) == NULL) {
		iconv_close(cd);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	o = buf;
	out_left = cap;
	while (in_left > 0) {
		if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
			break;
		if (errno == E2BIG || out_left < 3)
			break;	/* cannot happen: 3 bytes out per byte in suffice */
		memcpy(o, "\xef\xbf\xbd", 3);	/* EILSEQ or EINVAL: U+FFFD */
		o += 3;
		out_left -= 3;
		in++;
		in_left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	*o = '\0';
	*out = buf;
	*outlen = (size_t)(o - buf);
	return 0;
}

/* Valid UTF-8 needs no conversion. */
static int
copy(const char *bytes, size_t len, char **out, size_t *outlen, char *err,
    size_t errlen)
{
	if ((*out = malloc(len + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(*out, bytes, len);
	(*out)[len] = '\0';
	*outlen = len;
	return 0;
}

int
charset_decode(const char *bytes, size_t len, const char *declared,
    char **out, size_t *outlen, char *how, size_t howlen, char *err,
    size_t errlen)
{
	const unsigned char *p = (const unsigned char *)bytes;
	const char *from;
	int kind;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		snprintf(how, howlen, "UTF-8 with BOM");
		return convert("UTF-8", bytes + 3, len - 3, out, outlen, err, errlen);
	}
	if (len >= 2 && (memcmp(p, "\xff\xfe", 2) == 0 ||
	    memcmp(p, "\xfe\xff", 2) == 0)) {
		from = p[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
		snprintf(how, howlen, "%s", from);
		return convert(from, bytes + 2, len - 2, out, outlen, err, errlen);
	}
	kind = utf8_kind(p, len);
	if (declared != NULL && (kind < 0 || (kind == 0 &&
	    is_seven_bit_label(declared))) && !is_utf8_label(declared)) {
		from = iconv_name_of(declared);
		if (convert(from, bytes, len, out, outlen, err, errlen) == 0) {
			snprintf(how, howlen, "%s (declared)", declared);
			return 0;
		}
	}
	if (kind >= 0 || (declared != NULL && is_utf8_label(declared))) {
		/* Valid UTF-8 with non-ASCII is UTF-8, whatever the label says. */
		if (kind > 0 && declared != NULL && !is_utf8_label(declared))
			snprintf(how, howlen, "UTF-8 (declared %.24s)", declared);
		else
			snprintf(how, howlen, "UTF-8");
		if (kind >= 0)
			return copy(bytes, len, out, outlen, err, errlen);
		return convert("UTF-8", bytes, len, out, outlen, err, errlen);
	}
	if (declared != NULL)
		snprintf(how, howlen, "windows-1252 (declared %.24s, unknown)",
		    declared);
	else
		snprintf(how, howlen, "windows-1252 (undeclared)");
	return convert("WINDOWS-1252", bytes, len, out, outlen, err, errlen);
}

int
charset_from_content_type(const char *value, char *name, size_t len)
{
	const char *s = value;
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (strncasecmp(s, "charset", 7) == 0)
			break;
	if (*s == '\0')
		return 0;
	s += 7;
	while (isspace((unsigned char)*s))
		s++;
	if (*s++ != '=')
		return 0;
	while (isspace((unsigned char)*s) || *s == '"' || *s == '\'')
		s++;
	while (*s != '\0' && *s != ';' && *s != '"' && *s != '\'' &&
	    !isspace((unsigned char)*s) && n + 1 < len)
		name[n++] = *s++;
	name[n] = '\0';
	return n > 0;
}
