/* Feature extraction: words, padding, n-gram orders, case, batching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../features.h"
#include "../utf8.h"

static size_t
all(const char *text, uint64_t *out, size_t cap, size_t batch)
{
	features_iter it;
	size_t n = 0, k;

	features_begin(&it, text, strlen(text));
	while (n + batch <= cap && (k = features_next(&it, out + n, batch)) > 0)
		n += k;
	return n;
}

static int
has_hash(const uint64_t *h, size_t n, uint64_t want)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (h[i] == want)
			return 1;
	return 0;
}

static int
contains(const uint64_t *h, size_t n, const char *gram)
{
	uint32_t cps[8];
	size_t pos = 0, len = strlen(gram);
	int k = 0;

	while (pos < len)
		cps[k++] = langid_utf8_next(gram, len, &pos);
	return has_hash(h, n, features_hash(cps, k));
}

static void
a_word_gives_its_padded_ngrams(void **unused)
{
	uint64_t h[64];
	size_t n = all("ab", h, 64, 64);

	(void)unused;
	/* " a", ab, " ab", "b ", "ab ", " ab ": no single letters */
	assert_int_equal(n, 6);
	assert_false(contains(h, n, "a"));
	assert_true(contains(h, n, " a"));
	assert_true(contains(h, n, " ab "));
	assert_true(contains(h, n, "ab "));
	assert_false(contains(h, n, " "));
	assert_false(contains(h, n, "ba"));
}

static void
single_han_characters_are_features(void **unused)
{
	uint64_t h[64];
	size_t n = all("中文", h, 64, 64);

	(void)unused;
	/* 中, " 中", 文, 中文, " 中文", "文 ", "中文 ", " 中文 " */
	assert_int_equal(n, 8);
	assert_true(contains(h, n, "中"));
	assert_true(contains(h, n, "文"));
}

static void
long_words_are_features_too(void **unused)
{
	uint32_t word[] = { 'm', 'u', 'i', 't', 'o' };
	uint64_t h[64], want = features_word_hash(word, 5);
	size_t n = all("Muito", h, 64, 64), i;
	int found = 0;

	(void)unused;
	for (i = 0; i < n; i++)
		found += h[i] == want;
	assert_int_equal(found, 1);
	n = all("moi", h, 64, 64);	/* short: its padded 4-grams cover it */
	want = features_word_hash(word, 3);
	for (i = 0; i < n; i++)
		assert_true(h[i] != want);
}

static int
has_pair(const uint64_t *h, size_t n, const uint32_t *a, int na,
    const uint32_t *b, int nb)
{
	return has_hash(h, n, features_pair_hash(features_word_hash(a, na),
	    features_word_hash(b, nb)));
}

static void
neighbouring_words_make_pairs(void **unused)
{
	uint32_t me[] = { 'm', 'e' }, pediu[] = { 'p', 'e', 'd', 'i', 'u' };
	uint64_t h[64];
	size_t n;

	(void)unused;
	n = all("Me pediu", h, 64, 64);
	assert_true(has_pair(h, n, me, 2, pediu, 5));
	assert_false(has_pair(h, n, pediu, 5, me, 2));
	assert_true(FEATURES_IS_PAIR(h[n - 1]));
	/* Punctuation between them parts the words. */
	n = all("me, pediu", h, 64, 64);
	assert_false(has_pair(h, n, me, 2, pediu, 5));
	n = all("me\npediu", h, 64, 64);
	assert_false(has_pair(h, n, me, 2, pediu, 5));
	/* A word alone is a word, not a pair. */
	assert_true(FEATURES_IS_WORD(features_word_hash(pediu, 5)));
	assert_false(FEATURES_IS_PAIR(features_word_hash(pediu, 5)));
}

/* The set of lists (bits) whose feature a one-word text gives; 0 for none. */
static unsigned
list_feature(const char *word, const features_lexicons *lex)
{
	uint64_t h[64];
	features_iter it;
	unsigned set, found = 0;
	size_t n;

	features_begin(&it, word, strlen(word));
	features_use_lexicons(&it, lex);
	n = features_next(&it, h, 64);
	for (set = 1; set < 1u << lex->n; set++)
		if (has_hash(h, n, features_lexicon_tag(set))) {
			assert_int_equal(found, 0);	/* one such feature */
			found = set;
		}
	return found;
}

static void
words_in_lists_give_the_feature_of_that_set(void **unused)
{
	uint32_t fiestra[] = { 'f', 'i', 'e', 's', 't', 'r', 'a' };
	uint32_t casa[] = { 'c', 'a', 's', 'a' };
	uint64_t gl[8] = { 0 }, pt[8] = { 0 }, h[64];
	features_lexicons lex = { 2, { { gl, 512, 0 }, { pt, 512, 0 } } };
	size_t n;

	(void)unused;
	features_lexicon_add(gl, 512, features_word_hash(fiestra, 7));
	features_lexicon_add(gl, 512, features_word_hash(casa, 4));
	features_lexicon_add(pt, 512, features_word_hash(casa, 4));
	assert_true(features_lexicon_has(&lex.list[0],
	    features_word_hash(fiestra, 7)));
	assert_false(features_lexicon_has(&lex.list[1],
	    features_word_hash(fiestra, 7)));
	assert_true(features_lexicon_tag(1) != features_lexicon_tag(3));
	assert_false(FEATURES_IS_WORD(features_lexicon_tag(1)));

	assert_int_equal(list_feature("Fiestra", &lex), 1);
	/* In both: one feature for the pair of lists, not one a list. */
	assert_int_equal(list_feature("casa", &lex), 3);
	assert_int_equal(list_feature("porta", &lex), 0);
	/* Without the lists, no such features. */
	n = all("casa", h, 64, 64);
	assert_false(has_hash(h, n, features_lexicon_tag(3)));
}

/* The word-list features of a one-word text: how many, their sets in sets. */
static int
list_features(const char *word, const features_lexicons *lex,
    unsigned *sets, int max)
{
	uint64_t h[64];
	features_iter it;
	unsigned set;
	int found = 0;
	size_t n;

	features_begin(&it, word, strlen(word));
	features_use_lexicons(&it, lex);
	n = features_next(&it, h, 64);
	for (set = 1; set < 1u << lex->n; set++)
		if (has_hash(h, n, features_lexicon_tag(set))) {
			assert_true(found < max);
			sets[found++] = set;
		}
	return found;
}

static void
each_group_of_lists_gives_its_own_set_feature(void **unused)
{
	uint32_t dere[] = { 'd', 'e', 'r', 'e' };
	uint32_t hvorfor[] = { 'h', 'v', 'o', 'r', 'f', 'o', 'r' };
	uint32_t ikkje[] = { 'i', 'k', 'k', 'j', 'e' };
	uint32_t mesa[] = { 'm', 'e', 's', 'a' };
	uint32_t casa[] = { 'c', 'a', 's', 'a' };
	static uint64_t gl[8], pt[8], nb[8], nn[8], da[8];
	/* es/pt/gl/ca-like group 0, then the Scandinavian group 1. */
	features_lexicons lex = { 5, { { gl, 512, 0 }, { pt, 512, 0 },
	    { nb, 512, 1 }, { nn, 512, 1 }, { da, 512, 1 } } };
	unsigned sets[4];
	features_iter it;
	uint64_t h[64];
	size_t n, k;

	(void)unused;
	features_lexicon_add(gl, 512, features_word_hash(casa, 4));
	features_lexicon_add(pt, 512, features_word_hash(casa, 4));
	features_lexicon_add(gl, 512, features_word_hash(mesa, 4));
	features_lexicon_add(nb, 512, features_word_hash(mesa, 4));
	features_lexicon_add(nb, 512, features_word_hash(dere, 4));
	features_lexicon_add(nb, 512, features_word_hash(hvorfor, 7));
	features_lexicon_add(da, 512, features_word_hash(hvorfor, 7));
	features_lexicon_add(nn, 512, features_word_hash(ikkje, 5));

	/* Only in the Bokmål list: the "Bokmål only" set of its group. */
	assert_int_equal(list_features("dere", &lex, sets, 4), 1);
	assert_int_equal(sets[0], 1u << 2);
	assert_int_equal(list_features("Ikkje", &lex, sets, 4), 1);
	assert_int_equal(sets[0], 1u << 3);
	/* In two lists of the group: one feature for the pair. */
	assert_int_equal(list_features("hvorfor", &lex, sets, 4), 1);
	assert_int_equal(sets[0], 1u << 2 | 1u << 4);
	assert_int_equal(list_features("casa", &lex, sets, 4), 1);
	assert_int_equal(sets[0], 1u << 0 | 1u << 1);
	/* In a list of each group: a set in each, never one across groups. */
	assert_int_equal(list_features("mesa", &lex, sets, 4), 2);
	assert_int_equal(sets[0], 1u << 0);
	assert_int_equal(sets[1], 1u << 2);
	assert_int_equal(list_features("porta", &lex, sets, 4), 0);

	/* Both sets come out in batches of the smallest size too. */
	features_begin(&it, "mesa mesa", 9);
	features_use_lexicons(&it, &lex);
	n = 0;
	while (n + FEATURES_MIN_BATCH <= 64 &&
	    (k = features_next(&it, h + n, FEATURES_MIN_BATCH)) > 0)
		n += k;
	assert_true(has_hash(h, n, features_lexicon_tag(1u << 0)));
	assert_true(has_hash(h, n, features_lexicon_tag(1u << 2)));
}

/* No word added is ever missed; few others are taken for one. */
static void
a_word_list_errs_rarely_and_only_one_way(void **unused)
{
	static uint64_t bits[1024 * 10 / 64 + 8];
	features_lexicon l = { bits, sizeof(bits) * 8 / 512 * 512, 0 };
	uint32_t w[3];
	int i, wrong = 0;

	(void)unused;
	for (i = 0; i < 1024; i++) {
		w[0] = 'a' + i % 26, w[1] = 'a' + i / 26 % 26, w[2] = 'a' + i / 676;
		features_lexicon_add(bits, l.n_bits, features_word_hash(w, 3));
	}
	for (i = 0; i < 1024; i++) {
		w[0] = 'a' + i % 26, w[1] = 'a' + i / 26 % 26, w[2] = 'a' + i / 676;
		assert_true(features_lexicon_has(&l, features_word_hash(w, 3)));
		w[2] += 5;	/* words never added */
		wrong += features_lexicon_has(&l, features_word_hash(w, 3));
	}
	assert_true(wrong < 1024 / 20);
}

static void
case_does_not_matter(void **unused)
{
	uint64_t a[64], b[64];
	size_t na = all("Haus ÉTÉ Москва", a, 64, 64);
	size_t nb = all("haus été москва", b, 64, 64);

	(void)unused;
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof(a[0]));
	assert_int_equal(features_lower(0x130), 'i');
	assert_int_equal(features_lower(0x0391), 0x03b1);
	assert_int_equal(features_lower(0x1e900), 0x1e922);	/* Adlam */
	assert_int_equal(features_lower(0x1e922), 0x1e922);
}

/*
 * Web text writes marks either way: "ọmọ" precomposed (NFC) or as "o"
 * and U+0323 (NFD). Both must give the model the features it learnt.
 */
static void
decomposed_letters_give_the_features_of_composed_ones(void **unused)
{
	uint64_t a[128], b[128], c[128];
	/* Yoruba "Ẹ̀tọ́ ọmọ", Vietnamese "Việt", Polish "Łódź", Korean "한국" */
	size_t na = all("\xe1\xba\xb8\xcc\x80t\xe1\xbb\x8d\xcc\x81 "
	    "\xe1\xbb\x8dm\xe1\xbb\x8d Vi\xe1\xbb\x87t "
	    "\xc5\x81\xc3\xb3" "d\xc5\xba \xed\x95\x9c\xea\xb5\xad", a, 128, 128);
	size_t nb = all("E\xcc\xa3\xcc\x80to\xcc\xa3\xcc\x81 "
	    "o\xcc\xa3mo\xcc\xa3 Vie\xcc\xa3\xcc\x82t "
	    "\xc5\x81o\xcc\x81" "dz\xcc\x81 "
	    "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"
	    "\xe1\x84\x80\xe1\x85\xae\xe1\x86\xa8", b, 128, 128);
	/* Marks typed out of canonical order: above before below. */
	size_t nc = all("E\xcc\x80\xcc\xa3to\xcc\x81\xcc\xa3 "
	    "o\xcc\xa3mo\xcc\xa3 Vie\xcc\x82\xcc\xa3t "
	    "\xc5\x81o\xcc\x81" "dz\xcc\x81 "
	    "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"
	    "\xe1\x84\x80\xe1\x85\xae\xe1\x86\xa8", c, 128, 128);

	(void)unused;
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof(a[0]));
	assert_int_equal(na, nc);
	assert_memory_equal(a, c, na * sizeof(a[0]));
	/* Tamil "கொ" written as its two vowel parts. */
	assert_int_equal(all("\xe0\xae\x95\xe0\xaf\x8a", b, 128, 128),
	    all("\xe0\xae\x95\xe0\xaf\x86\xe0\xae\xbe", c, 128, 128));
	assert_memory_equal(b, c, 5 * sizeof(b[0]));
	/* "ọ́" has no precomposed letter: "ọ" and the mark stay in one word. */
	assert_true(contains(a, na, "t\xe1\xbb\x8d\xcc\x81 "));
}

static void
compose_two_knows_the_pairs_and_nothing_else(void **unused)
{
	(void)unused;
	assert_int_equal(compose_two('e', 0x0301), 0x00e9);
	assert_int_equal(compose_two(0x1ea1, 0x0302), 0x1ead);	/* ạ + ^ */
	assert_int_equal(compose_two(0x1ecd, 0x0301), 0);	/* ọ + ´ */
	assert_int_equal(compose_two('q', 0x0301), 0);
	assert_int_equal(compose_two(0x0bc6, 0x0bbe), 0x0bca);	/* Tamil ொ */
	assert_int_equal(compose_two(0x1112, 0x1161), 0xd558);	/* Hangul 하 */
	/* Composition exclusions stay apart, as in NFC. */
	assert_int_equal(compose_two(0x0915, 0x093c), 0);	/* क + ़ */
	assert_int_equal(compose_class_of(0x0301), 230);
	assert_int_equal(compose_class_of(0x0323), 220);
	assert_int_equal(compose_class_of('a'), 0);
}

/* A letter with more marks than are read at once loses none of them. */
static void
a_long_stack_of_marks_is_read_whole(void **unused)
{
	char text[64] = "a";
	compose_state st = { { 0 }, 0, 0 };
	size_t pos = 0, len;
	int i, marks = 0;

	(void)unused;
	for (i = 0; i < 12; i++)
		strcat(text, "\xcc\x88");	/* U+0308 */
	len = strlen(text);
	assert_int_equal(compose_next(text, len, &pos, &st), 0x00e4);
	while (pos < len || st.next < st.n) {
		assert_int_equal(compose_next(text, len, &pos, &st), 0x0308);
		marks++;
	}
	assert_int_equal(marks, 11);
}

static void
text_without_letters_gives_nothing(void **unused)
{
	uint64_t h[64];

	(void)unused;
	assert_int_equal(all("123 -- 4.5, !? ", h, 64, 64), 0);
	assert_int_equal(all("", h, 64, 64), 0);
}

static void
punctuation_and_digits_split_words(void **unused)
{
	uint64_t h[64];
	size_t n = all("l'eau2x", h, 64, 64);

	(void)unused;
	assert_true(contains(h, n, " l "));
	assert_true(contains(h, n, " eau"));
	assert_true(contains(h, n, " x "));
	assert_false(contains(h, n, "l'e"));
}

static void
batches_see_the_same_features(void **unused)
{
	const char *text = "Tous les êtres humains naissent libres et égaux "
	    "en dignité et en droits. 人人生而自由，在尊严和权利上一律平等。";
	uint64_t whole[1024], small[1024];
	size_t a = all(text, whole, 1024, 1024);
	size_t b = all(text, small, 1024, FEATURES_MIN_BATCH);

	(void)unused;
	assert_true(a > 100);
	assert_int_equal(a, b);
	assert_memory_equal(whole, small, a * sizeof(whole[0]));
}

static void
malformed_utf8_is_survived(void **unused)
{
	const char bad[] = { 'a', (char)0xc3, 'b', (char)0xff, (char)0xe2,
	    (char)0x82, 0 };
	uint64_t h[64];
	size_t pos = 0;

	(void)unused;
	assert_int_equal(langid_utf8_next("\xc3\xa9", 2, &pos), 0xe9);
	assert_int_equal(pos, 2);
	pos = 0;
	assert_int_equal(langid_utf8_next("\xe2\x82", 2, &pos), 0xfffd);
	assert_int_equal(pos, 1);
	assert_true(all(bad, h, 64, 64) > 0);
}

static void
web_addresses_give_nothing(void **unused)
{
	uint64_t a[512], b[512];
	size_t na, nb;

	(void)unused;
	na = all("Mehr dazu unter https://www.example.com/Technik/Artikel.html",
	    a, 512, FEATURES_MIN_BATCH);
	nb = all("Mehr dazu unter", b, 512, FEATURES_MIN_BATCH);
	assert_true(nb > 0);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof(*a));
	/* In brackets, and www. alone; the words after it still count. */
	na = all("Haus (www.example.com/seite) Garten", a, 512, FEATURES_MIN_BATCH);
	assert_true(contains(a, na, " gar"));
	assert_false(contains(a, na, "exa"));
	assert_false(contains(a, na, "sei"));
	assert_int_equal(all("HTTP://EXAMPLE.COM/", a, 512, FEATURES_MIN_BATCH), 0);
	/* Only at the start of a token: a word ending in "http" is a word. */
	na = all("xhttp://abc", a, 512, FEATURES_MIN_BATCH);
	assert_true(contains(a, na, "xht"));
	assert_true(contains(a, na, "abc"));
}

static void
letters_of_capitalised_latin_words_are_counted_as_names(void **unused)
{
	const char *text = "我在 Apple Store 买了iPhone 15, the best";
	script_counts direct;
	features_iter it;
	uint64_t h[256];

	(void)unused;
	features_begin(&it, text, strlen(text));
	while (features_next(&it, h, 256) > 0)
		;
	/* Apple, Store and iPhone: a capital anywhere makes a name. */
	assert_int_equal(it.scripts.latin_names, 16);
	assert_int_equal(it.scripts.n[SCRIPT_LATN], 23);
	/* The scan and the training-side count agree. */
	script_count_text(&direct, text, strlen(text));
	assert_int_equal(direct.latin_names, it.scripts.latin_names);
	assert_int_equal(direct.n[SCRIPT_LATN], it.scripts.n[SCRIPT_LATN]);
	assert_int_equal(direct.n[SCRIPT_HANI], it.scripts.n[SCRIPT_HANI]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_word_gives_its_padded_ngrams),
		cmocka_unit_test(single_han_characters_are_features),
		cmocka_unit_test(long_words_are_features_too),
		cmocka_unit_test(neighbouring_words_make_pairs),
		cmocka_unit_test(words_in_lists_give_the_feature_of_that_set),
		cmocka_unit_test(each_group_of_lists_gives_its_own_set_feature),
		cmocka_unit_test(a_word_list_errs_rarely_and_only_one_way),
		cmocka_unit_test(case_does_not_matter),
		cmocka_unit_test(decomposed_letters_give_the_features_of_composed_ones),
		cmocka_unit_test(compose_two_knows_the_pairs_and_nothing_else),
		cmocka_unit_test(a_long_stack_of_marks_is_read_whole),
		cmocka_unit_test(text_without_letters_gives_nothing),
		cmocka_unit_test(punctuation_and_digits_split_words),
		cmocka_unit_test(batches_see_the_same_features),
		cmocka_unit_test(malformed_utf8_is_survived),
		cmocka_unit_test(web_addresses_give_nothing),
		cmocka_unit_test(letters_of_capitalised_latin_words_are_counted_as_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
