/*
 * Identification on a small model: no letters, one word, mixed scripts,
 * restricted candidates, minimum length, and runs in another language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../identify.h"
#include "tiny_model.h"

struct fixture {
	void *image;
	size_t len;
	model m;
	identifier id;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	if (f == NULL || (f->image = tiny_model(&f->len)) == NULL ||
	    model_check(&f->m, f->image, f->len, err, sizeof(err)) < 0 ||
	    identifier_init(&f->id, &f->m) < 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	identifier_free(&f->id);
	model_close(&f->m);
	free(f->image);
	free(f);
	return 0;
}

/* The code of the answer for one paragraph, "und" if none. */
static const char *
answer_with(identifier *id, const model *m, const char *text,
    uint32_t min_letters, detect_result *r)
{
	identify_para p = { text, strlen(text), 0, 0 };
	identify_span *spans;
	size_t n;

	assert_int_equal(identify(id, &p, 1, min_letters, r, &spans, &n), 0);
	assert_null(spans);
	return r->n ? model_lang_code(m, r->lang[0]) : "und";
}

static const char *
answer(struct fixture *f, const char *text, uint32_t min_letters,
    detect_result *r)
{
	return answer_with(&f->id, &f->m, text, min_letters, r);
}

static void
sentences_get_their_language(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	assert_string_equal(answer(f, "Everyone has the right to a fair trial.", 1, &r), "en");
	assert_int_equal(r.script, SCRIPT_LATN);
	assert_true(r.prob[0] > 0.5f && r.prob[0] <= 1.0f);
	assert_string_equal(answer(f, "Tout individu a droit à la liberté.", 1, &r), "fr");
	assert_string_equal(answer(f, "Jeder hat das Recht auf Freiheit.", 1, &r), "de");
	assert_string_equal(answer(f, "Каждый человек имеет право на свободу.", 1, &r), "ru");
	assert_string_equal(answer(f, "Кожна людина має право на свободу.", 1, &r), "uk");
	assert_string_equal(answer(f, "すべての人間は自由である。", 1, &r), "ja");
	assert_int_equal(r.script, SCRIPT_JPAN);
}

static void
alternatives_are_ranked_and_sum_to_at_most_one(void **state)
{
	struct fixture *f = *state;
	detect_result r;
	float sum = 0.0f;
	int k;

	answer(f, "Все люди", 1, &r);
	assert_true(r.n >= 2);	/* Russian and Ukrainian share the script */
	for (k = 0; k < r.n; k++) {
		sum += r.prob[k];
		if (k > 0)
			assert_true(r.prob[k] <= r.prob[k - 1]);
	}
	assert_true(sum <= 1.0001f);
}

static void
a_leader_with_its_own_temperature_needs_a_wider_margin(void **state)
{
	struct fixture *f = *state;
	const char *shared = "свобода";	/* neither says it: close in both */
	const char *other = "Jeder hat das Recht";
	char *copy = malloc(f->len), err[256];
	struct model_lang *langs;
	detect_result before, after;
	identifier id;
	uint32_t leader;
	model m;

	assert_non_null(copy);
	answer(f, shared, 1, &before);
	assert_true(before.n >= 2 && before.prob[0] < 0.99f);
	leader = before.lang[0];

	/* The leader, when it leads, at four times the common temperature. */
	memcpy(copy, f->image, f->len);
	langs = (struct model_lang *)(copy + f->m.hdr->langs_off);
	langs[leader].temperature = 4.0f * f->m.hdr->temperature;
	build_set_temperature(copy, f->len, f->m.hdr->temperature);
	assert_int_equal(model_check(&m, copy, f->len, err, sizeof(err)), 0);
	assert_int_equal(identifier_init(&id, &m), 0);

	/* Same answer, same ranking, less sure of it. */
	answer_with(&id, &m, shared, 1, &after);
	assert_int_equal(after.lang[0], leader);
	assert_int_equal(after.lang[1], before.lang[1]);
	assert_true(after.prob[0] < before.prob[0]);
	assert_true(after.prob[1] > before.prob[1]);

	/* Another leader keeps the common temperature. */
	assert_string_equal(answer(f, other, 1, &before), "de");
	assert_string_equal(answer_with(&id, &m, other, 1, &after), "de");
	assert_true(after.prob[0] == before.prob[0]);

	identifier_free(&id);
	model_close(&m);
	free(copy);
}

static void
a_runner_up_with_its_own_temperature_leaves_more_doubt(void **state)
{
	struct fixture *f = *state;
	const char *shared = "свобода";
	char *copy = malloc(f->len), err[256];
	struct model_lang *langs;
	detect_result before, after;
	identifier id;
	model m;

	assert_non_null(copy);
	answer(f, shared, 1, &before);
	assert_true(before.n >= 2);

	/*
	 * The runner-up, a language whose own answers need a wide margin:
	 * the margin over it is no surer a sign than its own would be.
	 */
	memcpy(copy, f->image, f->len);
	langs = (struct model_lang *)(copy + f->m.hdr->langs_off);
	langs[before.lang[1]].temperature = 4.0f * f->m.hdr->temperature;
	build_set_temperature(copy, f->len, f->m.hdr->temperature);
	assert_int_equal(model_check(&m, copy, f->len, err, sizeof(err)), 0);
	assert_int_equal(identifier_init(&id, &m), 0);

	answer_with(&id, &m, shared, 1, &after);
	assert_int_equal(after.lang[0], before.lang[0]);
	assert_int_equal(after.lang[1], before.lang[1]);
	assert_true(after.prob[0] < before.prob[0]);

	/* A pair without it keeps the common temperature. */
	assert_string_equal(answer(f, "Jeder hat das Recht", 1, &before), "de");
	assert_true(before.lang[1] != after.lang[1]);
	assert_string_equal(answer_with(&id, &m, "Jeder hat das Recht", 1,
	    &after), "de");
	assert_true(after.prob[0] == before.prob[0]);

	identifier_free(&id);
	model_close(&m);
	free(copy);
}

static void
text_without_letters_is_undetermined(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	assert_string_equal(answer(f, "", 1, &r), "und");
	assert_string_equal(answer(f, "12:45 -- 3.14 %!? ...", 1, &r), "und");
	assert_int_equal(r.script, SCRIPT_NONE);
	assert_int_equal(r.letters, 0);
}

static void
two_words_are_not_one_said_twice(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	/* The two words share a bit of their hashes' old 256-bit map. */
	assert_string_not_equal(answer(f, "restaurant for", 1, &r), "und");
	assert_string_not_equal(answer(f, "for restaurant", 1, &r), "und");
	/* One word said over and over still is. */
	assert_string_equal(answer(f, "buffalo buffalo buffalo", 1, &r), "und");
	assert_string_equal(answer(f, "Menschen Menschen", 1, &r), "und");
	/* A word of two letters between them is another word. */
	assert_string_equal(answer(f, "Menschen an Menschen", 1, &r), "de");
}

static void
one_word_is_enough_when_it_is_telling(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	assert_string_equal(answer(f, "Menschen", 1, &r), "de");
	assert_string_equal(answer(f, "человек", 1, &r), "ru");
}

static void
a_script_no_language_has_is_undetermined_but_named(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	/* The small model has no Greek. */
	assert_string_equal(answer(f, "Όλοι οι άνθρωποι γεννιούνται ελεύθεροι", 1, &r), "und");
	assert_int_equal(r.script, SCRIPT_GREK);
}

static void
han_without_kana_has_japanese_among_its_candidates(void **state)
{
	struct fixture *f = *state;
	const char *only_en[] = { "en" };
	detect_result r;

	/*
	 * The small model has no Chinese: Japanese, which writes Han too, is
	 * the one candidate, and the script stays the text's.
	 */
	assert_string_equal(answer(f, "人人生而自由", 1, &r), "ja");
	assert_int_equal(r.script, SCRIPT_HANI);
	assert_int_equal(r.letters, 6);
	/* Restricted to languages without it: none. */
	assert_int_equal(identifier_restrict(&f->id, only_en, 1), 1);
	assert_string_equal(answer(f, "人人生而自由", 1, &r), "und");
	identifier_restrict(&f->id, NULL, 0);
}

static void
mixed_scripts_are_decided_by_the_main_one(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	assert_string_equal(answer(f, "Все люди рождаются свободными (all human "
	    "beings), и равными в правах.", 1, &r), "ru");
	assert_string_equal(answer(f, "The word свобода means freedom and "
	    "liberty for everyone.", 1, &r), "en");
}

static void
below_the_minimum_length_is_undetermined(void **state)
{
	struct fixture *f = *state;
	detect_result r;

	assert_string_equal(answer(f, "Menschen", 20, &r), "und");
	assert_int_equal(r.letters, 8);
	assert_string_equal(answer(f, "Alle Menschen sind frei und gleich", 20, &r), "de");
}

static void
candidates_can_be_restricted(void **state)
{
	struct fixture *f = *state;
	const char *only_uk[] = { "uk" }, *by_iso3[] = { "rus", "fra" };
	const char *unknown[] = { "xx" };
	detect_result r;

	assert_int_equal(identifier_restrict(&f->id, only_uk, 1), 1);
	assert_string_equal(answer(f, "Каждый человек имеет право на свободу.", 1, &r), "uk");
	assert_string_equal(answer(f, "Everyone has the right to life.", 1, &r), "und");
	assert_int_equal(identifier_restrict(&f->id, by_iso3, 2), 2);
	assert_string_equal(answer(f, "Кожна людина має право", 1, &r), "ru");
	assert_int_equal(identifier_restrict(&f->id, unknown, 1), 0);
	assert_int_equal(identifier_restrict(&f->id, NULL, 0), 0);
	assert_string_equal(answer(f, "Кожна людина має право на свободу.", 1, &r), "uk");
}

static void
paragraphs_in_another_language_make_spans(void **state)
{
	struct fixture *f = *state;
	const char *en1 = "All human beings are born free and equal in dignity and rights.";
	const char *en2 = "Everyone has the right to life, liberty and security of person.";
	const char *fr = "Tous les êtres humains naissent libres et égaux en dignité et en droits.";
	identify_para p[3] = {
		{ en1, strlen(en1), 0, 64 },
		{ en2, strlen(en2), 66, 129 },
		{ fr, strlen(fr), 131, 200 },
	};
	identify_span *spans;
	detect_result r;
	size_t n;

	assert_int_equal(identify(&f->id, p, 3, 1, &r, &spans, &n), 0);
	assert_string_equal(model_lang_code(&f->m, r.lang[0]), "en");
	assert_non_null(spans);
	assert_int_equal(n, 2);
	assert_int_equal(spans[0].start, 0);
	assert_int_equal(spans[0].end, 129);
	assert_string_equal(model_lang_code(&f->m, spans[0].lang), "en");
	assert_int_equal(spans[1].start, 131);
	assert_int_equal(spans[1].end, 200);
	assert_string_equal(model_lang_code(&f->m, spans[1].lang), "fr");
	free(spans);

	/* One language throughout: no spans. */
	assert_int_equal(identify(&f->id, p, 2, 1, &r, &spans, &n), 0);
	assert_null(spans);
	assert_int_equal(n, 0);
}

static void
a_long_article_is_sampled_but_keeps_its_spans(void **state)
{
	struct fixture *f = *state;
	const char *en = "Everyone has the right to life, liberty and security of person.";
	const char *fr = "Tout individu a droit à la vie, à la liberté et à la sûreté de sa personne.";
	identify_para p[81];
	identify_span *spans;
	detect_result r;
	size_t n, i;

	/* Eighty English paragraphs: far more than is read in full. */
	for (i = 0; i < 80; i++) {
		p[i].text = en;
		p[i].len = strlen(en);
		p[i].start = (uint32_t)(i * 100);
		p[i].end = (uint32_t)(i * 100 + 64);
	}
	p[80].text = fr;
	p[80].len = strlen(fr);
	p[80].start = 8000;
	p[80].end = 8075;
	assert_true(80 * 50 > IDENTIFY_DOC_LETTERS);
	assert_int_equal(identify(&f->id, p, 81, 1, &r, &spans, &n), 0);
	assert_string_equal(model_lang_code(&f->m, r.lang[0]), "en");
	assert_int_equal(n, 2);
	assert_int_equal(spans[0].end, 7964);
	assert_string_equal(model_lang_code(&f->m, spans[1].lang), "fr");
	assert_int_equal(spans[1].start, 8000);
	free(spans);
}

static void
a_huge_text_scanned_whole_does_not_overflow(void **state)
{
	struct fixture *f = *state;
	const char *en = "Everyone has the right to life, liberty and security. ";
	size_t len = strlen(en), n = 40000, i;
	char *big = malloc(len * n + 1);
	detect_evidence ev;
	detect_result r;

	assert_non_null(big);
	for (i = 0; i < n; i++)
		memcpy(big + i * len, en, len);
	big[len * n] = '\0';
	assert_int_equal(detect_evidence_init(&ev, &f->m), 0);
	assert_int_equal(detect_scan(&f->m, big, len * n, 0, &ev), 0);
	assert_true(ev.letters > 1000000);
	detect_decide(&f->m, &ev, NULL, 1, &r);
	assert_string_equal(model_lang_code(&f->m, r.lang[0]), "en");
	assert_true(r.prob[0] > 0.99f);
	detect_evidence_free(&ev);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sentences_get_their_language),
		cmocka_unit_test(alternatives_are_ranked_and_sum_to_at_most_one),
		cmocka_unit_test(a_leader_with_its_own_temperature_needs_a_wider_margin),
		cmocka_unit_test(a_runner_up_with_its_own_temperature_leaves_more_doubt),
		cmocka_unit_test(text_without_letters_is_undetermined),
		cmocka_unit_test(two_words_are_not_one_said_twice),
		cmocka_unit_test(one_word_is_enough_when_it_is_telling),
		cmocka_unit_test(a_script_no_language_has_is_undetermined_but_named),
		cmocka_unit_test(han_without_kana_has_japanese_among_its_candidates),
		cmocka_unit_test(mixed_scripts_are_decided_by_the_main_one),
		cmocka_unit_test(below_the_minimum_length_is_undetermined),
		cmocka_unit_test(candidates_can_be_restricted),
		cmocka_unit_test(paragraphs_in_another_language_make_spans),
		cmocka_unit_test(a_long_article_is_sampled_but_keeps_its_spans),
		cmocka_unit_test(a_huge_text_scanned_whole_does_not_overflow),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
