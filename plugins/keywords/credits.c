/*
 * News agency credits: "LOS ANGELES (AP) — Penelope Cruz...", "(CBS/AP)
 * Brooke Shields...", "LONDON, April 2 (UPI) - A committee...". The
 * agency that sent a story is no topic of it, yet said in its first line
 * and written with capitals it would rank with the names the story is
 * about.
 */
#include <string.h>

#include "candidates.h"

/* At most this many words inside the parentheses: "(CBS/AP)" is two. */
#define CREDIT_WORDS 3

/* Whether token i is the one-byte punctuation c. */
static int
punct_is(const struct phrase_doc *d, size_t i, char c)
{
	const lector_token *k = &d->tok[i];

	return k->kind == LECTOR_TOKEN_PUNCT && k->byte_end == k->byte_start + 1 &&
	    d->text[k->byte_start] == c;
}

/* Whether token i is a word written with a capital. */
static int
capital_word(const struct phrase_doc *d, size_t i)
{
	return d->tok[i].kind == LECTOR_TOKEN_WORD &&
	    (d->terms->flags[i] & TERM_CAPITAL);
}

/* Whether token i is a dash, an underscore or a colon: "(AP) —". */
static int
dash(const struct phrase_doc *d, size_t i)
{
	const lector_token *k = &d->tok[i];
	const char *s = d->text + k->byte_start;
	size_t len = k->byte_end - k->byte_start;

	if (k->kind != LECTOR_TOKEN_PUNCT && k->kind != LECTOR_TOKEN_SYMBOL)
		return 0;
	return (len == 1 && (*s == '-' || *s == '_' || *s == ':')) ||
	    (len == 3 && (memcmp(s, "\xe2\x80\x93", 3) == 0 ||
	    memcmp(s, "\xe2\x80\x94", 3) == 0));
}

/*
 * The end of a credit that opens at token i (a "("), or 0: one to
 * CREDIT_WORDS capitalised words, "/" between them, then ")" and after
 * it the end of the sentence, a dash or the story's first capital
 * ("(CBS/AP) Brooke Shields"). "The North Atlantic Treaty Organization
 * (NATO) said" explains a name, "Fred (James Marsden), an out-of-work
 * slacker" a part: no credits.
 */
static size_t
credit_end(const struct phrase_doc *d, size_t i, size_t end)
{
	size_t j, words = 0;

	for (j = i + 1; j < end && !punct_is(d, j, ')'); j++) {
		if (capital_word(d, j) && words < CREDIT_WORDS)
			words++;
		else if (!punct_is(d, j, '/'))
			return 0;
	}
	if (j >= end || words == 0)
		return 0;
	if (j + 1 < end && !capital_word(d, j + 1) && !dash(d, j + 1))
		return 0;
	return j;
}

void
credits_mark(const struct phrase_doc *d, uint8_t *mark)
{
	size_t s, i, j, end;

	for (s = 0; s < d->nsent && s < CREDIT_SENTENCES; s++) {
		end = d->sent[s].first + d->sent[s].count;
		if (end > d->terms->ntok)
			end = d->terms->ntok;
		/* A credit follows the dateline, before the story's first word. */
		for (i = d->sent[s].first; i < end; i++) {
			if (punct_is(d, i, '(')) {
				j = credit_end(d, i, end);
				for (; j > i; j--)
					mark[j] |= TOKEN_BARRED;
				break;
			}
			if (d->tok[i].kind == LECTOR_TOKEN_WORD && !capital_word(d, i))
				break;
		}
	}
}
