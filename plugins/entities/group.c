/*
 * From mentions to entities: mentions with the same type and text are one
 * entity; then short forms join the full form they abbreviate ("Trump" ->
 * "Donald Trump", "Goldman" -> "Goldman Sachs", "NATO" -> "North Atlantic
 * Treaty Organization").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "group.h"

#define WORDS_MAX 16

struct ent {
	int type;
	const char *s;		/* the first mention's text */
	size_t len;
	size_t parent;
	size_t nwords;
	const char *word[WORDS_MAX];
	size_t wlen[WORDS_MAX];
};

static void
split_words(struct ent *e)
{
	size_t i = 0;

	e->nwords = 0;
	while (i < e->len) {
		while (i < e->len && e->s[i] == ' ')
			i++;
		size_t a = i;
		while (i < e->len && e->s[i] != ' ')
			i++;
		if (i > a && e->nwords < WORDS_MAX) {
			e->word[e->nwords] = e->s + a;
			e->wlen[e->nwords] = i - a;
			e->nwords++;
		}
	}
}

static int
word_eq(const struct ent *a, size_t i, const struct ent *b, size_t j)
{
	return a->wlen[i] == b->wlen[j] &&
	    strncasecmp(a->word[i], b->word[j], a->wlen[i]) == 0;
}

/* Short's words appear in a row in long's words; returns where, or -1. */
static long
find_words(const struct ent *shrt, const struct ent *lng)
{
	if (shrt->nwords == 0 || shrt->nwords >= lng->nwords)
		return -1;
	for (size_t at = 0; at + shrt->nwords <= lng->nwords; at++) {
		size_t k = 0;
		while (k < shrt->nwords && word_eq(shrt, k, lng, at + k))
			k++;
		if (k == shrt->nwords)
			return (long)at;
	}
	return -1;
}

static int
is_function_word(const char *w, size_t len)
{
	static const char *const fw[] = { "of", "and", "the", "for", "de",
		"du", "des", "la", "le", "&", "on", "in", NULL };

	for (size_t k = 0; fw[k] != NULL; k++)
		if (strlen(fw[k]) == len && strncasecmp(w, fw[k], len) == 0)
			return 1;
	return 0;
}

/* "NATO", "U.N.": 2 to 8 capitals, dots allowed between them. */
static size_t
acronym_letters(const struct ent *e, char *out, size_t max)
{
	size_t n = 0;

	if (e->nwords != 1)
		return 0;
	for (size_t i = 0; i < e->len; i++) {
		unsigned char c = (unsigned char)e->s[i];
		if (c == '.')
			continue;
		if (!isupper(c) || n == max)
			return 0;
		out[n++] = (char)c;
	}
	return n >= 2 ? n : 0;
}

static int
expands(const struct ent *acr, const struct ent *full)
{
	char letters[8];
	size_t n = acronym_letters(acr, letters, sizeof(letters));
	size_t k = 0;

	if (n == 0 || full->nwords < 2)
		return 0;
	for (size_t i = 0; i < full->nwords; i++) {
		if (is_function_word(full->word[i], full->wlen[i]))
			continue;
		if (k == n || toupper((unsigned char)full->word[i][0]) != letters[k])
			return 0;
		k++;
	}
	return k == n;
}

static int
named(int type)
{
	return type == E_PERSON || type == E_ORG || type == E_LOC ||
	    type == E_MISC;
}

/* Does entity a (the shorter) stand for entity b? */
static int
alias_of(const struct ent *a, const struct ent *b)
{
	if (!named(a->type) || !named(b->type))
		return 0;
	if (b->type != E_LOC && expands(a, b))
		return 1;
	if (a->type == E_PERSON && b->type == E_PERSON)
		return find_words(a, b) >= 0;
	/* A surname the tagger took for something else. */
	if (b->type == E_PERSON && a->nwords == 1 &&
	    (a->type == E_ORG || a->type == E_MISC))
		return word_eq(a, 0, b, b->nwords - 1);
	if (a->type == E_ORG && b->type == E_ORG)
		return find_words(a, b) == 0;
	return 0;
}

static size_t
root(const struct ent *e, size_t i)
{
	while (e[i].parent != i)
		i = e[i].parent;
	return i;
}

static size_t
cp_len(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static int
has_lower(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (islower((unsigned char)s[i]))
			return 1;
	return 0;
}

/* Longer wins; at equal length, "Frankfurt" over a headline's "FRANKFURT". */
static int
fuller(const char *text, const struct mention *x, const struct mention *than)
{
	const char *a = text + x->byte_start, *b = text + than->byte_start;
	size_t na = x->byte_end - x->byte_start;
	size_t nb = than->byte_end - than->byte_start;
	size_t ca = cp_len(a, na), cb = cp_len(b, nb);

	if (ca != cb)
		return ca > cb;
	return has_lower(a, na) && !has_lower(b, nb);
}

/* Entities in first-mention order; of[m] = entity of mention m. */
static size_t
collect(const char *text, const struct mentions *ms, struct ent *e,
    size_t *of)
{
	size_t ne = 0;

	for (size_t m = 0; m < ms->n; m++) {
		const struct mention *x = &ms->m[m];
		const char *s = text + x->byte_start;
		size_t len = x->byte_end - x->byte_start, k;
		for (k = 0; k < ne; k++)
			if (e[k].type == x->type && e[k].len == len &&
			    strncasecmp(e[k].s, s, len) == 0)
				break;
		if (k == ne) {
			e[ne].type = x->type;
			e[ne].s = s;
			e[ne].len = len;
			e[ne].parent = ne;
			split_words(&e[ne]);
			ne++;
		}
		of[m] = k;
	}
	return ne;
}

static void
merge_aliases(struct ent *e, size_t ne)
{
	for (size_t a = 0; a < ne; a++) {
		for (size_t b = 0; b < ne; b++) {
			if (a == b || e[b].nwords <= e[a].nwords)
				continue;
			if (alias_of(&e[a], &e[b])) {
				e[a].parent = b;
				break;
			}
		}
	}
}

static json_t *
mention_json(const char *text, const struct mention *x)
{
	return json_pack("{s:i, s:i, s:s%}", "start", (json_int_t)x->start,
	    "end", (json_int_t)x->end, "text", text + x->byte_start,
	    (size_t)(x->byte_end - x->byte_start));
}

/* One entity: its mentions are those whose entity has root r. */
static json_t *
entity_json(const char *text, const struct mentions *ms, const struct ent *e,
    const size_t *of, size_t r, const char *model)
{
	json_t *mentions = json_array(), *aliases = json_array();
	const struct mention *full = NULL;
	size_t count = 0;

	if (mentions == NULL || aliases == NULL)
		goto fail;
	for (size_t m = 0; m < ms->n; m++) {
		const struct mention *x = &ms->m[m];
		if (root(e, of[m]) != r)
			continue;
		if (json_array_append_new(mentions, mention_json(text, x)) != 0)
			goto fail;
		count++;
		if (full == NULL || fuller(text, x, full))
			full = x;
	}
	const char *fs = text + full->byte_start;
	size_t flen = full->byte_end - full->byte_start;
	for (size_t m = 0; m < ms->n; m++) {
		const struct mention *x = &ms->m[m];
		const char *s = text + x->byte_start;
		size_t len = x->byte_end - x->byte_start, k;
		if (root(e, of[m]) != r || (len == flen && !memcmp(s, fs, len)))
			continue;
		for (k = 0; k < json_array_size(aliases); k++) {
			const char *a = json_string_value(json_array_get(aliases, k));
			if (strlen(a) == len && memcmp(a, s, len) == 0)
				break;
		}
		if (k == json_array_size(aliases) &&
		    json_array_append_new(aliases, json_stringn(s, len)) != 0)
			goto fail;
	}
	const char *source = named(e[r].type) && model ? model : "rules";
	return json_pack("{s:s%, s:s, s:i, s:o, s:o, s:s}", "text", fs, flen,
	    "type", etype_name(e[r].type), "count", (json_int_t)count,
	    "mentions", mentions, "aliases", aliases, "source", source);
fail:
	json_decref(mentions);
	json_decref(aliases);
	return NULL;
}

json_t *
group_entities(const char *text, const struct mentions *ms, size_t max,
    const char *model)
{
	struct ent *e = calloc(ms->n ? ms->n : 1, sizeof(*e));
	size_t *of = calloc(ms->n ? ms->n : 1, sizeof(*of));
	size_t *order = calloc(ms->n ? ms->n : 1, sizeof(*order));
	json_t *list = json_array();
	int ok = e && of && order && list;

	if (ok) {
		size_t ne = collect(text, ms, e, of);
		merge_aliases(e, ne);
		/* Roots in order of their first mention. */
		size_t nr = 0;
		for (size_t m = 0; m < ms->n; m++) {
			size_t r = root(e, of[m]), k;
			for (k = 0; k < nr && order[k] != r; k++)
				;
			if (k == nr)
				order[nr++] = r;
		}
		for (size_t k = 0; k < nr && ok && (max == 0 || k < max); k++)
			ok = json_array_append_new(list,
			    entity_json(text, ms, e, of, order[k], model)) == 0;
	}
	free(e);
	free(of);
	free(order);
	if (!ok) {
		json_decref(list);
		return NULL;
	}
	return list;
}
