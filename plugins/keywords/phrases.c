/*
 * Key phrase extraction, in the spirit of RAKE and YAKE but simpler.
 *
 * Candidates are the word n-grams (n <= PHRASE_MAX) inside runs of
 * content words; stopwords, numbers and punctuation end a run, so no
 * candidate is all stopwords or all digits. A candidate is keyed by its
 * stems. Its score is its count times the mean salience of its words,
 * with a bonus for length; salience grows with a word's frequency, its
 * presence in the title, an early first use, and a capital letter in
 * mid-sentence (a name). Multi-word candidates must occur twice: a
 * phrase said once is a phrase, not a topic. Bylines, links and site
 * furniture ("Click here…") are not read at all. In scripts written
 * without spaces (Han, Kana, Thai) the candidates are the character
 * bigrams that occur at least twice.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "phrases.h"

struct table {
	struct phrase *p;
	size_t n, cap;
	int32_t *slot;
	size_t nslots;
};

static uint32_t
key_hash(const int32_t *id, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (uint32_t)id[i];
		h *= 16777619u;
	}
	return h ^ (uint32_t)n;
}

static int32_t *
find(struct table *t, const int32_t *id, size_t n)
{
	size_t i = key_hash(id, n) & (t->nslots - 1);

	for (;;) {
		int32_t s = t->slot[i];
		if (s < 0 || (t->p[s].n == n &&
		    memcmp(t->p[s].id, id, n * sizeof(*id)) == 0))
			return &t->slot[i];
		i = (i + 1) & (t->nslots - 1);
	}
}

/* An occurrence: its first token and its bytes in the text. */
struct where {
	uint32_t tok;
	uint32_t at, len;
	int mid;		/* not the sentence's first word */
	int bigram;		/* characters of an ideograph run */
};

/* Counts one occurrence of an n-gram. */
static int
add(struct table *t, const int32_t *id, size_t n, const struct where *w)
{
	int32_t *s = find(t, id, n);
	struct phrase *p;

	if (*s >= 0) {
		p = &t->p[*s];
		p->count++;
		/* Show a mid-sentence form: its capitals are the word's own. */
		if (w->mid && !p->shown_mid) {
			p->tok = w->tok;
			p->show_at = w->at;
			p->show_len = w->len;
			p->shown_mid = 1;
		}
		return LECTOR_OK;
	}
	if (t->n == t->cap)
		return LECTOR_ENOMEM;	/* cap is sized for every n-gram */
	p = &t->p[t->n];
	memset(p, 0, sizeof(*p));
	memcpy(p->id, id, n * sizeof(*id));
	p->n = n;
	p->count = 1;
	p->tok = w->tok;
	p->show_at = w->at;
	p->show_len = w->len;
	p->shown_mid = w->mid;
	p->bigram = w->bigram;
	*s = (int32_t)t->n++;
	return LECTOR_OK;
}

/* The byte after the character that starts at byte at. */
static size_t
next_char(const char *text, size_t at, size_t end)
{
	for (at++; at < end && ((unsigned char)text[at] & 0xc0) == 0x80; at++)
		;
	return at;
}

/* The character bigrams of an ideograph run, each a candidate. */
static int
collect_bigrams(const struct phrase_doc *d, struct table *t, size_t i)
{
	const lector_token *k = &d->tok[i];
	const int32_t *ex;
	struct where w;
	size_t j, nex, a = k->byte_start, b, c;

	ex = terms_extra(d->terms, i, &nex);
	for (j = 0; j < nex; j++) {
		/* A one-character run is its own term, not a bigram. */
		b = next_char(d->text, a, k->byte_end);
		c = k->end - k->start > 1 ? next_char(d->text, b, k->byte_end) : b;
		w.tok = (uint32_t)i;
		w.at = (uint32_t)a;
		w.len = (uint32_t)(c - a);
		w.mid = 1;
		w.bigram = 1;
		if (add(t, &ex[j], 1, &w) != LECTOR_OK)
			return LECTOR_ENOMEM;
		a = b;
	}
	return LECTOR_OK;
}

/* Collects every n-gram of every run of content words. */
static int
collect(const struct phrase_doc *d, struct table *t, uint8_t *initial)
{
	const struct terms *tm = d->terms;
	size_t s, i, j, n;
	int32_t id[PHRASE_MAX];
	struct where w;

	for (s = 0; s < d->nsent; s++) {
		const lector_span *sp = &d->sent[s];
		size_t end = sp->first + sp->count;
		enum boiler_reason why = boiler_check(d->text, sp, d->tok, 0);
		/* Short lines and headings do name the topic: keep those. */
		if (why == BOILER_PHRASE || why == BOILER_BYLINE || why == BOILER_LINK)
			continue;
		for (i = sp->first; i < end && i < tm->ntok; i++)
			if (tm->flags[i] & (TERM_STOP | TERM_NUMBER) ||
			    tm->id[i] >= 0) {
				initial[i] = 1;	/* the sentence's first word */
				break;
			}
		for (i = sp->first; i < end && i < tm->ntok; i++) {
			if (d->tok[i].kind == LECTOR_TOKEN_IDEOGRAPH &&
			    collect_bigrams(d, t, i) != LECTOR_OK)
				return LECTOR_ENOMEM;
			w.tok = (uint32_t)i;
			w.at = d->tok[i].byte_start + tm->elided[i];
			w.mid = !initial[i];
			w.bigram = 0;
			for (n = 0, j = i; j < end && n < PHRASE_MAX; j++, n++) {
				if (tm->id[j] < 0 || (tm->flags[j] & TERM_NUMBER))
					break;
				id[n] = tm->id[j];
				w.len = d->tok[j].byte_end - w.at;
				if (add(t, id, n + 1, &w) != 0)
					return LECTOR_ENOMEM;
			}
		}
	}
	return LECTOR_OK;
}

/* Per term: how much a word says about this document. */
static void
salience(const struct phrase_doc *d, const uint8_t *initial, double *sal)
{
	const struct terms *tm = d->terms;
	double *caps = calloc(tm->nterm ? tm->nterm : 1, sizeof(*caps));
	size_t i, first_sent;
	double mx = 0;

	for (i = 0; caps != NULL && i < tm->ntok; i++)
		if (tm->id[i] >= 0 && !initial[i] && (tm->flags[i] & TERM_CAPITAL))
			caps[tm->id[i]] += 1;
	for (i = 0; i < tm->nterm; i++) {
		double s = tm->count[i];
		size_t a;
		first_sent = d->tok[tm->first[i]].sentence;
		/* Words of the opening sentences say what the article is about. */
		s *= 1.0 + 1.0 / (1.0 + (double)first_sent);
		for (a = 0; a < d->ntitle; a++)
			if (d->title[a] == (int32_t)i) {
				s *= 2.0;
				break;
			}
		if (caps != NULL && caps[i] * 2 >= tm->count[i] && caps[i] > 0)
			s *= 1.5;
		sal[i] = s;
		if (s > mx)
			mx = s;
	}
	for (i = 0; i < tm->nterm; i++)
		sal[i] = mx > 0 ? sal[i] / mx : 0;
	free(caps);
}

static void
score(struct table *t, const double *sal)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct phrase *p = &t->p[i];
		double m = 0;
		/* Bigrams met once are mostly the seams between words. */
		if ((p->n > 1 || p->bigram) && p->count < 2) {
			p->score = 0;
			continue;
		}
		for (j = 0; j < p->n; j++)
			m += sal[p->id[j]];
		m /= (double)p->n;
		p->score = (double)p->count * m * (1.0 + 0.6 * (double)(p->n - 1));
	}
}

static int
cmp_score(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->tok > y->tok) - (x->tok < y->tok);
}

/* Whether the terms of a occur, in order and together, inside b. */
static int
inside(const struct phrase *a, const struct phrase *b)
{
	size_t i;

	if (a->n > b->n)
		return 0;
	for (i = 0; i + a->n <= b->n; i++)
		if (memcmp(a->id, b->id + i, a->n * sizeof(*a->id)) == 0)
			return 1;
	return 0;
}

/*
 * Best first, no phrase inside another. A longer phrase takes the place
 * of the chosen parts it contains when it makes up two thirds of each
 * part's uses ("Vagina Monologues" over "Vagina" and "Monologues"), not
 * when a part is a topic of its own ("river" beside "river bridge").
 */
static size_t
choose(struct table *t, size_t k, struct phrase *out)
{
	size_t i, j, n = 0, parts, ok, at;
	double best;

	qsort(t->p, t->n, sizeof(*t->p), cmp_score);
	for (i = 0; i < t->n && t->p[i].score > 0; i++) {
		struct phrase *c = &t->p[i];
		parts = ok = 0;
		at = n;
		best = c->score;
		for (j = 0; j < n; j++) {
			if (inside(c, &out[j]))
				break;
			if (inside(&out[j], c)) {
				parts++;
				ok += 3 * c->count >= 2 * out[j].count;
				if (at == n) {
					at = j;
					best = out[j].score;
				}
			}
		}
		if (j < n || parts != ok)
			continue;
		if (parts > 0) {
			/* Drop the parts, keep the place and score of the first. */
			for (j = n; j-- > at + 1;)
				if (inside(&out[j], c)) {
					memmove(&out[j], &out[j + 1],
					    (n - j - 1) * sizeof(*out));
					n--;
				}
			out[at] = *c;
			out[at].score = best;
			continue;
		}
		if (n == k)
			break;
		out[n++] = *c;
	}
	return n;
}

int
phrases_pick(const struct phrase_doc *d, size_t k, struct phrase *out)
{
	const struct terms *tm = d->terms;
	struct table t;
	uint8_t *initial;
	double *sal;
	size_t n = 0;
	int rc;

	memset(&t, 0, sizeof(t));
	t.cap = tm->ntok * PHRASE_MAX + 1;
	if (tm->extra_at != NULL)
		t.cap += tm->extra_at[tm->ntok];
	for (t.nslots = 64; t.nslots < t.cap * 2; t.nslots *= 2)
		;
	t.p = malloc(t.cap * sizeof(*t.p));
	t.slot = malloc(t.nslots * sizeof(*t.slot));
	initial = calloc(tm->ntok + 1, 1);
	sal = malloc((tm->nterm + 1) * sizeof(*sal));
	rc = (t.p && t.slot && initial && sal) ? LECTOR_OK : LECTOR_ENOMEM;
	if (rc == LECTOR_OK) {
		memset(t.slot, 0xff, t.nslots * sizeof(*t.slot));
		rc = collect(d, &t, initial);
	}
	if (rc == LECTOR_OK) {
		salience(d, initial, sal);
		score(&t, sal);
		n = choose(&t, k, out);
	}
	free(t.p);
	free(t.slot);
	free(initial);
	free(sal);
	return rc == LECTOR_OK ? (int)n : rc;
}
