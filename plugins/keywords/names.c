/*
 * Names as key phrases, from the entities result: each PERSON, ORG, LOC
 * or MISC entity is one candidate with the mentions of all its aliases,
 * shown as its fullest name said twice, else the name used most; a name
 * is a unit that n-grams may not cut;
 * dates, times, amounts and addresses are no topic.
 */
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "fold.h"
#include "hash.h"

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
	return -2 - (int32_t)(textkit_hash(s, len) & 0x3fffffff);
}

/*
 * Whether a punctuation token may stand inside a name: "Ri Yong-ho",
 * "St. Louis", "AT&T", "O\u2019Brien"; not "Photo/Name". Reads no more
 * than the token's len bytes: a token may end the text.
 */
static int
joins_name(const char *s, size_t len)
{
	if (len >= 1 && s[0] != '\0' && strchr("-.'&", s[0]) != NULL)
		return 1;
	return len >= 3 && memcmp(s, "\xe2\x80\x99", 3) == 0;
}

/*
 * The key of a mention: the terms of its words, a stopword standing as a
 * negative number made from its folded spelling, which no n-gram key
 * holds, a number as its term ("Windows 95", "Apollo 11"). Returns its
 * length in words, 0 when it cannot be a key (numbers alone).
 */
static size_t
mention_key(const struct phrase_doc *d, const json_t *m, int32_t *id,
    struct where *w)
{
	const struct terms *tm = d->terms;
	json_int_t a = json_integer_value(json_object_get(m, "start"));
	json_int_t b = json_integer_value(json_object_get(m, "end"));
	size_t i, n = 0, words = 0;

	if (a < 0 || b <= a)
		return 0;
	for (i = token_at(d, (uint32_t)a); i < d->ntok &&
	    d->tok[i].start < (uint32_t)b; i++) {
		const lector_token *k = &d->tok[i];
		char low[64];
		size_t len;
		if (k->kind == LECTOR_TOKEN_PUNCT) {
			if (!joins_name(d->text + k->byte_start,
			    k->byte_end - k->byte_start))
				return 0;
			continue;
		}
		if (n == PHRASE_MAX)
			return 0;
		if (!(tm->flags[i] & TERM_NUMBER))
			words++;
		if (n == 0) {
			w->tok = (uint32_t)i;
			w->sentence = k->sentence;
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
	return words > 0 ? n : 0;
}

/*
 * Marks as aliases of an entity the key of one of its mentions (unless
 * it is the entity's own) and every run of words inside it: "Liv" and
 * "Tyler" are not topics apart from "Liv Tyler". Other entities stay,
 * and so does a word of a name other than a person's that the article
 * also writes in lower case, twice or more, as a word of its own: the
 * "hurricane" of a story that names the "National Hurricane Center".
 * lower: per term, its uses in lower case.
 */
static void
alias_parts(struct table *t, const int32_t *id, size_t n, int own,
    int person, const uint32_t *lower)
{
	struct phrase *a;
	size_t len, at;

	for (len = own ? n - 1 : n; len > 0; len--)
		for (at = 0; at + len <= n; at++) {
			if (len == 1 && !person && id[at] >= 0 &&
			    lower[id[at]] >= 2)
				continue;
			a = table_lookup(t, id + at, len);
			if (a != NULL && !a->entity)
				a->alias = 1;
		}
}

/*
 * Per term, how often the article writes it in lower case (lower), and
 * with a capital inside a sentence (capmid, nterm further on).
 */
static uint32_t *
count_cases(const struct terms *tm, const uint8_t *mark)
{
	uint32_t *lower = calloc(2 * (tm->nterm + 1), sizeof(*lower));
	uint32_t *capmid = lower + tm->nterm + 1;
	size_t i;

	for (i = 0; lower != NULL && i < tm->ntok; i++) {
		if (tm->id[i] < 0)
			continue;
		if (!(tm->flags[i] & TERM_CAPITAL))
			lower[tm->id[i]]++;
		else if (!(mark[i] & TOKEN_INITIAL))
			capmid[tm->id[i]]++;
	}
	return lower;
}

static int
is_name_type(const char *type)
{
	return type != NULL && (strcmp(type, "PERSON") == 0 ||
	    strcmp(type, "ORG") == 0 || strcmp(type, "LOC") == 0 ||
	    strcmp(type, "MISC") == 0);
}

/*
 * Whether a name of n words said count times is a better one to show
 * than a name of bn words said bcount times: the fullest name said
 * twice, as a reader would write it down ("United States" over the "US"
 * said more often); when no name is said twice, the commonest ("Trump"
 * for "Donald Trump" said once in full and seven times short; the
 * fuller on a tie).
 */
static int
shown_before(size_t n, uint32_t count, size_t bn, uint32_t bcount)
{
	if ((count >= 2) != (bcount >= 2))
		return count >= 2;
	if (count >= 2)
		return n > bn || (n == bn && count > bcount);
	return count > bcount || (count == bcount && n > bn);
}

/*
 * In English, a person's title is no part of the name shown: "Mr
 * Ebbers" is "Ebbers", and counts with it. Drops the title from the key
 * and the place of a mention of n words.
 */
static size_t
drop_title(const struct phrase_doc *d, int32_t *id, size_t n,
    struct where *w)
{
	const lector_token *k = &d->tok[w->tok];
	size_t i;

	if (!d->english || n < 2 ||
	    !english_title(d->text + k->byte_start, k->byte_end - k->byte_start))
		return n;
	for (i = w->tok + 1; i < d->ntok && d->tok[i].kind == LECTOR_TOKEN_PUNCT;
	    i++)
		;
	if (i == d->ntok || d->tok[i].byte_start >= w->at + w->len)
		return n;
	w->len = w->at + w->len - d->tok[i].byte_start;
	w->at = d->tok[i].byte_start;
	w->tok = (uint32_t)i;
	memmove(id, id + 1, (n - 1) * sizeof(*id));
	return n - 1;
}

/* How a name's mentions are read for showing it (see show_name). */
struct name_context {
	const uint8_t *mark;	/* TOKEN_* per token */
	const struct names *nm;
	const uint32_t *lower;	/* per term: uses in lower case */
	const uint32_t *capmid;	/* per term: uses with a capital mid-sentence */
};

/*
 * Where a capital marks a name, a capitalised word right before a
 * mention that is in no name itself, and that the article writes both
 * with a capital inside a sentence and in lower case (a common noun that
 * a name takes as its head: "the hurricane"), is part of the name as a
 * reader says it: "Hurricane Gilbert", "Typhoon Haiyan", where the
 * tagger, as its training data, names "Gilbert" alone. A word never
 * written in lower case is more often a headline's capital or a line in
 * capitals ("CATCH US"), and in English a participle is none ("Revealed
 * iPhone 5"). Not for a person ("President Trump": a label), nor a word
 * of a date or an amount. Widens the key and the place of a mention of
 * n words.
 */
static size_t
widen_left(const struct phrase_doc *d, const struct name_context *c,
    int32_t *id, size_t n, struct where *w)
{
	const struct terms *tm = d->terms;
	const lector_token *k;
	size_t i = w->tok, len;

	if (!d->capital_names || i == 0 || n >= PHRASE_MAX)
		return n;
	i--;
	k = &d->tok[i];
	len = k->byte_end - k->byte_start;
	if (k->kind != LECTOR_TOKEN_WORD || tm->id[i] < 0 ||
	    (tm->flags[i] & TERM_NUMBER) || !(tm->flags[i] & TERM_CAPITAL) ||
	    c->capmid[tm->id[i]] == 0 || c->lower[tm->id[i]] == 0 ||
	    (c->mark[i] & TOKEN_BARRED) || names_has(c->nm, i) ||
	    k->sentence != w->sentence)
		return n;
	if (d->english && (english_title(d->text + k->byte_start, len) ||
	    english_clause_end(d->text + k->byte_start, len)))
		return n;
	memmove(id + 1, id, n * sizeof(*id));
	id[0] = tm->id[i];
	w->len = w->at + w->len - (k->byte_start + tm->elided[i]);
	w->at = k->byte_start + tm->elided[i];
	w->tok = (uint32_t)i;
	return n + 1;
}

/*
 * An entity is shown by the name shown_before prefers among its
 * mentions (a person's without a title, another's with the capitalised
 * word before it), and compared with other phrases by that name's words.
 */
static void
show_name(const struct phrase_doc *d, struct phrase *p, const json_t *ms,
    int person, const struct name_context *c)
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
		if (person)
			n = drop_title(d, id, n, &w);
		else
			n = widen_left(d, c, id, n, &w);
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
		if (shown_before(seen[k].n, seen[k].count, seen[best].n,
		    seen[best].count))
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
void
names_merge(const struct phrase_doc *d, struct table *t, const uint8_t *mark,
    const struct names *nm)
{
	const json_t *e, *ms, *m;
	size_t i, j, n, an;
	int32_t id[PHRASE_MAX], aid[PHRASE_MAX];
	struct where w, aw;
	uint32_t *lower = count_cases(d->terms, mark);
	struct name_context c;

	if (lower == NULL)
		return;
	c.mark = mark;
	c.nm = nm;
	c.lower = lower;
	c.capmid = lower + d->terms->nterm + 1;
	json_array_foreach(d->entities, i, e) {
		const char *name = json_string_value(json_object_get(e, "text"));
		const char *type = json_string_value(json_object_get(e, "type"));
		struct phrase *p = NULL;
		size_t total = 0, best = 0, sentences = 0;
		uint32_t last = 0;
		if (!is_name_type(type) || name == NULL)
			continue;
		ms = json_object_get(e, "mentions");
		n = 0;
		json_array_foreach(ms, j, m) {
			const char *mt = json_string_value(json_object_get(m, "text"));
			an = mention_key(d, m, aid, &aw);
			if (an == 0 || (mark[aw.tok] & TOKEN_BARRED))
				continue;
			total++;
			if (total == 1 || aw.sentence != last) {
				sentences++;
				last = aw.sentence;
			}
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
		p = table_lookup(t, id, n);
		if (p == NULL && (p = table_add(t, d->text, id, n, &w)) == NULL)
			break;
		p->entity = 1;
		p->alias = 0;
		if (p->count < total)
			p->count = (uint32_t)total;
		if (p->sentences < sentences)
			p->sentences = (uint32_t)sentences;
		json_array_foreach(ms, j, m) {
			an = mention_key(d, m, aid, &aw);
			if (an > 0 && !(mark[aw.tok] & TOKEN_BARRED))
				alias_parts(t, aid, an,
				    an == n && memcmp(aid, id, n * sizeof(*id)) == 0,
				    strcmp(type, "PERSON") == 0, lower);
		}
		show_name(d, p, ms, strcmp(type, "PERSON") == 0, &c);
	}
	free(lower);
}

/*
 * Marks the tokens of dates, times, amounts and addresses as no topic,
 * and the extent of each name mention in nm.
 */
/* A token in a name mention, in the order the mentions were read. */
struct covered {
	uint32_t tok, first, end, seq;
};

static int
covered_cmp(const void *a, const void *b)
{
	const struct covered *x = a, *y = b;

	if (x->tok != y->tok)
		return x->tok < y->tok ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Keeps the first mention of each token into nm (sorted by token). */
static int
names_fill(struct names *nm, struct covered *c, size_t nc)
{
	size_t i, n = 0;

	if (nc > 0)	/* c is NULL when no name was found */
		qsort(c, nc, sizeof(*c), covered_cmp);
	for (i = 0; i < nc; i++)
		if (n == 0 || c[i].tok != c[n - 1].tok)
			c[n++] = c[i];
	nm->first = malloc((2 * n + 1) * sizeof(*nm->first));
	nm->end = malloc((n + 1) * sizeof(*nm->end));
	if (nm->first == NULL || nm->end == NULL)
		return LECTOR_ENOMEM;
	nm->tok = nm->first + n;
	for (i = 0; i < n; i++) {
		nm->tok[i] = c[i].tok;
		nm->first[i] = c[i].first;
		nm->end[i] = c[i].end;
	}
	nm->n = n;
	return LECTOR_OK;
}

int
names_mark(const struct phrase_doc *d, uint8_t *mark, struct names *nm)
{
	const json_t *e, *m;
	size_t i, j, k, t, a0, nc = 0, room = 0;
	struct covered *c = NULL;
	int rc;

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
				if (!name) {
					mark[k] |= TOKEN_BARRED;
					continue;
				}
				if (nc == room) {
					size_t more = room ? 2 * room : 256;
					struct covered *grown = realloc(c,
					    more * sizeof(*c));
					if (grown == NULL) {
						free(c);
						return LECTOR_ENOMEM;
					}
					c = grown;
					room = more;
				}
				c[nc] = (struct covered){ (uint32_t)k,
				    (uint32_t)a0, (uint32_t)t, (uint32_t)nc };
				nc++;
			}
		}
	}
	rc = names_fill(nm, c, nc);
	free(c);
	return rc;
}

/* The place of token k in nm, or nm->n when it is in no name. */
static size_t
name_of_token(const struct names *nm, size_t k)
{
	size_t lo = 0, hi = nm->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nm->tok[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nm->n && nm->tok[lo] == k ? lo : nm->n;
}

/* Whether token k is in a name mention. */
int
names_has(const struct names *nm, size_t k)
{
	return nm->first != NULL && name_of_token(nm, k) < nm->n;
}

/* Whether an n-gram from token i to token j cuts a name or holds two. */
int
names_cut(const struct names *nm, size_t i, size_t j)
{
	size_t a, b;

	if (nm->first == NULL || nm->n == 0)
		return 0;
	a = name_of_token(nm, i);
	if (a < nm->n && nm->first[a] != i)
		return 1;	/* starts inside a name */
	b = name_of_token(nm, j);
	if (b < nm->n && nm->end[b] != j + 1)
		return 1;	/* ends inside one */
	return 0;
}

/*
 * Whether token j starts a name after the start of an n-gram: a name
 * opens its phrase ("Hanoi summit", "Trump administration"); what comes
 * before it is another unit ("Star | Emily Deschanel"), and so is a
 * second name ("John Robinson | Kylie Minogue").
 */
int
names_after_start(const struct names *nm, size_t i, size_t j)
{
	size_t k;

	if (nm->first == NULL || j <= i)
		return 0;
	k = name_of_token(nm, j);
	return k < nm->n && nm->first[k] == j;
}
