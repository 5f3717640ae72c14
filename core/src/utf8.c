/*
 * Character classes without a Unicode database: ASCII exactly, the rest by
 * the ranges that matter for splitting words and sentences. Anything not
 * known to be space, punctuation or a symbol counts as part of a word, so an
 * unknown script still yields words rather than noise.
 */
#include "utf8.h"

int
utf8_next(const char *str, size_t len, size_t *i, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t at = *i;
	uint32_t c = s[at];
	size_t need;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		*i = at + 1;
		return 0;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1; min = 0x80; c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2; min = 0x800; c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3; min = 0x10000; c &= 0x07;
	} else
		goto bad;
	if (len - at <= need)
		goto bad;
	for (size_t k = 1; k <= need; k++) {
		if ((s[at + k] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (s[at + k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	*i = at + need + 1;
	return 0;
bad:
	*cp = 0xfffd;
	*i = at + 1;
	return -1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int
utf8_validate(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t at = i;
		if (utf8_next(s, len, &i, &cp) < 0) {
			*bad = at;
			return -1;
		}
	}
	return 0;
}

size_t
utf8_length(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
uc_is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	    cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000 || cp == 0xfeff;
}

int
uc_is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x660 && cp <= 0x669) ||
	    (cp >= 0x6f0 && cp <= 0x6f9) || (cp >= 0x966 && cp <= 0x96f) ||
	    (cp >= 0xff10 && cp <= 0xff19);
}

int
uc_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	if (cp >= 0x100 && cp <= 0x17f)		/* Latin Extended-A pairs */
		return (cp & 1) == (cp >= 0x139 && cp <= 0x148 ? 1u :
		    cp >= 0x179 ? 1u : 0u);
	if (cp >= 0x391 && cp <= 0x3ab)
		return 1;
	if (cp >= 0x400 && cp <= 0x42f)
		return 1;
	if (cp >= 0x460 && cp <= 0x4ff)		/* Cyrillic pairs */
		return (cp & 1) == 0 && !(cp >= 0x482 && cp <= 0x489);
	if (cp >= 0x1e00 && cp <= 0x1eff)	/* Latin Extended Additional */
		return (cp & 1) == 0;
	return 0;
}

int
uc_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	if (cp >= 0xdf && cp <= 0xff)
		return cp != 0xf7;
	if (cp >= 0x100 && cp <= 0x17f)
		return !uc_is_upper(cp);
	if (cp >= 0x3ac && cp <= 0x3ce)
		return 1;
	if (cp >= 0x430 && cp <= 0x45f)
		return 1;
	if (cp >= 0x460 && cp <= 0x4ff)
		return (cp & 1) == 1 && !(cp >= 0x482 && cp <= 0x489);
	if (cp >= 0x1e00 && cp <= 0x1eff)
		return (cp & 1) == 1;
	return 0;
}

int
uc_is_unspaced(uint32_t cp)
{
	if (cp < 0x0e00)
		return 0;
	return (cp >= 0x0e00 && cp <= 0x0eff) ||	/* Thai, Lao */
	    (cp >= 0x1000 && cp <= 0x109f) ||		/* Myanmar */
	    (cp >= 0x1780 && cp <= 0x17ff) ||		/* Khmer */
	    (cp >= 0x3040 && cp <= 0x30ff) ||		/* Hiragana, Katakana */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||		/* Han extension A */
	    (cp >= 0x4e00 && cp <= 0x9fff) ||		/* Han */
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xff66 && cp <= 0xff9f) ||		/* halfwidth Katakana */
	    (cp >= 0x20000 && cp <= 0x3134f);
}

int
uc_is_symbol(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '$' || cp == '%' || cp == '&' || cp == '+' ||
		    cp == '<' || cp == '=' || cp == '>' || cp == '#' ||
		    cp == '@' || cp == '^' || cp == '|' || cp == '~' ||
		    cp == '*' || cp == '\\' || cp == '`';
	return cp == 0xa2 || cp == 0xa3 || cp == 0xa4 || cp == 0xa5 ||
	    cp == 0xa6 || cp == 0xa7 || cp == 0xa9 || cp == 0xae ||
	    cp == 0xb0 || cp == 0xb1 || cp == 0xb6 || cp == 0xd7 ||
	    cp == 0xf7 || (cp >= 0x20a0 && cp <= 0x20cf) ||
	    (cp >= 0x2100 && cp <= 0x214f) || (cp >= 0x2190 && cp <= 0x2bff) ||
	    (cp >= 0x1f000 && cp <= 0x1faff);
}

static int
uc_is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '!' && cp <= '/') || (cp >= ':' && cp <= '@') ||
		    (cp >= '[' && cp <= '`') || (cp >= '{' && cp <= '~');
	return (cp >= 0xa1 && cp <= 0xbf && cp != 0xaa && cp != 0xb5 &&
	    cp != 0xba) || cp == 0xd7 || cp == 0xf7 ||
	    cp == 0x37e || cp == 0x387 || (cp >= 0x55a && cp <= 0x55f) ||
	    cp == 0x589 || cp == 0x5be || cp == 0x5c0 || cp == 0x5c3 ||
	    cp == 0x5f3 || cp == 0x5f4 || cp == 0x60c || cp == 0x61b ||
	    cp == 0x61f || cp == 0x6d4 || cp == 0x964 || cp == 0x965 ||
	    cp == 0x1362 || cp == 0x1367 || cp == 0x1368 ||
	    (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) ||
	    (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
	    (cp >= 0x3014 && cp <= 0x301f) || cp == 0x30fb ||
	    (cp >= 0xfe10 && cp <= 0xfe6b) || (cp >= 0xff01 && cp <= 0xff0f) ||
	    (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
	    (cp >= 0xff5b && cp <= 0xff65);
}

int
uc_is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z');
	return !uc_is_space(cp) && !uc_is_punct(cp) && !uc_is_symbol(cp) &&
	    !(cp >= 0x80 && cp < 0xa0) && cp != 0xfffd &&
	    !(cp >= 0xe000 && cp <= 0xf8ff);
}
