/* Option declarations, defaults, and refusals that name the JSON path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

static const lector_option decl[] = {
	{ "sentences", LECTOR_OPT_INT, "3", "how many", 1, 1e9 },
	{ "ratio", LECTOR_OPT_NUMBER, "0.2", "share", 0, 1 },
	{ "stem", LECTOR_OPT_BOOL, "true", "stem words", 0, 0 },
	{ "languages", LECTOR_OPT_STRINGS, "[]", "candidates", 0, 0 },
	{ "model", LECTOR_OPT_STRING, "\"en\"", "model name", 0, 0 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static json_t *
resolve(const char *given_json, char *err, size_t errlen)
{
	json_t *given = json_loads(given_json, 0, NULL);
	json_t *out = options_resolve(decl, NULL, given, "plugins.summary", err,
	    errlen);

	json_decref(given);
	return out;
}

static void
test_defaults_fill_what_is_not_given(void **unused)
{
	char err[256];
	json_t *o = resolve("{\"sentences\": 5}", err, sizeof(err));

	(void)unused;
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "sentences")), 5);
	assert_true(json_number_value(json_object_get(o, "ratio")) == 0.2);
	assert_true(json_is_true(json_object_get(o, "stem")));
	assert_string_equal(json_string_value(json_object_get(o, "model")), "en");
	json_decref(o);
}

static void
expect_refusal(const char *given, const char *message)
{
	char err[256] = "";
	json_t *o = resolve(given, err, sizeof(err));

	assert_null(o);
	assert_string_equal(err, message);
}

static void
test_refusals_name_the_path(void **unused)
{
	(void)unused;
	expect_refusal("{\"sentences\": 0}",
	    "plugins.summary.sentences: expected a positive integer");
	expect_refusal("{\"sentences\": \"5\"}",
	    "plugins.summary.sentences: expected a positive integer");
	expect_refusal("{\"ratio\": 1.5}",
	    "plugins.summary.ratio: expected a number from 0 to 1");
	expect_refusal("{\"stem\": 1}", "plugins.summary.stem: expected true or false");
	expect_refusal("{\"languages\": [\"en\", 3]}",
	    "plugins.summary.languages: expected an array of strings");
	expect_refusal("{\"sentense\": 3}", "plugins.summary.sentense: unknown "
	    "option (known: sentences, ratio, stem, languages, model)");
}

static void
test_overrides_lay_over_a_base(void **unused)
{
	char err[256];
	json_t *base = resolve("{\"sentences\": 4, \"stem\": false}", err, sizeof(err));
	json_t *given = json_loads("{\"sentences\": 7}", 0, NULL);
	json_t *o = options_resolve(decl, base, given, "options.summary", err,
	    sizeof(err));

	(void)unused;
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "sentences")), 7);
	assert_true(json_is_false(json_object_get(o, "stem")));
	assert_int_equal(json_integer_value(json_object_get(base, "sentences")), 4);
	json_decref(o);
	json_decref(given);
	json_decref(base);
}

static void
test_bad_declared_default_is_caught(void **unused)
{
	const lector_option bad[] = {
		{ "n", LECTOR_OPT_INT, "\"three\"", "n", 1, 10 },
		{ NULL, 0, NULL, NULL, 0, 0 }
	};
	char err[256];

	(void)unused;
	assert_int_equal(options_check_declarations(decl, "x", err, sizeof(err)), 0);
	assert_int_equal(options_check_declarations(bad, "x.so", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "x.so: option n: default \"three\""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_fill_what_is_not_given),
		cmocka_unit_test(test_refusals_name_the_path),
		cmocka_unit_test(test_overrides_lay_over_a_base),
		cmocka_unit_test(test_bad_declared_default_is_caught),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
