/*
 * The language's dictionary in the gazetteer: a word list compiled with
 * the class of its words, what it says of a capitalised word (a noun, a
 * compound of one, another word, none), and the feature that gets, only
 * in models that carry a dictionary.
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

#include "../features.h"
#include "../train/gazetteers.h"

#define WORDS_MAX 8
#define SLOTS 1024u

struct sent {
	struct ner_word w[WORDS_MAX];
	struct ner_winfo info[WORDS_MAX];
	struct ner_sent s;
};

/* Prepares the words against the table g. */
static void
prepare(struct sent *t, const struct gaz *g, const char *const *words,
    size_t n)
{
	assert_true(n <= WORDS_MAX);
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < n; i++) {
		t->w[i].s = words[i];
		t->w[i].len = (uint32_t)strlen(words[i]);
	}
	t->s.w = t->w;
	t->s.n = n;
	t->s.info = t->info;
	ner_prepare(&t->s, g);
}

/* Builds a table from a word list written to a temporary file. */
static void
table_of(struct gaz_table *t, const char *list)
{
	char path[] = "/tmp/entities-dict-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, list, strlen(list)), (ssize_t)strlen(list));
	close(fd);
	t->nslots = SLOTS;
	t->entries = 0;
	t->slots = calloc(SLOTS, sizeof(*t->slots));
	assert_non_null(t->slots);
	assert_int_equal(gaz_table_add_dictionary(t, path), 0);
	unlink(path);
}

/* What the dictionary says of word, second in a sentence. */
static unsigned
class_of(const struct gaz *g, const char *word)
{
	struct sent t;
	const char *w[] = { "Der", word, "ruht" };

	prepare(&t, g, w, 3);
	assert_int_equal(t.info[2].dict, 0);
	return t.info[1].dict;
}

static void
a_capitalised_word_is_a_noun_a_compound_another_word_or_none(void **unused)
{
	struct gaz_table t;
	uint64_t empty[SLOTS] = { 0 };
	struct gaz none = { empty, SLOTS };
	(void)unused;

	table_of(&t, "Arbeit\nArbeiten\nTag\nschnell\nHäuser\n");
	struct gaz g = { t.slots, t.nslots };
	assert_int_equal(class_of(&g, "Arbeit"), DICT_SEEN | DICT_CAPITAL);
	assert_int_equal(class_of(&g, "HÄUSER"), DICT_SEEN | DICT_CAPITAL);
	assert_int_equal(class_of(&g, "Schnell"), DICT_SEEN | DICT_LOWER);
	/* Compounds: the head is a noun, and long enough. */
	assert_int_equal(class_of(&g, "Landarbeit"), DICT_SEEN | DICT_HEAD);
	assert_int_equal(class_of(&g, "Spieltag"), DICT_SEEN | DICT_HEAD);
	assert_int_equal(class_of(&g, "Bertag"), DICT_SEEN | DICT_HEAD);
	assert_int_equal(class_of(&g, "Betag"), DICT_SEEN);
	assert_int_equal(class_of(&g, "Rasschnell"), DICT_SEEN);
	assert_int_equal(class_of(&g, "Kober"), DICT_SEEN);
	/* Without a dictionary, nothing. */
	assert_int_equal(class_of(&none, "Arbeit"), 0);
	free(t.slots);
}

static void
a_table_too_small_is_an_error(void **unused)
{
	struct gaz_table t = { calloc(4, sizeof(uint64_t)), 4, 0 };
	char path[] = "/tmp/entities-dict-XXXXXX";
	int fd = mkstemp(path);
	const char *list = "Arbeit\nHaus\nTag\nZeit\nWelt\n";
	(void)unused;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, list, strlen(list)), (ssize_t)strlen(list));
	close(fd);
	assert_int_equal(gaz_table_add_dictionary(&t, path), -1);
	unlink(path);
	free(t.slots);
}

static void
a_list_of_no_words_is_an_error(void **unused)
{
	struct gaz_table t = { calloc(SLOTS, sizeof(uint64_t)), SLOTS, 0 };
	char path[] = "/tmp/entities-dict-XXXXXX";
	int fd = mkstemp(path);
	(void)unused;

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(gaz_table_add_dictionary(&t, path), -1);
	assert_int_equal(gaz_lookup(&(struct gaz){ t.slots, t.nslots },
	    ner_dict_key(DICT_PRESENT)), 0);
	assert_int_equal(gaz_table_add_dictionary(&t, "/nonexistent/dict"),
	    -1);
	unlink(path);
	free(t.slots);
}

/* The static features of word i, sorted, and their count. */
static size_t
features_of(const struct sent *t, size_t i, uint64_t *f)
{
	struct ner_doc d;

	assert_int_equal(ner_doc_init(&d), 0);
	size_t n = ner_features_static(&t->s, i, &d, f);
	ner_doc_free(&d);
	return n;
}

static void
a_capitalised_word_says_what_the_dictionary_knows_of_it(void **unused)
{
	struct gaz_table with, without;
	const char *words[] = { "Die", "Arbeit", "von", "Kober", "ruht" };
	uint64_t f[NER_FEATURES_MAX], g[NER_FEATURES_MAX];
	struct sent a, b;
	(void)unused;

	table_of(&with, "Arbeit\nHaus\n");
	table_of(&without, "Haus\n");
	struct gaz gw = { with.slots, with.nslots };
	struct gaz go = { without.slots, without.nslots };
	prepare(&a, &gw, words, 5);
	prepare(&b, &go, words, 5);
	/* A dictionary noun and an unknown word differ in one feature. */
	size_t n = features_of(&a, 1, f);
	size_t m = features_of(&b, 1, g);
	assert_int_equal(n, m);
	size_t differ = 0;
	for (size_t k = 0; k < n; k++)
		differ += f[k] != g[k];
	assert_int_equal(differ, 1);
	/* Unknown in both tables: the same features. */
	assert_int_equal(features_of(&a, 3, f), features_of(&b, 3, g));
	assert_memory_equal(f, g, features_of(&a, 3, f) * sizeof(*f));
	free(with.slots);
	free(without.slots);
}

static void
a_model_without_a_dictionary_gets_no_dictionary_feature(void **unused)
{
	struct gaz_table with;
	uint64_t empty_slots[SLOTS] = { 0 };
	const char *words[] = { "Die", "Arbeit", "ruht" };
	uint64_t f[NER_FEATURES_MAX], g[NER_FEATURES_MAX];
	struct sent a, b;
	(void)unused;

	table_of(&with, "Arbeit\n");
	struct gaz gw = { with.slots, with.nslots };
	struct gaz none = { empty_slots, SLOTS };
	prepare(&a, &gw, words, 3);
	prepare(&b, &none, words, 3);
	/* The capitalised word has one feature more; lower-case ones not. */
	assert_int_equal(features_of(&a, 1, f), features_of(&b, 1, g) + 1);
	assert_int_equal(features_of(&a, 2, f), features_of(&b, 2, g));
	free(with.slots);
}

/* Adds a list of places, written to a temporary file, to t. */
static void
add_places(struct gaz_table *t, const char *list)
{
	char path[] = "/tmp/entities-places-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, list, strlen(list)), (ssize_t)strlen(list));
	close(fd);
	assert_int_equal(gaz_table_add_places(t, path), 0);
	unlink(path);
}

/* What word, second in a sentence, is made of: kind * 16 + DERIV_*. */
static unsigned
derived_of(const struct gaz *g, const char *word)
{
	struct sent t;
	const char *w[] = { "Die", word, "ruht" };

	prepare(&t, g, w, 3);
	assert_int_equal(t.info[2].derived, 0);
	return t.info[1].derived_kind * 16u + t.info[1].derived;
}

#define PLACES "Kanada\nNiedersachsen\nS\xc3\xbc" "dafrika\nParis\n" \
	"Kurdistan\nT\xc3\xbcrkei\nChina\nEuropa\n" \
	"Griechenland\nSchweden\n"

static void
a_word_made_of_a_place_name_says_so(void **unused)
{
	struct gaz_table t;
	(void)unused;

	table_of(&t, "Politik\nMilit\xc3\xa4r\nKanada\nhaus\n");
	add_places(&t, PLACES);
	struct gaz g = { t.slots, t.nslots };
	const unsigned isch = DERIV_ISCH * 16u, er = DERIV_ER * 16u;
	const unsigned en = DERIV_EN * 16u;
	/* Adjectives, in lower case or first in a sentence. */
	assert_int_equal(derived_of(&g, "kanadischen"), isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "Kanadische"), isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "griechische"), isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "chinesisches"), isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "europ\xc3\xa4ischen"),
	    isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "t\xc3\xbcrkischer"),
	    isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "nieders\xc3\xa4" "chsischen"),
	    isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "s\xc3\xbc" "dafrikanischen"),
	    isch | DERIV_PLACE);
	/* A compass point before the name, a hyphen in the word. */
	assert_int_equal(derived_of(&g, "s\xc3\xbc" "dostchinesischen"),
	    isch | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "deutsch-t\xc3\xbcrkischen"),
	    isch | DERIV_PLACE);
	/* A town's people and a people, capitalised only. */
	assert_int_equal(derived_of(&g, "Pariser"), er | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "Kurden"), en | DERIV_PLACE);
	assert_int_equal(derived_of(&g, "kurden"), 0);
	/* Of a noun, of nothing known, the name itself. */
	assert_int_equal(derived_of(&g, "milit\xc3\xa4rischen"),
	    isch | DERIV_NOUN);
	assert_int_equal(derived_of(&g, "politischen"), 0);
	assert_int_equal(derived_of(&g, "Kanada"), 0);
	assert_int_equal(derived_of(&g, "Schweden"), 0);
	assert_int_equal(derived_of(&g, "Paris"), 0);
	free(t.slots);
}

static void
only_a_model_with_a_dictionary_sees_words_made_of_names(void **unused)
{
	struct gaz_table both, dict, places;
	const char *words[] = { "Die", "kanadischen", "W\xc3\xa4lder" };
	uint64_t f[NER_FEATURES_MAX], g[NER_FEATURES_MAX];
	struct sent a, b, c;
	(void)unused;

	table_of(&both, "Haus\n");
	add_places(&both, PLACES);
	table_of(&dict, "Haus\n");
	places.nslots = SLOTS;
	places.entries = 0;
	places.slots = calloc(SLOTS, sizeof(*places.slots));
	assert_non_null(places.slots);
	add_places(&places, PLACES);
	struct gaz gb = { both.slots, both.nslots };
	struct gaz gd = { dict.slots, dict.nslots };
	struct gaz gp = { places.slots, places.nslots };
	prepare(&a, &gb, words, 3);
	prepare(&b, &gd, words, 3);
	prepare(&c, &gp, words, 3);
	assert_int_equal(a.info[1].derived, DERIV_PLACE);
	assert_int_equal(b.info[1].derived, 0);
	assert_int_equal(c.info[1].derived, 0);
	/* The adjective has one feature more; its neighbours not. */
	assert_int_equal(features_of(&a, 1, f), features_of(&b, 1, g) + 1);
	assert_int_equal(features_of(&a, 0, f), features_of(&b, 0, g));
	assert_int_equal(features_of(&a, 2, f), features_of(&b, 2, g));
	free(both.slots);
	free(dict.slots);
	free(places.slots);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    a_capitalised_word_is_a_noun_a_compound_another_word_or_none),
		cmocka_unit_test(a_list_of_no_words_is_an_error),
		cmocka_unit_test(a_table_too_small_is_an_error),
		cmocka_unit_test(
		    a_capitalised_word_says_what_the_dictionary_knows_of_it),
		cmocka_unit_test(
		    a_model_without_a_dictionary_gets_no_dictionary_feature),
		cmocka_unit_test(a_word_made_of_a_place_name_says_so),
		cmocka_unit_test(
		    only_a_model_with_a_dictionary_sees_words_made_of_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
