/*
 * The candidate table: phrases keyed by their terms in an open-addressing
 * hash, each with its count and its commonest written forms.
 */
#include <string.h>

#include "candidates.h"

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

int32_t *
table_find(struct table *t, const int32_t *id, size_t n)
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

struct phrase *
table_lookup(struct table *t, const int32_t *id, size_t n)
{
	int32_t s = *table_find(t, id, n);

	return s < 0 ? NULL : &t->p[s];
}

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
struct phrase *
table_add(struct table *t, const char *text, const int32_t *id, size_t n,
    const struct where *w)
{
	int32_t *s = table_find(t, id, n);
	struct phrase *p;

	if (*s >= 0) {
		p = &t->p[*s];
		p->count++;
		if (w->sentence != p->last_sentence) {
			p->sentences++;
			p->last_sentence = w->sentence;
		}
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
	p->sentences = 1;
	p->last_sentence = w->sentence;
	p->tok = w->tok;
	p->bigram = (uint8_t)w->bigram;
	add_form(text, p, w);
	*s = (int32_t)t->n++;
	return p;
}
