/*
 * A token is what a reader of news would call one: "Jong-un", "don't",
 * "U.S.", "Mr.", "3.5", "1.13bn", "https://example.org/a?b", "a@b.org".
 * Scripts written without spaces give one token per run of such characters;
 * splitting them into words needs a dictionary and is a plugin's business.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abbrev.h"
#include "tokenize.h"
#include "utf8.h"

struct scan {
	const char *s;
	size_t len;
};

/* The code point at byte b (0 past the end) and where the next one starts. */
static uint32_t
scan_at(const struct scan *k, size_t b, size_t *next)
{
	uint32_t cp;
	size_t i = b;

	if (b >= k->len) {
		if (next != NULL)
			*next = b;
		return 0;
	}
	if ((unsigned char)k->s[b] < 0x80) {
		if (next != NULL)
			*next = b + 1;
		return (unsigned char)k->s[b];
	}
	utf8_next(k->s, k->len, &i, &cp);
	if (next != NULL)
		*next = i;
	return cp;
}

static int
is_ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_connector(uint32_t cp)
{
	return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2010 ||
	    cp == 0x2011;
}

static int
is_url_char(uint32_t cp)
{
	return cp > ' ' && cp != '<' && cp != '>' && cp != '"' && cp < 0x7f;
}

static size_t
match_url(const struct scan *k, size_t b)
{
	static const char *const starts[] = { "https://", "http://", "ftp://", "www." };
	static const size_t lens[] = { 8, 7, 6, 4 };
	size_t e = 0, opens = 0, closes = 0;

	if (strchr("hHfFwW", k->s[b]) == NULL)
		return 0;
	for (size_t i = 0; i < 4; i++) {
		size_t n = lens[i];
		if (k->len - b > n && strncasecmp(k->s + b, starts[i], n) == 0 &&
		    is_url_char((unsigned char)k->s[b + n])) {
			e = b + n;
			break;
		}
	}
	if (e == 0)
		return 0;
	while (e < k->len && is_url_char((unsigned char)k->s[e])) {
		opens += k->s[e] == '(';
		closes += k->s[e] == ')';
		e++;
	}
	/* Punctuation that ends the sentence is not part of the address. */
	while (e > b && strchr(".,;:!?')]}*", k->s[e - 1]) != NULL) {
		if (k->s[e - 1] == ')' && opens >= closes)
			break;
		closes -= k->s[e - 1] == ')';
		e--;
	}
	return e - b;
}

static int
is_email_local(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' ||
	    c == '+' || c == '-';
}

static int
is_domain_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* Whether the run of letters at b ends where an e-mail address goes on. */
static int
might_be_email(const struct scan *k, size_t b)
{
	size_t e = b;

	while (e < k->len && is_ascii_alnum((unsigned char)k->s[e]))
		e++;
	return e > b && e < k->len && strchr("@._%+-", k->s[e]) != NULL;
}

static size_t
match_email(const struct scan *k, size_t b)
{
	size_t at = b, e, dot = 0;

	while (at < k->len && is_email_local((unsigned char)k->s[at]))
		at++;
	if (at == b || at >= k->len || k->s[at] != '@')
		return 0;
	e = at + 1;
	while (e < k->len && is_domain_char((unsigned char)k->s[e]))
		e++;
	while (e > at + 1 && (k->s[e - 1] == '.' || k->s[e - 1] == '-'))
		e--;
	for (size_t i = at + 1; i < e; i++)
		if (k->s[i] == '.')
			dot = i;
	if (dot == 0 || dot == at + 1 || e - dot < 3)
		return 0;
	for (size_t i = dot + 1; i < e; i++)
		if (!((k->s[i] | 0x20) >= 'a' && (k->s[i] | 0x20) <= 'z'))
			return 0;
	return e - b;
}

/* Letters and digits with inner hyphens and apostrophes; returns the end. */
static size_t
scan_word(const struct scan *k, size_t b)
{
	size_t e = b, next, after;

	for (;;) {
		/* Most letters are ASCII: take them without decoding. */
		while (e < k->len && is_ascii_alnum((unsigned char)k->s[e]))
			e++;
		uint32_t cp = scan_at(k, e, &next);
		if (e < k->len && uc_is_alnum(cp) && !uc_is_unspaced(cp)) {
			e = next;
			continue;
		}
		if (e < k->len && (is_connector(cp) || cp == '&')) {
			uint32_t nc = scan_at(k, next, &after);
			int amp_ok = cp != '&' || (nc >= 'A' && nc <= 'Z' &&
			    k->s[e - 1] >= 'A' && k->s[e - 1] <= 'Z');
			if (next < k->len && uc_is_alnum(nc) && !uc_is_unspaced(nc) &&
			    amp_ok) {
				e = after;
				continue;
			}
		}
		return e;
	}
}

/*
 * A full stop joins the word before it when the word is an abbreviation,
 * an initial ("J."), or a run of single letters with stops ("U.S.", "e.g.").
 */
static size_t
scan_stop(const struct scan *k, size_t b, size_t e)
{
	size_t p, n1, n2;
	uint32_t cp;

	if (e >= k->len || k->s[e] != '.')
		return e;
	cp = scan_at(k, b, &n1);
	if (n1 == e && uc_is_alnum(cp) && !uc_is_digit(cp)) {
		p = e + 1;
		while (p < k->len) {
			uint32_t c = scan_at(k, p, &n2);
			if (!uc_is_alnum(c) || uc_is_digit(c) || n2 >= k->len ||
			    k->s[n2] != '.')
				break;
			p = n2 + 1;
		}
		if (p > e + 1 || uc_is_upper(cp))
			return p;
	}
	if (abbrev_lookup(k->s + b, e - b) != ABBREV_NONE)
		return e + 1;
	return e;
}

/* 42, 3.5, 1,000, 10:30, 2019-03-01, 1.13bn, 1980s. */
static size_t
scan_number(const struct scan *k, size_t b, uint32_t *kind)
{
	size_t e = b, next, after;

	*kind = LECTOR_TOKEN_NUMBER;
	for (;;) {
		uint32_t cp = scan_at(k, e, &next);
		if (e < k->len && uc_is_digit(cp)) {
			e = next;
			continue;
		}
		if (e < k->len && (cp == '.' || cp == ',' || cp == ':' ||
		    cp == '/' || cp == '-')) {
			if (uc_is_digit(scan_at(k, next, &after)) && next < k->len) {
				e = after;
				continue;
			}
		}
		break;
	}
	/* A unit or ordinal written on: "1.13bn", "21st", "1980s". */
	while (e < k->len) {
		uint32_t cp = scan_at(k, e, &next);
		if (!uc_is_alnum(cp) || uc_is_unspaced(cp))
			break;
		e = next;
	}
	/* "3-year-old" is one word. */
	if (e < k->len && is_connector((unsigned char)k->s[e])) {
		uint32_t nc = scan_at(k, e + 1, NULL);
		if (uc_is_alnum(nc) && !uc_is_digit(nc)) {
			*kind = LECTOR_TOKEN_WORD;
			return scan_word(k, b);
		}
	}
	return e;
}

static int
is_stop_run_char(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?';
}

static int
push(struct token_list *list, const struct scan *k, size_t b, size_t e,
    uint32_t *cps, uint32_t kind)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 256;
		lector_token *v = realloc(list->v, cap * sizeof(*v));
		if (v == NULL)
			return -ENOMEM;
		list->v = v;
		list->cap = cap;
	}
	lector_token *t = &list->v[list->n++];
	t->byte_start = (uint32_t)b;
	t->byte_end = (uint32_t)e;
	t->start = *cps;
	*cps += (uint32_t)utf8_length(k->s + b, e - b);
	t->end = *cps;
	t->kind = kind;
	t->sentence = 0;
	return 0;
}

int
tokenize(const char *text, size_t len, struct token_list *list)
{
	struct scan k = { text, len };
	size_t b = 0, next, e;
	uint32_t cps = 0, kind;

	while (b < len) {
		uint32_t cp = scan_at(&k, b, &next);
		if (uc_is_space(cp)) {
			b = next;
			cps++;
			continue;
		}
		if ((e = match_url(&k, b)) > 0) {
			e += b;
			kind = LECTOR_TOKEN_URL;
		} else if (might_be_email(&k, b) && (e = match_email(&k, b)) > 0) {
			e += b;
			kind = LECTOR_TOKEN_EMAIL;
		} else if (uc_is_unspaced(cp)) {
			e = next;
			while (e < len && uc_is_unspaced(scan_at(&k, e, &next)))
				e = next;
			kind = LECTOR_TOKEN_IDEOGRAPH;
		} else if (uc_is_digit(cp)) {
			e = scan_number(&k, b, &kind);
		} else if (uc_is_alnum(cp)) {
			e = scan_stop(&k, b, scan_word(&k, b));
			kind = LECTOR_TOKEN_WORD;
		} else if (is_stop_run_char(cp) || cp == '-') {
			e = next;
			while (e < len && (cp == '-' ? text[e] == '-' :
			    is_stop_run_char((unsigned char)text[e])))
				e++;
			kind = LECTOR_TOKEN_PUNCT;
		} else {
			e = next;
			kind = uc_is_symbol(cp) ? LECTOR_TOKEN_SYMBOL :
			    LECTOR_TOKEN_PUNCT;
		}
		if (push(list, &k, b, e, &cps, kind) < 0)
			return -ENOMEM;
		b = e;
	}
	token_list_fit(list);
	return 0;
}

/*
 * The list is kept for the whole article, and doubling leaves up to half
 * of it unused: a large article's tokens take several times its size, so
 * that part counts against a worker's memory limit.
 */
void
token_list_fit(struct token_list *list)
{
	lector_token *v;

	if (list->cap == list->n || list->n == 0)
		return;
	if ((v = realloc(list->v, list->n * sizeof(*v))) == NULL)
		return;		/* keeps the larger array */
	list->v = v;
	list->cap = list->n;
}

void
token_list_free(struct token_list *list)
{
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
}
