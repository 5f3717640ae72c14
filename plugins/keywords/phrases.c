/*
 * Key phrase extraction without a trained tagger, so that it works in
 * every language we stem.
 *
 * Candidates are the word n-grams (n <= max_words) inside runs of content
 * words: stopwords, numbers and punctuation end a run (as in RAKE), so no
 * candidate is all stopwords or all digits. A candidate is keyed by its
 * stems. The names the entities plugin found, when it ran, are candidates
 * too, stopwords inside included ("Bank of England"), each with the
 * mentions of all its aliases: "Trump" is counted as "Donald Trump" and
 * not listed apart.
 *
 * Score, for a phrase P of n words said f times:
 *
 *   score(P) = log2(n + 1) * (f - mean f of the repeated phrases that
 *              contain P) * mean over its words of w(word)
 *
 * The first two factors are the C-value of terminology extraction
 * (Frantzi, Ananiadou and Mima 2000): a phrase counts by the uses that are
 * its own, so "Korea" inside "North Korea" and "South Korea" does not
 * outrank them, and the parts of a phrase always said whole drop to
 * nothing. w(word) says how much the word speaks for this document apart
 * from its frequency: its first use early (the position prior of
 * PositionRank), its presence in the title, and a capital in mid-sentence
 * (a name, as YAKE's casing feature). Multi-word phrases and names must
 * be said twice: a phrase said once is a phrase, not a topic.
 * Bylines, links and site furniture are not read at all. In scripts
 * written without spaces (Han, Kana, Thai) the candidates are the
 * character bigrams that occur at least twice.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "fold.h"
#include "phrases.h"

/* Per token marks, besides the terms' own flags. */
enum {
	TOKEN_INITIAL = 1,	/* the first word of its sentence */
	TOKEN_BARRED = 2	/* in a date, an amount, an address: no topic */
};

/*
 * Names as units: per token, the first token of the name mention it is
 * in and the token after that mention, or NO_NAME. NULL without entities.
 */
#define NO_NAME UINT32_MAX
struct names {
	uint32_t *first;
	uint32_t *end;
};

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

static struct phrase *
lookup(struct table *t, const int32_t *id, size_t n)
{
	int32_t s = *find(t, id, n);

	return s < 0 ? NULL : &t->p[s];
}

/* An occurrence: its first token and its bytes in the text. */
struct where {
	uint32_t tok;
	uint32_t at, len;
	int mid;		/* not the sentence's first word */
	int bigram;		/* characters of an ideograph run */
};

/* Counts the written form of one occurrence. */
static void
add_form(const char *text, struct phrase *p, const struct where *w)
{
	struct phrase_form *f;
	size_t i;

	for (i = 0; i < p->nform; i++) {
		f = &p->form[i];
		if (f->len == w->len &&
		    memcmp(text + f->at, text + w->at, w->len) == 0) {
			f->count++;
			f->mid |= (uint8_t)w->mid;
			return;
		}
	}
	if (p->nform == PHRASE_FORMS)
		return;		/* a rare fourth spelling is never the commonest */
	f = &p->form[p->nform++];
	f->at = w->at;
	f->len = w->len;
	f->count = 1;
	f->mid = (uint8_t)w->mid;
}

/*
 * Counts one occurrence of an n-gram. A new n-gram is not taken once the
 * table is full (see PHRASE_CANDIDATES); returns NULL then.
 */
static struct phrase *
add(struct table *t, const char *text, const int32_t *id, size_t n,
    const struct where *w)
{
	int32_t *s = find(t, id, n);
	struct phrase *p;

	if (*s >= 0) {
		p = &t->p[*s];
		p->count++;
		add_form(text, p, w);
		return p;
	}
	if (t->n == t->cap)
		return NULL;
	p = &t->p[t->n];
	memset(p, 0, sizeof(*p));
	memcpy(p->id, id, n * sizeof(*id));
	p->n = (uint8_t)n;
	p->count = 1;
	p->tok = w->tok;
	p->bigram = (uint8_t)w->bigram;
	add_form(text, p, w);
	*s = (int32_t)t->n++;
	return p;
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
static void
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
		add(t, d->text, &ex[j], 1, &w);
		a = b;
	}
}

/* Collects every n-gram of every run of content words. */
/* Whether an n-gram from token i to token j cuts a name or holds two. */
static int
cuts_names(const struct names *nm, size_t i, size_t j)
{
	if (nm->first == NULL)
		return 0;
	if (nm->first[i] != NO_NAME && nm->first[i] != i)
		return 1;	/* starts inside a name */
	if (nm->end[j] != NO_NAME && nm->end[j] != j + 1)
		return 1;	/* ends inside one */
	return 0;
}

/*
 * Whether token j starts a name after the start of an n-gram: a name
 * opens its phrase ("Hanoi summit", "Trump administration"); what comes
 * before it is another unit ("Star | Emily Deschanel"), and so is a
 * second name ("John Robinson | Kylie Minogue").
 */
static int
name_after_start(const struct names *nm, size_t i, size_t j)
{
	return nm->first != NULL && j > i && nm->first[j] == j;
}

/* An HTML character reference left in the text: "&quot;", "&amp;". */
static int
is_char_ref(const struct phrase_doc *d, size_t i)
{
	const lector_token *k = &d->tok[i];

	return k->byte_start > 0 && k->byte_end < d->bytes &&
	    d->text[k->byte_start - 1] == '&' && d->text[k->byte_end] == ';';
}

static void
collect(const struct phrase_doc *d, struct table *t, uint8_t *initial,
    const struct names *nm)
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
				initial[i] |= TOKEN_INITIAL;
				break;
			}
		for (i = sp->first; i < end && i < tm->ntok; i++) {
			if (d->tok[i].kind == LECTOR_TOKEN_IDEOGRAPH)
				collect_bigrams(d, t, i);
			w.tok = (uint32_t)i;
			w.at = d->tok[i].byte_start + tm->elided[i];
			w.mid = !(initial[i] & TOKEN_INITIAL);
			w.bigram = 0;
			for (n = 0, j = i; j < end && n < d->max_words; j++, n++) {
				if (tm->id[j] < 0 || (tm->flags[j] & TERM_NUMBER) ||
				    (initial[j] & TOKEN_BARRED) || is_char_ref(d, j) ||
				    name_after_start(nm, i, j))
					break;
				/* A name starts a unit: "pop star | Michael Buble". */
				if (n > 0 && d->capital_names &&
				    (tm->flags[j] & TERM_CAPITAL) &&
				    !(tm->flags[j - 1] & TERM_CAPITAL))
					break;
				id[n] = tm->id[j];
				w.len = d->tok[j].byte_end - w.at;
				if (!cuts_names(nm, i, j))
					add(t, d->text, id, n + 1, &w);
			}
		}
	}
}

/* The first token that ends after code point cp (tokens are in order). */
static size_t
token_at(const struct phrase_doc *d, uint32_t cp)
{
	size_t lo = 0, hi = d->ntok;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->tok[mid].end <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A stopword's place in a name's key: below -1, apart from every term. */
static int32_t
stop_key(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return -2 - (int32_t)(h & 0x3fffffff);
}

/*
 * The key of a mention: the terms of its words, a stopword standing as a
 * negative number made from its folded spelling, which no n-gram key
 * holds. Returns its length in words, 0 when it cannot be a key.
 */
static size_t
mention_key(const struct phrase_doc *d, const json_t *m, int32_t *id,
    struct where *w)
{
	const struct terms *tm = d->terms;
	json_int_t a = json_integer_value(json_object_get(m, "start"));
	json_int_t b = json_integer_value(json_object_get(m, "end"));
	size_t i, n = 0;

	if (a < 0 || b <= a)
		return 0;
	for (i = token_at(d, (uint32_t)a); i < d->ntok &&
	    d->tok[i].start < (uint32_t)b; i++) {
		const lector_token *k = &d->tok[i];
		char low[64];
		size_t len;
		if (k->kind == LECTOR_TOKEN_PUNCT) {
			/* "Ri Yong-ho", "St. Louis", "AT&T"; not "Photo/Name". */
			if (strchr("-.'&", d->text[k->byte_start]) == NULL &&
			    memcmp(d->text + k->byte_start, "\xe2\x80\x99", 3) != 0)
				return 0;
			continue;
		}
		if (n == PHRASE_MAX || (tm->flags[i] & TERM_NUMBER))
			return 0;
		if (n == 0) {
			w->tok = (uint32_t)i;
			w->at = k->byte_start;
		}
		w->len = k->byte_end - w->at;
		if (tm->id[i] >= 0) {
			id[n++] = tm->id[i];
			continue;
		}
		len = fold_lower(d->text + k->byte_start,
		    k->byte_end - k->byte_start, low, sizeof(low));
		id[n++] = stop_key(low, len);
	}
	return n;
}

/*
 * Marks as aliases of an entity the key of one of its mentions (unless
 * it is the entity's own) and every run of words inside it: "Liv" and
 * "Tyler" are not topics apart from "Liv Tyler". Other entities stay.
 */
static void
alias_parts(struct table *t, const int32_t *id, size_t n, int own)
{
	struct phrase *a;
	size_t len, at;

	for (len = own ? n - 1 : n; len > 0; len--)
		for (at = 0; at + len <= n; at++) {
			a = lookup(t, id + at, len);
			if (a != NULL && !a->entity)
				a->alias = 1;
		}
}

static int
is_name_type(const char *type)
{
	return type != NULL && (strcmp(type, "PERSON") == 0 ||
	    strcmp(type, "ORG") == 0 || strcmp(type, "LOC") == 0 ||
	    strcmp(type, "MISC") == 0);
}

/*
 * An entity is shown as the name its mentions use most ("Trump" for
 * "Donald Trump" said once in full and seven times short; the fuller on
 * a tie), and compared with other phrases by that name's words.
 */
static void
show_commonest(const struct phrase_doc *d, struct phrase *p, const json_t *ms)
{
	struct {
		int32_t id[PHRASE_MAX];
		size_t n;
		uint32_t count;
		struct where w;
	} seen[8];
	size_t nseen = 0, j, k, best = 0;
	const json_t *m;

	json_array_foreach(ms, j, m) {
		int32_t id[PHRASE_MAX];
		struct where w;
		size_t n = mention_key(d, m, id, &w);
		if (n == 0)
			continue;
		for (k = 0; k < nseen; k++)
			if (seen[k].n == n &&
			    memcmp(seen[k].id, id, n * sizeof(*id)) == 0)
				break;
		if (k == nseen) {
			if (nseen == 8)
				continue;
			memcpy(seen[k].id, id, n * sizeof(*id));
			seen[k].n = n;
			seen[k].count = 0;
			seen[k].w = w;
			nseen++;
		}
		seen[k].count++;
	}
	for (k = 1; k < nseen; k++)
		if (seen[k].count > seen[best].count ||
		    (seen[k].count == seen[best].count && seen[k].n > seen[best].n))
			best = k;
	if (nseen == 0)
		return;
	memcpy(p->show_id, seen[best].id, seen[best].n * sizeof(*p->show_id));
	p->show_n = (uint8_t)seen[best].n;
	p->nform = 1;
	p->form[0].at = seen[best].w.at;
	p->form[0].len = seen[best].w.len;
	p->form[0].count = seen[best].count;
	p->form[0].mid = 1;
}

/*
 * Each named entity becomes one candidate, keyed and shown by its name
 * (the mention written as the entity's text, else its first), counted
 * with all its mentions; the keys of its other mentions are aliases and
 * are not listed apart.
 */
static void
merge_entities(const struct phrase_doc *d, struct table *t)
{
	const json_t *e, *ms, *m;
	size_t i, j, n, an;
	int32_t id[PHRASE_MAX], aid[PHRASE_MAX];
	struct where w, aw;

	json_array_foreach(d->entities, i, e) {
		const char *name = json_string_value(json_object_get(e, "text"));
		struct phrase *p = NULL;
		size_t total = 0, best = 0;
		if (!is_name_type(json_string_value(json_object_get(e, "type"))) ||
		    name == NULL)
			continue;
		ms = json_object_get(e, "mentions");
		n = 0;
		json_array_foreach(ms, j, m) {
			const char *mt = json_string_value(json_object_get(m, "text"));
			an = mention_key(d, m, aid, &aw);
			if (an == 0)
				continue;
			total++;
			if (n == 0 || (best == 0 && mt && strcmp(mt, name) == 0)) {
				memcpy(id, aid, an * sizeof(*id));
				n = an;
				w = aw;
				best = mt && strcmp(mt, name) == 0;
			}
		}
		if (n == 0 || n > d->max_words)
			continue;
		w.mid = 1;
		w.bigram = 0;
		p = lookup(t, id, n);
		if (p == NULL && (p = add(t, d->text, id, n, &w)) == NULL)
			return;
		p->entity = 1;
		p->alias = 0;
		if (p->count < total)
			p->count = (uint32_t)total;
		json_array_foreach(ms, j, m) {
			an = mention_key(d, m, aid, &aw);
			if (an > 0)
				alias_parts(t, aid, an,
				    an == n && memcmp(aid, id, n * sizeof(*id)) == 0);
		}
		show_commonest(d, p, ms);
	}
}

static int
is_name_type(const char *type);

/*
 * Marks the tokens of dates, times, amounts and addresses as no topic,
 * and the extent of each name mention in nm.
 */
static int
mark_entities(const struct phrase_doc *d, uint8_t *mark, struct names *nm)
{
	const json_t *e, *m;
	size_t i, j, k, t, a0;

	nm->first = malloc((d->ntok + 1) * sizeof(*nm->first));
	nm->end = malloc((d->ntok + 1) * sizeof(*nm->end));
	if (nm->first == NULL || nm->end == NULL)
		return LECTOR_ENOMEM;
	memset(nm->first, 0xff, (d->ntok + 1) * sizeof(*nm->first));
	memset(nm->end, 0xff, (d->ntok + 1) * sizeof(*nm->end));

	json_array_foreach(d->entities, i, e) {
		const char *type = json_string_value(json_object_get(e, "type"));
		int name = is_name_type(type);
		if (type == NULL)
			continue;
		json_array_foreach(json_object_get(e, "mentions"), j, m) {
			json_int_t a = json_integer_value(json_object_get(m, "start"));
			json_int_t b = json_integer_value(json_object_get(m, "end"));
			if (a < 0 || b <= a)
				continue;
			a0 = token_at(d, (uint32_t)a);
			for (t = a0; t < d->ntok && d->tok[t].start < (uint32_t)b; t++)
				;
			for (k = a0; k < t; k++) {
				if (!name)
					mark[k] |= TOKEN_BARRED;
				else if (nm->first[k] == NO_NAME) {
					nm->first[k] = (uint32_t)a0;
					nm->end[k] = (uint32_t)t;
				}
			}
		}
	}
	return LECTOR_OK;
}

/* Per term: what a word says of this document beyond its frequency. */
static void
word_weights(const struct phrase_doc *d, const uint8_t *initial, double *ww)
{
	const struct terms *tm = d->terms;
	uint32_t *caps = calloc(tm->nterm ? tm->nterm : 1, sizeof(*caps));
	size_t i, a, first_sent;

	for (i = 0; caps != NULL && i < tm->ntok; i++)
		if (tm->id[i] >= 0 && !(initial[i] & TOKEN_INITIAL) &&
		    (tm->flags[i] & TERM_CAPITAL))
			caps[tm->id[i]]++;
	for (i = 0; i < tm->nterm; i++) {
		double s = 1;
		first_sent = d->tok[tm->first[i]].sentence;
		/* Words of the opening sentences say what the article is about. */
		s *= 1.0 + 1.0 / (1.0 + (double)first_sent);
		for (a = 0; a < d->ntitle; a++)
			if (d->title[a] == (int32_t)i) {
				s *= 2.0;
				break;
			}
		if (caps != NULL && caps[i] > 0 && caps[i] * 2 >= tm->count[i])
			s *= 1.5;
		ww[i] = s;
	}
	free(caps);
}

/*
 * Adds the count of each repeated phrase to the phrases inside it, for
 * the C-value: sup[i] sums the counts of the phrases that contain phrase
 * i, nsup[i] counts them.
 */
static void
nest(struct table *t, double *sup, uint32_t *nsup)
{
	size_t i, a, len;

	for (i = 0; i < t->n; i++) {
		struct phrase *p = &t->p[i];
		if (p->n < 2 || p->count < 2)
			continue;
		for (len = 1; len < p->n; len++)
			for (a = 0; a + len <= p->n; a++) {
				int32_t s = *find(t, p->id + a, len);
				if (s < 0)
					continue;
				sup[s] += p->count;
				nsup[s]++;
			}
	}
}

static void
score(const struct phrase_doc *d, struct table *t, const double *ww,
    const double *sup, const uint32_t *nsup)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct phrase *p = &t->p[i];
		double own = p->count, m = 0;
		size_t words = 0;
		p->score = 0;
		/* Said once, a run of words or a bigram is no topic. */
		if (p->alias || (p->count < 2 && (p->n > 1 || p->bigram)))
			continue;
		if (nsup[i] > 0)
			own -= sup[i] / nsup[i];
		if (own <= 0)
			continue;
		for (j = 0; j < p->n; j++)
			if (p->id[j] >= 0 && (size_t)p->id[j] < d->terms->nterm) {
				m += ww[p->id[j]];
				words++;
			}
		m = words ? m / (double)words : 1;
		p->score = log2((double)p->n + 1) * own * m;
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

/* The words a phrase is shown with: an entity's commonest name. */
static const int32_t *
shown_key(const struct phrase *p, size_t *n)
{
	if (p->show_n > 0) {
		*n = p->show_n;
		return p->show_id;
	}
	*n = p->n;
	return p->id;
}

/* Whether the words of a occur, in order and together, inside b. */
static int
inside(const struct phrase *a, const struct phrase *b)
{
	size_t i, na, nb;
	const int32_t *ka = shown_key(a, &na), *kb = shown_key(b, &nb);

	if (na > nb)
		return 0;
	for (i = 0; i + na <= nb; i++)
		if (memcmp(ka, kb + i, na * sizeof(*ka)) == 0)
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

const struct phrase_form *
phrase_shown(const struct phrase *p)
{
	const struct phrase_form *best = &p->form[0];
	size_t i;

	for (i = 1; i < p->nform; i++) {
		const struct phrase_form *f = &p->form[i];
		if (f->count > best->count ||
		    (f->count == best->count && f->mid && !best->mid))
			best = f;
	}
	return best;
}

int
phrases_pick(const struct phrase_doc *d, size_t k, struct phrase *out)
{
	const struct terms *tm = d->terms;
	struct table t;
	uint8_t *initial;	/* TOKEN_* per token */
	struct names nm = { NULL, NULL };
	double *ww, *sup;
	uint32_t *nsup;
	size_t n = 0;
	int rc;

	memset(&t, 0, sizeof(t));
	t.cap = tm->ntok * d->max_words + json_array_size(d->entities) + 1;
	if (tm->extra_at != NULL)
		t.cap += tm->extra_at[tm->ntok];
	if (t.cap > PHRASE_CANDIDATES)
		t.cap = PHRASE_CANDIDATES;
	for (t.nslots = 64; t.nslots < t.cap * 2; t.nslots *= 2)
		;
	t.p = malloc(t.cap * sizeof(*t.p));
	t.slot = malloc(t.nslots * sizeof(*t.slot));
	initial = calloc(tm->ntok + 1, 1);
	ww = malloc((tm->nterm + 1) * sizeof(*ww));
	sup = calloc(t.cap, sizeof(*sup));
	nsup = calloc(t.cap, sizeof(*nsup));
	rc = (t.p && t.slot && initial && ww && sup && nsup) ? LECTOR_OK :
	    LECTOR_ENOMEM;
	if (rc == LECTOR_OK) {
		memset(t.slot, 0xff, t.nslots * sizeof(*t.slot));
		if (json_is_array(d->entities))
			rc = mark_entities(d, initial, &nm);
	}
	if (rc == LECTOR_OK) {
		collect(d, &t, initial, &nm);
		if (json_is_array(d->entities))
			merge_entities(d, &t);
		word_weights(d, initial, ww);
		nest(&t, sup, nsup);
		score(d, &t, ww, sup, nsup);
		n = choose(&t, k, out);
	}
	free(t.p);
	free(t.slot);
	free(initial);
	free(nm.first);
	free(nm.end);
	free(ww);
	free(sup);
	free(nsup);
	return rc == LECTOR_OK ? (int)n : rc;
}
