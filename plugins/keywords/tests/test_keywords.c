/*
 * The keywords plugin: phrases merged by stem, multi-word phrases, no
 * stopword-only or number-only phrases, the count option, and stemming by
 * the document's language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "testhost.h"
#include "candidates.h"
#include "lang.h"
#include "stories.h"

extern const lector_plugin lector_plugin_entry;

static const char story[] =
    "Inspectors visited the nuclear enrichment facilities near the coast "
    "on Monday.\n\n"
    "The sanctions were imposed in 2019, and sanctions relief is now on "
    "the table.\n\n"
    "Officials said the nuclear enrichment facilities had been expanded "
    "since the sanction was first discussed.\n\n"
    "A report on the nuclear enrichment facilities is due in 2025, "
    "officials said.\n\n"
    "It is what it is, and that is that, they said in 2025.\n";

/*
 * Runs the plugin on text with the given options (count, max_words) and,
 * when not NULL, a language code and an entities result (taken).
 */
static json_t *
keywords_with(const char *text, const char *lang, json_t *opts,
    json_t *entities)
{
	json_t *res;
	lector_doc *doc = testhost_doc(text, NULL);
	lector_error err;
	void *state;

	assert_non_null(doc);
	assert_int_equal(lector_plugin_entry.init(testhost(), opts, ".", &state,
	    &err), LECTOR_OK);
	if (lang != NULL)
		testhost_put(doc, "language", json_pack("{s:s}", "code", lang));
	if (entities != NULL)
		testhost_put(doc, "entities", entities);
	testhost_key(doc, "keywords");
	assert_int_equal(lector_plugin_entry.annotate(state, doc, opts, &err),
	    LECTOR_OK);
	res = json_incref(testhost_get(doc, "keywords"));
	assert_true(json_is_array(res));
	lector_plugin_entry.fini(state);
	testhost_doc_free(doc);
	json_decref(opts);
	return res;
}

static json_t *
keywords(const char *text, const char *lang, int count)
{
	return keywords_with(text, lang, json_pack("{s:i, s:i}", "count", count,
	    "max_words", 4), NULL);
}

static json_t *
find(json_t *res, const char *text)
{
	json_t *k;
	size_t i;

	json_array_foreach(res, i, k)
		if (strcasecmp(json_string_value(json_object_get(k, "text")), text) == 0)
			return k;
	return NULL;
}

static void
inflections_merge_into_one_phrase(void **unused)
{
	json_t *res = keywords(story, "en", 10), *k, *s;
	size_t i, n = 0;

	(void)unused;
	json_array_foreach(res, i, k) {
		const char *t = json_string_value(json_object_get(k, "text"));
		n += strncasecmp(t, "sanction", 8) == 0;
	}
	assert_int_equal(n, 1);
	s = find(res, "sanctions");
	assert_non_null(s);
	assert_int_equal(json_integer_value(json_object_get(s, "count")), 3);
	json_decref(res);
}

static void
repeated_phrases_come_whole_and_first(void **unused)
{
	json_t *res = keywords(story, "en", 10), *k;

	(void)unused;
	k = find(res, "nuclear enrichment facilities");
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 3);
	/* Its parts are not listed again. */
	assert_null(find(res, "nuclear"));
	assert_null(find(res, "enrichment facilities"));
	/* The best phrase scores 1 and scores never rise down the list. */
	assert_true(json_real_value(json_object_get(json_array_get(res, 0),
	    "score")) == 1.0);
	json_decref(res);
}

/*
 * A phrase said once counts where an article names its topics, the lead;
 * said once further down, it is only a phrase, and its words count alone.
 */
static void
a_phrase_said_once_counts_in_the_lead_only(void **unused)
{
	json_t *res = keywords("Coral reef bleaching is spreading across the "
	    "Pacific. Scientists counted the damage. Divers reported the "
	    "losses.\n\nLater, workers at the harbour watched. They began a "
	    "paper mill strike on Monday. Nobody left.", "en", 100);

	(void)unused;
	assert_non_null(find(res, "Coral reef bleaching"));
	assert_null(find(res, "coral"));
	assert_non_null(find(res, "mill"));
	assert_null(find(res, "paper mill strike"));
	assert_null(find(res, "paper mill"));
	assert_null(find(res, "mill strike"));
	json_decref(res);
}

static void assert_no_fragments(json_t *res);

/* How many listed phrases have several words. */
static size_t
count_multi(json_t *res)
{
	json_t *k;
	size_t i, n = 0;

	json_array_foreach(res, i, k)
		n += strchr(json_string_value(json_object_get(k, "text")), ' ') !=
		    NULL;
	return n;
}

/*
 * Three in ten listed are phrases of several words when there are some,
 * though ten single words said three times score higher; a short list
 * stays with the best, and the phrases taken share no word.
 */
static void
a_list_of_ten_holds_phrases_of_several_words(void **unused)
{
	static const char text[] =
	    "Farmers met in the village. A drought relief fund and an "
	    "irrigation canal project were discussed. Nobody objected to the "
	    "seed loan scheme. Farmers said the rain was late. Rain fell "
	    "again, and rain is rare. Farmers want water. Water is scarce, "
	    "and water is dear. Prices rose. Prices of grain rose. Prices "
	    "fell. Grain is sold at the market. Grain was cheap. The market "
	    "opened. The market closed. Officials came. Officials promised "
	    "help. Officials left. Help was slow. Help came late. Teachers "
	    "joined. Teachers marched. Teachers sang. Doctors joined. Doctors "
	    "spoke. Doctors left.";
	json_t *res = keywords(text, "en", 10), *first;
	const char *t;
	size_t i;

	(void)unused;
	assert_int_equal(json_array_size(res), 10);
	assert_true(count_multi(res) >= 3);
	/* Words said often still come first. */
	first = json_array_get(res, 0);
	t = json_string_value(json_object_get(first, "text"));
	assert_null(strchr(t, ' '));
	assert_int_equal(json_integer_value(json_object_get(first, "count")), 3);
	assert_no_fragments(res);
	assert_false(find(res, "drought relief") != NULL &&
	    find(res, "relief fund") != NULL);
	/* Scores never rise down the list. */
	for (i = 1; i < json_array_size(res); i++)
		assert_true(json_real_value(json_object_get(json_array_get(res,
		    i), "score")) <= json_real_value(json_object_get(
		    json_array_get(res, i - 1), "score")));
	json_decref(res);

	res = keywords(text, "en", 3);
	assert_int_equal(count_multi(res), 0);
	json_decref(res);
}

/*
 * A listed word said often grows into the phrase that holds a third of
 * its uses when the list lacks phrases: "tour" said six times, two of
 * them as "summer tour", is listed as "summer tour", in its place.
 */
static void
a_listed_word_grows_into_its_phrase(void **unused)
{
	static const char text[] =
	    "The band met in Leeds. The summer tour was announced. Fans "
	    "cheered the summer tour. The tour starts in June. The tour ends "
	    "in May. The tour visits Spain. The tour sold out. Prices rose. "
	    "Prices of tickets rose. Prices fell. Officials came. Officials "
	    "promised help. Officials went home. Drummers joined. Drummers "
	    "played. Drummers rested. Singers joined. Singers sang. Singers "
	    "rested. Doctors came. Doctors spoke. Doctors waited. Critics "
	    "wrote. Critics praised it. Critics waited. Workers built the "
	    "stage. Workers rested. Workers waited. Guards watched. Guards "
	    "waited. Guards slept.";
	json_t *res = keywords(text, "en", 10), *first;

	(void)unused;
	assert_null(find(res, "tour"));
	first = json_array_get(res, 0);
	assert_string_equal(json_string_value(json_object_get(first, "text")),
	    "summer tour");
	assert_int_equal(json_integer_value(json_object_get(first, "count")), 2);
	assert_no_fragments(res);
	json_decref(res);
}

/*
 * In English, a light word ("new", "like") is no key phrase alone, though
 * said most; inside a phrase it stays ("new stadium").
 */
static void
english_light_words_are_no_phrase_alone(void **unused)
{
	static const char text[] =
	    "New rules were like the old ones. The new stadium opened. The "
	    "new stadium was like a cathedral. Critics like it. New fans like "
	    "it. The new owners like the new stadium, and new seats came. The "
	    "club said the new stadium cost more. Fans like new things.";
	json_t *res = keywords(text, "en", 100);

	(void)unused;
	assert_non_null(find(res, "new stadium"));
	assert_null(find(res, "new"));
	assert_null(find(res, "like"));
	json_decref(res);
}

/* A run of words ending on a past participle is a clause, not a term. */
static void
english_clause_ends_on_a_participle(void **unused)
{
	(void)unused;
	assert_true(english_clause_end("records showed", 14));
	assert_true(english_clause_end("incorrectly identified", 22));
	assert_true(english_clause_end("prices RISED", 12));
	assert_false(english_clause_end("nuclear weapons", 15));
	assert_false(english_clause_end("high speed", 10));
	assert_false(english_clause_end("flower bed", 10));
	assert_false(english_clause_end("tool shed", 9));
	assert_false(english_clause_end("", 0));
}

/* The last word of a listed phrase, into w (room for size bytes). */
static void
last_word(json_t *k, char *w, size_t size)
{
	const char *t = json_string_value(json_object_get(k, "text"));
	const char *last = strrchr(t, ' ');

	snprintf(w, size, "%s", last != NULL ? last + 1 : t);
}

/*
 * An English verb or adverb ends a phrase: a name followed by its verb
 * ("Kim Jong Un met") is the name, never the name and the verb. The word
 * lists are learnt from tagged news (english_breaks.c).
 */
static void
an_english_verb_ends_a_phrase(void **unused)
{
	static const char text[] =
	    "Kim Jong Un met the envoys in Pyongyang. Later Kim Jong Un met "
	    "reporters. The envoys left early. Kim Jong Un met nobody else "
	    "that week, aides said. The envoys also spoke to the army.";
	json_t *res = keywords(text, "en", 100), *k;
	char w[64];
	size_t i;

	(void)unused;
	assert_true(english_break("met", 3));
	assert_true(english_break("Also", 4));
	assert_false(english_break("summit", 6));
	assert_false(english_break("United", 6));
	assert_non_null(find(res, "Kim Jong Un"));
	json_array_foreach(res, i, k) {
		last_word(k, w, sizeof(w));
		assert_string_not_equal(w, "met");
		assert_string_not_equal(w, "also");
	}
	json_decref(res);
}

/*
 * An English phrase ends on its noun: an adjective or a gerund stays
 * inside a phrase ("nuclear talks") and is no phrase alone ("second",
 * "nuclear"), however often it is said.
 */
static void
an_english_phrase_ends_on_its_noun(void **unused)
{
	static const char text[] =
	    "Nuclear talks began in Hanoi. The threat is nuclear, envoys "
	    "say. The danger stays nuclear. Hanoi came second in the vote. "
	    "The plan came second again. Officials fear the risk is nuclear. "
	    "Nuclear talks ended in Hanoi. The envoys finished second.";
	json_t *res = keywords(text, "en", 100), *k;
	char w[64];
	size_t i;

	(void)unused;
	assert_true(english_modifier("nuclear", 7));
	assert_true(english_modifier("Second", 6));
	assert_false(english_modifier("summit", 6));
	assert_false(english_modifier("north", 5));
	assert_non_null(find(res, "nuclear talks"));
	assert_null(find(res, "second"));
	assert_null(find(res, "nuclear"));
	json_array_foreach(res, i, k) {
		last_word(k, w, sizeof(w));
		assert_false(english_modifier(w, strlen(w)));
	}
	json_decref(res);
}

/*
 * An adjective after a noun starts another phrase: a noun phrase is its
 * modifiers, then its nouns, so "government nuclear programme" said
 * whole three times is "nuclear programme", not one run.
 */
static void
an_adjective_after_a_noun_starts_a_phrase(void **unused)
{
	static const char text[] =
	    "Envoys discussed the government nuclear programme in Hanoi. "
	    "The government nuclear programme worries the region. "
	    "Inspectors will visit the government nuclear programme soon.";
	json_t *res = keywords(text, "en", 100), *k;
	size_t i;

	(void)unused;
	assert_false(english_modifier("government", 10));
	assert_non_null(find(res, "nuclear programme"));
	json_array_foreach(res, i, k)
		assert_null(strstr(json_string_value(json_object_get(k, "text")),
		    "government nuclear"));
	json_decref(res);
}

/*
 * A title before a name is no key phrase and ends one: "Mr." said in
 * every paragraph of a business story is not listed, nor "Former Rep.".
 */
static void
a_title_is_no_phrase(void **unused)
{
	static const char text[] =
	    "Mr. Goolsby said the job market would help Mr. Obama. Mr. "
	    "Goolsby also warned that jobs were scarce. Former Rep. Heather "
	    "Wilson said Rep. Smith would run. Mr. Goolsby left.";
	json_t *res = keywords(text, "en", 100), *k;
	size_t i;

	(void)unused;
	assert_true(english_title("Mr.", 3));
	assert_true(english_title("Sen", 3));
	assert_false(english_title("MS", 2));
	assert_false(english_title("rev", 3));
	assert_false(english_title("Mrs.x", 5));
	assert_false(english_title("St.", 3));
	assert_non_null(find(res, "Goolsby"));
	json_array_foreach(res, i, k) {
		const char *t = json_string_value(json_object_get(k, "text"));
		assert_null(strstr(t, "Mr."));
		assert_null(strstr(t, "Rep."));
	}
	json_decref(res);
}

/*
 * A news agency's credit is no topic: "(AP)" after the dateline and
 * "(CBS/AP)" opening the story are not listed, though written with
 * capitals in the first sentences; a name explained in parentheses
 * ("(NATO) said") is no credit.
 */
static void
an_agency_credit_is_no_phrase(void **unused)
{
	static const char text[] =
	    "LOS ANGELES (AP) \xe2\x80\x94 The North Atlantic Treaty "
	    "Organization (NATO) said envoys met in Brussels.\n\n"
	    "(CBS/AP) NATO envoys met again.\n\n"
	    "The envoys and NATO agreed on the budget.\n";
	json_t *res = keywords(text, "en", 100);

	(void)unused;
	assert_non_null(find(res, "NATO"));
	assert_null(find(res, "AP"));
	assert_null(find(res, "CBS"));
	json_decref(res);
}

/*
 * A word common in all news weighs less than a rare one said as often:
 * "people" and "hurricane" are said in the same sentences, "people"
 * first, so only their specificity (specific.c) puts "hurricane" ahead.
 */
static void
a_common_word_loses_to_a_rare_one(void **unused)
{
	static const char text[] =
	    "Of the people, of the hurricane. And the people, and the "
	    "hurricane. For the people, for the hurricane.";
	const struct specific_table *en = specific_for("english");
	json_t *res = keywords(text, "en", 10);

	(void)unused;
	assert_non_null(en);
	assert_true(specific_of(en, "peopl", 5) < specific_of(en, "hurrican", 8));
	assert_true(specific_of(en, "zzqxv", 5) == 1);
	assert_true(specific_of(NULL, "peopl", 5) == 1);
	assert_null(specific_for("klingon"));
	assert_true(json_array_size(res) >= 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(res, 0), "text")), "hurricane");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(res, 1), "text")), "people");
	json_decref(res);
}

/*
 * Where every noun has a capital (German), a phrase of several words
 * ends on a noun: "neuen Bahnhof", never "Bahnhof eroffnet".
 */
static void
a_german_phrase_ends_on_a_noun(void **unused)
{
	static const char text[] =
	    "Die Stadt feiert den neuen Bahnhof. Gestern hat der "
	    "Buergermeister den neuen Bahnhof eroeffnet. Viele Menschen "
	    "besuchten den neuen Bahnhof. Die Zuege fahren puenktlich ab. "
	    "Der Buergermeister lobte die Zuege. Der Bahnhof eroeffnet neue "
	    "Wege. Die Menschen feiern.";
	json_t *res = keywords(text, "de", 100), *k;
	size_t i;

	(void)unused;
	assert_non_null(find(res, "neuen Bahnhof"));
	json_array_foreach(res, i, k) {
		const char *t = json_string_value(json_object_get(k, "text"));
		const char *last = strrchr(t, ' ');
		if (last != NULL)
			assert_true(isupper((unsigned char)last[1]));
	}
	assert_null(find(res, "Bahnhof eroeffnet"));
	json_decref(res);
}

static void
no_stopword_or_number_only_phrases(void **unused)
{
	struct langs ls;
	const struct lang *en;
	json_t *res = keywords(story, "en", 100), *k;
	size_t i;
	double prev = 2;

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	en = langs_get(&ls, "en");
	assert_true(json_array_size(res) > 3);
	json_array_foreach(res, i, k) {
		const char *t = json_string_value(json_object_get(k, "text"));
		double score = json_real_value(json_object_get(k, "score"));
		char low[128];
		size_t j;
		int digits = 1;
		for (j = 0; t[j]; j++) {
			low[j] = (char)tolower((unsigned char)t[j]);
			if (!(t[j] >= '0' && t[j] <= '9') && t[j] != ' ')
				digits = 0;
		}
		low[j] = '\0';
		assert_false(digits);
		assert_false(lang_is_stop(en, low));
		assert_true(strstr(low, "2025") == NULL);
		assert_true(score <= prev);
		prev = score;
	}
	json_decref(res);
	langs_free(&ls);
}

static void
count_option_bounds_the_list(void **unused)
{
	json_t *res = keywords(story, "en", 2);

	(void)unused;
	assert_int_equal(json_array_size(res), 2);
	json_decref(res);
	res = keywords("", "en", 10);
	assert_int_equal(json_array_size(res), 0);
	json_decref(res);
}

static void
language_picks_the_stemmer(void **unused)
{
	static const char fr[] =
	    "Le gouvernement a présenté un budget rigoureux.\n\n"
	    "Les gouvernements voisins ont salué le budget.\n\n"
	    "Selon le gouvernement, le budget sera voté en mars.\n";
	json_t *res = keywords(fr, "fr", 10), *k;

	(void)unused;
	k = find(res, "gouvernement");
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 3);
	assert_null(find(res, "gouvernements"));
	assert_null(find(res, "le"));
	json_decref(res);
	/* With a language we cannot stem, the two forms stay apart. */
	res = keywords(fr, "zz", 10);
	assert_non_null(find(res, "gouvernement"));
	json_decref(res);
}

static void
unspaced_scripts_give_repeated_bigrams(void **unused)
{
	json_t *res = keywords(zh_story, "zh", 10), *k;
	size_t i;

	(void)unused;
	k = find(res, "\xe8\xa7\x84\xe5\xae\x9a");	/* "rules", five times */
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 5);
	json_array_foreach(res, i, k)
		assert_true(json_integer_value(json_object_get(k, "count")) >= 2);
	json_decref(res);
}

static char *
read_data(const char *name)
{
	char path[512];
	FILE *f;
	long n;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The lowercase words of s, one space apart, in out. */
static void
words_of(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	int gap = 0;

	for (; *s && n + 2 < cap; s++) {
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80) {
			if (gap && n > 0)
				out[n++] = ' ';
			out[n++] = (char)tolower((unsigned char)*s);
			gap = 0;
		} else {
			gap = 1;
		}
	}
	out[n] = '\0';
}

/* Whether the words of a are whole words inside those of b. */
static int
fragment_of(const char *a, const char *b)
{
	char wa[256], wb[256];
	const char *at;
	size_t la;

	words_of(a, wa, sizeof(wa));
	words_of(b, wb, sizeof(wb));
	la = strlen(wa);
	for (at = strstr(wb, wa); at != NULL; at = strstr(at + 1, wa))
		if ((at == wb || at[-1] == ' ') && (at[la] == ' ' || at[la] == '\0'))
			return 1;
	return 0;
}

static void
assert_no_fragments(json_t *res)
{
	json_t *a, *b;
	size_t i, j;

	json_array_foreach(res, i, a)
		json_array_foreach(res, j, b)
			if (i != j && fragment_of(json_string_value(
			    json_object_get(a, "text")), json_string_value(
			    json_object_get(b, "text")))) {
				fail_msg("'%s' is a fragment of '%s'",
				    json_string_value(json_object_get(a, "text")),
				    json_string_value(json_object_get(b, "text")));
			}
}

static void
names_come_whole_on_the_sample_article(void **unused)
{
	char *text = read_data("seed-article.txt");
	json_t *res = keywords(text, "en", 10);

	(void)unused;
	assert_non_null(find(res, "North Korea"));
	assert_non_null(find(res, "United States"));
	assert_null(find(res, "North"));
	assert_null(find(res, "Korea"));
	assert_null(find(res, "States"));
	assert_no_fragments(res);
	json_decref(res);
	free(text);
}

/*
 * A mention of each occurrence of name in text, by code point offsets,
 * but those that are the end of a longer name (after "Angela ").
 */
static void
add_mentions(json_t *mentions, const char *text, const char *name,
    const char *not_after)
{
	const char *at;
	size_t skip = not_after ? strlen(not_after) : 0;

	for (at = strstr(text, name); at != NULL; at = strstr(at + 1, name)) {
		size_t start = 0, k;
		if (skip > 0 && (size_t)(at - text) >= skip &&
		    memcmp(at - skip, not_after, skip) == 0)
			continue;
		for (k = 0; text + k < at; k++)
			start += ((unsigned char)text[k] & 0xc0) != 0x80;
		json_array_append_new(mentions, json_pack("{s:I, s:I, s:s}",
		    "start", (json_int_t)start, "end",
		    (json_int_t)(start + strlen(name)), "text", name));
	}
}

static void
an_entity_is_one_phrase_with_its_aliases(void **unused)
{
	static const char text[] =
	    "Angela Merkel met the president in Paris on Monday.\n\n"
	    "Merkel said the talks on trade had gone well.\n\n"
	    "The president thanked Merkel for the visit, and trade was the "
	    "main subject.\n\n"
	    "Merkel will return to Berlin tomorrow, officials said.\n";
	json_t *mentions = json_array(), *ents, *dates = json_array(), *res, *k;

	(void)unused;
	add_mentions(mentions, text, "Angela Merkel", NULL);
	add_mentions(mentions, text, "Merkel", "Angela ");
	add_mentions(dates, text, "Monday", NULL);
	ents = json_pack("[{s:s, s:s, s:o}, {s:s, s:s, s:o}]",
	    "text", "Angela Merkel", "type", "PERSON", "mentions", mentions,
	    "text", "Monday", "type", "DATE", "mentions", dates);
	res = keywords_with(text, "en", json_pack("{s:i}", "count", 10), ents);
	/* One phrase for all four mentions, shown as the commonest name. */
	k = find(res, "Merkel");
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 4);
	assert_null(find(res, "Angela Merkel"));
	assert_null(find(res, "Angela"));
	assert_null(find(res, "Monday"));	/* a date is no topic */
	assert_no_fragments(res);
	json_decref(res);
}

/*
 * An entity whose full name is said twice is shown by it, as a reader
 * would write it down, though a shorter name is said more often.
 */
static void
an_entity_is_shown_by_its_full_name_said_twice(void **unused)
{
	static const char text[] =
	    "The United States and China met in Geneva.\n\n"
	    "The US said the talks went well.\n\n"
	    "China thanked the US for the visit.\n\n"
	    "The United States will host the next round, the US said.\n";
	json_t *mentions = json_array(), *ents, *res, *k;

	(void)unused;
	add_mentions(mentions, text, "United States", NULL);
	add_mentions(mentions, text, "US", NULL);
	ents = json_pack("[{s:s, s:s, s:o}]", "text", "United States", "type",
	    "LOC", "mentions", mentions);
	res = keywords_with(text, "en", json_pack("{s:i}", "count", 10), ents);
	k = find(res, "United States");
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 5);
	assert_null(find(res, "US"));
	assert_no_fragments(res);
	json_decref(res);
}

/*
 * A mention may end on the article's last byte, a one-byte punctuation
 * mark: whether it joins a name is read from that byte alone (the build
 * with AddressSanitizer catches a read past the text).
 */
static void
a_mention_may_end_on_the_last_byte(void **unused)
{
	static const char text[] =
	    "Talks with Jones went on.\n\nThe talks ended with Jones \"";
	json_t *mentions = json_array(), *ents, *res;
	size_t end = strlen(text);

	(void)unused;
	add_mentions(mentions, text, "Jones went", NULL);
	json_array_append_new(mentions, json_pack("{s:I, s:I, s:s}", "start",
	    (json_int_t)(end - 7), "end", (json_int_t)end, "text", "Jones \""));
	ents = json_pack("[{s:s, s:s, s:o}]", "text", "Jones", "type",
	    "PERSON", "mentions", mentions);
	res = keywords_with(text, "en", json_pack("{s:i}", "count", 10), ents);
	assert_non_null(find(res, "talks"));
	json_decref(res);
}

static void
phrases_in_other_languages(void **unused)
{
	static const char fr[] =
	    "La réforme de l'assurance chômage entre en vigueur lundi.\n\n"
	    "Les syndicats jugent l'assurance chômage trop sévère pour les "
	    "jeunes.\n\n"
	    "Le gouvernement défend une assurance chômage plus simple.\n";
	static const char es[] =
	    "El banco central subió los tipos de interés.\n\n"
	    "Según el banco central, la inflación bajará en otoño.\n\n"
	    "Los mercados esperaban la decisión del banco central.\n";
	static const char de[] =
	    "Die nukleare Abr\xc3\xbcstung bleibt ein Thema der Regierung.\n\n"
	    "Kritiker sagen, die nukleare Abr\xc3\xbcstung komme zu langsam "
	    "voran.\n\n"
	    "Die Regierung verteidigt ihre Pl\xc3\xa4ne zur nuklearen "
	    "Abr\xc3\xbcstung.\n";
	json_t *res, *k;

	(void)unused;
	res = keywords(fr, "fr", 10);
	assert_non_null(find(res, "assurance chômage"));
	assert_null(find(res, "chômage"));
	assert_no_fragments(res);
	json_decref(res);
	res = keywords(es, "es", 10);
	assert_non_null(find(res, "banco central"));
	assert_null(find(res, "banco"));
	assert_no_fragments(res);
	json_decref(res);
	/* Every German noun has a capital: no name boundary before it. */
	res = keywords(de, "de", 10);
	k = find(res, "nukleare Abr\xc3\xbcstung");
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 3);
	assert_no_fragments(res);
	json_decref(res);
}

static void
format_characters_are_not_shown(void **unused)
{
	/* U+2066 ... U+2069 around a name, U+200B and U+200E after it. */
	static const char text[] =
	    "Talks at \xe2\x81\xa6Yongbyon\xe2\x81\xa9 ended early.\n\n"
	    "The Yongbyon\xe2\x80\x8b site is old, and \xef\xbb\xbfYongbyon "
	    "still runs.\n\n"
	    "Inspectors never reached Yongbyon\xe2\x80\x8e again.\n";
	json_t *res = keywords(text, "en", 10), *k;
	size_t i;

	(void)unused;
	k = find(res, "Yongbyon");
	assert_non_null(k);
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 4);
	json_array_foreach(res, i, k) {
		const char *t = json_string_value(json_object_get(k, "text"));
		assert_null(strstr(t, "\xe2\x81"));
		assert_null(strstr(t, "\xe2\x80\x8b"));
		assert_null(strstr(t, "\xe2\x80\x8e"));
		assert_null(strstr(t, "\xef\xbb\xbf"));
	}
	json_decref(res);
}

/* A phrase wrapped over two lines is shown on one, one space between words. */
static void
a_wrapped_phrase_is_shown_on_one_line(void **unused)
{
	json_t *res = keywords("Inspectors visited the nuclear\nenrichment "
	    "plant on Monday. The nuclear\r\n  enrichment plant was closed. "
	    "Officials said the nuclear\nenrichment plant would reopen.", "en",
	    10), *k;

	(void)unused;
	k = json_array_get(res, 0);
	assert_string_equal(json_string_value(json_object_get(k, "text")),
	    "nuclear enrichment plant");
	assert_int_equal(json_integer_value(json_object_get(k, "count")), 3);
	json_decref(res);
}

static void
max_words_bounds_phrase_length(void **unused)
{
	json_t *res = keywords_with(story, "en", json_pack("{s:i, s:i}",
	    "count", 10, "max_words", 1), NULL), *k;
	size_t i;

	(void)unused;
	assert_true(json_array_size(res) > 0);
	json_array_foreach(res, i, k)
		assert_null(strchr(json_string_value(json_object_get(k, "text")),
		    ' '));
	json_decref(res);
}

/*
 * The candidate table's room is asked for whole (its pages are touched
 * only as phrases come): many phrases fill it without a copy, which would
 * leave the smaller arrays freed beside it, and every phrase keeps its
 * count.
 */
static void
candidate_table_grows_with_distinct_phrases(void **unused)
{
	static const char text[] = "some words";
	struct table t;
	struct where w = { 0, 0, 0, 4, 1, 0 };
	struct phrase *p;
	int32_t id[2];
	size_t first;
	const struct phrase *room;
	int i;

	(void)unused;
	assert_int_equal(table_init(&t), LECTOR_OK);
	first = t.cap;
	assert_int_equal(first, PHRASE_CANDIDATES);
	for (i = 0; i < 10000; i++) {
		id[0] = i % 2;
		w.sentence = (uint32_t)i;
		assert_non_null(table_add(&t, text, id, 1, &w));
	}
	assert_int_equal(t.n, 2);
	assert_int_equal(t.cap, first);
	assert_int_equal(table_lookup(&t, id, 1)->count, 5000);
	table_free(&t);

	assert_int_equal(table_init(&t), LECTOR_OK);
	room = t.p;
	for (i = 0; i < 10000; i++) {
		id[0] = i;
		id[1] = i + 1;
		assert_non_null(table_add(&t, text, id, 2, &w));
	}
	id[0] = 7;
	id[1] = 8;
	assert_non_null(table_add(&t, text, id, 2, &w));
	assert_int_equal(t.n, 10000);
	assert_int_equal(t.cap, first);
	assert_ptr_equal(t.p, room);
	assert_int_equal(sizeof(struct phrase_form), 12);
	assert_true(t.nslots >= 2 * t.n);
	assert_false(t.nomem);
	for (i = 0; i < 10000; i++) {
		id[0] = i;
		id[1] = i + 1;
		p = table_lookup(&t, id, 2);
		assert_non_null(p);
		assert_int_equal(p->count, i == 7 ? 2 : 1);
	}
	table_free(&t);
}

/*
 * A full table drops the n-grams seen least to take new ones (lossy
 * counting): it stays within PHRASE_CANDIDATES, the phrases said often
 * keep their counts, and the latest phrase is in it.
 */
static void
a_full_candidate_table_drops_the_phrases_seen_least(void **unused)
{
	static const char text[] = "some words";
	struct table t;
	struct where w = { 0, 0, 0, 4, 1, 0 };
	struct phrase *p;
	int32_t id[2] = { 0, 0 };
	int i;

	(void)unused;
	assert_int_equal(table_init(&t), LECTOR_OK);
	for (i = 0; i < 100000; i++) {
		id[0] = 1000 + i;
		assert_non_null(table_add(&t, text, id, 2, &w));
		assert_true(t.n <= PHRASE_CANDIDATES);
		if (i % 4 == 0) {
			id[0] = i / 4 % 10;
			assert_non_null(table_add(&t, text, id, 1, &w));
		}
	}
	assert_int_equal(t.cap, PHRASE_CANDIDATES);
	assert_false(t.nomem);
	for (i = 0; i < 10; i++) {
		id[0] = i;
		p = table_lookup(&t, id, 1);
		assert_non_null(p);
		assert_int_equal(p->count, 2500);
	}
	id[0] = 1000 + 99999;
	assert_non_null(table_lookup(&t, id, 2));
	id[0] = 1000;
	assert_null(table_lookup(&t, id, 2));
	table_free(&t);
}

/*
 * Names are never dropped; a table full of them grows rather than being
 * scanned for room at every new n-gram, which would make time quadratic.
 */
static void
a_table_full_of_names_grows(void **unused)
{
	static const char text[] = "some words";
	struct table t;
	struct where w = { 0, 0, 0, 4, 1, 0 };
	struct phrase *p;
	int32_t id[1];
	int i;

	(void)unused;
	assert_int_equal(table_init(&t), LECTOR_OK);
	for (i = 0; i < (int)PHRASE_CANDIDATES; i++) {
		id[0] = i;
		p = table_add(&t, text, id, 1, &w);
		assert_non_null(p);
		p->entity = 1;
	}
	assert_int_equal(t.n, PHRASE_CANDIDATES);
	assert_int_equal(t.cap, PHRASE_CANDIDATES);
	id[0] = -1;
	assert_non_null(table_add(&t, text, id, 1, &w));
	assert_true(t.cap > PHRASE_CANDIDATES);
	assert_int_equal(t.n, PHRASE_CANDIDATES + 1);
	for (i = 0; i < (int)PHRASE_CANDIDATES; i++) {
		id[0] = i;
		p = table_lookup(&t, id, 1);
		assert_non_null(p);
		assert_true(p->entity);
	}
	table_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inflections_merge_into_one_phrase),
		cmocka_unit_test(repeated_phrases_come_whole_and_first),
		cmocka_unit_test(a_phrase_said_once_counts_in_the_lead_only),
		cmocka_unit_test(a_list_of_ten_holds_phrases_of_several_words),
		cmocka_unit_test(a_listed_word_grows_into_its_phrase),
		cmocka_unit_test(english_light_words_are_no_phrase_alone),
		cmocka_unit_test(english_clause_ends_on_a_participle),
		cmocka_unit_test(an_english_verb_ends_a_phrase),
		cmocka_unit_test(an_english_phrase_ends_on_its_noun),
		cmocka_unit_test(a_german_phrase_ends_on_a_noun),
		cmocka_unit_test(no_stopword_or_number_only_phrases),
		cmocka_unit_test(count_option_bounds_the_list),
		cmocka_unit_test(language_picks_the_stemmer),
		cmocka_unit_test(unspaced_scripts_give_repeated_bigrams),
		cmocka_unit_test(names_come_whole_on_the_sample_article),
		cmocka_unit_test(an_entity_is_one_phrase_with_its_aliases),
		cmocka_unit_test(an_entity_is_shown_by_its_full_name_said_twice),
		cmocka_unit_test(a_mention_may_end_on_the_last_byte),
		cmocka_unit_test(phrases_in_other_languages),
		cmocka_unit_test(format_characters_are_not_shown),
		cmocka_unit_test(a_wrapped_phrase_is_shown_on_one_line),
		cmocka_unit_test(max_words_bounds_phrase_length),
		cmocka_unit_test(candidate_table_grows_with_distinct_phrases),
		cmocka_unit_test(
		    a_full_candidate_table_drops_the_phrases_seen_least),
		cmocka_unit_test(a_table_full_of_names_grows),
		cmocka_unit_test(an_adjective_after_a_noun_starts_a_phrase),
		cmocka_unit_test(a_common_word_loses_to_a_rare_one),
		cmocka_unit_test(a_title_is_no_phrase),
		cmocka_unit_test(an_agency_credit_is_no_phrase),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
