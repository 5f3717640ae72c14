/*
 * Paragraphs are separated by blank lines, or by line breaks when a text
 * has no blank line at all (one paragraph a line). A paragraph break inside
 * a sentence ("a day before\n\nthe summit") is a copy-and-paste accident,
 * not a paragraph: it is healed so that sentences always nest in paragraphs.
 *
 * A sentence ends at . ! ? and their kin in other scripts, together with
 * the quotes and brackets that close after them, unless what follows says
 * otherwise: a lower-case word, a number after "No.", a name after "Mr.".
 *
 * Whether a quotation mark after the stop closes this sentence or opens
 * the next is read from the spaces around it, the way a reader does: one
 * glued to the stop closes (He said "no." / „Nein.“ / «Non.»), one glued
 * to the next word opens (...at Yongbyon. "Sometimes / »Nein«). One spaced
 * on both sides closes if it is a closing mark (French « Ça va. »).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "segment.h"
#include "utf8.h"

/* How long a line may be and still read as a heading or dateline. */
#define SHORT_LINE 60

struct seg {
	const char *text;
	size_t len;
	lector_token *tok;
	size_t n;
};

static uint32_t
first_cp(const struct seg *g, size_t t)
{
	size_t i = g->tok[t].byte_start;
	uint32_t cp;

	utf8_next(g->text, g->len, &i, &cp);
	return cp;
}

static uint32_t
last_cp(const struct seg *g, size_t t)
{
	size_t i = g->tok[t].byte_end - 1;
	uint32_t cp;

	while (i > g->tok[t].byte_start && ((unsigned char)g->text[i] & 0xc0) == 0x80)
		i--;
	utf8_next(g->text, g->len, &i, &cp);
	return cp;
}

/* Newlines between token t-1 and t: 0, 1, or 2 for a blank line. */
static int
newlines_before(const struct seg *g, size_t t)
{
	size_t from = t == 0 ? 0 : g->tok[t - 1].byte_end;
	int lines = 0;

	for (size_t i = from; i < g->tok[t].byte_start; i++)
		if (g->text[i] == '\n' && ++lines == 2)
			return 2;
	return lines;
}

static int
is_terminal_punct(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
	    cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == 0xff0e ||
	    cp == 0x964 || cp == 0x965 || cp == 0x61f || cp == 0x6d4 ||
	    cp == 0x589 || cp == 0x1362 || cp == 0x203c || cp == 0x2047 ||
	    cp == 0x2048 || cp == 0x2049;
}

static int
is_closer(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' ||
	    cp == 0x2019 || cp == 0x201d || cp == 0xbb || cp == 0x300d ||
	    cp == 0x300f || cp == 0x300b || cp == 0x3009 || cp == 0xff09;
}

/*
 * Marks that close only when glued to the stop: German „…“ and ‚…‘, and
 * reversed guillemets »…«. Spaced, they open (“Quote” / ‘quote’).
 */
static int
is_glued_closer(uint32_t cp)
{
	return cp == 0x201c || cp == 0x2018 || cp == 0xab;
}

/* Whether punctuation token q, after a sentence stop, still belongs to it. */
static int
closes_after_stop(const struct seg *g, size_t q, size_t end)
{
	uint32_t cp = first_cp(g, q);
	int space_before = g->tok[q].byte_start > g->tok[q - 1].byte_end;
	int space_after = q + 1 >= end ||
	    g->tok[q + 1].byte_start > g->tok[q].byte_end;

	if (!is_closer(cp) && !is_glued_closer(cp))
		return 0;
	if (!space_before)
		return 1;
	if (!space_after)
		return 0;
	return is_closer(cp);
}

/* A word that carries its own full stop: "Mr.", "U.S.", "J.". */
static int
is_stopped_word(const struct seg *g, size_t t)
{
	const lector_token *k = &g->tok[t];

	return k->kind == LECTOR_TOKEN_WORD && k->byte_end - k->byte_start > 1 &&
	    g->text[k->byte_end - 1] == '.';
}

static int
ends_in_terminal(const struct seg *g, size_t t)
{
	if (g->tok[t].kind == LECTOR_TOKEN_PUNCT)
		return is_terminal_punct(last_cp(g, t));
	return is_stopped_word(g, t);
}

/* Whether the stop that ends word t also ends its sentence, before next. */
static int
stopped_word_ends(const struct seg *g, size_t t, size_t next)
{
	const char *w = g->text + g->tok[t].byte_start;
	size_t wlen = g->tok[t].byte_end - g->tok[t].byte_start - 1;
	const lector_token *n = &g->tok[next];
	enum abbrev_kind kind = abbrev_lookup(w, wlen);

	if (kind == ABBREV_TITLE || (wlen == 1 && uc_is_upper(first_cp(g, t))))
		return 0;
	if (kind == ABBREV_NUMBER && n->kind == LECTOR_TOKEN_NUMBER)
		return 0;
	return uc_is_upper(first_cp(g, next)) &&
	    abbrev_is_sentence_opener(g->text + n->byte_start,
	    n->byte_end - n->byte_start);
}

/* Whether a sentence ends after token t (closers included up to *last). */
static int
sentence_ends(const struct seg *g, size_t t, size_t end, size_t *last,
    uint32_t line_start)
{
	size_t u = t;

	*last = t;
	if (t + 1 >= end)
		return 1;
	if (!ends_in_terminal(g, t)) {
		/* A short line with no stop before a capital: heading, dateline. */
		return newlines_before(g, t + 1) > 0 &&
		    g->tok[t].end - line_start <= SHORT_LINE &&
		    uc_is_upper(first_cp(g, t + 1));
	}
	while (u + 1 < end && g->tok[u + 1].kind == LECTOR_TOKEN_PUNCT &&
	    closes_after_stop(g, u + 1, end) && newlines_before(g, u + 1) == 0)
		u++;
	*last = u;
	if (u + 1 >= end)
		return 1;
	if (u == t && is_stopped_word(g, t))
		return stopped_word_ends(g, t, u + 1);
	return !uc_is_lower(first_cp(g, u + 1));
}

static int
grow(lector_span **v, size_t *cap, size_t n)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 64;
	lector_span *nv = realloc(*v, c * sizeof(*nv));
	if (nv == NULL)
		return -ENOMEM;
	*v = nv;
	*cap = c;
	return 0;
}

static void
span_set(lector_span *s, const lector_token *a, const lector_token *b,
    size_t first, size_t count)
{
	s->start = a->start;
	s->end = b->end;
	s->byte_start = a->byte_start;
	s->byte_end = b->byte_end;
	s->first = (uint32_t)first;
	s->count = (uint32_t)count;
}

/* The token that starts the paragraph after the one starting at from. */
static size_t
paragraph_end(const struct seg *g, size_t from, int line_mode)
{
	for (size_t t = from + 1; t < g->n; t++) {
		int nl = newlines_before(g, t);
		if (nl == 2 || (line_mode && nl == 1)) {
			if (!ends_in_terminal(g, t - 1) &&
			    !((is_closer(last_cp(g, t - 1)) ||
			    is_glued_closer(last_cp(g, t - 1))) && t >= 2 &&
			    ends_in_terminal(g, t - 2)) &&
			    uc_is_lower(first_cp(g, t)))
				continue;	/* broken mid-sentence */
			return t;
		}
	}
	return g->n;
}

/*
 * Like the tokens, the spans are kept for the whole article, and doubling
 * may leave half of them unused: they are cut to size once known.
 */
static void
fit(lector_span **v, size_t n)
{
	lector_span *nv;

	if (n == 0 || (nv = realloc(*v, n * sizeof(*nv))) == NULL)
		return;		/* keeps the larger array */
	*v = nv;
}

int
segment(const char *text, size_t len, lector_token *tokens, size_t n,
    struct segmentation *out)
{
	struct seg g = { text, len, tokens, n };
	size_t scap = 0, pcap = 0;
	int line_mode = 1;

	memset(out, 0, sizeof(*out));
	for (size_t t = 1; t < n && line_mode; t++)
		if (newlines_before(&g, t) == 2)
			line_mode = 0;

	for (size_t p0 = 0; p0 < n;) {
		size_t p1 = paragraph_end(&g, p0, line_mode);
		size_t first_sentence = out->n_sentences;
		uint32_t line_start = tokens[p0].start;

		for (size_t s0 = p0, t = p0; t < p1; t++) {
			size_t last;
			if (t > p0 && newlines_before(&g, t) > 0)
				line_start = tokens[t].start;
			if (!sentence_ends(&g, t, p1, &last, line_start))
				continue;
			if (grow(&out->sentences, &scap, out->n_sentences) < 0)
				goto nomem;
			span_set(&out->sentences[out->n_sentences], &tokens[s0],
			    &tokens[last], s0, last + 1 - s0);
			for (size_t k = s0; k <= last; k++)
				tokens[k].sentence = (uint32_t)out->n_sentences;
			out->n_sentences++;
			s0 = last + 1;
			t = last;
		}
		if (grow(&out->paragraphs, &pcap, out->n_paragraphs) < 0)
			goto nomem;
		span_set(&out->paragraphs[out->n_paragraphs], &tokens[p0],
		    &tokens[p1 - 1], first_sentence,
		    out->n_sentences - first_sentence);
		out->n_paragraphs++;
		p0 = p1;
	}
	fit(&out->sentences, out->n_sentences);
	fit(&out->paragraphs, out->n_paragraphs);
	return 0;
nomem:
	segmentation_free(out);
	return -ENOMEM;
}

void
segmentation_free(struct segmentation *seg)
{
	free(seg->sentences);
	free(seg->paragraphs);
	memset(seg, 0, sizeof(*seg));
}
