#include <string.h>

#include "quotes.h"

struct pair {
	const char *open, *close;
};

/*
 * German „…“ and Danish »…« as well as the usual pairs. Not the ASCII
 * apostrophe: it begins names ("'s-Hertogenbosch") and ends possessives.
 */
static const struct pair pairs[] = {
	{ "\"", "\"" },
	{ "\xe2\x80\x9c", "\xe2\x80\x9d" },	/* “ ” */
	{ "\xe2\x80\x9e", "\xe2\x80\x9c" },	/* „ “ */
	{ "\xe2\x80\x98", "\xe2\x80\x99" },	/* ‘ ’ */
	{ "\xc2\xab", "\xc2\xbb" },		/* « » */
	{ "\xc2\xbb", "\xc2\xab" },		/* » « */
};

#define NPAIRS (sizeof(pairs) / sizeof(pairs[0]))

static int
starts(const char *s, size_t len, const char *mark)
{
	size_t n = strlen(mark);

	return len >= n && memcmp(s, mark, n) == 0;
}

static int
ends(const char *s, size_t len, const char *mark)
{
	size_t n = strlen(mark);

	return len >= n && memcmp(s + len - n, mark, n) == 0;
}

static int
holds(const char *s, size_t len, const char *mark)
{
	size_t n = strlen(mark);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, mark, n) == 0)
			return 1;
	return 0;
}

/* The opening mark of a name that holds no closing one after it. */
static const struct pair *
open_only(const char *s, size_t len)
{
	for (size_t i = 0; i < NPAIRS; i++) {
		size_t n = strlen(pairs[i].open);
		if (starts(s, len, pairs[i].open) &&
		    !holds(s + n, len - n, pairs[i].close))
			return &pairs[i];
	}
	return NULL;
}

/* The closing mark of a name that holds no opening one before it. */
static const struct pair *
close_only(const char *s, size_t len)
{
	for (size_t i = 0; i < NPAIRS; i++) {
		size_t n = strlen(pairs[i].close);
		if (ends(s, len, pairs[i].close) &&
		    !holds(s, len - n, pairs[i].open))
			return &pairs[i];
	}
	return NULL;
}

/*
 * Takes in the closing mark after m, over one space at most and not past
 * byte limit (the next name), or leaves out the opening one and the
 * spaces after it. Returns 0 when nothing of the name is left.
 */
static int
close_pair(const char *text, size_t limit, struct mention *m,
    const struct pair *p)
{
	size_t at = m->byte_end, gap = 0;
	size_t n = strlen(p->close);

	if (at < limit && text[at] == ' ')
		gap = 1;
	if (starts(text + at + gap, limit - at - gap, p->close)) {
		m->byte_end = (uint32_t)(at + gap + n);
		m->end += (uint32_t)gap + 1;
		return 1;
	}
	at = m->byte_start + strlen(p->open);
	m->start++;
	while (at < m->byte_end && text[at] == ' ') {
		at++;
		m->start++;
	}
	m->byte_start = (uint32_t)at;
	return m->byte_start < m->byte_end;
}

/* The mirror of close_pair at the name's start, not before byte low. */
static int
open_pair(const char *text, size_t low, struct mention *m,
    const struct pair *p)
{
	size_t at = m->byte_start, gap = 0;
	size_t n = strlen(p->open);

	if (at > low && text[at - 1] == ' ')
		gap = 1;
	if (at >= low + gap + n &&
	    memcmp(text + at - gap - n, p->open, n) == 0) {
		m->byte_start = (uint32_t)(at - gap - n);
		m->start -= (uint32_t)gap + 1;
		return 1;
	}
	at = m->byte_end - strlen(p->close);
	m->end--;
	while (at > m->byte_start && text[at - 1] == ' ') {
		at--;
		m->end--;
	}
	m->byte_end = (uint32_t)at;
	return m->byte_start < m->byte_end;
}

/*
 * A name with no mark of its own that stands between a pair, over one
 * space at most each side, not past the names beside it, takes the pair.
 */
static void
take_wrapping_pair(const char *text, size_t low, size_t limit,
    struct mention *m)
{
	size_t at = m->byte_start, end = m->byte_end;
	size_t before = at > low && text[at - 1] == ' ';
	size_t after = end < limit && text[end] == ' ';

	for (size_t i = 0; i < NPAIRS; i++) {
		size_t no = strlen(pairs[i].open);
		if (at < low + before + no ||
		    memcmp(text + at - before - no, pairs[i].open, no) != 0 ||
		    !starts(text + end + after, limit - end - after,
		    pairs[i].close))
			continue;
		m->byte_start = (uint32_t)(at - before - no);
		m->start -= (uint32_t)before + 1;
		m->byte_end = (uint32_t)(end + after + strlen(pairs[i].close));
		m->end += (uint32_t)after + 1;
		return;
	}
}

void
balance_quotes(const char *text, size_t bytes, struct mentions *ms, int wrap)
{
	size_t out = 0;

	for (size_t i = 0; i < ms->n; i++) {
		struct mention m = ms->m[i];
		const char *s = text + m.byte_start;
		size_t len = m.byte_end - m.byte_start;
		size_t low = out > 0 ? ms->m[out - 1].byte_end : 0;
		size_t limit = i + 1 < ms->n ? ms->m[i + 1].byte_start : bytes;
		const struct pair *p;
		int keep = 1;

		if ((p = open_only(s, len)) != NULL)
			keep = close_pair(text, limit, &m, p);
		else if ((p = close_only(s, len)) != NULL)
			keep = open_pair(text, low, &m, p);
		else if (wrap)
			take_wrapping_pair(text, low, limit, &m);
		if (keep)
			ms->m[out++] = m;
	}
	ms->n = out;
}
