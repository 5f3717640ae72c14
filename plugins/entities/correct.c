#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "correct.h"

struct wspan {
	size_t a, z;		/* bytes, z exclusive; a == z: none */
};

static int
word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* The word just before byte at, over spaces only (not a line break). */
static struct wspan
word_before(const char *text, size_t at)
{
	struct wspan w = { at, at };
	size_t i = at;

	while (i > 0 && text[i - 1] == ' ')
		i--;
	w.z = i;
	while (i > 0 && word_byte((unsigned char)text[i - 1]))
		i--;
	w.a = i;
	if (w.a == w.z)
		w.z = w.a = at;
	return w;
}

/* The word just after byte at, over spaces only. */
static struct wspan
word_after(const char *text, size_t bytes, size_t at)
{
	struct wspan w;
	size_t i = at;

	while (i < bytes && text[i] == ' ')
		i++;
	w.a = i;
	while (i < bytes && word_byte((unsigned char)text[i]))
		i++;
	w.z = i;
	return w;
}

static int
is_word(const char *text, struct wspan w, const char *const *list)
{
	for (size_t k = 0; list[k] != NULL; k++)
		if (strlen(list[k]) == w.z - w.a &&
		    strncasecmp(text + w.a, list[k], w.z - w.a) == 0)
			return 1;
	return 0;
}

static int
capitalised(const char *text, struct wspan w)
{
	return w.z > w.a && isupper((unsigned char)text[w.a]);
}

static size_t
cp_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static const char *const landforms[] = { "Peninsula", "Sea", "Ocean",
	"River", "Mountains", "Island", "Islands", "Strait", "Straits", "Gulf",
	"Lake", "Valley", "Desert", "Canal", "Plateau", "Archipelago", "Basin",
	"Glacier", "Highlands", NULL };
static const char *const intensifiers[] = { "Very", "So", "Too", "Really",
	"Quite", "Extremely", "Truly", "Totally", "Absolutely", "Most", NULL };
static const char *const administration[] = { "administration", NULL };
static const char *const the[] = { "the", NULL };

/* The last word of a mention: a landform makes a person or thing a place. */
static void
landform(const char *text, struct mention *m)
{
	struct wspan last = word_before(text, m->byte_end);

	if ((m->type == E_PERSON || m->type == E_MISC) && last.a > m->byte_start &&
	    is_word(text, last, landforms))
		m->type = E_LOC;
}

static void
presidency(const char *text, size_t bytes, struct mention *m,
    const struct gaz *g)
{
	const char *w = text + m->byte_start;
	uint32_t len = m->byte_end - m->byte_start;
	struct wspan next = word_after(text, bytes, m->byte_end);

	if (m->type == E_PERSON || memchr(w, ' ', len) != NULL ||
	    next.a != m->byte_end + 1 || !is_word(text, next, administration))
		return;
	const char *words[1] = { w };
	unsigned bits = gaz_lookup(g, gaz_phrase_hash(words, &len, 1));
	if (bits & ((1u << GAZ_COUNTRY) | (1u << GAZ_BIGCITY)))
		return;
	m->type = E_PERSON;
}

/* Extends an organisation over the capitalised words after "the". */
static void
the_organisation(const char *text, struct mention *m, size_t prev_end)
{
	size_t a = m->byte_start;
	struct wspan w = word_before(text, a);
	size_t words = 0;

	if (m->type != E_ORG)
		return;
	while (w.a < w.z && w.a >= prev_end && capitalised(text, w) &&
	    words < 3) {
		a = w.a;
		words++;
		w = word_before(text, a);
	}
	if (words == 0 || !is_word(text, w, the) || w.a < prev_end)
		return;
	m->start -= (uint32_t)cp_count(text + a, m->byte_start - a);
	m->byte_start = (uint32_t)a;
}

void
correct_mentions(const char *text, size_t bytes, struct mentions *ms,
    const struct gaz *g)
{
	size_t out = 0;

	for (size_t i = 0; i < ms->n; i++) {
		struct mention *m = &ms->m[i];
		struct wspan prev = word_before(text, m->byte_start);
		landform(text, m);
		presidency(text, bytes, m, g);
		the_organisation(text, m, out ? ms->m[out - 1].byte_end : 0);
		if (memchr(text + m->byte_start, ' ',
		    m->byte_end - m->byte_start) == NULL &&
		    capitalised(text, prev) && is_word(text, prev, intensifiers))
			continue;	/* "Very Interesting!" */
		ms->m[out++] = *m;
	}
	ms->n = out;
}
