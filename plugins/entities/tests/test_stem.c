/*
 * Stems as features: the forms of one word share a stem, the endings the
 * stemmer strips are shared between words, and only the languages whose
 * models learnt them get them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../features.h"
#include "../stem.h"

#define WORDS_MAX 8

struct sent {
	struct ner_word w[WORDS_MAX];
	struct ner_winfo info[WORDS_MAX];
	struct ner_sent s;
};

/* Prepares and stems the words with the language's stemmer (NULL: none). */
static void
prepare(struct sent *t, const char *language, const char *const *words,
    size_t n)
{
	struct ner_stemmer *st;

	assert_true(n <= WORDS_MAX);
	for (size_t i = 0; i < n; i++) {
		t->w[i].s = words[i];
		t->w[i].len = (uint32_t)strlen(words[i]);
	}
	t->s.w = t->w;
	t->s.n = n;
	t->s.info = t->info;
	t->s.headline = 0;
	ner_prepare(&t->s, NULL);
	assert_int_equal(ner_stemmer_open(&st, language), 0);
	ner_stem(&t->s, st);
	ner_stemmer_close(st);
}

static void
only_languages_with_stem_features_get_a_stemmer(void **unused)
{
	struct ner_stemmer *st;
	(void)unused;

	assert_string_equal(ner_stem_algorithm("fi"), "finnish");
	assert_string_equal(ner_stem_algorithm("de"), "german");
	assert_null(ner_stem_algorithm("en"));
	assert_null(ner_stem_algorithm("xx"));
	assert_int_equal(ner_stemmer_open(&st, "en"), 0);
	assert_null(st);
	assert_int_equal(ner_stemmer_open(&st, "fi"), 0);
	assert_non_null(st);
	ner_stemmer_close(st);
}

static void
finnish_forms_share_a_stem_and_cases_share_an_ending(void **unused)
{
	/* talo, Talossa, autossa: house, in the house, in the car */
	const char *words[] = { "talo", "Talossa", "autossa", "2019" };
	struct sent t;
	(void)unused;

	prepare(&t, "fi", words, 4);
	assert_true(t.info[0].stem != 0);
	assert_true(t.info[0].stem == t.info[1].stem);
	assert_true(t.info[1].stem != t.info[2].stem);
	assert_true(t.info[0].ending != t.info[1].ending);
	assert_true(t.info[1].ending == t.info[2].ending);
	/* A number has no ending to strip. */
	assert_true(t.info[3].stem == 0);
}

static void
a_language_without_stems_has_no_stem_features(void **unused)
{
	const char *words[] = { "Helsingissä", "asuu" };
	uint64_t with[NER_FEATURES_MAX], without[NER_FEATURES_MAX];
	struct sent fi, en;
	(void)unused;

	prepare(&fi, "fi", words, 2);
	prepare(&en, "en", words, 2);
	assert_true(en.info[0].stem == 0 && en.info[0].ending == 0);
	size_t nf = ner_features_static(&fi.s, 0, NULL, with);
	size_t ne = ner_features_static(&en.s, 0, NULL, without);
	/* The same features, and the stem's on top. */
	assert_true(nf > ne);
	assert_memory_equal(with, without, 2 * sizeof(uint64_t));
}

static void
a_stem_remembered_is_the_stem_computed(void **unused)
{
	struct ner_stemmer *st;
	static char buf[5000][8];
	static struct ner_word w[5000];
	static struct ner_winfo info[5000];
	struct ner_sent s = { w, 5000, info, 0 };
	(void)unused;

	/* More words than are remembered, each twice, in two cases. */
	for (size_t i = 0; i < 5000; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%c%c%cssa", 'a' + (int)(i % 26),
		    'a' + (int)(i / 26 % 26), 'a' + (int)(i / 676));
		w[i].s = buf[i];
		w[i].len = (uint32_t)strlen(buf[i]);
	}
	ner_prepare(&s, NULL);
	assert_int_equal(ner_stemmer_open(&st, "fi"), 0);
	ner_stem(&s, st);
	uint64_t first = info[17].stem, ending = info[17].ending;
	buf[17][0] = (char)(buf[17][0] - 'a' + 'A');
	ner_prepare(&s, NULL);
	ner_stem(&s, st);
	assert_true(first != 0);
	assert_true(info[17].stem == first && info[17].ending == ending);
	/* And a stemmer that never saw the others agrees. */
	struct ner_sent one = { &w[17], 1, &info[17], 0 };
	ner_stemmer_close(st);
	assert_int_equal(ner_stemmer_open(&st, "fi"), 0);
	ner_prepare(&one, NULL);
	ner_stem(&one, st);
	assert_true(info[17].stem == first && info[17].ending == ending);
	ner_stemmer_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_languages_with_stem_features_get_a_stemmer),
		cmocka_unit_test(finnish_forms_share_a_stem_and_cases_share_an_ending),
		cmocka_unit_test(a_language_without_stems_has_no_stem_features),
		cmocka_unit_test(a_stem_remembered_is_the_stem_computed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
