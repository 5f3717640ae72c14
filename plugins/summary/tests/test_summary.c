/*
 * The summary plugin: boilerplate skipping, sentence scoring, redundancy
 * control, length options and per-article overrides, and the result a
 * user sees, on small hand-made documents through the test host.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "boiler.h"
#include "testhost.h"
#include "summary.h"
#include "terms.h"
#include "stories.h"

extern const lector_plugin lector_plugin_entry;

/* A story whose second sentence states what the others elaborate. */
static const char story[] =
    "Rain fell on the town overnight.\n\n"
    "The river flood closed the bridge, and the flood water reached homes "
    "near the river bank.\n\n"
    "Firefighters pumped flood water from homes along the river bank all "
    "morning.\n\n"
    "The mayor said the bridge over the river would stay closed until the "
    "flood water drops.\n\n"
    "A local bakery celebrated its fiftieth birthday with free cakes.\n";

static enum boiler_reason
check(const char *text)
{
	lector_doc *doc = testhost_doc(text, NULL);
	const lector_span *s;
	const lector_token *tok;
	size_t n, ntok, bytes;
	enum boiler_reason r;

	assert_non_null(doc);
	s = testhost()->sentences(doc, &n);
	tok = testhost()->tokens(doc, &ntok);
	assert_true(n >= 1);
	r = boiler_check(testhost()->text(doc, &bytes), &s[0], tok, 1);
	testhost_doc_free(doc);
	return r;
}

static void
boilerplate_lines_are_recognised(void **unused)
{
	(void)unused;
	assert_int_equal(check("To contact the newsroom, write to the desk today."),
	    BOILER_PHRASE);
	assert_int_equal(check("Click here to read the whole report on the floods."),
	    BOILER_PHRASE);
	assert_int_equal(check("Copyright 2024 The Daily Example, all rights reserved."),
	    BOILER_PHRASE);
	assert_int_equal(check("By Jane Smith and Ali Khan"), BOILER_BYLINE);
	assert_int_equal(check("Firefighters at work on the flooded high street"),
	    BOILER_LINE);
	assert_int_equal(check("Write to news@example.org with your own story."),
	    BOILER_LINK);
	assert_int_equal(check("Heavy rain."), BOILER_SHORT);
	assert_int_equal(check("By noon the water had reached the town hall steps."),
	    BOILER_NONE);
	assert_int_equal(check("Firefighters worked through the night to pump water."),
	    BOILER_NONE);
}

static void *
plugin_init(json_t **opts)
{
	lector_error err;
	void *state = NULL;

	*opts = json_pack("{s:i, s:f}", "sentences", 3, "ratio", 0.0);
	assert_int_equal(lector_plugin_entry.init(testhost(), *opts, ".", &state,
	    &err), LECTOR_OK);
	return state;
}

/* Runs the plugin on text with options; returns the result (caller owns). */
static json_t *
summarise(void *state, const char *text, const char *title, json_t *opts,
    const char *lang)
{
	lector_doc *doc = testhost_doc(text, title);
	lector_error err;
	json_t *res;

	assert_non_null(doc);
	if (lang != NULL)
		testhost_put(doc, "language", json_pack("{s:s}", "code", lang));
	testhost_key(doc, "summary");
	assert_int_equal(lector_plugin_entry.annotate(state, doc, opts, &err),
	    LECTOR_OK);
	res = json_incref(testhost_get(doc, "summary"));
	testhost_doc_free(doc);
	assert_non_null(res);
	return res;
}

static json_t *
with(const char *name, json_t *value)
{
	json_t *o = json_pack("{s:i, s:f}", "sentences", 3, "ratio", 0.0);

	json_object_set_new(o, name, value);
	return o;
}

static size_t
picked(json_t *res)
{
	return json_array_size(json_object_get(res, "sentences"));
}

static void
result_is_in_article_order_with_true_offsets(void **unused)
{
	json_t *opts, *res, *s;
	void *state = plugin_init(&opts);
	size_t i, j, start, end, prev = 0;
	const char *text;
	char *joined;

	(void)unused;
	res = summarise(state, story, NULL, opts, "en");
	assert_int_equal(picked(res), 3);
	json_array_foreach(json_object_get(res, "sentences"), i, s) {
		start = (size_t)json_integer_value(json_object_get(s, "start"));
		end = (size_t)json_integer_value(json_object_get(s, "end"));
		text = json_string_value(json_object_get(s, "text"));
		assert_true(i == 0 || start > prev);
		prev = start;
		/* The story is ASCII: code points are bytes. */
		assert_int_equal(end - start, strlen(text));
		assert_memory_equal(story + start, text, end - start);
		assert_true(json_is_number(json_object_get(s, "score")));
	}
	/* "text" is the sentences joined by single spaces. */
	joined = calloc(1, strlen(story) + 1);
	json_array_foreach(json_object_get(res, "sentences"), j, s) {
		if (j > 0)
			strcat(joined, " ");
		strcat(joined, json_string_value(json_object_get(s, "text")));
	}
	assert_string_equal(json_string_value(json_object_get(res, "text")), joined);
	free(joined);
	json_decref(res);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static int
picks(json_t *res, const char *needle)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(res, "sentences"), i, s)
		if (strstr(json_string_value(json_object_get(s, "text")), needle))
			return 1;
	return 0;
}

static void
central_sentence_beats_off_topic_one(void **unused)
{
	json_t *opts, *res, *one = with("sentences", json_integer(1));
	void *state = plugin_init(&opts);

	(void)unused;
	res = summarise(state, story, NULL, one, "en");
	assert_int_equal(picked(res), 1);
	assert_true(picks(res, "The river flood closed the bridge"));
	json_decref(res);
	res = summarise(state, story, NULL, opts, "en");
	assert_false(picks(res, "bakery"));
	json_decref(res);
	json_decref(one);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
title_tips_the_balance(void **unused)
{
	/* Two sentences alike in all but topic; the title names one topic. */
	static const char text[] =
	    "The council met on Monday to discuss the budget for next year.\n\n"
	    "Members debated school funding for an hour in the main chamber.\n\n"
	    "Members debated road repairs for an hour in the main chamber.\n";
	json_t *opts, *res, *one = with("sentences", json_integer(1));
	void *state = plugin_init(&opts);
	struct summary_state *st = state;

	(void)unused;
	/* Position and centrality off: only the title can decide. */
	st->weights.position = 0;
	st->weights.centrality = 0;
	st->weights.frequency = 0;
	res = summarise(state, text, "Council argues over road repairs", one, "en");
	assert_true(picks(res, "road repairs"));
	json_decref(res);
	res = summarise(state, text, "Council argues over school funding", one, "en");
	assert_true(picks(res, "school funding"));
	json_decref(res);
	json_decref(one);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
entities_named_often_lift_their_sentences(void **unused)
{
	static const char text[] =
	    "Members debated school funding for an hour in the main chamber.\n\n"
	    "Members debated road repairs for an hour in the main chamber.\n";
	json_t *opts, *res, *one = with("sentences", json_integer(1));
	void *state = plugin_init(&opts);
	struct summary_state *st = state;
	lector_doc *doc;
	lector_error err;

	(void)unused;
	st->weights.position = 0;
	st->weights.centrality = 0;
	st->weights.frequency = 0;
	/* "road repairs" (offsets 81..93) named twice by the entities result. */
	doc = testhost_doc(text, NULL);
	testhost_put(doc, "entities", json_pack("[{s:s, s:[{s:i, s:i}, {s:i, s:i}]}]",
	    "text", "road repairs", "mentions", "start", 81, "end", 93,
	    "start", 81, "end", 93));
	testhost_key(doc, "summary");
	assert_int_equal(lector_plugin_entry.annotate(state, doc, one, &err),
	    LECTOR_OK);
	res = testhost_get(doc, "summary");
	assert_true(picks(res, "road repairs"));
	testhost_doc_free(doc);
	json_decref(one);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
redundancy_control_skips_repeats(void **unused)
{
	/* The lead repeated word for word later: MMR must not take both. */
	static const char text[] =
	    "The central bank raised interest rates to fight rising prices.\n\n"
	    "Shops reported weaker sales of furniture and cars in the spring.\n\n"
	    "The central bank raised interest rates to fight rising prices.\n\n"
	    "Economists expect the bank to pause its rate rises in the autumn.\n";
	json_t *opts, *res, *two = with("sentences", json_integer(2));
	void *state = plugin_init(&opts);
	json_t *s;
	size_t i, n = 0;

	(void)unused;
	res = summarise(state, text, NULL, two, "en");
	assert_int_equal(picked(res), 2);
	json_array_foreach(json_object_get(res, "sentences"), i, s)
		n += strstr(json_string_value(json_object_get(s, "text")),
		    "raised interest rates") != NULL;
	assert_int_equal(n, 1);
	json_decref(res);
	json_decref(two);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
boilerplate_is_never_picked(void **unused)
{
	/* The furniture repeats the article's words; it must still lose. */
	static const char text[] =
	    "By Jane Smith\n\n"
	    "The river flood closed the bridge and flood water reached homes.\n\n"
	    "Firefighters pumped flood water from homes by the river.\n\n"
	    "Click here for river flood water updates on homes and the bridge.\n\n"
	    "To contact us about the river flood, write to the bridge desk.\n";
	json_t *opts, *res, *all = with("sentences", json_integer(10));
	void *state = plugin_init(&opts);

	(void)unused;
	res = summarise(state, text, NULL, all, "en");
	assert_int_equal(picked(res), 2);
	assert_false(picks(res, "Click here"));
	assert_false(picks(res, "To contact"));
	assert_false(picks(res, "Jane Smith"));
	json_decref(res);
	json_decref(all);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
length_follows_sentences_and_ratio(void **unused)
{
	json_t *o = json_pack("{s:i, s:f}", "sentences", 2, "ratio", 0.0);

	(void)unused;
	assert_int_equal(summary_length(o, 10), 2);
	assert_int_equal(summary_length(o, 1), 1);
	json_object_set_new(o, "ratio", json_real(0.5));
	assert_int_equal(summary_length(o, 10), 5);	/* ratio wins */
	json_object_set_new(o, "ratio", json_real(0.01));
	assert_int_equal(summary_length(o, 10), 1);	/* never empty */
	assert_int_equal(summary_length(o, 0), 0);
	json_decref(o);
}

static void
per_article_options_change_the_length(void **unused)
{
	json_t *opts, *res, *o;
	void *state = plugin_init(&opts);

	(void)unused;
	o = with("sentences", json_integer(1));
	res = summarise(state, story, NULL, o, "en");
	assert_int_equal(picked(res), 1);
	json_decref(res);
	json_decref(o);
	o = with("sentences", json_integer(4));
	res = summarise(state, story, NULL, o, "en");
	assert_int_equal(picked(res), 4);
	json_decref(res);
	json_decref(o);
	o = with("ratio", json_real(0.4));
	res = summarise(state, story, NULL, o, "en");
	assert_int_equal(picked(res), 2);	/* 40% of 5 candidates */
	json_decref(res);
	json_decref(o);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
empty_and_tiny_documents_give_empty_summaries(void **unused)
{
	json_t *opts, *res;
	void *state = plugin_init(&opts);

	(void)unused;
	res = summarise(state, "", NULL, opts, NULL);
	assert_int_equal(picked(res), 0);
	assert_string_equal(json_string_value(json_object_get(res, "text")), "");
	json_decref(res);
	res = summarise(state, "Hello.", NULL, opts, NULL);
	assert_int_equal(picked(res), 0);
	json_decref(res);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
unspaced_scripts_are_scored_too(void **unused)
{
	json_t *opts, *res, *s;
	void *state = plugin_init(&opts);
	size_t i;

	(void)unused;
	res = summarise(state, zh_story, NULL, opts, "zh");
	assert_int_equal(picked(res), 3);
	/* Centrality from character bigrams, not position alone. */
	json_array_foreach(json_object_get(res, "sentences"), i, s)
		assert_true(json_real_value(json_object_get(s, "score")) > 0.5);
	json_decref(res);
	json_decref(opts);
	lector_plugin_entry.fini(state);
}

static void
position_prior_falls_with_index(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 1; i < 40; i++)
		assert_true(rank_position_prior(i, 40) <= rank_position_prior(i - 1, 40));
	assert_true(rank_position_prior(0, 40) > 1.5 * rank_position_prior(5, 40));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boilerplate_lines_are_recognised),
		cmocka_unit_test(result_is_in_article_order_with_true_offsets),
		cmocka_unit_test(central_sentence_beats_off_topic_one),
		cmocka_unit_test(title_tips_the_balance),
		cmocka_unit_test(entities_named_often_lift_their_sentences),
		cmocka_unit_test(redundancy_control_skips_repeats),
		cmocka_unit_test(boilerplate_is_never_picked),
		cmocka_unit_test(length_follows_sentences_and_ratio),
		cmocka_unit_test(per_article_options_change_the_length),
		cmocka_unit_test(empty_and_tiny_documents_give_empty_summaries),
		cmocka_unit_test(unspaced_scripts_are_scored_too),
		cmocka_unit_test(position_prior_falls_with_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
