/*
 * Feature templates in the spirit of Ratinov and Roth (2009): the word and
 * its neighbours, shape, affixes and letter trigrams, casing in context,
 * the capitalised run it is in, gazetteer matches, and what the document
 * says about the same word elsewhere.
 */
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "hash.h"
#include "scheme.h"

enum tmpl {
	F_BIAS = 1, F_W, F_WRAW, F_WM1, F_WP1, F_WM2, F_WP2,
	F_SHAPE, F_SHAPEM1, F_SHAPEP1, F_SHAPE3, F_BIG_M1, F_BIG_P1,
	F_PRE, F_SUF, F_CAPS, F_START, F_HEADLINE, F_GAZ, F_GAZM1, F_GAZP1,
	F_DOCLOWER, F_DOCTITLE, F_LEN, F_RAWM1, F_RAWP1,
	F_SHAPE_WM1, F_W_SHAPEP1,
	F_T1, F_T2, F_T1W, F_T1SHAPE, F_HIST, F_HISTSHAPE, F_HISTM1,
	F_HISTPART, F_HISTMAJ,
	F_STAGE2, F_S1, F_S1M1, F_S1P1, F_AGGMAJ, F_AGGPART, F_S1BI,
	F_NGRAM, F_RUNLAST, F_DOCFIRST, F_DOCFIRSTG, F_DOCLAST,
	F_HONOR, F_HONORM1, F_STEM, F_ENDING, F_ENDINGM1, F_ENDINGP1,
	F_ORGW, F_ORGP1, F_ORGRUN, F_DICT, F_DERIVED
};

static uint64_t
feat(int tmpl, uint64_t a, uint64_t b)
{
	return hash_mix(hash_mix((uint64_t)tmpl, a), b);
}

/* ---- gazetteer ---- */

uint64_t
gaz_phrase_hash(const char *const *words, const uint32_t *lens, size_t n)
{
	uint64_t h = HASH_SEED;

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			h = hash_byte(h, ' ');
		h = hash_lower(h, words[i], lens[i]);
	}
	h = hash_final(h) & ~(uint64_t)0xff;
	return h ? h : 0x100;
}

unsigned
gaz_lookup(const struct gaz *g, uint64_t phrase)
{
	if (g == NULL || g->nslots == 0)
		return 0;
	uint32_t mask = g->nslots - 1;
	for (uint32_t i = (uint32_t)(phrase >> 8) & mask;; i = (i + 1) & mask) {
		uint64_t v = g->slots[i];
		if (v == 0)
			return 0;
		if ((v & ~(uint64_t)0xff) == phrase)
			return (unsigned)(v & 0xff);
	}
}

uint64_t
ner_dict_key(uint64_t lower)
{
	/* Mixed again: a dictionary word never meets a gazetteer name. */
	uint64_t h = hash_final(hash_mix(HASH_SEED + 5, lower)) & ~(uint64_t)0xff;
	return h ? h : 0x100;
}

int
gaz_insert(uint64_t *slots, uint32_t nslots, uint64_t phrase, unsigned mask)
{
	uint32_t m = nslots - 1;

	for (uint32_t i = (uint32_t)(phrase >> 8) & m, k = 0; k < nslots;
	    i = (i + 1) & m, k++) {
		if (slots[i] == 0) {
			slots[i] = phrase | (mask & 0xff);
			return 0;
		}
		if ((slots[i] & ~(uint64_t)0xff) == phrase) {
			slots[i] |= mask & 0xff;
			return 0;
		}
	}
	return -1;
}

/* ---- per-document memory ---- */

int
ner_doc_init(struct ner_doc *d)
{
	d->cap = 1024;
	d->used = 0;
	d->keys = calloc(d->cap, sizeof(*d->keys));
	d->vals = calloc(d->cap, sizeof(*d->vals));
	d->names = calloc(d->cap, sizeof(*d->names));
	if (d->keys == NULL || d->vals == NULL || d->names == NULL) {
		ner_doc_free(d);
		return -1;
	}
	return 0;
}

void
ner_doc_reset(struct ner_doc *d)
{
	if (d->used == 0)
		return;
	memset(d->keys, 0, d->cap * sizeof(*d->keys));
	memset(d->vals, 0, d->cap * sizeof(*d->vals));
	memset(d->names, 0, d->cap * sizeof(*d->names));
	d->used = 0;
}

void
ner_doc_free(struct ner_doc *d)
{
	free(d->keys);
	free(d->vals);
	free(d->names);
	d->keys = NULL;
	d->vals = NULL;
	d->names = NULL;
	d->cap = d->used = 0;
}

static uint32_t *
doc_find(const struct ner_doc *d, uint64_t key)
{
	uint32_t m = d->cap - 1;

	for (uint32_t i = (uint32_t)key & m;; i = (i + 1) & m) {
		if (d->keys[i] == key || d->keys[i] == 0)
			return &d->vals[i];
	}
}

static int
doc_grow(struct ner_doc *d)
{
	struct ner_doc n = { .cap = d->cap * 2 };

	n.keys = calloc(n.cap, sizeof(*n.keys));
	n.vals = calloc(n.cap, sizeof(*n.vals));
	n.names = calloc(n.cap, sizeof(*n.names));
	if (n.keys == NULL || n.vals == NULL || n.names == NULL) {
		ner_doc_free(&n);
		return -1;
	}
	for (uint32_t i = 0; i < d->cap; i++) {
		if (d->keys[i] == 0)
			continue;
		uint32_t *v = doc_find(&n, d->keys[i]);
		n.keys[v - n.vals] = d->keys[i];
		n.names[v - n.vals] = d->names[i];
		*v = d->vals[i];
		n.used++;
	}
	ner_doc_free(d);
	*d = n;
	return 0;
}

static uint32_t *
doc_slot(struct ner_doc *d, uint64_t key)
{
	if ((d->used + 1) * 2 > d->cap && doc_grow(d) != 0)
		return NULL;
	uint32_t *v = doc_find(d, key);
	if (d->keys[v - d->vals] == 0) {
		d->keys[v - d->vals] = key;
		d->used++;
	}
	return v;
}

static uint32_t
doc_get(const struct ner_doc *d, uint64_t key)
{
	if (d == NULL || d->cap == 0)
		return 0;
	return *doc_find(d, key);
}

static const struct ner_doc_name *
doc_name(const struct ner_doc *d, uint64_t key)
{
	if (d == NULL || d->cap == 0)
		return NULL;
	uint32_t *v = doc_find(d, key);
	return d->keys[v - d->vals] == key ? &d->names[v - d->vals] : NULL;
}

/* Keeps the longest run word i is inside of, at either end. */
static int
observe_name(struct ner_doc *d, const struct ner_sent *s, size_t i)
{
	const struct ner_winfo *w = &s->info[i];
	size_t first = w->run_first, last = first + w->run_len - 1;

	if (w->run_len < 2 || s->headline || !(w->title || w->upper))
		return 0;
	uint32_t *v = doc_slot(d, w->lower);
	if (v == NULL)
		return -1;
	struct ner_doc_name *nm = &d->names[v - d->vals];
	if (i > first && w->run_len > nm->first_run) {
		const struct ner_winfo *f = &s->info[first];
		nm->first = f->lower;
		nm->first_run = w->run_len;
		nm->first_gaz = (uint8_t)((f->gaz[GAZ_FIRST] != 0) |
		    (f->gaz[GAZ_NAME] != 0) << 1);
	}
	if (i < last && w->run_len > nm->last_run) {
		nm->last = s->info[last].lower;
		nm->last_run = w->run_len;
	}
	return 0;
}

int
ner_doc_observe(struct ner_doc *d, const struct ner_sent *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct ner_winfo *w = &s->info[i];
		if (observe_name(d, s, i) != 0)
			return -1;
		/* A sentence's first word is capitalised whatever it is. */
		if (i == 0)
			continue;
		uint32_t flag = 0;
		if (w->lower_case)
			flag = DOC_SEEN_LOWER;
		else if (w->title && !s->headline)
			flag = DOC_SEEN_TITLE;
		if (flag == 0)
			continue;
		uint32_t *v = doc_slot(d, w->lower);
		if (v == NULL)
			return -1;
		*v |= flag;
	}
	return 0;
}

int
ner_doc_label(struct ner_doc *d, const struct ner_sent *s, size_t i, int type,
    int in_longer)
{
	const struct ner_winfo *w = &s->info[i];

	if (!(w->title || w->upper))
		return 0;
	uint32_t *v = doc_slot(d, w->lower);
	if (v == NULL)
		return -1;
	uint32_t x = *v;
	if (type >= 0) {
		x = (x & ~(0xfu << DOC_LAST_SHIFT)) |
		    ((uint32_t)(type + 1) << DOC_LAST_SHIFT);
		if (in_longer)
			x = (x & ~(0xfu << DOC_PART_SHIFT)) |
			    ((uint32_t)(type + 1) << DOC_PART_SHIFT);
	}
	/* O counts as a fifth type. */
	int shift = DOC_COUNT_SHIFT + 3 * (type >= 0 ? type : 4);
	if (((x >> shift) & 7) < 7)
		x += 1u << shift;
	*v = x;
	return 0;
}

/* The type given most often (4: O) and whether it was the only one. */
static int
doc_majority(uint32_t v, int *only)
{
	int best = -1, kinds = 0;
	uint32_t most = 0;

	for (int t = 0; t < 5; t++) {
		uint32_t c = (v >> (DOC_COUNT_SHIFT + 3 * t)) & 7;
		kinds += c > 0;
		if (c > most) {
			most = c;
			best = t;
		}
	}
	*only = kinds == 1;
	return best;
}

/* ---- words ---- */

/*
 * The case of the letter at s (UTF-8, len bytes left): 'X' upper, 'x'
 * lower, 'u' another letter or sign beyond ASCII, 0 not a letter. Latin-1,
 * Latin Extended-A, Greek and Cyrillic have case: German capitalises
 * "Österreich", Russian "Москва", and both must look capitalised.
 */
static int
letter_case(const unsigned char *s, uint32_t len)
{
	unsigned c = s[0];

	if (c >= 'A' && c <= 'Z')
		return 'X';
	if (c >= 'a' && c <= 'z')
		return 'x';
	if (c < 0xc0 || len < 2)
		return 0;
	unsigned cp = ((c & 0x1f) << 6) | (s[1] & 0x3f);
	if (c >= 0xe0)
		return 'u';
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return 'X';
	if (cp >= 0xdf && cp <= 0xff && cp != 0xf7)
		return 'x';
	if (cp >= 0x100 && cp <= 0x17f) {	/* pairs: Āā ... Ĺĺ ... Źź */
		int odd_upper = (cp >= 0x139 && cp <= 0x148) ||
		    (cp >= 0x179 && cp <= 0x17e);
		return ((cp & 1) != 0) == odd_upper ? 'X' : 'x';
	}
	if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f))
		return 'X';
	if ((cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x45f))
		return 'x';
	return 'u';
}

/* Character classes collapsed to runs: "McDonald's" -> "XxXx'x". */
static uint64_t
shape_hash(const char *s, uint32_t len)
{
	uint64_t h = HASH_SEED;
	int last = 0;

	for (uint32_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int k;
		if (c >= 'A' && c <= 'Z')
			k = 'X';
		else if (c >= 'a' && c <= 'z')
			k = 'x';
		else if (c >= '0' && c <= '9')
			k = 'd';
		else if (c >= 0xc0)
			k = letter_case((const unsigned char *)s + i, len - i);
		else if (c >= 0x80)
			continue;	/* continuation byte */
		else
			k = c;
		if (k != last)
			h = hash_byte(h, (unsigned char)k);
		last = k;
	}
	return hash_final(h);
}

/*
 * Titles and honorifics, sorted. The training data mostly leaves them
 * out of names ("Prince" in "Prince Charles" is O) but most are too rare
 * to learn that on their own; as one class they share what the frequent
 * ones ("President", "Mr.") teach.
 */
static const char *const honorifics[] = {
	"ambassador", "archbishop", "ayatollah", "baron", "bishop", "brig",
	"brigadier", "bundeskanzler", "capt", "captain", "cardinal",
	"chairman", "chancellor", "coach", "col", "colonel", "commander",
	"dame", "dhr", "dr", "duchess", "duke", "emir", "emperor", "father",
	"frau", "gen", "general", "gov", "governor", "herr", "imam", "judge",
	"justice", "kansler", "kanzler", "king", "lady", "lord", "lt",
	"madame", "mayor", "mevrouw", "minister", "miss", "mme", "monsieur",
	"mr", "mrs", "ms", "mullah", "pope", "premier", "president",
	"presidente", "presidentti", "prince", "princess", "prof",
	"professor", "präsident", "président", "queen", "rabbi", "rep",
	"rev", "reverend", "sen", "senator", "señor", "señora", "sgt",
	"sheikh", "sir", "sister", "sr", "sra", "statsminister", "sultan",
	"господин", "президент", "премьер"
};

/*
 * Words that make a name an organisation's, sorted. Wikipedia text names
 * many more organisations than news does, most of them once ("Bryn Mawr
 * College", "Ceylon Workers' Congress"); as one class the rare words learn
 * from the frequent ones, as the honorifics do.
 */
static const char *const org_words[] = {
	"academy", "agency", "airlines", "airways", "alliance", "army",
	"assembly", "association", "authority", "bank", "board", "brothers",
	"bureau", "church", "club", "co", "college", "commission", "committee",
	"company", "conference", "congress", "corp", "corporation", "council",
	"department", "fc", "federation", "foundation", "front", "fund",
	"gmbh", "group", "guard", "holdings", "hospital", "inc", "industries",
	"institute", "league", "ltd", "ministry", "motors", "movement",
	"museum", "network", "office", "orchestra", "organisation",
	"organization", "parliament", "party", "plc", "police", "records",
	"school", "seminary", "senate", "service", "society", "studios",
	"systems", "team", "trust", "union", "united", "university"
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Whether a word, lower-cased and without a final period, is one of a
 * sorted list of n.
 */
static int
in_list(const struct ner_word *w, const char *const *list, size_t n)
{
	char buf[32];
	uint32_t len = w->len;

	if (len > 0 && w->s[len - 1] == '.')
		len--;
	if (len == 0 || len >= sizeof(buf))
		return 0;
	for (uint32_t i = 0; i < len; i++) {
		char c = w->s[i];
		buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	buf[len] = 0;
	const char *key = buf;
	return bsearch(&key, list, n, sizeof(list[0]), cmp_str) != NULL;
}

/* Whether a capitalised word, without a final period, is a title. */
static int
is_honorific(const struct ner_word *w)
{
	return in_list(w, honorifics,
	    sizeof(honorifics) / sizeof(honorifics[0]));
}

static int
is_org_word(const struct ner_word *w)
{
	return in_list(w, org_words, sizeof(org_words) / sizeof(org_words[0]));
}

static void
word_info(const struct ner_word *w, struct ner_winfo *wi)
{
	int up = 0, low = 0, dig = 0;

	for (uint32_t i = 0; i < w->len; i++) {
		const unsigned char *p = (const unsigned char *)w->s + i;
		int k = (*p & 0xc0) == 0x80 ? 0 : letter_case(p, w->len - i);
		up += k == 'X';
		low += k == 'x';
		dig += *p >= '0' && *p <= '9';
	}
	int c0 = w->len ? letter_case((const unsigned char *)w->s, w->len) : 0;
	memset(wi, 0, sizeof(*wi));
	wi->lower = hash_final(hash_lower(HASH_SEED, w->s, w->len));
	wi->raw = hash_final(hash_bytes(HASH_SEED + 1, w->s, w->len));
	wi->shape = shape_hash(w->s, w->len);
	wi->title = c0 == 'X' && low > 0;
	wi->upper = up > 0 && low == 0;
	wi->lower_case = low > 0 && up == 0;
	wi->digit = dig > 0;
	wi->honorific = (wi->title || wi->upper) && is_honorific(w);
	wi->org_word = (wi->title || wi->upper) && is_org_word(w);
}

static void
mark_gaz(struct ner_sent *s, size_t first, size_t n, unsigned mask)
{
	for (int c = 0; c < GAZ_NCATS; c++) {
		if (!(mask & (1u << c)))
			continue;
		for (size_t k = first; k < first + n; k++) {
			struct ner_winfo *w = &s->info[k];
			if (w->gazlen[c] >= n)
				continue;
			w->gazlen[c] = (uint8_t)n;
			int pos = n == 1 ? 3 : k == first ? 0 :
			    k == first + n - 1 ? 2 : 1;
			w->gaz[c] = (uint8_t)(1 + pos);
		}
	}
}

/* Longest gazetteer match of each category over each word. */
static void
find_gaz(struct ner_sent *s, const struct gaz *g)
{
	const char *words[GAZ_MAX_WORDS];
	uint32_t lens[GAZ_MAX_WORDS];

	if (g == NULL || g->nslots == 0)
		return;
	for (size_t i = 0; i < s->n; i++) {
		/* Names start with a capital: skip the rest cheaply. */
		if (!s->info[i].title && !s->info[i].upper)
			continue;
		for (size_t n = 1; n <= GAZ_MAX_WORDS && i + n <= s->n; n++) {
			words[n - 1] = s->w[i + n - 1].s;
			lens[n - 1] = s->w[i + n - 1].len;
			unsigned m = gaz_lookup(g, gaz_phrase_hash(words, lens, n));
			if (m != 0)
				mark_gaz(s, i, n, m);
		}
	}
}

/* Shortest prefix and head of a compound, in bytes; longest word tried. */
#define HEAD_PREFIX_MIN 3
#define HEAD_MIN 3
#define HEAD_WORD_MAX 40

/*
 * Whether a word ends in a capitalised dictionary entry at least
 * HEAD_MIN bytes long after a prefix of HEAD_PREFIX_MIN: German joins
 * nouns into compounds the dictionary cannot list ("Bundesliga-Spieltag",
 * "Landgericht"), but their last part is a noun it has.
 */
static int
has_head(const struct ner_word *w, const struct gaz *g)
{
	if (w->len > HEAD_WORD_MAX)
		return 0;
	for (uint32_t k = HEAD_PREFIX_MIN; k + HEAD_MIN <= w->len; k++) {
		if ((w->s[k] & 0xc0) == 0x80)
			continue;
		uint64_t h = hash_final(hash_lower(HASH_SEED, w->s + k,
		    w->len - k));
		if (gaz_lookup(g, ner_dict_key(h)) & DICT_CAPITAL)
			return 1;
	}
	return 0;
}

/* ---- words made of names (German) ---- */

#define DERIV_WORD_MAX 48
#define DERIV_STEM_MIN 3

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* What the gazetteer and the dictionary know of one rebuilt name. */
static unsigned
deriv_probe(const struct gaz *g, const char *s, size_t n)
{
	const char *words[1] = { s };
	uint32_t lens[1] = { (uint32_t)n };
	unsigned m = gaz_lookup(g, gaz_phrase_hash(words, lens, 1));
	unsigned r = 0;

	if (m & (1u << GAZ_CITY | 1u << GAZ_BIGCITY | 1u << GAZ_COUNTRY |
	    1u << GAZ_TRAIN_LOC))
		r |= DERIV_PLACE;
	if (m & 1u << GAZ_TRAIN_ORG)
		r |= DERIV_ORG;
	if (m & (1u << GAZ_FIRST | 1u << GAZ_NAME | 1u << GAZ_TRAIN_PER))
		r |= DERIV_PERSON;
	if (r == 0 && (gaz_lookup(g, ner_dict_key(hash_final(hash_lower(
	    HASH_SEED, s, n)))) & DICT_CAPITAL))
		r |= DERIV_NOUN;
	return r;
}

/* The stem with one of the endings names take in German, probed. */
static unsigned
deriv_rebuild(const struct gaz *g, const char *stem, size_t n,
    const char *word, size_t wlen)
{
	static const char *const add[] = {
		"", "a", "e", "en", "ien", "ia", "ei", "land", "enland",
		"istan", "and", "ern", "union"
	};
	/* Stem endings a name loses: "amerikan" (Amerika), "haitian"
	 * (Haiti), "chines" (China), "europä" (Europa), "palästinens"
	 * (Palästina), "anhaltin" (Anhalt). */
	static const struct { const char *cut, *put; } swap[] = {
		{ "an", "a" }, { "an", "" }, { "an", "ien" }, { "es", "a" },
		{ "\xc3\xa4", "a" }, { "ens", "a" }, { "in", "" }
	};
	char buf[DERIV_WORD_MAX + 16];
	unsigned r = 0;

	if (n < DERIV_STEM_MIN || n > DERIV_WORD_MAX)
		return 0;
	for (size_t k = 0; k < sizeof(add) / sizeof(add[0]); k++) {
		size_t a = strlen(add[k]);
		memcpy(buf, stem, n);
		memcpy(buf + n, add[k], a);
		if (n + a == wlen && memcmp(buf, word, wlen) == 0)
			continue;	/* the word itself: "Schweden" */
		r |= deriv_probe(g, buf, n + a);
	}
	for (size_t k = 0; k < sizeof(swap) / sizeof(swap[0]); k++) {
		size_t c = strlen(swap[k].cut), p = strlen(swap[k].put);
		if (n < c + DERIV_STEM_MIN || !ends_with(stem, n, swap[k].cut))
			continue;
		memcpy(buf, stem, n - c);
		memcpy(buf + n - c, swap[k].put, p);
		r |= deriv_probe(g, buf, n - c + p);
	}
	/* An umlaut the name has not: "sächs" (Sachsen), "holländ". */
	for (size_t i = 0; i + 1 < n; i++) {
		unsigned char c = (unsigned char)stem[i];
		unsigned char d = (unsigned char)stem[i + 1];
		if (c != 0xc3 || (d != 0xa4 && d != 0xb6 && d != 0xbc))
			continue;
		size_t m = 0;
		memcpy(buf, stem, i);
		m = i;
		buf[m++] = d == 0xa4 ? 'a' : d == 0xb6 ? 'o' : 'u';
		memcpy(buf + m, stem + i + 2, n - i - 2);
		m += n - i - 2;
		r |= deriv_probe(g, buf, m);
		memcpy(buf + m, "en", 2);
		r |= deriv_probe(g, buf, m + 2);
		break;
	}
	return r;
}

/* The rebuilt stem, and without a compass point: "südostasiat". */
static unsigned
deriv_stem(const struct gaz *g, const char *stem, size_t n,
    const char *word, size_t wlen)
{
	static const char *const compass[] = {
		"nordost", "nordwest", "s\xc3\xbc" "dost", "s\xc3\xbc" "dwest",
		"nord", "s\xc3\xbc" "d", "ost", "west"
	};
	unsigned r = deriv_rebuild(g, stem, n, word, wlen);

	if (r & (DERIV_PLACE | DERIV_ORG | DERIV_PERSON))
		return r;
	for (size_t k = 0; k < sizeof(compass) / sizeof(compass[0]); k++) {
		size_t c = strlen(compass[k]);
		if (n > c && memcmp(stem, compass[k], c) == 0) {
			r |= deriv_rebuild(g, stem + c, n - c, word, wlen);
			break;
		}
	}
	return r;
}

/*
 * Whether a word is made of a name (features.h): its ending, then its
 * stem rebuilt into the names it may come from. Works on the part after
 * the last hyphen ("deutsch-türkischen"), lower-cased.
 */
static void
find_derived(const struct ner_word *w, struct ner_winfo *wi,
    const struct gaz *g)
{
	static const char *const isch[] = {
		"ischen", "ischem", "ischer", "isches", "ische", "isch"
	};
	static const char *const er[] = { "ern", "ers", "er" };
	static const char *const en[] = { "en", "e" };
	char low[DERIV_WORD_MAX];
	size_t n = 0;
	const char *s = w->s;
	size_t len = w->len;

	if (!wi->lower_case && !wi->title)
		return;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '-') {
			s = w->s + i + 1;
			len = w->len - i - 1;
		}
	if (len > DERIV_WORD_MAX || len < DERIV_STEM_MIN + 1)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 'a' - 'A');
		else if (i > 0 && (unsigned char)s[i - 1] == 0xc3 &&
		    c >= 0x80 && c <= 0x9e && c != 0x97)
			c = (unsigned char)(c + 0x20);	/* Ä -> ä */
		if (c < 'a' && c < 0x80)
			return;		/* digits, marks: no name's word */
		low[n++] = (char)c;
	}
	const char *const *ends;
	size_t nends;
	int kind;
	for (kind = DERIV_ISCH; kind <= DERIV_EN; kind++) {
		ends = kind == DERIV_ISCH ? isch : kind == DERIV_ER ? er : en;
		nends = kind == DERIV_ISCH ? 6 : kind == DERIV_ER ? 3 : 2;
		if (kind != DERIV_ISCH && !wi->title)
			break;
		for (size_t k = 0; k < nends; k++) {
			if (!ends_with(low, n, ends[k]))
				continue;
			size_t stem = n - strlen(ends[k]);
			unsigned r = deriv_stem(g, low, stem, low, n);
			if (r != 0) {
				wi->derived = (uint8_t)r;
				wi->derived_kind = (uint8_t)kind;
				return;
			}
			break;
		}
	}
}

/* The dictionary's word about each capitalised word (features.h). */
static void
find_dict(struct ner_sent *s, const struct gaz *g)
{
	if (gaz_lookup(g, ner_dict_key(DICT_PRESENT)) == 0)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct ner_winfo *w = &s->info[i];
		find_derived(&s->w[i], w, g);
		if (!w->title && !w->upper)
			continue;
		unsigned m = gaz_lookup(g, ner_dict_key(w->lower)) &
		    (DICT_CAPITAL | DICT_LOWER);
		if (m == 0 && has_head(&s->w[i], g))
			m = DICT_HEAD;
		w->dict = (uint8_t)(DICT_SEEN | m);
	}
}

/*
 * Runs of capitalised words, the names a word may belong to: the run's
 * last word ("Jones Medical Industries Inc") and the longer runs elsewhere
 * in the document speak for each word in it.
 */
static void
find_runs(struct ner_sent *s)
{
	size_t i = 0;

	while (i < s->n) {
		size_t j = i;
		while (j < s->n && (s->info[j].title || s->info[j].upper))
			j++;
		if (j == i)
			j = i + 1;
		int orgs = 0;
		for (size_t k = i; k < j; k++)
			orgs += s->info[k].org_word;
		for (size_t k = i; k < j; k++) {
			s->info[k].run_first = (uint32_t)i;
			s->info[k].run_len = (uint32_t)(j - i);
			s->info[k].run_org = orgs > s->info[k].org_word;
		}
		i = j;
	}
}

void
ner_prepare(struct ner_sent *s, const struct gaz *g)
{
	size_t up = 0, cased = 0;

	for (size_t i = 0; i < s->n; i++) {
		word_info(&s->w[i], &s->info[i]);
		if (s->info[i].upper || s->info[i].title || s->info[i].lower_case)
			cased++;
		if (s->info[i].upper)
			up++;
	}
	s->headline = cased >= 2 && up * 2 > cased;
	find_runs(s);
	find_gaz(s, g);
	find_dict(s, g);
}

/* ---- templates ---- */

#define NONE 0x5151515151515151ULL

static uint64_t
lower_at(const struct ner_sent *s, long i)
{
	if (i < 0)
		return 0x1111;
	if ((size_t)i >= s->n)
		return 0x2222;
	return s->info[i].lower;
}

static uint64_t
shape_at(const struct ner_sent *s, long i)
{
	if (i < 0 || (size_t)i >= s->n)
		return NONE;
	return s->info[i].shape;
}

static uint64_t
raw_at(const struct ner_sent *s, long i)
{
	if (i < 0 || (size_t)i >= s->n)
		return NONE;
	return s->info[i].raw;
}

static int
caps_at(const struct ner_sent *s, long i)
{
	if (i < 0 || (size_t)i >= s->n)
		return 3;
	return s->info[i].title ? 1 : s->info[i].upper ? 2 : 0;
}

static size_t
affixes(const struct ner_word *w, uint64_t *out)
{
	size_t n = 0;
	uint64_t h = HASH_SEED;

	for (uint32_t k = 1; k <= 4 && k < w->len; k++) {
		h = hash_lower(h, w->s + k - 1, 1);
		out[n++] = feat(F_PRE + 100 * (int)k, h, 0);
	}
	h = HASH_SEED;
	for (uint32_t k = 1; k <= 4 && k < w->len; k++) {
		h = hash_lower(h, w->s + w->len - k, 1);
		out[n++] = feat(F_SUF + 100 * (int)k, h, 0);
	}
	return n;
}

/*
 * Letter trigrams inside a capitalised word, the character features of
 * Klein et al. (2003): what a name the training data never shows looks
 * like ("Djorkaeff", "Kuehbauer"). The affixes already cover the ends, so
 * they are taken inside the word only, at most NGRAMS_MAX of them.
 */
#define NGRAMS_MAX 16

static size_t
ngrams(const struct ner_word *w, const struct ner_winfo *wi, uint64_t *out)
{
	size_t n = 0;

	if (!(wi->title || wi->upper) || w->len < 6)
		return 0;
	for (uint32_t k = 1; k + 4 <= w->len && n < NGRAMS_MAX; k++)
		out[n++] = feat(F_NGRAM, hash_lower(HASH_SEED, w->s + k, 3), 0);
	return n;
}

static uint64_t
ending_at(const struct ner_sent *s, long i)
{
	if (i < 0 || (size_t)i >= s->n || s->info[i].stem == 0)
		return NONE;
	return s->info[i].ending;
}

/*
 * Stems and endings (stem.c), where the language has them: the forms of
 * a name share the stem's weights, and the endings of the word and its
 * neighbours say what it does ("Helsingissä": in a place).
 */
static size_t
stem_features(const struct ner_sent *s, long i, uint64_t *out)
{
	const struct ner_winfo *w = &s->info[i];
	size_t n = 0;

	if (w->stem == 0)
		return 0;
	out[n++] = feat(F_STEM, w->stem, 0);
	out[n++] = feat(F_ENDING, w->ending, (uint64_t)caps_at(s, i));
	out[n++] = feat(F_ENDINGM1, ending_at(s, i - 1), (uint64_t)caps_at(s, i));
	out[n++] = feat(F_ENDINGP1, ending_at(s, i + 1), (uint64_t)caps_at(s, i));
	return n;
}

/*
 * Whether a capitalised word is in the language's dictionary, and as
 * what: a German noun (capitalised there too), another word (capitalised
 * here because it starts the sentence, or an adjective made of a name), a
 * compound of a noun, or none of these (a foreign or rare name).
 */
static size_t
dict_features(const struct ner_sent *s, size_t i, uint64_t *out)
{
	const struct ner_winfo *w = &s->info[i];

	if (!(w->dict & DICT_SEEN))
		return 0;
	out[0] = feat(F_DICT, w->dict, (uint64_t)((i == 0) * 2 + w->upper));
	return 1;
}

/*
 * A word made of a name (features.h): what the name is, by which ending,
 * in lower case or capitalised (first in its sentence or not).
 */
static size_t
derived_features(const struct ner_sent *s, size_t i, uint64_t *out)
{
	const struct ner_winfo *w = &s->info[i];

	if (w->derived == 0)
		return 0;
	out[0] = feat(F_DERIVED, w->derived, (uint64_t)(w->derived_kind * 4 +
	    (i == 0) * 2 + w->title));
	return 1;
}

static size_t
gaz_features(const struct ner_sent *s, long i, int tmpl, uint64_t *out)
{
	size_t n = 0;

	if (i < 0 || (size_t)i >= s->n)
		return 0;
	for (int c = 0; c < GAZ_NCATS; c++)
		if (s->info[i].gaz[c])
			out[n++] = feat(tmpl, (uint64_t)c, s->info[i].gaz[c]);
	return n;
}

size_t
ner_features_static(const struct ner_sent *s, size_t i,
    const struct ner_doc *d, uint64_t *out)
{
	const struct ner_winfo *w = &s->info[i];
	long j = (long)i;
	size_t n = 0;

	out[n++] = feat(F_BIAS, 0, 0);
	out[n++] = feat(F_W, w->lower, 0);
	out[n++] = feat(F_WRAW, w->raw, 0);
	out[n++] = feat(F_WM1, lower_at(s, j - 1), 0);
	out[n++] = feat(F_WP1, lower_at(s, j + 1), 0);
	out[n++] = feat(F_WM2, lower_at(s, j - 2), 0);
	out[n++] = feat(F_WP2, lower_at(s, j + 2), 0);
	out[n++] = feat(F_RAWM1, raw_at(s, j - 1), 0);
	out[n++] = feat(F_RAWP1, raw_at(s, j + 1), 0);
	out[n++] = feat(F_SHAPE, w->shape, 0);
	out[n++] = feat(F_SHAPEM1, shape_at(s, j - 1), 0);
	out[n++] = feat(F_SHAPEP1, shape_at(s, j + 1), 0);
	out[n++] = feat(F_SHAPE3, hash_mix(shape_at(s, j - 1), w->shape),
	    shape_at(s, j + 1));
	out[n++] = feat(F_BIG_M1, lower_at(s, j - 1), w->lower);
	out[n++] = feat(F_BIG_P1, w->lower, lower_at(s, j + 1));
	out[n++] = feat(F_SHAPE_WM1, lower_at(s, j - 1), w->shape);
	out[n++] = feat(F_W_SHAPEP1, w->lower, shape_at(s, j + 1));
	n += affixes(&s->w[i], out + n);
	n += ngrams(&s->w[i], w, out + n);
	n += stem_features(s, j, out + n);
	n += dict_features(s, i, out + n);
	n += derived_features(s, i, out + n);
	out[n++] = feat(F_CAPS, (uint64_t)(caps_at(s, j - 1) * 16 +
	    caps_at(s, j) * 4 + caps_at(s, j + 1)), 0);
	if (i == 0)
		out[n++] = feat(F_START, w->lower, 0);
	if (s->headline)
		out[n++] = feat(F_HEADLINE, w->shape, 0);
	out[n++] = feat(F_LEN, s->w[i].len > 8 ? 8 : s->w[i].len, w->title);
	/* A name's last word speaks for the whole name: "Jones ... Inc". */
	if ((w->title || w->upper) && !s->headline && w->run_len > 1) {
		long first = (long)w->run_first;
		long last = first + (long)w->run_len - 1;
		if (j < last)
			out[n++] = feat(F_RUNLAST, lower_at(s, last), j == first);
	}
	/* Titles stand outside the names they introduce. */
	if (w->honorific)
		out[n++] = feat(F_HONOR, (uint64_t)(caps_at(s, j - 1) * 4 +
		    caps_at(s, j + 1)), 0);
	if (i > 0 && s->info[i - 1].honorific)
		out[n++] = feat(F_HONORM1, (uint64_t)caps_at(s, j), 0);
	/* Organisation words make the names around them organisations'. */
	if (w->org_word)
		out[n++] = feat(F_ORGW, (uint64_t)(caps_at(s, j - 1) * 4 +
		    caps_at(s, j + 1)), 0);
	if (i + 1 < s->n && s->info[i + 1].org_word)
		out[n++] = feat(F_ORGP1, (uint64_t)caps_at(s, j), 0);
	if (w->run_org && !s->headline)
		out[n++] = feat(F_ORGRUN, j == (long)w->run_first,
		    j == (long)(w->run_first + w->run_len - 1));
	n += gaz_features(s, j, F_GAZ, out + n);
	n += gaz_features(s, j - 1, F_GAZM1, out + n);
	n += gaz_features(s, j + 1, F_GAZP1, out + n);

	const struct ner_doc_name *nm = NULL;
	if (w->title || w->upper)
		nm = doc_name(d, w->lower);
	if (nm != NULL && nm->first != 0) {
		out[n++] = feat(F_DOCFIRST, nm->first, 0);
		out[n++] = feat(F_DOCFIRSTG, nm->first_gaz, 0);
	}
	if (nm != NULL && nm->last != 0)
		out[n++] = feat(F_DOCLAST, nm->last, 0);

	uint32_t seen = doc_get(d, w->lower);
	if ((w->title || w->upper) && (seen & DOC_SEEN_LOWER))
		out[n++] = feat(F_DOCLOWER, (uint64_t)(i == 0) * 2 + s->headline,
		    0);
	if ((i == 0 || s->headline) && (seen & DOC_SEEN_TITLE))
		out[n++] = feat(F_DOCTITLE, w->upper, 0);
	return n;
}

size_t
ner_features_dynamic(const struct ner_sent *s, size_t i,
    const struct ner_doc *d, int prev, int prev2, uint64_t *out)
{
	const struct ner_winfo *w = &s->info[i];
	size_t n = 0;

	out[n++] = feat(F_T1, (uint64_t)prev, 0);
	out[n++] = feat(F_T2, (uint64_t)prev, (uint64_t)prev2);
	out[n++] = feat(F_T1W, (uint64_t)prev, w->lower);
	out[n++] = feat(F_T1SHAPE, (uint64_t)prev, w->shape);

	uint32_t v = doc_get(d, w->lower);
	if (w->title || w->upper) {
		uint32_t last = (v >> DOC_LAST_SHIFT) & 0xf;
		uint32_t part = (v >> DOC_PART_SHIFT) & 0xf;
		int only, maj = doc_majority(v, &only);
		if (last != 0) {
			out[n++] = feat(F_HIST, last, 0);
			out[n++] = feat(F_HISTSHAPE, last, w->shape);
		}
		if (part != 0)
			out[n++] = feat(F_HISTPART, part, (uint64_t)prev);
		if (maj >= 0)
			out[n++] = feat(F_HISTMAJ, (uint64_t)maj, (uint64_t)only);
	}
	if (i > 0) {
		uint32_t h1 = (doc_get(d, s->info[i - 1].lower) >>
		    DOC_LAST_SHIFT) & 0xf;
		if (h1 != 0)
			out[n++] = feat(F_HISTM1, h1, (uint64_t)prev);
	}
	return n;
}

/* ---- the second stage ---- */

int
ner_doc_aggregate(struct ner_doc *agg, const struct ner_sent *sents,
    size_t nsents, int scheme)
{
	ner_doc_reset(agg);
	for (size_t k = 0; k < nsents; k++) {
		const struct ner_sent *s = &sents[k];
		for (size_t i = 0; i < s->n; i++) {
			int y = s->info[i].s1;
			if (ner_doc_label(agg, s, i, scheme_type(scheme, y),
			    scheme_in_longer(scheme, y)) != 0)
				return -1;
		}
	}
	return 0;
}

static uint64_t
s1_at(const struct ner_sent *s, long i)
{
	if (i < 0 || (size_t)i >= s->n)
		return 99;
	return s->info[i].s1;
}

size_t
ner_features_stage2(const struct ner_sent *s, size_t i,
    const struct ner_doc *agg, uint64_t *f, size_t n)
{
	const struct ner_winfo *w = &s->info[i];
	long j = (long)i;

	/* The first stage's weights stay apart from the second's. */
	for (size_t k = 0; k < n; k++)
		f[k] = hash_mix(f[k], F_STAGE2);
	f[n++] = feat(F_S1, w->s1, 0);
	f[n++] = feat(F_S1M1, s1_at(s, j - 1), w->s1);
	f[n++] = feat(F_S1P1, w->s1, s1_at(s, j + 1));
	f[n++] = feat(F_S1BI, s1_at(s, j - 1), s1_at(s, j + 1));
	if (!(w->title || w->upper))
		return n;
	uint32_t v = doc_get(agg, w->lower);
	uint32_t part = (v >> DOC_PART_SHIFT) & 0xf;
	int only, maj = doc_majority(v, &only);
	if (maj >= 0)
		f[n++] = feat(F_AGGMAJ, (uint64_t)maj * 2 + (uint64_t)only, w->s1);
	if (part != 0)
		f[n++] = feat(F_AGGPART, part, w->s1);
	return n;
}
