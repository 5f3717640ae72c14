#include <string.h>

#include "script.h"
#include "utf8.h"

struct range {
	uint32_t first, last;
	uint8_t script;
};

/* Sorted, not overlapping. Gaps are SCRIPT_NONE. */
static const struct range ranges[] = {
	{ 0x0041, 0x005a, SCRIPT_LATN }, { 0x0061, 0x007a, SCRIPT_LATN },
	{ 0x00aa, 0x00aa, SCRIPT_LATN }, { 0x00ba, 0x00ba, SCRIPT_LATN },
	{ 0x00c0, 0x00d6, SCRIPT_LATN }, { 0x00d8, 0x00f6, SCRIPT_LATN },
	{ 0x00f8, 0x02af, SCRIPT_LATN }, { 0x02b0, 0x036f, SCRIPT_INHERITED },
	{ 0x0370, 0x037d, SCRIPT_GREK }, { 0x037f, 0x0386, SCRIPT_GREK },
	{ 0x0388, 0x03ff, SCRIPT_GREK }, { 0x0400, 0x0482, SCRIPT_CYRL },
	{ 0x0483, 0x0489, SCRIPT_INHERITED }, { 0x048a, 0x052f, SCRIPT_CYRL },
	{ 0x0531, 0x0588, SCRIPT_ARMN }, { 0x0591, 0x05c7, SCRIPT_INHERITED },
	{ 0x05d0, 0x05f2, SCRIPT_HEBR }, { 0x0620, 0x064a, SCRIPT_ARAB },
	{ 0x064b, 0x065f, SCRIPT_INHERITED }, { 0x066e, 0x06d3, SCRIPT_ARAB },
	{ 0x06d5, 0x06ed, SCRIPT_ARAB }, { 0x06fa, 0x06ff, SCRIPT_ARAB },
	{ 0x0710, 0x074f, SCRIPT_SYRC }, { 0x0750, 0x077f, SCRIPT_ARAB },
	{ 0x0780, 0x07b1, SCRIPT_THAA }, { 0x07ca, 0x07f5, SCRIPT_NKOO },
	{ 0x08a0, 0x08ff, SCRIPT_ARAB }, { 0x0900, 0x0963, SCRIPT_DEVA },
	{ 0x0970, 0x097f, SCRIPT_DEVA }, { 0x0980, 0x09e5, SCRIPT_BENG },
	{ 0x09f0, 0x09ff, SCRIPT_BENG }, { 0x0a00, 0x0a65, SCRIPT_GURU },
	{ 0x0a70, 0x0a7f, SCRIPT_GURU }, { 0x0a80, 0x0ae5, SCRIPT_GUJR },
	{ 0x0af0, 0x0aff, SCRIPT_GUJR }, { 0x0b00, 0x0b65, SCRIPT_ORYA },
	{ 0x0b70, 0x0b7f, SCRIPT_ORYA }, { 0x0b80, 0x0be5, SCRIPT_TAML },
	{ 0x0bf0, 0x0bff, SCRIPT_TAML }, { 0x0c00, 0x0c65, SCRIPT_TELU },
	{ 0x0c70, 0x0c7f, SCRIPT_TELU }, { 0x0c80, 0x0ce5, SCRIPT_KNDA },
	{ 0x0cf0, 0x0cff, SCRIPT_KNDA }, { 0x0d00, 0x0d65, SCRIPT_MLYM },
	{ 0x0d70, 0x0d7f, SCRIPT_MLYM }, { 0x0d80, 0x0de5, SCRIPT_SINH },
	{ 0x0df0, 0x0dff, SCRIPT_SINH }, { 0x0e00, 0x0e4f, SCRIPT_THAI },
	{ 0x0e5a, 0x0e7f, SCRIPT_THAI }, { 0x0e80, 0x0ecf, SCRIPT_LAOO },
	{ 0x0eda, 0x0eff, SCRIPT_LAOO }, { 0x0f00, 0x0f1f, SCRIPT_TIBT },
	{ 0x0f2a, 0x0fff, SCRIPT_TIBT }, { 0x1000, 0x103f, SCRIPT_MYMR },
	{ 0x104a, 0x109f, SCRIPT_MYMR }, { 0x10a0, 0x10ff, SCRIPT_GEOR },
	{ 0x1100, 0x11ff, SCRIPT_HANG }, { 0x1200, 0x1360, SCRIPT_ETHI },
	{ 0x1369, 0x139f, SCRIPT_ETHI }, { 0x13a0, 0x13ff, SCRIPT_CHER },
	{ 0x1400, 0x167f, SCRIPT_CANS }, { 0x1680, 0x169f, SCRIPT_OGAM },
	{ 0x16a0, 0x16ff, SCRIPT_RUNR }, { 0x1780, 0x17df, SCRIPT_KHMR },
	{ 0x17e0, 0x17ff, SCRIPT_NONE }, { 0x1800, 0x18af, SCRIPT_MONG },
	{ 0x1900, 0x194f, SCRIPT_LIMB }, { 0x1950, 0x197f, SCRIPT_TALE },
	{ 0x1980, 0x19df, SCRIPT_OTHER }, { 0x1a00, 0x1aaf, SCRIPT_OTHER },
	{ 0x1b00, 0x1bff, SCRIPT_OTHER }, { 0x1c00, 0x1c4f, SCRIPT_OTHER },
	{ 0x1c50, 0x1c7f, SCRIPT_OTHER },
	{ 0x1c90, 0x1cbf, SCRIPT_GEOR }, { 0x1d00, 0x1dbf, SCRIPT_LATN },
	{ 0x1dc0, 0x1dff, SCRIPT_INHERITED }, { 0x1e00, 0x1eff, SCRIPT_LATN },
	{ 0x1f00, 0x1fff, SCRIPT_GREK }, { 0x2c00, 0x2c5f, SCRIPT_GLAG },
	{ 0x2c60, 0x2c7f, SCRIPT_LATN }, { 0x2d00, 0x2d2f, SCRIPT_GEOR },
	{ 0x2d30, 0x2d7f, SCRIPT_TFNG }, { 0x2d80, 0x2ddf, SCRIPT_ETHI },
	{ 0x2de0, 0x2dff, SCRIPT_CYRL }, { 0x3005, 0x3007, SCRIPT_HANI },
	{ 0x3041, 0x309f, SCRIPT_HIRA }, { 0x30a0, 0x30fa, SCRIPT_KANA },
	{ 0x30fc, 0x30ff, SCRIPT_KANA }, { 0x3100, 0x312f, SCRIPT_BOPO },
	{ 0x3130, 0x318f, SCRIPT_HANG }, { 0x31f0, 0x31ff, SCRIPT_KANA },
	{ 0x3400, 0x4dbf, SCRIPT_HANI }, { 0x4e00, 0x9fff, SCRIPT_HANI },
	{ 0xa000, 0xa4cf, SCRIPT_YIII }, { 0xa4d0, 0xa4ff, SCRIPT_LISU },
	{ 0xa500, 0xa63f, SCRIPT_VAII }, { 0xa640, 0xa69f, SCRIPT_CYRL },
	{ 0xa720, 0xa7ff, SCRIPT_LATN }, { 0xa800, 0xabff, SCRIPT_OTHER },

	{ 0xac00, 0xd7af, SCRIPT_HANG }, { 0xf900, 0xfaff, SCRIPT_HANI },
	{ 0xfb1d, 0xfb4f, SCRIPT_HEBR }, { 0xfb50, 0xfdff, SCRIPT_ARAB },
	{ 0xfe20, 0xfe2f, SCRIPT_INHERITED }, { 0xfe70, 0xfefe, SCRIPT_ARAB },
	{ 0xff21, 0xff3a, SCRIPT_LATN }, { 0xff41, 0xff5a, SCRIPT_LATN },
	{ 0xff66, 0xff9f, SCRIPT_KANA }, { 0xffa0, 0xffdc, SCRIPT_HANG },
	{ 0x10000, 0x1cfff, SCRIPT_OTHER }, { 0x1e900, 0x1e943, SCRIPT_ADLM },
	{ 0x1e944, 0x1e94a, SCRIPT_INHERITED }, { 0x1e94b, 0x1e94b, SCRIPT_ADLM },
	{ 0x20000, 0x3ffff, SCRIPT_HANI },
};

static const char *const codes[SCRIPT_COUNT] = {
	"Zyyy", "Zinh", "Latn", "Cyrl", "Grek", "Armn", "Hebr", "Arab", "Syrc",
	"Thaa", "Nkoo", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu",
	"Knda", "Mlym", "Sinh", "Thai", "Laoo", "Tibt", "Mymr", "Geor", "Hang",
	"Ethi", "Cher", "Cans", "Ogam", "Runr", "Khmr", "Mong", "Limb", "Tale",
	"Glag", "Tfng", "Hira", "Kana", "Bopo", "Hani", "Yiii", "Lisu", "Vaii",
	"Adlm", "Jpan", "Zzzz",
};

enum script
script_of(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < ranges[mid].first)
			hi = mid;
		else if (cp > ranges[mid].last)
			lo = mid + 1;
		else
			return (enum script)ranges[mid].script;
	}
	return SCRIPT_NONE;
}

const char *
script_code(enum script s)
{
	if ((unsigned)s >= SCRIPT_COUNT)
		return codes[SCRIPT_NONE];
	return codes[s];
}

enum script
script_from_code(const char *code)
{
	int i;

	for (i = SCRIPT_LATN; i < SCRIPT_COUNT; i++)
		if (strcmp(codes[i], code) == 0)
			return (enum script)i;
	return SCRIPT_NONE;
}

/* Whether cp is a capital Latin letter (ASCII, Latin-1, Extended-A). */
static int
latin_capital(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	return cp >= 0x100 && cp <= 0x17f && !(cp & 1);
}

void
script_count_text(script_counts *c, const char *utf8, size_t len)
{
	size_t pos = 0;
	uint32_t word_latin = 0;
	int word_caps = 0;

	memset(c, 0, sizeof(*c));
	while (pos < len) {
		uint32_t cp = langid_utf8_next(utf8, len, &pos);
		enum script s;

		if (cp < 0x80)	/* the common case, without the search */
			s = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ?
			    SCRIPT_LATN : SCRIPT_NONE;
		else
			s = script_of(cp);
		c->n[s]++;
		if (s == SCRIPT_NONE) {
			c->latin_names += word_caps ? word_latin : 0;
			word_latin = 0;
			word_caps = 0;
		} else if (s == SCRIPT_LATN) {
			word_latin++;
			word_caps |= latin_capital(cp);
		}
	}
	c->latin_names += word_caps ? word_latin : 0;
	c->n[SCRIPT_NONE] = 0;
	c->n[SCRIPT_INHERITED] = 0;
}

uint32_t
script_letters(const script_counts *c)
{
	uint32_t total = 0;
	int i;

	for (i = SCRIPT_LATN; i < SCRIPT_COUNT; i++)
		total += c->n[i];
	return total;
}

/* Latin (or other alphabetic) letters one CJK letter is worth. */
#define CJK_WEIGHT 3
/*
 * Against CJK, a Latin letter of a capitalised word counts a third: in a
 * Chinese or Japanese line the Latin words are names ("Apple Store",
 * "iPhone 15 Pro Max", "Google Chrome"), long and without grammar, while
 * an English sentence quoting a Chinese name has its lowercase words.
 */
#define NAME_SHARE 3

enum script
script_dominant(const script_counts *c)
{
	uint32_t kana = c->n[SCRIPT_HIRA] + c->n[SCRIPT_KANA];
	uint32_t han = c->n[SCRIPT_HANI], hangul = c->n[SCRIPT_HANG];
	uint32_t best = 0, n;
	enum script win = SCRIPT_NONE;
	int i;

	for (i = SCRIPT_LATN; i < SCRIPT_COUNT; i++) {
		if (i == SCRIPT_HIRA || i == SCRIPT_KANA || i == SCRIPT_HANI ||
		    i == SCRIPT_HANG)
			continue;
		if (c->n[i] > best) {
			best = c->n[i];
			win = (enum script)i;
		}
	}
	/* Japanese mixes Han and Kana; a little Kana is enough to tell. */
	if (kana > 0 && kana * 10 >= kana + han)
		n = kana + han, i = SCRIPT_JPAN;
	else if (hangul > 0 && hangul * 5 >= hangul + han)
		n = hangul + han, i = SCRIPT_HANG;
	else if (han >= kana)
		n = han, i = SCRIPT_HANI;
	else
		n = kana, i = SCRIPT_JPAN;
	/*
	 * One Han, Kana or Hangul letter carries about a word: weigh each as
	 * three Latin letters, and a Latin name's letters a third, so a
	 * Chinese line quoting Latin brand names ("我在 Apple Store 买了
	 * iPhone 15 Pro Max") stays Chinese.
	 */
	if (win == SCRIPT_LATN) {
		uint32_t names = c->latin_names < best ? c->latin_names : best;

		best -= names - names / NAME_SHARE;
	}
	if (n > 0 && n * CJK_WEIGHT > best)
		win = (enum script)i;
	return win;
}

int
script_belongs(enum script s, enum script d)
{
	if (s == d)
		return 1;
	if (d == SCRIPT_JPAN)
		return s == SCRIPT_HANI || s == SCRIPT_HIRA || s == SCRIPT_KANA;
	if (d == SCRIPT_HANG)
		return s == SCRIPT_HANI;
	return 0;
}
