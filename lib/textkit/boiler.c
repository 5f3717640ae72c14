/*
 * Boilerplate is recognised by form, not by a model: the lines news sites
 * add around articles are few and formulaic, and a wrong skip only costs
 * one candidate sentence.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "boiler.h"

/* Sentences starting with these are furniture, not content. */
static const char *const openings[] = {
	"to contact", "click here", "click on", "copyright", "©", "(c) ",
	"all rights reserved", "follow us", "follow @", "sign up",
	"subscribe", "read more", "read the full", "related:", "related stories",
	"see also", "photo:", "photograph:", "image:", "picture:", "caption:",
	"video:", "watch:", "advertisement", "share this", "e-mail this",
	"email this", "print this", "this story has been", "this article was",
	"getty images", "cliquez ici", "tous droits", "lire aussi",
	"klicken sie", "alle rechte", "lesen sie auch", "haga clic",
	"todos los derechos", "lea también", "clicca qui",
	"tutti i diritti", "clique aqui", "todos os direitos", NULL
};

/* Anywhere in a sentence, these mark it as furniture. */
static const char *const phrases[] = {
	"all rights reserved", "click here", "©", "tous droits réservés",
	"alle rechte vorbehalten", "derechos reservados", NULL
};

static int
starts_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return n <= len && strncasecmp(s, p, n) == 0;
}

static int
contains(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p), i;
	int c = tolower((unsigned char)p[0]);

	for (i = 0; i + n <= len; i++)
		if (tolower((unsigned char)s[i]) == c &&
		    strncasecmp(s + i, p, n) == 0)
			return 1;
	return 0;
}

static int
is_capitalised(const char *text, const lector_token *t)
{
	unsigned char c = (unsigned char)text[t->byte_start];

	/* Non-ASCII initials count: bylines name people of every language. */
	return (c >= 'A' && c <= 'Z') || c >= 0xc3;
}

/* "By Jane Smith", "By Jane Smith and Li Wei, BBC News": names only. */
static int
is_byline(const char *text, const lector_span *s, const lector_token *tok)
{
	const lector_token *t = &tok[s->first];
	size_t i, names = 0;

	if (s->count < 2 || s->count > 12 ||
	    !starts_with(text + t->byte_start, t->byte_end - t->byte_start, "by") ||
	    t->byte_end - t->byte_start != 2)
		return 0;
	for (i = 1; i < s->count; i++) {
		t = &tok[s->first + i];
		if (t->kind == LECTOR_TOKEN_PUNCT)
			continue;
		if (t->kind != LECTOR_TOKEN_WORD)
			return 0;
		if (is_capitalised(text, t))
			names++;
		else if (!starts_with(text + t->byte_start,
		    t->byte_end - t->byte_start, "and"))
			return 0;
	}
	return names > 0;
}

/* The code point that ends at byte i of text (i > from). */
static uint32_t
last_char(const char *text, size_t from, size_t *i)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t j = *i - 1;
	uint32_t c;
	int shift = 0;

	c = 0;
	while (j > from && (u[j] & 0xc0) == 0x80) {
		c |= (uint32_t)(u[j] & 0x3f) << shift;
		shift += 6;
		j--;
	}
	if (u[j] < 0x80)
		c = u[j];
	else
		c |= (uint32_t)(u[j] & (0x3f >> (shift / 6))) << shift;
	*i = j;
	return c;
}

/* Whether the sentence ends as prose does, closing quotes aside. */
static int
ends_sentence(const char *text, const lector_span *s)
{
	size_t i = s->byte_end;
	uint32_t c;

	while (i > s->byte_start) {
		c = last_char(text, s->byte_start, &i);
		if (c == '"' || c == '\'' || c == ')' || c == 0x201d ||
		    c == 0x2019 || c == 0xbb)
			continue;
		return c == '.' || c == '!' || c == '?' || c == 0x2026 ||
		    c == 0x3002;
	}
	return 0;
}

enum boiler_reason
boiler_check(const char *text, const lector_span *s, const lector_token *tok,
    int alone)
{
	const char *p = text + s->byte_start;
	size_t len = s->byte_end - s->byte_start, i, words = 0;

	for (i = 0; i < s->count; i++) {
		uint32_t k = tok[s->first + i].kind;
		if (k == LECTOR_TOKEN_URL || k == LECTOR_TOKEN_EMAIL)
			return BOILER_LINK;
		if (k == LECTOR_TOKEN_WORD || k == LECTOR_TOKEN_NUMBER)
			words++;
		/* About two characters a word where words are not spaced. */
		if (k == LECTOR_TOKEN_IDEOGRAPH)
			words += (tok[s->first + i].end -
			    tok[s->first + i].start + 1) / 2;
	}
	for (i = 0; openings[i] != NULL; i++)
		if (starts_with(p, len, openings[i]))
			return BOILER_PHRASE;
	for (i = 0; phrases[i] != NULL; i++)
		if (contains(p, len, phrases[i]))
			return BOILER_PHRASE;
	if (is_byline(text, s, tok))
		return BOILER_BYLINE;
	if (words < 4)
		return BOILER_SHORT;
	if (alone && words <= 15 && !ends_sentence(text, s))
		return BOILER_LINE;
	return BOILER_NONE;
}
