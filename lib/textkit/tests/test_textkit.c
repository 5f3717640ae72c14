/*
 * Language support shared by summary and keywords: case folding, choice
 * of stemmer and stopwords by language code, the guess when there is no
 * code, and the terms a document's words become.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testhost.h"
#include "fold.h"
#include "lang.h"
#include "terms.h"

static void
fold_lowercases_latin_greek_cyrillic_and_apostrophes(void **unused)
{
	char out[64];

	(void)unused;
	assert_int_not_equal(fold_lower("L\xe2\x80\x99\xc3\x89tat", 9, out,
	    sizeof(out)), 0);
	assert_string_equal(out, "l'\xc3\xa9tat");
	fold_lower("\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90", 12, out,
	    sizeof(out));
	assert_string_equal(out, "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");
	fold_lower("\xc5\x81\xc3\x93\xc5\xbb", 6, out, sizeof(out));
	assert_string_equal(out, "\xc5\x82\xc3\xb3\xc5\xbc");
	assert_int_equal(fold_lower("ABCDEFGH", 8, out, 4), 0);
}

static void
fold_drops_invisible_format_characters(void **unused)
{
	/* U+2066 Korea U+200E U+2069, U+FEFF and U+200B inside a word. */
	static const char w[] = "\xe2\x81\xa6Kor\xef\xbb\xbf"
	    "e\xe2\x80\x8b" "a\xe2\x80\x8e\xe2\x81\xa9";
	char out[64];

	(void)unused;
	assert_int_equal(fold_lower(w, sizeof(w) - 1, out, sizeof(out)), 5);
	assert_string_equal(out, "korea");
	assert_int_equal(fold_format_len("\xe2\x80\x8f", 3), 3);
	assert_int_equal(fold_format_len("\xe2\x80\xae", 3), 3);
	assert_int_equal(fold_format_len("\xc2\xad", 2), 2);
	assert_int_equal(fold_format_len("\xe2\x80\x99", 3), 0);	/* ’ */
	assert_int_equal(fold_format_len("a", 1), 0);
}

static void
codes_select_stemmer_and_stopwords(void **unused)
{
	struct langs ls;
	const struct lang *l;

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	l = langs_get(&ls, "en");
	assert_non_null(l);
	assert_string_equal(l->algorithm, "english");
	assert_non_null(l->stemmer);
	assert_true(lang_is_stop(l, "the"));
	assert_false(lang_is_stop(l, "enrichment"));
	l = langs_get(&ls, "fra");
	assert_non_null(l);
	assert_string_equal(l->code, "fr");
	assert_true(lang_is_stop(l, "les"));
	l = langs_get(&ls, "pt-BR");
	assert_non_null(l);
	assert_string_equal(l->algorithm, "portuguese");
	l = langs_get(&ls, "EL");
	assert_non_null(l);
	assert_string_equal(l->algorithm, "greek");
	assert_null(l->stop);	/* a stemmer without a stopword list */
	assert_null(langs_get(&ls, "xx"));
	assert_null(langs_get(&ls, "zh"));
	assert_null(langs_get(&ls, NULL));
	langs_free(&ls);
}

static void
stems_merge_inflections(void **unused)
{
	struct langs ls;
	const struct lang *en, *de;
	size_t n;
	char a[64], b[64];
	const char *s;

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	en = langs_get(&ls, "en");
	s = lang_stem(en, "sanctions", 9, &n);
	memcpy(a, s, n);
	a[n] = '\0';
	s = lang_stem(en, "sanctioned", 10, &n);
	memcpy(b, s, n);
	b[n] = '\0';
	assert_string_equal(a, b);
	de = langs_get(&ls, "de");
	s = lang_stem(de, "regierungen", 11, &n);
	memcpy(a, s, n);
	a[n] = '\0';
	s = lang_stem(de, "regierung", 9, &n);
	memcpy(b, s, n);
	b[n] = '\0';
	assert_string_equal(a, b);
	/* No stemmer: the word stays as it is. */
	s = lang_stem(&ls.none, "sanctions", 9, &n);
	assert_int_equal(n, 9);
	langs_free(&ls);
}

static const char *
guess_code(struct langs *ls, const char *text, const char *result_code)
{
	lector_doc *doc = testhost_doc(text, NULL);
	const struct lang *l;

	assert_non_null(doc);
	if (result_code != NULL)
		testhost_put(doc, "language", json_pack("{s:s}", "code",
		    result_code));
	l = langs_for_doc(ls, testhost(), doc);
	testhost_doc_free(doc);
	return l->code;
}

static void
language_result_wins_and_guess_is_the_fallback(void **unused)
{
	struct langs ls;

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	/* The result's code is taken even against the text. */
	assert_string_equal(guess_code(&ls, "The cat sat on the mat.", "de"), "de");
	/* Without a result, or with one we cannot use, the stopwords decide. */
	assert_string_equal(guess_code(&ls, "The minister said that the talks "
	    "would resume in the spring and that it was not over.", NULL), "en");
	assert_string_equal(guess_code(&ls, "Le ministre a dit que les "
	    "discussions reprendraient au printemps et que ce n'est pas fini.",
	    "zh"), "fr");
	assert_string_equal(guess_code(&ls, "Die Ministerin sagte, dass die "
	    "Gespräche im Frühjahr weitergehen und es nicht vorbei ist.", NULL),
	    "de");
	/* Nothing to go on: no stemmer, no stopwords. */
	assert_string_equal(guess_code(&ls, "Xq zvr plk wbbt grr.", NULL), "");
	langs_free(&ls);
}

static void
terms_flag_stopwords_numbers_and_capitals(void **unused)
{
	struct langs ls;
	const struct lang *en;
	struct terms t;
	lector_doc *doc;
	const lector_token *tok;
	const char *text;
	size_t ntok, bytes;
	int32_t title[8];

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	en = langs_get(&ls, "en");
	doc = testhost_doc("The Sanctions hit 42 firms. New sanctions followed.",
	    NULL);
	text = testhost()->text(doc, &bytes);
	tok = testhost()->tokens(doc, &ntok);
	assert_int_equal(ntok, 10);
	assert_int_equal(terms_build(&t, en, text, tok, ntok), LECTOR_OK);
	assert_int_equal(t.id[0], -1);			/* The */
	assert_true(t.flags[0] & TERM_STOP);
	assert_true(t.flags[1] & TERM_CAPITAL);		/* Sanctions */
	assert_true(t.flags[3] & TERM_NUMBER);		/* 42 */
	assert_int_equal(t.id[1], t.id[7]);		/* Sanctions = sanctions */
	assert_int_equal(t.count[t.id[1]], 2);
	assert_int_equal(terms_of_text(&t, en, "Sanctions on firms", title, 8), 2);
	assert_int_equal(title[0], t.id[1]);
	assert_int_equal(terms_of_text(&t, en, "Unrelated words", title, 8), 0);
	terms_free(&t);
	testhost_doc_free(doc);
	langs_free(&ls);
}

static void
unspaced_scripts_give_character_bigrams(void **unused)
{
	struct langs ls;
	struct terms t;
	lector_doc *doc;
	const lector_token *tok;
	const int32_t *ex;
	const char *text;
	size_t ntok, bytes, n;

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	/* "traffic rules traffic": the first and last bigram are one term. */
	doc = testhost_doc("\xe4\xba\xa4\xe9\x80\x9a\xe8\xa7\x84\xe5\xae\x9a"
	    "\xe4\xba\xa4\xe9\x80\x9a\xe3\x80\x82", NULL);
	text = testhost()->text(doc, &bytes);
	tok = testhost()->tokens(doc, &ntok);
	assert_int_equal(ntok, 2);
	assert_int_equal(tok[0].kind, LECTOR_TOKEN_IDEOGRAPH);
	assert_int_equal(terms_build(&t, &ls.none, text, tok, ntok), LECTOR_OK);
	ex = terms_extra(&t, 0, &n);
	assert_int_equal(n, 5);
	assert_int_equal(ex[0], ex[4]);
	assert_int_not_equal(ex[0], ex[1]);
	assert_int_equal(t.count[ex[0]], 2);
	terms_extra(&t, 1, &n);		/* the full stop */
	assert_int_equal(n, 0);
	terms_free(&t);
	testhost_doc_free(doc);
	langs_free(&ls);
}

/* Letters naming the number i: distinct words "ba", "ca", ... "bcda". */
static size_t
word_of(unsigned i, char *w)
{
	size_t n = 0;

	do {
		w[n++] = (char)('b' + i % 20);
		i /= 20;
	} while (i > 0);
	w[n++] = 'a';
	return n;
}

/*
 * The stem table grows with the distinct words, not with the tokens: a
 * text that repeats two words keeps the first table, one of many words
 * grows it, and every word is still found.
 */
static void
stem_table_grows_with_distinct_words(void **unused)
{
	struct langs ls;
	struct terms t;
	lector_doc *doc;
	const lector_token *tok;
	const char *text;
	char *buf, w[16];
	size_t ntok, bytes, at = 0, n, first;
	unsigned i;

	(void)unused;
	assert_int_equal(langs_init(&ls), LECTOR_OK);
	buf = malloc(5000 * 8 + 1);
	assert_non_null(buf);
	for (i = 0; i < 5000; i++) {
		memcpy(buf + at, i % 2 ? "xylo " : "zeta ", 5);
		at += 5;
	}
	buf[at] = '\0';
	doc = testhost_doc(buf, NULL);
	text = testhost()->text(doc, &bytes);
	tok = testhost()->tokens(doc, &ntok);
	assert_int_equal(terms_build(&t, &ls.none, text, tok, ntok), LECTOR_OK);
	assert_int_equal(t.nterm, 2);
	first = t.nslots;
	assert_true(first < 5000);
	terms_free(&t);
	testhost_doc_free(doc);

	for (at = 0, i = 0; i < 5000; i++) {
		n = word_of(i, w);
		memcpy(buf + at, w, n);
		at += n;
		buf[at++] = ' ';
	}
	buf[at] = '\0';
	doc = testhost_doc(buf, NULL);
	text = testhost()->text(doc, &bytes);
	tok = testhost()->tokens(doc, &ntok);
	assert_int_equal(terms_build(&t, &ls.none, text, tok, ntok), LECTOR_OK);
	assert_int_equal(t.nterm, 5000);
	assert_true(t.nslots >= 2 * t.nterm);
	assert_true(t.nslots > first);
	for (i = 0; i < 5000; i += 7) {
		n = word_of(i, w);
		assert_int_equal(terms_find(&t, w, n), t.id[i]);
		assert_int_equal(t.count[t.id[i]], 1);
	}
	terms_free(&t);
	testhost_doc_free(doc);
	free(buf);
	langs_free(&ls);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold_lowercases_latin_greek_cyrillic_and_apostrophes),
		cmocka_unit_test(fold_drops_invisible_format_characters),
		cmocka_unit_test(codes_select_stemmer_and_stopwords),
		cmocka_unit_test(stems_merge_inflections),
		cmocka_unit_test(language_result_wins_and_guess_is_the_fallback),
		cmocka_unit_test(terms_flag_stopwords_numbers_and_capitals),
		cmocka_unit_test(unspaced_scripts_give_character_bigrams),
		cmocka_unit_test(stem_table_grows_with_distinct_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
