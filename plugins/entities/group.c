/*
 * From mentions to entities: mentions of one name are one entity, whatever
 * type the tagger gave each (variants of a name fold alike, fold.h: "Kim
 * Jong-un" and "Kim Jong Un", "U.S." and "US"); then short forms join the
 * full form they abbreviate ("Trump" -> "Donald Trump", "Goldman" ->
 * "Goldman Sachs", "NATO" -> "North Atlantic Treaty Organization"). An
 * entity's type is the one most of its mentions were given: the weight of
 * the evidence over the article. Each mention keeps its own type.
 *
 * Every step is linear or n log n in the mentions: a long text may hold
 * tens of thousands of them, and pairwise comparisons would take minutes.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fold.h"
#include "group.h"
#include "invisible.h"

#define WORDS_MAX 16
#define KEY_MAX 96

/*
 * One entity while mentions are grouped: a long article of distinct names
 * holds tens of thousands, so it keeps offsets into the text and into a
 * buffer of keys rather than copies, and counts the votes of the
 * tagger's four types only (40 bytes, where a copy of its key and of its
 * words' places took 490, and votes for every type 68). Its words are split again from the
 * text when they are needed: names are short. 32 bits, as in mentions.
 */
struct ent {
	uint32_t start;		/* the first mention's text, in bytes */
	uint32_t len;
	uint32_t key;		/* the folded name (or the text) in the keys */
	uint32_t keylen;
	uint32_t parent;
	uint32_t votes[E_MISC + 1];	/* mentions of each tagger's type */
	int type;		/* the type most of its mentions have */
};

/* An entity's name and its words, as alias matching reads them. */
struct name {
	int type;
	const char *s;
	size_t len;
	size_t nwords;
	const char *word[WORDS_MAX];
	size_t wlen[WORDS_MAX];
};

static void
split_words(struct name *e)
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
word_eq(const struct name *a, size_t i, const struct name *b, size_t j)
{
	return a->wlen[i] == b->wlen[j] &&
	    strncasecmp(a->word[i], b->word[j], a->wlen[i]) == 0;
}

/* Short's words appear in a row in long's words; returns where, or -1. */
static long
find_words(const struct name *shrt, const struct name *lng)
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
acronym_letters(const struct name *e, char *out, size_t max)
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
expands(const struct name *acr, const struct name *full)
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
alias_of(const struct name *a, const struct name *b)
{
	if (!named(a->type) || !named(b->type))
		return 0;
	if (expands(a, b))
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

/* Case-blind FNV-1a of a word or name, to find candidates without scanning. */
static uint64_t
fold_hash(const char *s, size_t len, uint64_t h)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)tolower((unsigned char)s[i]);
		h *= 1099511628211u;
	}
	return h;
}

#define HASH_SEED 14695981039346656037u

/*
 * Entities that hold a key (a word, or an acronym's letters), by the key's
 * hash cut to 32 bits: 8 bytes a posting, two or three an entity. A
 * collision only adds a candidate, which alias_of then refuses: an entity
 * it accepts holds the key itself, so the first it accepts is the same.
 */
struct posting {
	uint32_t key;
	uint32_t ent;
};

static uint32_t
key32(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32));
}

static int
posting_cmp(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* The first posting of key, or n when none. */
static size_t
posting_find(const struct posting *p, size_t n, uint32_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && p[lo].key == key ? lo : n;
}

/*
 * The key mentions are grouped by: the folded name for the tagger's types,
 * whatever the type ("US" as LOC and as ORG is one entity); the text and
 * the type for the rules' ("May" the month is not "May" the name).
 * Writes it to key (KEY_MAX bytes); returns its length.
 */
static size_t
make_key(const char *s, size_t len, int type, char *key)
{
	size_t n = named(type) ? name_fold(s, len, key, KEY_MAX - 1) :
	    SIZE_MAX;

	if (n == SIZE_MAX || n == 0) {
		n = len < KEY_MAX - 1 ? len : KEY_MAX - 1;
		for (size_t i = 0; i < n; i++)
			key[i] = (char)tolower((unsigned char)s[i]);
		key[n++] = (char)(0x80 | type);	/* never a folded byte alone */
	}
	return n;
}

/*
 * The type with the most votes among the first ntypes; the first
 * mention's type on a tie.
 */
static int
voted_type(const uint32_t *votes, int ntypes, int first)
{
	int best = first;

	for (int t = 0; t < ntypes; t++)
		if (votes[t] > votes[best])
			best = t;
	return best;
}

/* An entity's name and words, split from the text. */
static void
name_of(const char *text, const struct ent *e, struct name *nm)
{
	nm->type = e->type;
	nm->s = text + e->start;
	nm->len = e->len;
	split_words(nm);
}

/* Room for one more of size bytes in *buf (grown by doubling), or -1. */
static int
reserve(void **buf, size_t *room, size_t used, size_t more, size_t size)
{
	size_t want = *room ? *room : 64;

	if (used + more <= *room)
		return 0;
	while (want < used + more)
		want *= 2;
	void *grown = realloc(*buf, want * size);
	if (grown == NULL)
		return -1;
	*buf = grown;
	*room = want;
	return 0;
}

#define NO_SLOT UINT32_MAX

/*
 * The entities by their key's hash (open addressing), sized on the
 * entities found so far and doubled when half full: sized on the
 * mentions it took 4 bytes for up to four slots a mention, most of them
 * never used on a long article of repeated names.
 */
struct slots {
	uint32_t *v;
	size_t cap;
};

static int
slots_init(struct slots *s, size_t cap)
{
	if ((s->v = malloc(cap * sizeof(*s->v))) == NULL)
		return -1;
	for (size_t i = 0; i < cap; i++)
		s->v[i] = NO_SLOT;
	s->cap = cap;
	return 0;
}

/* Room for one more entity, the table doubled if need be; 0 or -1. */
static int
slots_room(struct slots *s, const struct ent *e, const char *kb, size_t ne)
{
	struct slots n;

	if ((ne + 1) * 2 <= s->cap)
		return 0;
	if (slots_init(&n, s->cap * 2) != 0)
		return -1;
	for (size_t k = 0; k < ne; k++) {
		size_t h = (size_t)fold_hash(kb + e[k].key, e[k].keylen,
		    HASH_SEED) & (n.cap - 1);
		while (n.v[h] != NO_SLOT)
			h = (h + 1) & (n.cap - 1);
		n.v[h] = (uint32_t)k;
	}
	free(s->v);
	*s = n;
	return 0;
}

/*
 * Entities in first-mention order into *ents (grown as needed: a long
 * article has far fewer entities than mentions); of[m] = entity of
 * mention m. The keys are only needed here: they are freed before the
 * aliases are looked for. Returns how many, or SIZE_MAX on no memory.
 */
static size_t
collect(const char *text, const struct mentions *ms, struct ent **ents,
    uint32_t *of)
{
	size_t ne = 0, room = 0, kused = 0, kroom = 0;
	struct slots slot;
	char probe[KEY_MAX];
	struct ent *e = NULL;
	char *kb = NULL;

	*ents = NULL;
	if (slots_init(&slot, 64) != 0)
		return SIZE_MAX;
	for (size_t m = 0; m < ms->n; m++) {
		const struct mention *x = &ms->m[m];
		size_t len = x->byte_end - x->byte_start;
		size_t keylen = make_key(text + x->byte_start, len, x->type,
		    probe);
		size_t h = (size_t)fold_hash(probe, keylen, HASH_SEED), mask;
		uint32_t k;
		if (slots_room(&slot, e, kb, ne) != 0)
			goto nomem;
		mask = slot.cap - 1;
		for (h &= mask; (k = slot.v[h]) != NO_SLOT; h = (h + 1) & mask)
			if (e[k].keylen == keylen &&
			    memcmp(kb + e[k].key, probe, keylen) == 0)
				break;
		if (k == NO_SLOT) {
			if (reserve((void **)&e, &room, ne, 1, sizeof(*e)) != 0 ||
			    reserve((void **)&kb, &kroom, kused, keylen, 1) != 0)
				goto nomem;
			k = slot.v[h] = (uint32_t)ne++;
			memset(&e[k], 0, sizeof(e[k]));
			e[k].start = x->byte_start;
			e[k].len = (uint32_t)len;
			e[k].key = (uint32_t)kused;
			e[k].keylen = (uint32_t)keylen;
			e[k].type = x->type;
			e[k].parent = k;
			memcpy(kb + kused, probe, keylen);
			kused += keylen;
		}
		/*
		 * Only the tagger's types vote: a rule type is part of the key,
		 * and an entity of one has it alone (and no name's mentions).
		 */
		if (named(x->type))
			e[k].votes[x->type]++;
		of[m] = k;
	}
	for (size_t k = 0; k < ne; k++)
		if (named(e[k].type))
			e[k].type = voted_type(e[k].votes, E_MISC + 1,
			    e[k].type);
	free(slot.v);
	free(kb);
	*ents = e;
	return ne;
nomem:
	free(slot.v);
	free(kb);
	*ents = e;
	return SIZE_MAX;
}

/* The initials of a name's content words, as an acronym would spell them. */
static size_t
initials(const struct name *e, char *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < e->nwords; i++) {
		if (is_function_word(e->word[i], e->wlen[i]))
			continue;
		if (n == max)
			return 0;
		out[n++] = (char)toupper((unsigned char)e->word[i][0]);
	}
	return n;
}

/*
 * Postings of every entity under each of its words, and of each name under
 * its initials: an alias shares its first word with its full form, or
 * spells its initials. Counted first, so only what is used is allocated.
 */
static struct posting *
postings(const char *text, const struct ent *e, size_t ne, size_t *np)
{
	size_t n = 0;
	char letters[8];
	struct name nm;
	struct posting *p;

	for (size_t b = 0; b < ne; b++) {
		name_of(text, &e[b], &nm);
		n += nm.nwords + (nm.nwords >= 2 &&
		    initials(&nm, letters, 8) >= 2);
	}
	if ((p = malloc((n + 1) * sizeof(*p))) == NULL)
		return NULL;
	n = 0;
	for (size_t b = 0; b < ne; b++) {
		name_of(text, &e[b], &nm);
		for (size_t i = 0; i < nm.nwords; i++)
			p[n++] = (struct posting){ key32(fold_hash(nm.word[i],
			    nm.wlen[i], HASH_SEED)), (uint32_t)b };
		size_t k = nm.nwords >= 2 ? initials(&nm, letters, 8) : 0;
		if (k >= 2)
			p[n++] = (struct posting){ key32(fold_hash(letters, k,
			    ~(uint64_t)HASH_SEED)), (uint32_t)b };
	}
	qsort(p, n, sizeof(*p), posting_cmp);
	*np = n;
	return p;
}

/*
 * The first entity after the postings at i that a (named nm) stands for,
 * or SIZE_MAX.
 */
static size_t
first_alias(const char *text, const struct ent *e, size_t a,
    const struct name *nm, const struct posting *p, size_t np, size_t i)
{
	struct name other;

	for (uint32_t key = i < np ? p[i].key : 0; i < np && p[i].key == key; i++) {
		size_t b = p[i].ent;
		if (b == a)
			continue;
		name_of(text, &e[b], &other);
		if (other.nwords > nm->nwords && alias_of(nm, &other))
			return b;
	}
	return SIZE_MAX;
}

static int
merge_aliases(const char *text, struct ent *e, size_t ne)
{
	size_t np;
	char letters[8];
	struct name nm;
	struct posting *p = postings(text, e, ne, &np);

	if (p == NULL)
		return -1;
	for (size_t a = 0; a < ne; a++) {
		size_t by_word = SIZE_MAX, by_initials = SIZE_MAX, k;
		name_of(text, &e[a], &nm);
		if (nm.nwords > 0)
			by_word = first_alias(text, e, a, &nm, p, np,
			    posting_find(p, np, key32(fold_hash(nm.word[0],
			    nm.wlen[0], HASH_SEED))));
		if ((k = acronym_letters(&nm, letters, sizeof(letters))) > 0)
			by_initials = first_alias(text, e, a, &nm, p, np,
			    posting_find(p, np, key32(fold_hash(letters, k,
			    ~(uint64_t)HASH_SEED))));
		k = by_word < by_initials ? by_word : by_initials;
		if (k != SIZE_MAX)
			e[a].parent = (uint32_t)k;
	}
	free(p);
	return 0;
}

static const char *
source_name(const struct mention *x)
{
	return named(x->type) && x->source != NULL ? x->source : "rules";
}

/* A name as shown: without its invisible characters (a new reference). */
static json_t *
surface(const char *s, size_t len)
{
	char *clean = malloc(len ? len : 1);
	json_t *j;

	if (clean == NULL)
		return NULL;
	j = json_stringn(clean, invisible_strip(s, len, clean));
	free(clean);
	return j;
}

/*
 * The strings many objects of one list repeat (the type names, the model
 * names), each made once and shared: a long article lists tens of
 * thousands of mentions, and a string apiece would weigh some 60 bytes.
 */
#define SOURCES_MAX 16

struct shared {
	json_t *type[E_NTYPES];
	const char *source_name[SOURCES_MAX];
	json_t *source[SOURCES_MAX];
	size_t nsources;
};

static void
shared_free(struct shared *sh)
{
	for (int t = 0; t < E_NTYPES; t++)
		json_decref(sh->type[t]);
	for (size_t i = 0; i < sh->nsources; i++)
		json_decref(sh->source[i]);
}

/* The type's name, shared (a borrowed reference), or NULL on no memory. */
static json_t *
shared_type(struct shared *sh, int type)
{
	if (sh->type[type] == NULL)
		sh->type[type] = json_string(etype_name(type));
	return sh->type[type];
}

/* A source's name, shared when there is room (a new reference). */
static json_t *
shared_source(struct shared *sh, const char *name)
{
	for (size_t i = 0; i < sh->nsources; i++)
		if (sh->source_name[i] == name || strcmp(sh->source_name[i],
		    name) == 0)
			return json_incref(sh->source[i]);
	if (sh->nsources == SOURCES_MAX)
		return json_string(name);
	json_t *j = json_string(name);
	if (j == NULL)
		return NULL;
	sh->source_name[sh->nsources] = name;
	sh->source[sh->nsources++] = j;
	return json_incref(j);
}

/*
 * A mention as listed: where, as shown, its type, and its source when
 * another model than the entity's found it.
 */
static json_t *
mention_json(struct shared *sh, const struct mention *x, json_t *shown,
    const char *source)
{
	json_t *type = shared_type(sh, x->type);
	json_t *o = type == NULL ? NULL : json_pack("{s:i, s:i, s:O, s:O}",
	    "start", (json_int_t)x->start, "end", (json_int_t)x->end,
	    "text", shown, "type", type);

	if (o != NULL && strcmp(source_name(x), source) != 0 &&
	    json_object_set_new(o, "source", shared_source(sh,
	    source_name(x))) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * The string shown for a mention: the name's or an alias's when it reads
 * the same (one string for every mention of "Trump"), else a new one
 * added to aliases. A new reference, or NULL on no memory.
 */
static json_t *
shown_as(json_t *aliases, json_t *name, const char *s, size_t len)
{
	json_t *shown = surface(s, len);
	size_t k;

	if (shown == NULL)
		return NULL;
	if (json_equal(shown, name)) {
		json_decref(shown);
		return json_incref(name);
	}
	for (k = 0; k < json_array_size(aliases); k++) {
		json_t *alias = json_array_get(aliases, k);
		if (json_equal(alias, shown)) {
			json_decref(shown);
			return json_incref(alias);
		}
	}
	if (json_array_append(aliases, shown) != 0) {
		json_decref(shown);
		return NULL;
	}
	return shown;
}

/*
 * One entity, from its n mentions (indexes into ms, in text order), the
 * first `listed` of them listed (listed <= n).
 */
static json_t *
entity_json(struct shared *sh, const char *text, const struct mentions *ms,
    const uint32_t *mine, size_t n, size_t listed, int type)
{
	json_t *mentions = json_array(), *aliases = json_array(), *name = NULL;
	json_t *type_name, *source_json;
	const struct mention *full = NULL;
	uint32_t votes[E_NTYPES] = { 0 };
	const char *source = "rules";

	if (mentions == NULL || aliases == NULL)
		goto fail;
	for (size_t i = 0; i < n && strcmp(source, "rules") == 0; i++)
		source = source_name(&ms->m[mine[i]]);
	for (size_t i = 0; i < n; i++) {
		const struct mention *x = &ms->m[mine[i]];
		if (full == NULL || fuller(text, x, full))
			full = x;
		votes[x->type]++;
	}
	/* Over the entity's mentions, its short forms' too. */
	type = voted_type(votes, E_NTYPES, type);
	name = surface(text + full->byte_start,
	    full->byte_end - full->byte_start);
	if (name == NULL)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct mention *x = &ms->m[mine[i]];
		json_t *shown = shown_as(aliases, name, text + x->byte_start,
		    x->byte_end - x->byte_start);
		int rc = shown == NULL ? -1 : 0;
		if (rc == 0 && i < listed)
			rc = json_array_append_new(mentions, mention_json(sh, x,
			    shown, source));
		json_decref(shown);
		if (rc != 0)
			goto fail;
	}
	type_name = shared_type(sh, type);
	source_json = shared_source(sh, source);
	if (type_name == NULL || source_json == NULL) {
		json_decref(source_json);
		goto fail;
	}
	return json_pack("{s:o, s:O, s:i, s:o, s:o, s:o}", "text", name,
	    "type", type_name, "count", (json_int_t)n,
	    "mentions", mentions, "aliases", aliases, "source", source_json);
fail:
	json_decref(name);
	json_decref(mentions);
	json_decref(aliases);
	return NULL;
}

/* An entity by how many mentions it has, and where it first appears. */
struct weight {
	uint32_t n, first, r;
};

static int
busier(const void *a, const void *b)
{
	const struct weight *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * Which entities to list when at most max may be: the max with the most
 * mentions, the first to appear on a tie. of[m] is the entity of mention
 * m. keep[r] for each entity r, or NULL on no memory.
 */
static unsigned char *
busiest(const uint32_t *of, size_t nm, size_t ne, size_t max)
{
	unsigned char *keep = calloc(ne ? ne : 1, 1);
	struct weight *w = calloc(ne ? ne : 1, sizeof(*w));
	size_t nw = 0;

	if (keep == NULL || w == NULL) {
		free(keep);
		free(w);
		return NULL;
	}
	for (size_t m = nm; m-- > 0;) {
		w[of[m]].n++;
		w[of[m]].first = (uint32_t)m;
	}
	for (size_t r = 0; r < ne; r++)
		if (w[r].n > 0)
			w[nw++] = (struct weight){ w[r].n, w[r].first, (uint32_t)r };
	if (nw > max)
		qsort(w, nw, sizeof(*w), busier);
	for (size_t i = 0; i < nw && i < max; i++)
		keep[w[i].r] = 1;
	free(w);
	return keep;
}

/*
 * Drops the mentions of the entities not kept, and gives their room back:
 * on a long article of distinct names most entities are left out, and
 * their mentions would otherwise be held while the list is built, the
 * largest thing the plugin makes. Those kept keep their order.
 */
static void
drop_unkept(struct mentions *ms, uint32_t *of, const unsigned char *keep)
{
	size_t n = 0;

	for (size_t m = 0; m < ms->n; m++) {
		if (!keep[of[m]])
			continue;
		ms->m[n] = ms->m[m];
		of[n++] = of[m];
	}
	ms->n = n;
	mentions_fit(ms);
}

/*
 * The entities as JSON, in order of first mention: of[m] is the entity of
 * mention m (a root), type[r] the type of entity r; every entity that has
 * a mention is listed. Mentions are bucketed by entity (a counting sort),
 * so each is visited once. At most max_mentions mentions listed for each
 * (0: all), and max_listed in all (0: no cap), the first entities' first.
 */
static json_t *
entities_json(const char *text, const struct mentions *ms, const int *type,
    size_t ne, const uint32_t *of, size_t max_mentions, size_t max_listed)
{
	uint32_t *count = calloc(ne + 1, sizeof(*count));
	uint32_t *mine = malloc((ms->n ? ms->n : 1) * sizeof(*mine));
	json_t *list = json_array();
	struct shared sh;
	size_t left = max_listed ? max_listed : SIZE_MAX;
	int ok = count && mine && list;

	memset(&sh, 0, sizeof(sh));
	for (size_t m = 0; ok && m < ms->n; m++)
		count[of[m] + 1]++;
	for (size_t r = 0; ok && r < ne; r++)
		count[r + 1] += count[r];
	for (size_t m = 0; ok && m < ms->n; m++)
		mine[count[of[m]]++] = (uint32_t)m;
	/* count[r] is now the end of r's bucket; its start is count[r - 1]. */
	for (size_t m = 0; ok && m < ms->n; m++) {
		size_t r = of[m], start = r ? count[r - 1] : 0;
		size_t n = count[r] - start, listed = n;
		if (mine[start] != m)
			continue;	/* not the entity's first mention */
		if (max_mentions > 0 && listed > max_mentions)
			listed = max_mentions;
		if (listed > left)
			listed = left;
		left -= listed;
		ok = json_array_append_new(list, entity_json(&sh, text, ms,
		    mine + start, n, listed, type[r])) == 0;
	}
	shared_free(&sh);
	free(count);
	free(mine);
	if (!ok) {
		json_decref(list);
		return NULL;
	}
	return list;
}

/*
 * Each mention's entity, resolved to its root, and each entity's type,
 * into of and *type; the entities themselves and their keys are then
 * freed before the list is built, which is the larger of the two on a
 * long article of many names.
 */
static int
resolve(struct ent *e, size_t ne, const struct mentions *ms, uint32_t *of,
    int **type)
{
	if ((*type = malloc((ne ? ne : 1) * sizeof(**type))) == NULL)
		return -1;
	for (size_t k = 0; k < ne; k++)
		(*type)[k] = e[k].type;
	for (size_t m = 0; m < ms->n; m++)
		of[m] = (uint32_t)root(e, of[m]);
	return 0;
}

json_t *
group_entities(const char *text, struct mentions *ms, size_t max,
    size_t max_mentions, size_t max_listed)
{
	struct ent *e = NULL;
	uint32_t *of = calloc(ms->n ? ms->n : 1, sizeof(*of));
	unsigned char *keep = NULL;
	int *type = NULL;
	json_t *list = NULL;
	size_t ne = SIZE_MAX;

	if (of != NULL && (ne = collect(text, ms, &e, of)) != SIZE_MAX &&
	    (merge_aliases(text, e, ne) != 0 || resolve(e, ne, ms, of, &type) != 0))
		ne = SIZE_MAX;
	free(e);
	if (ne != SIZE_MAX && max > 0) {
		if ((keep = busiest(of, ms->n, ne, max)) == NULL)
			ne = SIZE_MAX;
		else
			drop_unkept(ms, of, keep);
	}
	free(keep);
	if (ne != SIZE_MAX)
		list = entities_json(text, ms, type, ne, of, max_mentions,
		    max_listed);
	free(type);
	free(of);
	return list;
}

size_t
group_record_size(void)
{
	return sizeof(struct ent);
}
