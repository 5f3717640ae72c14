/*
 * What the shape of an English word tells a key phrase list without a
 * tagger. Other languages get no such rules: there the scores alone
 * decide.
 */
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
