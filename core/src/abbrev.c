/*
 * Short lists beat clever rules here: news text uses a few dozen
 * abbreviations, and a wrong sentence break in "Mr. Smith" costs more than
 * a missed break after a rare one.
 */
#include <string.h>

#include "abbrev.h"

struct abbrev {
	const char *word;
	enum abbrev_kind kind;
};

static const struct abbrev abbrevs[] = {
	{ "Mr", ABBREV_TITLE }, { "Mrs", ABBREV_TITLE }, { "Ms", ABBREV_TITLE },
	{ "Dr", ABBREV_TITLE }, { "Prof", ABBREV_TITLE }, { "St", ABBREV_TITLE },
	{ "Gen", ABBREV_TITLE }, { "Sen", ABBREV_TITLE }, { "Rep", ABBREV_TITLE },
	{ "Gov", ABBREV_TITLE }, { "Lt", ABBREV_TITLE }, { "Col", ABBREV_TITLE },
	{ "Capt", ABBREV_TITLE }, { "Sgt", ABBREV_TITLE }, { "Rev", ABBREV_TITLE },
	{ "Hon", ABBREV_TITLE }, { "Mt", ABBREV_TITLE }, { "Ft", ABBREV_TITLE },
	{ "Pres", ABBREV_TITLE }, { "Adm", ABBREV_TITLE }, { "Maj", ABBREV_TITLE },
	{ "Cpl", ABBREV_TITLE }, { "Det", ABBREV_TITLE }, { "Insp", ABBREV_TITLE },
	{ "Supt", ABBREV_TITLE }, { "Fr", ABBREV_TITLE }, { "Cmdr", ABBREV_TITLE },
	{ "Messrs", ABBREV_TITLE }, { "Mme", ABBREV_TITLE }, { "Mlle", ABBREV_TITLE },
	{ "Hr", ABBREV_TITLE }, { "Sra", ABBREV_TITLE },
	{ "Sr", ABBREV_OTHER }, { "Jr", ABBREV_OTHER },
	{ "Jan", ABBREV_NUMBER }, { "Feb", ABBREV_NUMBER }, { "Mar", ABBREV_NUMBER },
	{ "Apr", ABBREV_NUMBER }, { "Jun", ABBREV_NUMBER }, { "Jul", ABBREV_NUMBER },
	{ "Aug", ABBREV_NUMBER }, { "Sep", ABBREV_NUMBER }, { "Sept", ABBREV_NUMBER },
	{ "Oct", ABBREV_NUMBER }, { "Nov", ABBREV_NUMBER }, { "Dec", ABBREV_NUMBER },
	{ "No", ABBREV_NUMBER }, { "Nos", ABBREV_NUMBER }, { "no", ABBREV_NUMBER },
	{ "Vol", ABBREV_NUMBER }, { "vol", ABBREV_NUMBER }, { "p", ABBREV_NUMBER },
	{ "pp", ABBREV_NUMBER }, { "Fig", ABBREV_NUMBER }, { "fig", ABBREV_NUMBER },
	{ "Art", ABBREV_NUMBER }, { "art", ABBREV_NUMBER }, { "ch", ABBREV_NUMBER },
	{ "approx", ABBREV_NUMBER }, { "ca", ABBREV_NUMBER }, { "c", ABBREV_NUMBER },
	{ "Inc", ABBREV_OTHER }, { "Corp", ABBREV_OTHER }, { "Ltd", ABBREV_OTHER },
	{ "Co", ABBREV_OTHER }, { "Bros", ABBREV_OTHER }, { "Plc", ABBREV_OTHER },
	{ "plc", ABBREV_OTHER }, { "LLC", ABBREV_OTHER }, { "Dept", ABBREV_OTHER },
	{ "Univ", ABBREV_OTHER }, { "Ave", ABBREV_OTHER }, { "Blvd", ABBREV_OTHER },
	{ "Rd", ABBREV_OTHER }, { "vs", ABBREV_OTHER }, { "etc", ABBREV_OTHER },
	{ "al", ABBREV_OTHER }, { "cf", ABBREV_OTHER }, { "est", ABBREV_OTHER },
	{ "Nr", ABBREV_NUMBER }, { "bzw", ABBREV_OTHER }, { "usw", ABBREV_OTHER },
	{ "ggf", ABBREV_OTHER }, { "Str", ABBREV_OTHER }, { "Abs", ABBREV_NUMBER },
	{ "Av", ABBREV_OTHER }, { "Sta", ABBREV_TITLE }, { "Sto", ABBREV_TITLE },
};

static const char *const openers[] = {
	"A", "After", "Also", "An", "And", "As", "At", "But", "By", "For",
	"He", "Her", "His", "However", "I", "If", "In", "It", "Its",
	"Meanwhile", "Mr.", "Mrs.", "Ms.", "Dr.", "On", "Our", "She",
	"So", "That", "The", "Their", "There", "These", "They", "This",
	"Those", "We", "When", "While", "With", "Yet", "You"
};

enum abbrev_kind
abbrev_lookup(const char *word, size_t len)
{
	if (len == 0 || len > 6)
		return ABBREV_NONE;
	for (size_t i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++)
		if (abbrevs[i].word[0] == word[0] &&
		    strncmp(abbrevs[i].word, word, len) == 0 &&
		    abbrevs[i].word[len] == '\0')
			return abbrevs[i].kind;
	return ABBREV_NONE;
}

int
abbrev_is_sentence_opener(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		if (strlen(openers[i]) == len && memcmp(openers[i], word, len) == 0)
			return 1;
	return 0;
}
