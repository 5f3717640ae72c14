/*
 * The plugin through its descriptor, on the core's own documents: the model is
 * found in data_dir, the result has the documented shape, the language
 * result picks the tagger (its spans, its alternatives when unsure, rule
 * types only for a language without a model), and a bad model stops init
 * cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <lector/plugin.h>

#include "../scheme.h"
#include "tinymodel.h"
#include "testhost.h"

extern const lector_plugin lector_plugin_entry;

static char dir[64];
static char model_path[128];
static char de_model_path[128];

static void
write_model(int corrupt)
{
	const struct tiny_rule rules[] = {
		{ "Paris", 1 + 4 * NER_LOC + POS_U },
		{ "Hidalgo", 1 + 4 * NER_PER + POS_U },
	};
	unsigned char *buf;
	size_t size;

	assert_int_equal(tiny_model_build(rules, 2, "en", &buf, &size), 0);
	if (corrupt)
		buf[size - 1] ^= 1;
	FILE *f = fopen(model_path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	free(buf);
}

static int
setup(void **unused)
{
	(void)unused;
	snprintf(dir, sizeof(dir), "/tmp/entities-plugin-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(model_path, sizeof(model_path), "%s/entities.model", dir);
	snprintf(de_model_path, sizeof(de_model_path), "%s/entities-de.model",
	    dir);
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	unlink(model_path);
	unlink(de_model_path);
	rmdir(dir);
	return 0;
}

/* A German model that knows "Berlin" and "Hidalgo". */
static void
write_german_model(void)
{
	const struct tiny_rule rules[] = {
		{ "Berlin", 1 + 4 * NER_LOC + POS_U },
		{ "Hidalgo", 1 + 4 * NER_PER + POS_U },
	};
	unsigned char *buf;
	size_t size;

	assert_int_equal(tiny_model_build(rules, 2, "de", &buf, &size), 0);
	FILE *f = fopen(de_model_path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	free(buf);
}

/*
 * Runs the plugin on text with a language result and options (both
 * stolen); the result.
 */
static json_t *
run_opts(const char *text, json_t *language, json_t *opts)
{
	const lector_plugin *p = &lector_plugin_entry;
	json_t *result;
	lector_error err;
	void *state = NULL;
	lector_doc *doc = testhost_doc(text, NULL);

	assert_non_null(doc);
	if (language != NULL)
		testhost_put(doc, "language", language);
	testhost_key(doc, "entities");
	assert_int_equal(p->init(testhost(), opts, dir, &state, &err), LECTOR_OK);
	assert_int_equal(p->annotate(state, doc, opts, &err), LECTOR_OK);
	p->fini(state);
	json_decref(opts);
	result = json_incref(testhost_get(doc, "entities"));
	testhost_doc_free(doc);
	assert_non_null(result);
	return result;
}

/* Runs the plugin on text with a language result (stolen); the result. */
static json_t *
run_with(const char *text, json_t *language)
{
	return run_opts(text, language, json_pack("{s:i}", "max_entities", 0));
}

/* The options as the host gives them when none is set: the defaults. */
static json_t *
default_options(void)
{
	json_t *opts = json_object();

	assert_non_null(opts);
	for (const lector_option *o = lector_plugin_entry.options;
	    o->name != NULL; o++) {
		assert_int_equal(o->type, LECTOR_OPT_INT);
		assert_int_equal(json_object_set_new(opts, o->name,
		    json_integer(strtol(o->default_json, NULL, 10))), 0);
	}
	return opts;
}

static json_t *
run(const char *text, const char *lang)
{
	return run_with(text, lang ? json_pack("{s:s}", "code", lang) : NULL);
}


static json_t *
find(json_t *result, const char *text)
{
	json_t *e;
	size_t i;

	json_array_foreach(result, i, e)
		if (strcmp(json_string_value(json_object_get(e, "text")), text) == 0)
			return e;
	return NULL;
}

static const char *
source_of(json_t *result, const char *text)
{
	json_t *e = find(result, text);

	assert_non_null(e);
	return json_string_value(json_object_get(e, "source"));
}

static void
descriptor_matches_the_abi(void **unused)
{
	const lector_plugin *p = &lector_plugin_entry;
	(void)unused;

	assert_int_equal(p->abi_major, LECTOR_ABI_MAJOR);
	assert_int_equal(p->size, sizeof(lector_plugin));
	assert_string_equal(p->name, "entities");
	assert_string_equal(p->key, "entities");
	assert_int_equal(p->kind, LECTOR_ANNOTATOR);
	assert_string_equal(p->options[0].name, "max_entities");
	assert_string_equal(p->options[1].name, "max_mentions");
	assert_string_equal(p->options[2].name, "max_listed_mentions");
	assert_null(p->options[3].name);
}

static void
english_gets_tagger_and_rules(void **unused)
{
	(void)unused;
	write_model(0);
	json_t *r = run("Anne Hidalgo spoke in Paris on Monday. Hidalgo's plan "
	    "costs $2bn.", "en");

	assert_true(json_is_array(r));
	json_t *paris = find(r, "Paris");
	assert_non_null(paris);
	assert_string_equal(json_string_value(json_object_get(paris, "type")),
	    "LOC");
	assert_string_equal(json_string_value(json_object_get(paris, "source")),
	    "test-tiny");
	json_t *m = json_array_get(json_object_get(paris, "mentions"), 0);
	assert_int_equal(json_integer_value(json_object_get(m, "start")), 22);
	assert_int_equal(json_integer_value(json_object_get(m, "end")), 27);
	/* The possessive is split off, so both mentions are "Hidalgo". */
	json_t *h = find(r, "Hidalgo");
	assert_non_null(h);
	assert_int_equal(json_integer_value(json_object_get(h, "count")), 2);
	assert_non_null(find(r, "Monday"));
	json_t *money = find(r, "$2bn");
	assert_non_null(money);
	assert_string_equal(json_string_value(json_object_get(money, "source")),
	    "rules");
	json_decref(r);
}

/*
 * A long article of distinct names: by default the list keeps the 1,000
 * entities with the most mentions (the busiest, found last, among them)
 * and lists 3,000 mentions in all, however many the article holds.
 */
static void
default_caps_hold_on_a_long_article(void **unused)
{
	(void)unused;
	size_t size = 1 << 20, used = 0;
	char *text = malloc(size);

	assert_non_null(text);
	write_model(0);
	for (int copy = 0; copy < 6; copy++)
		for (int i = 0; i < 1500; i++)
			used += (size_t)snprintf(text + used, size - used,
			    "%d%%. ", i);
	for (int i = 0; i < 20; i++)
		used += (size_t)snprintf(text + used, size - used,
		    "Paris. ");
	assert_true(used < size - 1);
	json_t *r = run_opts(text, json_pack("{s:s}", "code", "en"),
	    default_options());
	json_t *e;
	size_t i, listed = 0;

	assert_int_equal(json_array_size(r), 1000);
	json_array_foreach(r, i, e)
		listed += json_array_size(json_object_get(e, "mentions"));
	assert_int_equal(listed, 3000);
	json_t *paris = json_array_get(r, 999);
	assert_string_equal(json_string_value(json_object_get(paris, "text")),
	    "Paris");
	assert_int_equal(json_integer_value(json_object_get(paris, "count")), 20);
	/* The others kept are the first to appear, all as busy as each other. */
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(r, 998), "text")), "998%");
	json_decref(r);
	free(text);
}

static void
other_languages_get_rules_only(void **unused)
{
	(void)unused;
	write_model(0);
	json_t *r = run("Anne Hidalgo parle \xc3\xa0 Paris le 3 mars 2019, 5%.",
	    "fr");

	json_t *e;
	size_t i;
	assert_true(json_array_size(r) > 0);
	json_array_foreach(r, i, e)
		assert_string_equal(json_string_value(json_object_get(e,
		    "source")), "rules");
	assert_null(find(r, "Paris"));
	assert_null(find(r, "Hidalgo"));
	assert_non_null(find(r, "5%"));
	json_decref(r);
}

static void
a_language_with_a_model_gets_its_tagger(void **unused)
{
	(void)unused;
	write_model(0);
	write_german_model();
	json_t *r = run("Hidalgo sprach in Berlin und Paris.", "de");

	assert_string_equal(source_of(r, "Berlin"), "test-tiny-de");
	assert_string_equal(source_of(r, "Hidalgo"), "test-tiny-de");
	assert_null(find(r, "Paris"));	/* the English model's word */
	json_decref(r);
}

static void
each_span_gets_the_tagger_of_its_language(void **unused)
{
	(void)unused;
	write_model(0);
	write_german_model();
	const char *text = "Anne Hidalgo spoke in Paris.\n\n"
	    "Hidalgo sprach in Berlin.";
	json_t *lang = json_pack("{s:s, s:f, s:[{s:i, s:i, s:s, s:f}]}",
	    "code", "en", "confidence", 1.0, "spans", "start", 30, "end", 55,
	    "code", "de", "confidence", 1.0);
	json_t *r = run_with(text, lang);

	assert_string_equal(source_of(r, "Paris"), "test-tiny");
	assert_string_equal(source_of(r, "Berlin"), "test-tiny-de");
	/* One entity; its German mention names the German model. */
	json_t *h = find(r, "Hidalgo");
	assert_non_null(h);
	assert_string_equal(source_of(r, "Hidalgo"), "test-tiny");
	json_t *m = json_array_get(json_object_get(h, "mentions"), 1);
	assert_non_null(m);
	assert_string_equal(json_string_value(json_object_get(m, "source")),
	    "test-tiny-de");
	json_decref(r);
}

static void
an_unsure_answer_falls_back_to_an_alternative(void **unused)
{
	(void)unused;
	write_model(0);
	write_german_model();
	/* Luxembourgish has no model; its runner-up has. */
	json_t *lang = json_pack("{s:s, s:s, s:f, s:[{s:s, s:f}]}", "code", "lb",
	    "script", "Latn", "confidence", 0.6, "alternatives", "code", "de",
	    "confidence", 0.3);
	json_t *r = run_with("Hidalgo war in Berlin.", lang);

	assert_string_equal(source_of(r, "Berlin"), "test-tiny-de");
	json_decref(r);
}

static void
an_unsure_latin_answer_falls_back_to_english(void **unused)
{
	(void)unused;
	write_model(0);
	json_t *lang = json_pack("{s:s, s:s, s:f, s:[]}", "code", "cs",
	    "script", "Latn", "confidence", 0.7, "alternatives");
	json_t *r = run_with("Hidalgo 2 Paris 1", lang);

	assert_string_equal(source_of(r, "Paris"), "test-tiny");
	json_decref(r);
}

static void
a_table_of_names_in_a_language_without_a_tagger_gets_english(void **unused)
{
	(void)unused;
	write_model(0);
	json_t *lang = json_pack("{s:s, s:s, s:f, s:[]}", "code", "cs",
	    "script", "Latn", "confidence", 0.99, "alternatives");
	json_t *r = run_with("Hidalgo 2 Paris 1\nBerlin 0 Hidalgo 3", lang);

	assert_string_equal(source_of(r, "Paris"), "test-tiny");
	json_decref(r);
	/* Prose in that language keeps the rule types. */
	lang = json_pack("{s:s, s:s, s:f, s:[]}", "code", "cs", "script",
	    "Latn", "confidence", 0.99, "alternatives");
	r = run_with("Hidalgo jel do Paris a pak domu.", lang);
	assert_null(find(r, "Paris"));
	json_decref(r);
}

static void
a_corrupt_language_model_leaves_the_rule_types(void **unused)
{
	(void)unused;
	write_model(0);
	write_german_model();
	FILE *f = fopen(de_model_path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, -1, SEEK_END), 0);
	int last = fgetc(f);
	assert_true(last >= 0);
	assert_int_equal(fseek(f, -1, SEEK_END), 0);
	assert_int_equal(fputc(last ^ 1, f), last ^ 1);
	assert_int_equal(fclose(f), 0);
	/* Mapped on first use, refused (checksum), reported once: rules. */
	json_t *r = run("Hidalgo sprach in Berlin am 3. März 2019.", "de");
	assert_null(find(r, "Berlin"));
	assert_string_equal(source_of(r, "3. M\xc3\xa4rz 2019"), "rules");
	json_decref(r);
}

static void
a_corrupt_model_fails_init_with_a_reason(void **unused)
{
	const lector_plugin *p = &lector_plugin_entry;
	lector_error err;
	void *state = NULL;
	(void)unused;

	write_model(1);
	assert_int_equal(p->init(testhost(), NULL, dir, &state, &err), LECTOR_EIO);
	assert_non_null(strstr(err.message, "checksum"));
	assert_null(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(descriptor_matches_the_abi),
		cmocka_unit_test(english_gets_tagger_and_rules),
		cmocka_unit_test(default_caps_hold_on_a_long_article),
		cmocka_unit_test(other_languages_get_rules_only),
		cmocka_unit_test(a_language_with_a_model_gets_its_tagger),
		cmocka_unit_test(each_span_gets_the_tagger_of_its_language),
		cmocka_unit_test(an_unsure_answer_falls_back_to_an_alternative),
		cmocka_unit_test(an_unsure_latin_answer_falls_back_to_english),
		cmocka_unit_test(
		    a_table_of_names_in_a_language_without_a_tagger_gets_english),
		cmocka_unit_test(a_corrupt_language_model_leaves_the_rule_types),
		cmocka_unit_test(a_corrupt_model_fails_init_with_a_reason),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
