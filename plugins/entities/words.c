#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "invisible.h"
#include "stem.h"
#include "words.h"

#define MERGE_MAX 6

static int
reserve(struct words *ws, size_t need)
{
	if (need <= ws->cap)
		return 0;
	size_t cap = ws->cap ? ws->cap : 256;
	while (cap < need)
		cap *= 2;
	struct word *w = realloc(ws->w, cap * sizeof(*w));
	if (w != NULL)
		ws->w = w;
	struct ner_word *nw = realloc(ws->nw, cap * sizeof(*nw));
	if (nw != NULL)
		ws->nw = nw;
	if (w == NULL || nw == NULL)
		return -1;
	ws->cap = cap;
	return 0;
}

/*
 * Moves a word's edges past invisible characters ("\u202aHanoi\u202c" is
 * "Hanoi"): each is one code point. A word of nothing else stays whole.
 */
static void
trim_invisible(const char *text, uint32_t *start, uint32_t *end,
    uint32_t *bstart, uint32_t *bend)
{
	uint32_t s = *start, e = *end, bs = *bstart, be = *bend;
	size_t k;

	while (bs < be && (k = invisible_at(text + bs, be - bs)) > 0) {
		bs += (uint32_t)k;
		s++;
	}
	while (bs < be && (k = invisible_before(text + bs, be - bs)) > 0) {
		be -= (uint32_t)k;
		e--;
	}
	if (bs == be)
		return;
	*start = s;
	*end = e;
	*bstart = bs;
	*bend = be;
}

static int
add_word(struct words *ws, const char *text, uint32_t start, uint32_t end,
    uint32_t bstart, uint32_t bend)
{
	trim_invisible(text, &start, &end, &bstart, &bend);
	if (reserve(ws, ws->n + 1) != 0)
		return -1;
	struct word *w = &ws->w[ws->n];
	w->start = start;
	w->end = end;
	w->byte_start = bstart;
	w->byte_end = bend;
	ws->nw[ws->n].s = text + bstart;
	ws->nw[ws->n].len = bend - bstart;
	ws->n++;
	return 0;
}

/* Length in bytes of a trailing possessive 's or ’s, or 0. */
static uint32_t
possessive(const char *s, uint32_t len)
{
	if (len > 2 && (s[len - 1] == 's' || s[len - 1] == 'S') &&
	    s[len - 2] == '\'')
		return 2;
	if (len > 4 && (s[len - 1] == 's' || s[len - 1] == 'S') &&
	    memcmp(s + len - 4, "\xe2\x80\x99", 3) == 0)
		return 4;
	return 0;
}

/*
 * Whether a token is at most max bytes of lower-case letters: "n", "ta",
 * "ssä", "s", "tuotteita".
 */
static int
lower_letters(const char *text, const lector_token *t, uint32_t max)
{
	uint32_t len = t->byte_end - t->byte_start;
	const unsigned char *p = (const unsigned char *)text + t->byte_start;

	if (len == 0 || len > max)
		return 0;
	for (uint32_t i = 0; i < len; i++) {
		if (p[i] >= 'a' && p[i] <= 'z')
			continue;
		/* ä å ö õ ü: the vowels of Finnish, Swedish, Estonian endings. */
		if (p[i] == 0xc3 && i + 1 < len && (p[i + 1] == 0xa4 ||
		    p[i + 1] == 0xa5 || p[i + 1] == 0xb5 || p[i + 1] == 0xb6 ||
		    p[i + 1] == 0xbc)) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

/*
 * Finnish and Swedish write the case ending of an abbreviation, a number
 * or a foreign name after a colon: "EU:n", "EU:ta", "NBC:lle", "1990:n",
 * "TV:s". The training data keeps them one token, the entity with its
 * ending; the host's tokenizer cuts them in three. After the run of
 * tokens that makes a word (start .. j - 1): 2 when ":" and an ending
 * follow, touching, and the word starts with a capital or a digit.
 */
static size_t
colon_ending(const char *text, const lector_token *tok, size_t start,
    size_t j, size_t end)
{
	unsigned char c = (unsigned char)text[tok[start].byte_start];

	if (j + 1 >= end || tok[j].byte_start != tok[j - 1].byte_end ||
	    tok[j + 1].byte_start != tok[j].byte_end ||
	    tok[j].byte_end - tok[j].byte_start != 1 ||
	    text[tok[j].byte_start] != ':' || !lower_letters(text, &tok[j + 1], 8))
		return 0;
	/* "EU:n:ssä" or "a:b:c" is something else: a time, a reference. */
	if (j + 2 < end && tok[j + 2].byte_start == tok[j + 1].byte_end)
		return 0;
	/* A capital, a digit, or a letter beyond ASCII ("Österreich:n"). */
	if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xc0))
		return 0;
	return 2;
}

/*
 * Finnish joins a common noun to a name of several words, or to one that
 * ends in a number, with a hyphen after a space: "Billboard Hot 100
 * -listalla", "H&M Home -tuotteita". The training data keeps "-listalla"
 * one token (the name's last); the host's tokenizer cuts the hyphen off.
 * 2 when token i is a hyphen after a space, touching a lower-case word
 * that nothing else touches.
 */
static size_t
hyphen_suffix(const char *text, const lector_token *tok, size_t i,
    size_t end)
{
	if (i == 0 || i + 1 >= end ||
	    tok[i].byte_end - tok[i].byte_start != 1 ||
	    text[tok[i].byte_start] != '-' ||
	    tok[i].byte_start == tok[i - 1].byte_end ||
	    tok[i + 1].byte_start != tok[i].byte_end ||
	    !lower_letters(text, &tok[i + 1], 40))
		return 0;
	if (i + 2 < end && tok[i + 2].byte_start == tok[i + 1].byte_end)
		return 0;
	return 2;
}

/* How many touching tokens from i form one word the model knows. */
static size_t
merge_run(const char *text, const lector_token *tok, size_t i, size_t end,
    const struct model *m)
{
	size_t best = 1;

	if (hyphen_suffix(text, tok, i, end) != 0)
		return 2;
	for (size_t k = i + 1; k < end && k < i + MERGE_MAX; k++) {
		if (tok[k].byte_start != tok[k - 1].byte_end)
			break;
		uint32_t b = tok[i].byte_start;
		uint64_t h = hash_final(hash_bytes(HASH_SEED, text + b,
		    tok[k].byte_end - b));
		if (model_lex_has(m, h))
			best = k - i + 1;
	}
	return best + colon_ending(text, tok, i, i + best, end);
}

static int
add_sentence(struct words *ws, const char *text, const lector_token *tok,
    size_t first, size_t end, const struct model *m)
{
	for (size_t i = first; i < end;) {
		size_t run = merge_run(text, tok, i, end, m);
		const lector_token *a = &tok[i], *z = &tok[i + run - 1];
		uint32_t ps = run == 1 && a->kind == LECTOR_TOKEN_WORD ?
		    possessive(text + a->byte_start, a->byte_end - a->byte_start) :
		    0;
		int rc;
		if (ps) {
			rc = add_word(ws, text, a->start, a->end - 2,
			    a->byte_start, a->byte_end - ps);
			if (rc == 0)
				rc = add_word(ws, text, a->end - 2, a->end,
				    a->byte_end - ps, a->byte_end);
		} else {
			rc = add_word(ws, text, a->start, z->end, a->byte_start,
			    z->byte_end);
		}
		if (rc != 0)
			return -1;
		i += run;
	}
	return 0;
}

static int
add_sent_slot(struct words *ws, size_t first)
{
	if (ws->nsents == ws->capsents) {
		size_t cap = ws->capsents ? ws->capsents * 2 : 64;
		size_t *f = realloc(ws->sent_first, cap * sizeof(*f));
		if (f == NULL)
			return -1;
		ws->sent_first = f;
		ws->capsents = cap;
	}
	ws->sent_first[ws->nsents++] = first;
	return 0;
}

/* Pointers into the word arrays, made once they stop moving. */
static int
link_sentences(struct words *ws)
{
	size_t ns = ws->nsents ? ws->nsents : 1;

	ws->info = calloc(ws->n ? ws->n : 1, sizeof(*ws->info));
	ws->labels = calloc(ws->n ? ws->n : 1, 1);
	ws->sents = calloc(ns, sizeof(*ws->sents));
	ws->sent_labels = calloc(ns, sizeof(*ws->sent_labels));
	if (!ws->info || !ws->labels || !ws->sents || !ws->sent_labels)
		return -1;
	for (size_t k = 0; k < ws->nsents; k++) {
		size_t a = ws->sent_first[k];
		size_t z = k + 1 < ws->nsents ? ws->sent_first[k + 1] : ws->n;
		ws->sents[k].w = ws->nw + a;
		ws->sents[k].info = ws->info + a;
		ws->sents[k].n = z - a;
		ws->sent_labels[k] = ws->labels + a;
	}
	return 0;
}

/*
 * Whether the sentence that ends with the last word so far goes on into
 * the one that starts at token next: the word is a short abbreviation or
 * ordinal the training data knows ("FC.", "BM.", "1."), and on the same
 * line a capital or a digit follows ("1. FC Kaiserslautern", "BM.
 * GRANOLLERS"). The host's splitter ends a sentence there; the name goes
 * on. "U.S." and other words with inner dots do end sentences.
 */
static int
runs_on(const struct words *ws, const char *text, const lector_token *tok,
    size_t next, const struct model *m)
{
	if (ws->n == 0)
		return 0;
	const struct ner_word *w = &ws->nw[ws->n - 1];
	if (w->len < 2 || w->len > 4 || w->s[w->len - 1] != '.' ||
	    memchr(w->s, '.', w->len - 1) != NULL)
		return 0;
	uint32_t gap = ws->w[ws->n - 1].byte_end;
	for (uint32_t b = gap; b < tok[next].byte_start; b++)
		if (text[b] != ' ')
			return 0;
	unsigned char c = (unsigned char)text[tok[next].byte_start];
	if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xc0))
		return 0;
	return model_lex_has(m, hash_final(hash_bytes(HASH_SEED, w->s, w->len)));
}

int
words_build(struct words *ws, const char *text, const lector_token *tok,
    size_t ntok, const lector_span *sent, size_t nsent,
    const struct model *m)
{
	memset(ws, 0, sizeof(*ws));
	for (size_t k = 0; k < nsent; k++) {
		size_t first = sent[k].first;
		size_t end = first + sent[k].count;
		if (first >= ntok || end > ntok || end == first)
			continue;
		if ((ws->nsents == 0 || !runs_on(ws, text, tok, first, m)) &&
		    add_sent_slot(ws, ws->n) != 0)
			goto fail;
		if (add_sentence(ws, text, tok, first, end, m) != 0)
			goto fail;
	}
	if (link_sentences(ws) != 0)
		goto fail;
	for (size_t k = 0; k < ws->nsents; k++) {
		ner_prepare(&ws->sents[k], &m->gaz);
		ner_stem(&ws->sents[k], m->stemmer);
	}
	return 0;
fail:
	words_free(ws);
	return -1;
}

void
words_free(struct words *ws)
{
	free(ws->w);
	free(ws->nw);
	free(ws->info);
	free(ws->labels);
	free(ws->sents);
	free(ws->sent_labels);
	free(ws->sent_first);
	memset(ws, 0, sizeof(*ws));
}
