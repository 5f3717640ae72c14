#include <stdlib.h>

#include "mention.h"

static const char *const names[E_NTYPES] = {
	"PERSON", "ORG", "LOC", "MISC", "DATE", "TIME", "MONEY", "PERCENT",
	"QUANTITY", "EMAIL", "URL"
};

const char *
etype_name(int type)
{
	return type >= 0 && type < E_NTYPES ? names[type] : "UNKNOWN";
}

int
mentions_add(struct mentions *ms, const struct mention *m)
{
	if (ms->n == ms->cap) {
		size_t cap = ms->cap ? ms->cap * 2 : 32;
		struct mention *p = realloc(ms->m, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		ms->m = p;
		ms->cap = cap;
	}
	ms->m[ms->n++] = *m;
	return 0;
}

int
mentions_reserve(struct mentions *ms, size_t n)
{
	struct mention *p;

	if (n <= ms->cap)
		return 0;
	if ((p = realloc(ms->m, n * sizeof(*p))) == NULL)
		return -1;
	ms->m = p;
	ms->cap = n;
	return 0;
}

void
mentions_fit(struct mentions *ms)
{
	struct mention *p;

	if (ms->n == ms->cap || ms->n == 0)
		return;
	if ((p = realloc(ms->m, ms->n * sizeof(*p))) == NULL)
		return;		/* keeps the larger array */
	ms->m = p;
	ms->cap = ms->n;
}

/* Both lists are in text order and free of overlaps within themselves. */
void
mentions_drop_overlaps(struct mentions *ms, const struct mentions *keep)
{
	size_t out = 0, j = 0;

	for (size_t i = 0; i < ms->n; i++) {
		const struct mention *m = &ms->m[i];
		while (j < keep->n && keep->m[j].end <= m->start)
			j++;
		if (j < keep->n && keep->m[j].start < m->end)
			continue;
		ms->m[out++] = *m;
	}
	ms->n = out;
}

static int
by_start(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

void
mentions_sort(struct mentions *ms)
{
	if (ms->n > 1)
		qsort(ms->m, ms->n, sizeof(*ms->m), by_start);
}

static int
is_sorted(const struct mentions *ms)
{
	for (size_t i = 1; i < ms->n; i++)
		if (by_start(&ms->m[i - 1], &ms->m[i]) > 0)
			return 0;
	return 1;
}

/*
 * From the back, into the room reserved at the end of ms: qsort would
 * take a second array of them all (1.3 MB on 1 MB of made-up names).
 */
int
mentions_merge(struct mentions *ms, const struct mentions *more)
{
	size_t i = ms->n, j = more->n, k = ms->n + more->n;
	int sorted = is_sorted(ms) && is_sorted(more);

	if (mentions_reserve(ms, k) != 0)
		return -1;
	if (!sorted) {
		for (j = 0; j < more->n; j++)
			ms->m[ms->n++] = more->m[j];
		mentions_sort(ms);
		mentions_fit(ms);
		return 0;
	}
	while (j > 0) {
		if (i > 0 && by_start(&ms->m[i - 1], &more->m[j - 1]) > 0)
			ms->m[--k] = ms->m[--i];
		else
			ms->m[--k] = more->m[--j];
	}
	ms->n += more->n;
	mentions_fit(ms);
	return 0;
}

void
mentions_free(struct mentions *ms)
{
	free(ms->m);
	ms->m = NULL;
	ms->n = ms->cap = 0;
}
