/*
 * Interning of stems. An open-addressing table over an arena of stems;
 * a document of a few thousand words fits in a few kilobytes. The table
 * grows with the distinct stems, not with the tokens: a 10 MB article
 * says a few tens of thousands of words, and a table sized for its
 * millions of tokens would cost more than the article itself.
 */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "hash.h"
#include "terms.h"

/* Longer words are not words we can match on: URLs glued to text, noise. */
#define WORD_MAX 128

static int
grow_terms(struct terms *t)
{
	size_t cap = t->term_cap ? t->term_cap * 2 : 256;
	uint32_t *c, *f, *o;

	c = realloc(t->count, cap * sizeof(*c));
	if (c == NULL)
		return LECTOR_ENOMEM;
	t->count = c;
	f = realloc(t->first, cap * sizeof(*f));
	if (f == NULL)
		return LECTOR_ENOMEM;
	t->first = f;
	o = realloc(t->stem_off, cap * sizeof(*o));
	if (o == NULL)
		return LECTOR_ENOMEM;
	t->stem_off = o;
	t->term_cap = cap;
	return LECTOR_OK;
}

static int32_t *
slot_of(const struct terms *t, const char *s, size_t len)
{
	size_t i = textkit_hash(s, len) & (t->nslots - 1);
	const char *stem;

	for (;;) {
		int32_t id = t->slots[i];
		if (id < 0)
			return &t->slots[i];
		stem = t->arena + t->stem_off[id];
		if (strlen(stem) == len && memcmp(stem, s, len) == 0)
			return &t->slots[i];
		i = (i + 1) & (t->nslots - 1);
	}
}

/* Doubles the hash table and places every term again. */
static int
grow_slots(struct terms *t)
{
	size_t n = t->nslots * 2, i, id;
	int32_t *old = t->slots, *s;
	const char *stem;

	s = malloc(n * sizeof(*s));
	if (s == NULL)
		return LECTOR_ENOMEM;
	memset(s, 0xff, n * sizeof(*s));
	t->slots = s;
	t->nslots = n;
	for (id = 0; id < t->nterm; id++) {
		stem = t->arena + t->stem_off[id];
		i = textkit_hash(stem, strlen(stem)) & (n - 1);
		while (s[i] >= 0)
			i = (i + 1) & (n - 1);
		s[i] = (int32_t)id;
	}
	free(old);
	return LECTOR_OK;
}

static int32_t
intern(struct terms *t, const char *s, size_t len, uint32_t tok)
{
	int32_t *slot = slot_of(t, s, len);
	char *a;

	if (*slot >= 0) {
		t->count[*slot]++;
		return *slot;
	}
	if (t->nterm == t->term_cap && grow_terms(t) != LECTOR_OK)
		return -2;
	/* At most half full, so that probes stay short. */
	if ((t->nterm + 1) * 2 > t->nslots) {
		if (grow_slots(t) != LECTOR_OK)
			return -2;
		slot = slot_of(t, s, len);
	}
	if (t->arena_len + len + 1 > t->arena_cap) {
		size_t cap = (t->arena_cap + len + 1) * 2;
		a = realloc(t->arena, cap);
		if (a == NULL)
			return -2;
		t->arena = a;
		t->arena_cap = cap;
	}
	memcpy(t->arena + t->arena_len, s, len);
	t->arena[t->arena_len + len] = '\0';
	t->stem_off[t->nterm] = (uint32_t)t->arena_len;
	t->count[t->nterm] = 1;
	t->first[t->nterm] = tok;
	t->arena_len += len + 1;
	*slot = (int32_t)t->nterm;
	return (int32_t)t->nterm++;
}

static int
is_capital(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	char low[8];

	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	/* A non-ASCII letter is a capital when folding changes it. */
	return fold_lower(s, (c >= 0xf0) ? 4 : (c >= 0xe0) ? 3 : 2, low,
	    sizeof(low)) != 0 && memcmp(low, s, 2) != 0;
}

static size_t
utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * The bytes of an elided article or pronoun at the start of a word, as in
 * "l'année", "dell'arte", "qu'il": the part up to the apostrophe when the
 * language lists it, apostrophe included, as a stopword. 0 if none.
 */
static size_t
elision(const struct lang *l, const char *w, size_t len, const char *low)
{
	char pre[8];
	size_t i;

	for (i = 0; i + 1 < len && i < 5; i++) {
		size_t a = (w[i] == '\'') ? 1 :
		    (i + 3 < len && memcmp(w + i, "\xe2\x80\x99", 3) == 0) ? 3 : 0;
		if (a == 0)
			continue;
		/* Letters before it fold to as many ASCII bytes: compare folded. */
		memcpy(pre, low, i);
		pre[i] = '\'';
		pre[i + 1] = '\0';
		return (i > 0 && lang_is_stop(l, pre)) ? i + a : 0;
	}
	return 0;
}

/* One word token: flags, and its term when it is a content word. */
static int32_t
add_word(struct terms *t, const struct lang *l, const char *w, size_t len,
    int number, uint32_t tok, uint8_t *flags, uint8_t *cut)
{
	char low[WORD_MAX * 4 + 8];
	const char *stem;
	size_t n, slen;

	*flags = 0;
	if (len > WORD_MAX)
		return -1;
	n = fold_lower(w, len, low, sizeof(low));
	if (n == 0)
		return -1;
	if (number) {
		*flags = TERM_NUMBER;
		return intern(t, low, n, tok);
	}
	*cut = elision(l, w, len, low);
	if (*cut > 0) {
		w += *cut;
		len -= *cut;
		n = fold_lower(w, len, low, sizeof(low));
		if (n == 0)
			return -1;
	}
	if (is_capital(w))
		*flags |= TERM_CAPITAL;
	if (utf8_chars(low, n) < 2 || lang_is_stop(l, low)) {
		*flags |= TERM_STOP;
		return -1;
	}
	stem = lang_stem(l, low, n, &slen);
	return intern(t, stem, slen, tok);
}

/* Bytes of the UTF-8 sequence that starts with byte c. */
static size_t
seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* The character bigrams (or the lone character) of an ideograph run. */
static int
add_bigrams(struct terms *t, const char *s, size_t len, uint32_t tok,
    size_t *at)
{
	size_t a = 0, b, c;
	int32_t id;

	b = seq_len((unsigned char)s[0]);
	if (b >= len) {
		id = intern(t, s, len, tok);
		if (id < 0)
			return LECTOR_ENOMEM;
		t->extra[(*at)++] = id;
		return LECTOR_OK;
	}
	while (b < len) {
		c = b + seq_len((unsigned char)s[b]);
		if (c > len)
			break;
		id = intern(t, s + a, c - a, tok);
		if (id < 0)
			return LECTOR_ENOMEM;
		t->extra[(*at)++] = id;
		a = b;
		b = c;
	}
	return LECTOR_OK;
}

static int
build_extra(struct terms *t, const char *text, const lector_token *tok,
    size_t ntok)
{
	size_t i, n = 0, at = 0;

	for (i = 0; i < ntok; i++)
		if (tok[i].kind == LECTOR_TOKEN_IDEOGRAPH)
			n += tok[i].end - tok[i].start;
	if (n == 0)
		return LECTOR_OK;
	t->extra_at = malloc((ntok + 1) * sizeof(*t->extra_at));
	t->extra = malloc(n * sizeof(*t->extra));
	if (t->extra_at == NULL || t->extra == NULL)
		return LECTOR_ENOMEM;
	for (i = 0; i < ntok; i++) {
		t->extra_at[i] = (uint32_t)at;
		if (tok[i].kind == LECTOR_TOKEN_IDEOGRAPH &&
		    tok[i].byte_end > tok[i].byte_start &&
		    add_bigrams(t, text + tok[i].byte_start,
		    tok[i].byte_end - tok[i].byte_start, (uint32_t)i, &at) != 0)
			return LECTOR_ENOMEM;
	}
	t->extra_at[ntok] = (uint32_t)at;
	return LECTOR_OK;
}

const int32_t *
terms_extra(const struct terms *t, size_t i, size_t *n)
{
	if (t->extra_at == NULL || i >= t->ntok) {
		*n = 0;
		return NULL;
	}
	*n = t->extra_at[i + 1] - t->extra_at[i];
	return t->extra + t->extra_at[i];
}

int
terms_build(struct terms *t, const struct lang *l, const char *text,
    const lector_token *tok, size_t ntok)
{
	size_t i;
	int32_t id;

	memset(t, 0, sizeof(*t));
	t->ntok = ntok;
	t->id = malloc((ntok ? ntok : 1) * sizeof(*t->id));
	t->flags = calloc(ntok ? ntok : 1, 1);
	t->elided = calloc(ntok ? ntok : 1, 1);
	t->nslots = 64;		/* grows with the distinct stems */
	t->slots = malloc(t->nslots * sizeof(*t->slots));
	if (t->id == NULL || t->flags == NULL || t->elided == NULL ||
	    t->slots == NULL)
		return LECTOR_ENOMEM;
	memset(t->slots, 0xff, t->nslots * sizeof(*t->slots));
	for (i = 0; i < ntok; i++) {
		t->id[i] = -1;
		if (tok[i].kind != LECTOR_TOKEN_WORD &&
		    tok[i].kind != LECTOR_TOKEN_NUMBER)
			continue;
		id = add_word(t, l, text + tok[i].byte_start,
		    tok[i].byte_end - tok[i].byte_start,
		    tok[i].kind == LECTOR_TOKEN_NUMBER, (uint32_t)i,
		    &t->flags[i], &t->elided[i]);
		if (id == -2)
			return LECTOR_ENOMEM;
		t->id[i] = id;
	}
	return build_extra(t, text, tok, ntok);
}

void
terms_free(struct terms *t)
{
	free(t->id);
	free(t->flags);
	free(t->elided);
	free(t->count);
	free(t->first);
	free(t->stem_off);
	free(t->arena);
	free(t->slots);
	free(t->extra_at);
	free(t->extra);
	memset(t, 0, sizeof(*t));
}

int32_t
terms_find(const struct terms *t, const char *stem, size_t len)
{
	if (t->slots == NULL)
		return -1;
	return *slot_of(t, stem, len);
}

const char *
terms_stem(const struct terms *t, int32_t id)
{
	return t->arena + t->stem_off[id];
}

static int
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

size_t
terms_of_text(const struct terms *t, const struct lang *l, const char *s,
    int32_t *out, size_t max)
{
	char low[WORD_MAX * 4 + 8];
	const char *stem;
	size_t i = 0, j, n, slen, k = 0;
	int32_t id;

	while (s[i] && k < max) {
		if (!word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		/* A word: letters, and inner apostrophes and hyphens. */
		for (j = i; s[j] && (word_byte((unsigned char)s[j]) ||
		    ((s[j] == '\'' || s[j] == '-') &&
		    word_byte((unsigned char)s[j + 1]))); j++)
			;
		if (j - i <= WORD_MAX &&
		    (n = fold_lower(s + i, j - i, low, sizeof(low))) != 0 &&
		    utf8_chars(low, n) >= 2 && !lang_is_stop(l, low)) {
			stem = lang_stem(l, low, n, &slen);
			id = terms_find(t, stem, slen);
			if (id >= 0)
				out[k++] = id;
		}
		i = j;
	}
	return k;
}
