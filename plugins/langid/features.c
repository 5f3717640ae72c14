#include <string.h>
#include <strings.h>

#include "features.h"
#include "utf8.h"

#define PAD 0x20

uint32_t
features_lower(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp >= 0x100 && cp <= 0x17f) {
		/* Latin Extended-A pairs upper/lower, with two odd stretches. */
		if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
			return (cp & 1) ? cp + 1 : cp;
		if (cp == 0x130 || cp == 0x138 || cp == 0x149 || cp == 0x17f)
			return cp == 0x130 ? 'i' : cp;
		return cp | 1;
	}
	if (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2)
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	if (cp >= 0x460 && cp <= 0x52f && cp != 0x482 &&
	    !(cp >= 0x483 && cp <= 0x489) && cp != 0x4c0)
		return (cp >= 0x4c1 && cp <= 0x4ce) ? ((cp & 1) ? cp + 1 : cp)
		    : (cp | 1);
	if (cp >= 0x531 && cp <= 0x556)
		return cp + 0x30;
	if (cp >= 0x1e00 && cp <= 0x1eff && cp != 0x1e9e)
		return cp | 1;
	if (cp >= 0xff21 && cp <= 0xff3a)
		return cp + 0x20;
	if (cp >= 0x1e900 && cp <= 0x1e921)
		return cp + 0x22;
	return cp;
}

#define FNV_PRIME 0x100000001b3ULL
#define WORD_SEED 0x6a09e667f3bcc909ULL

/* FNV alone leaves the low bits weak; the table indexes by them. */
static uint64_t
finish(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t
features_hash(const uint32_t *cps, int n)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)n;
	int i;

	for (i = 0; i < n; i++) {
		h ^= cps[i];
		h *= FNV_PRIME;
	}
	return finish(h) & ~(uint64_t)1;
}

/* Tags a whole word's running hash (see FEATURES_IS_PAIR). */
static uint64_t
word_key(uint64_t h)
{
	return (finish(h) & ~(uint64_t)3) | 1;
}

uint64_t
features_word_hash(const uint32_t *cps, int n)
{
	uint64_t h = WORD_SEED;
	int i;

	for (i = 0; i < n; i++) {
		h ^= cps[i];
		h *= FNV_PRIME;
	}
	return word_key(h);
}

uint64_t
features_pair_hash(uint64_t first, uint64_t second)
{
	return finish(first * FNV_PRIME ^ second) | 3;
}

/*
 * A Bloom filter with LEXICON_PROBES probes from two halves of a remix of
 * the word's hash (double hashing), each scaled to the filter's size by a
 * multiplication rather than a division.
 */
#define LEXICON_PROBES 6

static uint64_t
probe(uint64_t h, int i, uint64_t n_bits)
{
	uint32_t x = (uint32_t)h + (uint32_t)i * ((uint32_t)(h >> 32) | 1);

	return ((uint64_t)x * n_bits) >> 32;
}

void
features_lexicon_add(uint64_t *bits, uint64_t n_bits, uint64_t word)
{
	uint64_t h = finish(word ^ 0x5bd1e9955bd1e995ULL);
	int i;

	for (i = 0; i < LEXICON_PROBES; i++) {
		uint64_t k = probe(h, i, n_bits);

		bits[k / 64] |= (uint64_t)1 << (k % 64);
	}
}

int
features_lexicon_has(const features_lexicon *l, uint64_t word)
{
	uint64_t h = finish(word ^ 0x5bd1e9955bd1e995ULL);
	int i;

	for (i = 0; i < LEXICON_PROBES; i++) {
		uint64_t k = probe(h, i, l->n_bits);

		if (!(l->bits[k / 64] & ((uint64_t)1 << (k % 64))))
			return 0;
	}
	return 1;
}

/* Beyond Unicode: no n-gram of text hashes the same. */
uint64_t
features_lexicon_tag(unsigned set)
{
	uint32_t cp = 0x110000u + set;

	return features_hash(&cp, 1);
}

void
features_begin(features_iter *it, const char *utf8, size_t len)
{
	it->text = utf8;
	it->len = len;
	it->pos = 0;
	memset(&it->marks, 0, sizeof(it->marks));
	it->token_start = 1;
	it->nwin = 0;
	it->prev_word = 0;
	it->lexicons = NULL;
	it->letters = 0;
	it->word_letters = 0;
	memset(it->letter_kinds, 0, sizeof(it->letter_kinds));
	memset(&it->scripts, 0, sizeof(it->scripts));
}

void
features_use_lexicons(features_iter *it, const features_lexicons *lex)
{
	it->lexicons = lex != NULL && lex->n > 0 ? lex : NULL;
}

/*
 * Single letters of an alphabet say little that their pairs and triples do
 * not, and they are the most frequent lookups; a single Han character or
 * Hangul syllable is a word or most of one.
 */
static int
ideographic(enum script s)
{
	return s == SCRIPT_HANI || s == SCRIPT_HIRA || s == SCRIPT_KANA ||
	    s == SCRIPT_HANG || s == SCRIPT_YIII || s == SCRIPT_INHERITED;
}

/* Appends cp to the window and emits the n-grams that end with it. */
static size_t
push(features_iter *it, uint32_t cp, int unigram, uint64_t *out)
{
	size_t n = 0;
	int k;

	if (it->nwin == FEATURES_MAX_ORDER) {
		for (k = 1; k < FEATURES_MAX_ORDER; k++)
			it->win[k - 1] = it->win[k];
		it->nwin--;
	}
	it->win[it->nwin++] = cp;
	for (k = 1; k <= it->nwin; k++) {
		if (k == 1 && (cp == PAD || !unigram))
			continue;
		out[n++] = features_hash(it->win + it->nwin - k, k);
	}
	return n;
}

/*
 * Pads the word, adds the whole word when n-grams did not cover it, and
 * the pair it makes with the word before when only a space parts them.
 */
static size_t
end_word(features_iter *it, uint64_t *out)
{
	uint64_t word = word_key(it->word_hash);
	size_t n = push(it, PAD, 0, out);
	unsigned set = 0;
	int i;

	if (it->word_len > FEATURES_MAX_ORDER - 2) {
		out[n++] = word;
		it->word_letters += it->word_letters_now;
	}
	if (it->prev_word != 0)
		out[n++] = features_pair_hash(it->prev_word, word);
	if (it->word_caps)
		it->scripts.latin_names += it->word_latin;
	if (it->lexicons != NULL) {
		const features_lexicon *l = it->lexicons->list;

		for (i = 0; i < it->lexicons->n; i++) {
			if (features_lexicon_has(&l[i], word))
				set |= 1u << i;
			/* The set of a group is complete at its last list. */
			if (set != 0 && (i + 1 == it->lexicons->n ||
			    l[i + 1].group != l[i].group)) {
				out[n++] = features_lexicon_tag(set);
				set = 0;
			}
		}
	}
	it->prev_word = word;
	it->nwin = 0;
	return n;
}

/*
 * The bytes of a web address at s, 0 if there is none: "https://",
 * "http://" or "www." up to the next space. Its letters say nothing of the
 * language around it, and in a short sentence they outnumber the words
 * ("Mehr dazu unter https://www.example.com/technology/..." was English).
 */
static size_t
url_length(const char *s, size_t len)
{
	static const char *const starts[] = { "https://", "http://", "www." };
	size_t i, k, end;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		k = strlen(starts[i]);
		if (len < k || strncasecmp(s, starts[i], k) != 0)
			continue;
		for (end = k; end < len && s[end] != ' ' && s[end] != '\t' &&
		    s[end] != '\n' && s[end] != '\r'; end++)
			;
		return end;
	}
	return 0;
}

size_t
features_next(features_iter *it, uint64_t *out, size_t cap)
{
	size_t n = 0, skip;

	while (it->pos < it->len && n + FEATURES_MIN_BATCH <= cap) {
		uint32_t cp;
		enum script s;

		/* A token starts outside a word: nothing to end first. */
		if (it->token_start && (skip = url_length(it->text + it->pos,
		    it->len - it->pos)) > 0) {
			it->pos += skip;
			it->prev_word = 0;
			continue;
		}
		cp = compose_next(it->text, it->len, &it->pos, &it->marks);
		it->token_start = cp == ' ' || cp == '\t' || cp == '\n' ||
		    cp == '\r' || cp == '(' || cp == '<' || cp == '"' || cp == '[';

		if (cp < 0x80)
			s = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ?
			    SCRIPT_LATN : SCRIPT_NONE;
		else
			s = script_of(cp);
		if (s == SCRIPT_INHERITED && it->nwin == 0)
			s = SCRIPT_NONE;
		if (s == SCRIPT_NONE) {
			if (it->nwin > 0)
				n += end_word(it, out + n);
			if (cp != ' ')
				it->prev_word = 0;
			continue;
		}
		if (it->nwin == 0) {
			it->win[it->nwin++] = PAD;
			it->word_hash = WORD_SEED;
			it->word_len = 0;
			it->word_latin = 0;
			it->word_letters_now = 0;
			it->word_caps = 0;
		}
		if (s == SCRIPT_LATN) {
			it->word_latin++;
			it->word_caps |= features_lower(cp) != cp;
		}
		cp = features_lower(cp);
		if (s != SCRIPT_INHERITED) {
			uint32_t bit = (cp * 2654435761u) >> 25;	/* 0..127 */

			it->letters++;
			it->word_letters_now++;
			it->scripts.n[s]++;
			it->letter_kinds[bit / 64] |= (uint64_t)1 << (bit % 64);
		}
		it->word_hash = (it->word_hash ^ cp) * FNV_PRIME;
		it->word_len++;
		n += push(it, cp, ideographic(s), out + n);
	}
	if (it->pos >= it->len && it->nwin > 0 &&
	    n + FEATURES_END_WORD <= cap)
		n += end_word(it, out + n);
	return n;
}
