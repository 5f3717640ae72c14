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
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "testhost.h"
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

static json_t *
keywords(const char *text, const char *lang, int count)
{
	json_t *opts = json_pack("{s:i}", "count", count), *res;
	lector_doc *doc = testhost_doc(text, NULL);
	lector_error err;
	void *state;

	assert_non_null(doc);
	assert_int_equal(lector_plugin_entry.init(testhost(), opts, ".", &state,
	    &err), LECTOR_OK);
	if (lang != NULL)
		testhost_put(doc, "language", json_pack("{s:s}", "code", lang));
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inflections_merge_into_one_phrase),
		cmocka_unit_test(repeated_phrases_come_whole_and_first),
		cmocka_unit_test(no_stopword_or_number_only_phrases),
		cmocka_unit_test(count_option_bounds_the_list),
		cmocka_unit_test(language_picks_the_stemmer),
		cmocka_unit_test(unspaced_scripts_give_repeated_bigrams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
