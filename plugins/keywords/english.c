/*
 * What the shape of an English word tells a key phrase list without a
 * tagger, and the word lists learnt from tagged news (english_breaks.c).
 * Other languages get no such rules: there the scores alone decide.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "candidates.h"

/*
 * Stems of words that say nothing of an article on their own, however
 * often it uses them: light verbs, "new", "first", and the titles that
 * stand before a name ("Sen.", "Rep."). Inside a phrase they stay
 * ("New Deal", "first lady"). Kept short: a word listed here is never a
 * key phrase alone.
 */
static const char *const light[] = {
	"back", "came", "come", "dr", "even", "first", "gen", "get", "go",
	"goe", "gone", "good", "gov", "know", "last", "like", "look", "lot",
	"made", "make", "mani", "new", "rep", "saw", "see", "sen", "st",
	"take", "thing", "think", "took", "use", "want", "way", "well",
	"went", NULL
};

int
english_light(const char *stem)
{
	size_t i;

	for (i = 0; light[i] != NULL; i++)
		if (strcmp(stem, light[i]) == 0)
			return 1;
	return 0;
}

/* Whether byte c is an ASCII letter. */
static int
letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
english_clause_end(const char *s, size_t len)
{
	size_t a = len;

	while (a > 0 && letter(s[a - 1]))
		a--;
	/*
	 * A past participle ends "records showed", "incorrectly identified";
	 * "-eed" and short words are nouns ("speed", "greed", "bed").
	 */
	if (len - a < 5)
		return 0;
	return strncasecmp(s + len - 2, "ed", 2) == 0 &&
	    strncasecmp(s + len - 3, "eed", 3) != 0;
}

/* The longest word the lists hold is shorter than this. */
#define LIST_WORD 32

static int
cmp_word(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

/* Whether s[0 .. len), lower-cased, is in the sorted list. */
static int
listed(const char *const *list, size_t n, const char *s, size_t len)
{
	char w[LIST_WORD];
	size_t i;

	if (len == 0 || len >= sizeof(w))
		return 0;
	for (i = 0; i < len; i++) {
		if (!letter(s[i]))
			return 0;	/* the lists hold words of a-z only */
		w[i] = (char)(s[i] | 0x20);
	}
	w[len] = '\0';
	return bsearch(w, list, n, sizeof(*list), cmp_word) != NULL;
}

int
english_break(const char *s, size_t len)
{
	return listed(english_breaks, english_break_count, s, len);
}

int
english_modifier(const char *s, size_t len)
{
	return listed(english_modifiers, english_modifier_count, s, len);
}

/*
 * Titles written before a name, sorted: "Mr. Goolsby said" in every
 * paragraph of a business story makes "Mr." its commonest word.
 */
static const char *const titles[] = {
	"capt", "col", "dr", "gen", "gov", "lt", "messrs", "mr", "mrs", "ms",
	"prof", "rep", "rev", "sen", "sgt", "sir"
};

/*
 * Written as a title is, a capital then lower case: "MS" is multiple
 * sclerosis, "rev" a verb.
 */
int
english_title(const char *s, size_t len)
{
	size_t i;

	if (len > 1 && s[len - 1] == '.')
		len--;
	if (len < 2 || len > 6 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (i = 1; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return listed(titles, sizeof(titles) / sizeof(titles[0]), s, len);
}
