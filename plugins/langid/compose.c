#include "compose.h"

#include "utf8.h"

int
compose_class_of(uint32_t cp)
{
	size_t lo = 0, hi = compose_n_classes;

	if (cp < 0x0300)
		return 0;	/* the common case: no mark below U+0300 */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < compose_classes[mid].lo)
			hi = mid;
		else if (cp > compose_classes[mid].hi)
			lo = mid + 1;
		else
			return compose_classes[mid].ccc;
	}
	return 0;
}

/* Hangul syllables compose by arithmetic (Unicode 3.12). */
#define HANGUL_S 0xac00u
#define HANGUL_L 0x1100u
#define HANGUL_V 0x1161u
#define HANGUL_T 0x11a7u
#define HANGUL_SYLLABLES (19u * 21u * 28u)

static uint32_t
compose_hangul(uint32_t a, uint32_t b)
{
	if (a >= HANGUL_L && a < HANGUL_L + 19 && b >= HANGUL_V &&
	    b < HANGUL_V + 21)
		return HANGUL_S + ((a - HANGUL_L) * 21 + (b - HANGUL_V)) * 28;
	if (a >= HANGUL_S && a < HANGUL_S + HANGUL_SYLLABLES &&
	    (a - HANGUL_S) % 28 == 0 && b > HANGUL_T && b < HANGUL_T + 28)
		return a + (b - HANGUL_T);
	return 0;
}

uint32_t
compose_two(uint32_t first, uint32_t second)
{
	size_t lo = 0, hi = compose_n_pairs;

	if (second >= HANGUL_V && second < HANGUL_T + 28)
		return compose_hangul(first, second);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct compose_pair *p = &compose_pairs[mid];

		if (first < p->first || (first == p->first && second < p->second))
			hi = mid;
		else if (first > p->first || second > p->second)
			lo = mid + 1;
		else
			return p->composed;
	}
	return 0;
}

/*
 * Reads the marks after the letter (classes other than 0) into st, in
 * canonical order (stable by class: a below-mark typed after an
 * above-mark is the same letter).
 */
static void
read_marks(const char *s, size_t len, size_t *pos, compose_state *st)
{
	st->n = 0;
	st->next = 0;
	while (st->n < COMPOSE_MAX_MARKS && *pos < len) {
		size_t at = *pos;
		uint32_t m = langid_utf8_next(s, len, &at);
		int c = compose_class_of(m), i;

		if (c == 0)
			break;
		*pos = at;
		for (i = st->n; i > 0 && compose_class_of(st->mark[i - 1]) > c; i--)
			st->mark[i] = st->mark[i - 1];
		st->mark[i] = m;
		st->n++;
	}
}

/*
 * Whether b, a code point of class 0, may compose with the letter before
 * it: Hangul vowels and final consonants, and a few vowel parts of Indic
 * scripts. Asked of nearly every letter, so most are turned away by range.
 */
static int
composes_after_letter(uint32_t b)
{
	size_t lo = 0, hi = compose_n_letter_seconds;

	if (b >= HANGUL_V && b < HANGUL_T + 28)
		return 1;
	if (b < compose_letter_seconds[0] ||
	    b > compose_letter_seconds[compose_n_letter_seconds - 1])
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b < compose_letter_seconds[mid])
			hi = mid;
		else if (b > compose_letter_seconds[mid])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

uint32_t
compose_next(const char *s, size_t len, size_t *pos, compose_state *st)
{
	uint32_t cp, both;
	int i, kept = 0, last = 0;

	if (st->next < st->n)
		return st->mark[st->next++];
	cp = langid_utf8_next(s, len, pos);
	st->n = 0;
	st->next = 0;
	/* Nothing below U+0300 composes with what is before it, and those
	 * code points (ASCII, Latin-1, Latin Extended) start with a byte below
	 * 0xcc: most letters of most text are settled here. */
	if (*pos >= len || (unsigned char)s[*pos] < 0xcc)
		return cp;
	/* Letters that compose with a following letter (Hangul jamo, some
	 * Indic vowel parts) come before any mark. */
	while (*pos < len) {
		size_t at = *pos;
		uint32_t b = langid_utf8_next(s, len, &at);

		if (!composes_after_letter(b) || (both = compose_two(cp, b)) == 0)
			break;
		cp = both;
		*pos = at;
	}
	read_marks(s, len, pos, st);
	/* A mark composes unless a mark of its class or higher stays between
	 * it and the letter (it is then "blocked", as in NFC). */
	for (i = 0; i < st->n; i++) {
		int c = compose_class_of(st->mark[i]);

		if ((kept == 0 || last < c) &&
		    (both = compose_two(cp, st->mark[i])) != 0) {
			cp = both;
			continue;
		}
		st->mark[kept++] = st->mark[i];
		last = c;
	}
	st->n = kept;
	return cp;
}
