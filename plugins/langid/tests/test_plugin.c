/*
 * The plugin through its descriptor, on the core's own documents: model loading
 * errors, the result object, options, spans, and the shipped model.
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

#include "testhost.h"
#include "tiny_model.h"

extern const lector_plugin lector_plugin_entry;

struct fixture {
	char dir[64];
	char path[96];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t len;
	void *image = tiny_model(&len);
	FILE *fp;

	if (f == NULL || image == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/langid-plugin-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/langid.model", f->dir);
	if ((fp = fopen(f->path, "wb")) == NULL)
		return -1;
	fwrite(image, 1, len, fp);
	fclose(fp);
	free(image);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static json_t *
opts(const char *languages, int min_length)
{
	json_t *o = json_pack("{s:o, s:i}", "languages",
	    json_loads(languages, 0, NULL), "min_length", min_length);

	assert_non_null(o);
	return o;
}

static void *
start(const char *dir, json_t *o)
{
	lector_error err = { "" };
	void *st = NULL;
	int rc = lector_plugin_entry.init(testhost(), o, dir, &st, &err);

	if (rc != LECTOR_OK)
		fail_msg("init: %d %s", rc, err.message);
	return st;
}

/* Annotates text; returns the result, which the caller decrefs. */
static json_t *
run(void *st, const char *text, json_t *o)
{
	lector_doc *d = testhost_doc(text, NULL);
	lector_error err = { "" };
	json_t *result;
	int rc;

	assert_non_null(d);
	testhost_key(d, "language");
	if ((rc = lector_plugin_entry.annotate(st, d, o, &err)) != LECTOR_OK)
		fail_msg("annotate: %d %s", rc, err.message);
	result = json_incref(testhost_get(d, "language"));
	testhost_doc_free(d);
	assert_non_null(result);
	return result;
}

static const char *
code(const json_t *res)
{
	return json_string_value(json_object_get(res, "code"));
}

static void
the_descriptor_is_an_annotator_of_language(void **unused)
{
	const lector_option *o;
	int names = 0;

	(void)unused;
	assert_int_equal(lector_plugin_entry.abi_major, LECTOR_ABI_MAJOR);
	assert_int_equal(lector_plugin_entry.size, sizeof(lector_plugin));
	assert_string_equal(lector_plugin_entry.name, "langid");
	assert_string_equal(lector_plugin_entry.key, "language");
	assert_int_equal(lector_plugin_entry.kind, LECTOR_ANNOTATOR);
	for (o = lector_plugin_entry.options; o->name != NULL; o++)
		names += strcmp(o->name, "languages") == 0 ||
		    strcmp(o->name, "min_length") == 0;
	assert_int_equal(names, 2);
}

static void
a_missing_model_fails_init_with_its_path(void **unused)
{
	lector_error err = { "" };
	json_t *o = opts("[]", 1);
	void *st = NULL;

	(void)unused;
	assert_int_equal(lector_plugin_entry.init(testhost(), o, "/nonexistent",
	    &st, &err), LECTOR_EIO);
	assert_non_null(strstr(err.message, "/nonexistent/langid.model"));
	assert_null(st);
	json_decref(o);
}

static void
a_corrupt_model_fails_init_cleanly(void **state)
{
	struct fixture *f = *state;
	char dir[64], path[96];
	lector_error err = { "" };
	json_t *o = opts("[]", 1);
	void *st = NULL;
	FILE *fp;

	snprintf(dir, sizeof(dir), "/tmp/langid-bad-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/langid.model", dir);
	assert_non_null(fp = fopen(path, "wb"));
	fputs("LCTLANG\nthis is not a model at all, just some bytes that are "
	    "long enough to hold a header of the right size...........", fp);
	fclose(fp);
	assert_int_equal(lector_plugin_entry.init(testhost(), o, dir, &st, &err),
	    LECTOR_EINVAL);
	assert_non_null(strstr(err.message, "langid"));
	assert_non_null(strstr(err.message, "model"));
	unlink(path);
	rmdir(dir);
	json_decref(o);
	(void)f;
}

static void
the_result_has_code_name_script_confidence_alternatives(void **state)
{
	struct fixture *f = *state;
	json_t *o = opts("[]", 1), *res;
	void *st = start(f->dir, o);
	double conf;

	res = run(st, "Все люди рождаются свободными и равными.", o);
	assert_string_equal(code(res), "ru");
	assert_string_equal(json_string_value(json_object_get(res, "iso639_3")), "rus");
	assert_non_null(json_string_value(json_object_get(res, "name")));
	assert_string_equal(json_string_value(json_object_get(res, "script")), "Cyrl");
	conf = json_real_value(json_object_get(res, "confidence"));
	assert_true(conf > 0.5 && conf <= 1.0);
	assert_true(json_is_array(json_object_get(res, "alternatives")));
	assert_null(json_object_get(res, "spans"));
	json_decref(res);

	/* A word both Cyrillic languages have: the other one comes next. */
	res = run(st, "право", o);
	assert_string_equal(code(json_array_get(json_object_get(res,
	    "alternatives"), 0)) ? code(json_array_get(json_object_get(res,
	    "alternatives"), 0)) : "(none)", strcmp(code(res), "ru") == 0 ?
	    "uk" : "ru");
	json_decref(res);
	lector_plugin_entry.fini(st);
	json_decref(o);
}

static void
no_letters_or_too_short_is_und(void **state)
{
	struct fixture *f = *state;
	json_t *o = opts("[]", 1), *longer = opts("[]", 50), *res;
	void *st = start(f->dir, o);

	res = run(st, "+1 (555) 010-2030", o);
	assert_string_equal(code(res), "und");
	assert_string_equal(json_string_value(json_object_get(res, "script")), "Zyyy");
	assert_true(json_real_value(json_object_get(res, "confidence")) == 0.0);
	json_decref(res);
	res = run(st, "", o);
	assert_string_equal(code(res), "und");
	json_decref(res);
	res = run(st, "Alle Menschen sind frei.", longer);
	assert_string_equal(code(res), "und");
	assert_string_equal(json_string_value(json_object_get(res, "script")), "Latn");
	json_decref(res);
	lector_plugin_entry.fini(st);
	json_decref(o);
	json_decref(longer);
}

static void
per_article_languages_restrict_the_answer(void **state)
{
	struct fixture *f = *state;
	json_t *o = opts("[]", 1), *uk = opts("[\"uk\", \"de\"]", 1);
	json_t *none = opts("[\"xx\"]", 1), *res;
	lector_doc *d = testhost_doc("Все люди", NULL);
	lector_error err = { "" };
	void *st = start(f->dir, o);

	res = run(st, "Каждый человек имеет право на свободу.", uk);
	assert_string_equal(code(res), "uk");
	json_decref(res);
	res = run(st, "Каждый человек имеет право на свободу.", o);
	assert_string_equal(code(res), "ru");
	json_decref(res);
	testhost_key(d, "language");
	assert_int_equal(lector_plugin_entry.annotate(st, d, none, &err),
	    LECTOR_EINVAL);
	assert_non_null(strstr(err.message, "languages"));
	assert_null(testhost_get(d, "language"));
	testhost_doc_free(d);
	lector_plugin_entry.fini(st);
	json_decref(o);
	json_decref(uk);
	json_decref(none);
}

static void
unknown_languages_in_the_configuration_fail_init(void **state)
{
	struct fixture *f = *state;
	lector_error err = { "" };
	json_t *o = opts("[\"klingon\"]", 1);
	void *st = NULL;

	assert_int_equal(lector_plugin_entry.init(testhost(), o, f->dir, &st, &err),
	    LECTOR_EINVAL);
	assert_non_null(strstr(err.message, "languages"));
	json_decref(o);
}

static void
a_bilingual_article_gets_spans_in_code_points(void **state)
{
	struct fixture *f = *state;
	json_t *o = opts("[]", 1), *res, *spans;
	const char *text =
	    "Tous les êtres humains naissent libres et égaux en dignité et en droits.\n\n"
	    "Tout individu a droit à la vie, à la liberté et à la sûreté de sa personne.\n\n"
	    "Alle Menschen sind frei und gleich an Würde und Rechten geboren.";
	void *st = start(f->dir, o);

	res = run(st, text, o);
	assert_string_equal(code(res), "fr");
	spans = json_object_get(res, "spans");
	assert_int_equal(json_array_size(spans), 2);
	assert_string_equal(code(json_array_get(spans, 0)), "fr");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(spans, 0), "start")), 0);
	assert_string_equal(code(json_array_get(spans, 1)), "de");
	/* Code points, not bytes: the French has 9 two-byte letters. */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(spans, 1), "start")), 151);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(spans, 1), "end")), 215);
	json_decref(res);
	lector_plugin_entry.fini(st);
	json_decref(o);
}

/* The shipped model on sentences of many languages and scripts. */
static void
the_shipped_model_knows_many_languages(void **unused)
{
	static const char *const cases[][2] = {
		{ "en", "The weather was cold, so we stayed at home and read books all afternoon." },
		{ "fr", "Il faisait froid, alors nous sommes restés à la maison pour lire." },
		{ "de", "Es war kalt, deshalb sind wir zu Hause geblieben und haben gelesen." },
		{ "es", "Hacía frío, así que nos quedamos en casa leyendo toda la tarde." },
		{ "it", "Faceva freddo, quindi siamo rimasti a casa a leggere tutto il pomeriggio." },
		{ "ru", "Было холодно, поэтому мы остались дома и весь день читали книги." },
		{ "el", "Έκανε κρύο, γι' αυτό μείναμε στο σπίτι και διαβάζαμε βιβλία." },
		{ "ja", "寒かったので、私たちは一日中家で本を読んでいました。" },
		{ "ko", "날씨가 추워서 우리는 오후 내내 집에서 책을 읽었습니다." },
		{ "zh", "天气很冷，所以我们整个下午都待在家里看书。" },
		{ "ar", "كان الجو باردا، لذلك بقينا في المنزل وقرأنا الكتب طوال اليوم." },
		{ "he", "היה קר, אז נשארנו בבית וקראנו ספרים כל אחר הצהריים." },
		{ "hi", "ठंड थी, इसलिए हम पूरे दिन घर पर रहे और किताबें पढ़ीं।" },
		{ "th", "อากาศหนาว เราจึงอยู่บ้านและอ่านหนังสือทั้งบ่าย" },
	};
	char dir[4096];
	json_t *o = opts("[]", 1), *res;
	void *st;
	size_t i;

	(void)unused;
	snprintf(dir, sizeof(dir), "%s", LANGID_SHIPPED_MODEL);
	*strrchr(dir, '/') = '\0';
	st = start(dir, o);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		res = run(st, cases[i][1], o);
		if (strcmp(code(res), cases[i][0]) != 0)
			fail_msg("\"%s\": %s, expected %s", cases[i][1], code(res),
			    cases[i][0]);
		json_decref(res);
	}
	lector_plugin_entry.fini(st);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_descriptor_is_an_annotator_of_language),
		cmocka_unit_test(a_missing_model_fails_init_with_its_path),
		cmocka_unit_test(a_corrupt_model_fails_init_cleanly),
		cmocka_unit_test(the_result_has_code_name_script_confidence_alternatives),
		cmocka_unit_test(no_letters_or_too_short_is_und),
		cmocka_unit_test(per_article_languages_restrict_the_answer),
		cmocka_unit_test(unknown_languages_in_the_configuration_fail_init),
		cmocka_unit_test(a_bilingual_article_gets_spans_in_code_points),
		cmocka_unit_test(the_shipped_model_knows_many_languages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
