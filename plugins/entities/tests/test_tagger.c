/* Tag schemes, feature extraction and the greedy decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../features.h"
#include "../model.h"
#include "../scheme.h"
#include "../tagger.h"
#include "tinymodel.h"

#define L(type, pos) (1 + 4 * (type) + (pos))

/* A sentence from space-separated words (the string is modified). */
struct sent {
	struct ner_word w[32];
	struct ner_winfo info[32];
	struct ner_sent s;
	char buf[256];
};

static struct ner_sent *
make(struct sent *t, const char *text, const struct gaz *g)
{
	size_t n = 0;

	strncpy(t->buf, text, sizeof(t->buf) - 1);
	t->buf[sizeof(t->buf) - 1] = 0;
	for (char *p = strtok(t->buf, " "); p && n < 32; p = strtok(NULL, " ")) {
		t->w[n].s = p;
		t->w[n].len = (uint32_t)strlen(p);
		n++;
	}
	t->s.w = t->w;
	t->s.n = n;
	t->s.info = t->info;
	ner_prepare(&t->s, g);
	return &t->s;
}

static void
bilou_round_trip(void **unused)
{
	struct span in[2] = { { 0, 1, NER_PER }, { 3, 3, NER_LOC } }, out[4];
	uint8_t labels[5];
	(void)unused;

	scheme_encode(SCHEME_BILOU, in, 2, labels, 5);
	assert_int_equal(labels[0], L(NER_PER, POS_B));
	assert_int_equal(labels[1], L(NER_PER, POS_L));
	assert_int_equal(labels[2], LABEL_O);
	assert_int_equal(labels[3], L(NER_LOC, POS_U));
	assert_int_equal(scheme_decode(SCHEME_BILOU, labels, 5, out, 4), 2);
	assert_memory_equal(in, out, sizeof(in));

	scheme_encode(SCHEME_BIO, in, 2, labels, 5);
	assert_int_equal(scheme_decode(SCHEME_BIO, labels, 5, out, 4), 2);
	assert_memory_equal(in, out, sizeof(in));
}

static void
invalid_transitions_are_refused(void **unused)
{
	(void)unused;
	assert_false(scheme_allowed(SCHEME_BILOU, LABEL_O, L(NER_PER, POS_I)));
	assert_false(scheme_allowed(SCHEME_BILOU, L(NER_PER, POS_B), LABEL_O));
	assert_false(scheme_allowed(SCHEME_BILOU, L(NER_PER, POS_B),
	    L(NER_ORG, POS_L)));
	assert_true(scheme_allowed(SCHEME_BILOU, L(NER_PER, POS_B),
	    L(NER_PER, POS_L)));
	assert_true(scheme_allowed(SCHEME_BILOU, L(NER_PER, POS_U),
	    L(NER_LOC, POS_B)));
	assert_false(scheme_may_end(SCHEME_BILOU, L(NER_PER, POS_I)));
	assert_false(scheme_allowed(SCHEME_BIO, LABEL_O,
	    scheme_label(SCHEME_BIO, NER_PER, POS_I)));
}

static int
has(const uint64_t *f, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (f[i] == x)
			return 1;
	return 0;
}

static size_t
shared(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t k = 0;
	for (size_t i = 0; i < na; i++)
		k += has(b, nb, a[i]);
	return k;
}

static void
features_depend_on_word_and_context(void **unused)
{
	struct sent a, b, c;
	uint64_t fa[NER_FEATURES_MAX], fb[NER_FEATURES_MAX], fc[NER_FEATURES_MAX];
	(void)unused;

	size_t na = ner_features_static(make(&a, "flew to Paris today", NULL),
	    2, NULL, fa);
	size_t nb = ner_features_static(make(&b, "flew to Paris today", NULL),
	    2, NULL, fb);
	size_t nc = ner_features_static(make(&c, "left from Paris now", NULL),
	    2, NULL, fc);
	assert_true(na > 10 && na <= NER_FEATURES_MAX);
	/* Deterministic: training and tagging must agree. */
	assert_int_equal(na, nb);
	assert_memory_equal(fa, fb, na * sizeof(*fa));
	/* Same word, new neighbours: some features shared, some not. */
	size_t k = shared(fa, na, fc, nc);
	assert_true(k > 5);
	assert_true(k < na);
}

static void
case_is_folded_only_where_meant(void **unused)
{
	struct sent a, b;
	uint64_t fa[NER_FEATURES_MAX], fb[NER_FEATURES_MAX];
	(void)unused;

	size_t na = ner_features_static(make(&a, "in Paris now", NULL), 1, NULL,
	    fa);
	size_t nb = ner_features_static(make(&b, "in PARIS now", NULL), 1, NULL,
	    fb);
	/* The lower-cased word and affixes agree; raw form and shape do not. */
	size_t k = shared(fa, na, fb, nb);
	assert_true(k >= 8);
	assert_true(k < na);
	assert_true(a.info[1].title && !a.info[1].upper);
	assert_true(b.info[1].upper && !b.info[1].title);
	assert_int_equal(a.info[1].lower, b.info[1].lower);
}

static void
gazetteer_marks_the_longest_match(void **unused)
{
	uint64_t slots[64] = { 0 };
	struct gaz g = { slots, 64 };
	const char *ny[2] = { "new", "york" };
	uint32_t len[2] = { 3, 4 };
	struct sent t;
	(void)unused;

	assert_int_equal(gaz_insert(slots, 64, gaz_phrase_hash(ny, len, 2),
	    1u << GAZ_CITY), 0);
	assert_int_equal(gaz_insert(slots, 64, gaz_phrase_hash(ny + 1, len + 1,
	    1), (1u << GAZ_CITY) | (1u << GAZ_NAME)), 0);
	struct ner_sent *s = make(&t, "in New York today", &g);
	assert_int_equal(s->info[1].gaz[GAZ_CITY], 1 + POS_B);
	assert_int_equal(s->info[2].gaz[GAZ_CITY], 1 + POS_L);
	assert_int_equal(s->info[2].gaz[GAZ_NAME], 1 + POS_U);
	assert_int_equal(s->info[0].gaz[GAZ_CITY], 0);
	assert_int_equal(s->info[3].gaz[GAZ_CITY], 0);
}

static void
document_memory_adds_features(void **unused)
{
	struct sent a, b;
	struct ner_doc d;
	uint64_t f0[NER_FEATURES_MAX], f1[NER_FEATURES_MAX];
	(void)unused;

	assert_int_equal(ner_doc_init(&d), 0);
	struct ner_sent *head = make(&a, "Apple fell", NULL);
	size_t n0 = ner_features_static(head, 0, &d, f0);
	/* Seen lower-case inside a sentence elsewhere in the document. */
	assert_int_equal(ner_doc_observe(&d, make(&b, "the apple fell", NULL)), 0);
	size_t n1 = ner_features_static(head, 0, &d, f1);
	assert_int_equal(n1, n0 + 1);
	/* The label history shows in the dynamic features. */
	n0 = ner_features_dynamic(head, 0, &d, LABEL_O, LABEL_O, f0);
	assert_int_equal(ner_doc_label(&d, head, 0, NER_ORG, 0), 0);
	n1 = ner_features_dynamic(head, 0, &d, LABEL_O, LABEL_O, f1);
	assert_true(n1 > n0);
	ner_doc_free(&d);
}

/* Capitalised words longer than their affixes get their inner trigrams. */
static void
names_get_letter_trigrams(void **unused)
{
	struct sent a, b, c, d;
	uint64_t fa[NER_FEATURES_MAX], fb[NER_FEATURES_MAX];
	uint64_t fc[NER_FEATURES_MAX], fd[NER_FEATURES_MAX];
	(void)unused;

	size_t na = ner_features_static(make(&a, "saw Djorkaeff", NULL), 1,
	    NULL, fa);
	size_t nb = ner_features_static(make(&b, "saw Bjorkaeffx", NULL), 1,
	    NULL, fb);
	size_t nc = ner_features_static(make(&c, "saw djorkaeff", NULL), 1,
	    NULL, fc);
	size_t nd = ner_features_static(make(&d, "saw bjorkaeffx", NULL), 1,
	    NULL, fd);
	/* jor ork rka kae aef: shared when capitalised, absent when not. */
	assert_int_equal(shared(fa, na, fb, nb), shared(fc, nc, fd, nd) + 5);
	assert_int_equal(na, nc + 5);
}

static void
capitalised_runs_are_found(void **unused)
{
	struct sent t;
	(void)unused;

	struct ner_sent *s = make(&t, "in New York City today", NULL);
	assert_int_equal(s->info[0].run_len, 1);
	for (size_t i = 1; i <= 3; i++) {
		assert_int_equal(s->info[i].run_first, 1);
		assert_int_equal(s->info[i].run_len, 3);
	}
	assert_int_equal(s->info[4].run_first, 4);
	assert_int_equal(s->info[4].run_len, 1);
}

/* Only the name's last word differs, beyond the +-2 window. */
static void
a_names_last_word_is_a_feature(void **unused)
{
	struct sent a, b, c;
	uint64_t fa[NER_FEATURES_MAX], fb[NER_FEATURES_MAX];
	uint64_t fc[NER_FEATURES_MAX];
	(void)unused;

	size_t na = ner_features_static(make(&a,
	    "Jones Medical Industries Inc said", NULL), 0, NULL, fa);
	size_t nb = ner_features_static(make(&b,
	    "Jones Medical Industries Corp said", NULL), 0, NULL, fb);
	size_t nc = ner_features_static(make(&c,
	    "Jones Medical Industries said it", NULL), 0, NULL, fc);
	assert_int_equal(na, nb);
	assert_int_equal(shared(fa, na, fb, nb), na - 1);
	assert_int_equal(nc, na);
	assert_true(shared(fa, na, fc, nc) < na);
}

/* Titles are one class, recognised capitalised and with a period. */
static void
titles_are_marked(void **unused)
{
	struct sent a, b, c;
	uint64_t fa[NER_FEATURES_MAX], fb[NER_FEATURES_MAX];
	uint64_t fc[NER_FEATURES_MAX];
	(void)unused;

	struct ner_sent *s = make(&a,
	    "Prince Charles met Mr. Smith and President Clinton in Princeton",
	    NULL);
	assert_true(s->info[0].honorific);
	assert_false(s->info[1].honorific);
	assert_true(s->info[3].honorific);
	assert_true(s->info[6].honorific);
	assert_false(s->info[9].honorific);
	assert_false(make(&a, "the king said so", NULL)->info[1].honorific);

	/* "Charles" after any title shares what titles say. */
	size_t na = ner_features_static(make(&a, "Prince Charles said it was",
	    NULL), 1, NULL, fa);
	size_t nb = ner_features_static(make(&b, "Lord Charles said it was",
	    NULL), 1, NULL, fb);
	size_t nc = ner_features_static(make(&c, "Bonnie Charles said it was",
	    NULL), 1, NULL, fc);
	assert_int_equal(na, nb);
	assert_int_equal(nc + 1, na);
	assert_true(shared(fa, na, fb, nb) > shared(fa, na, fc, nc));
}

/* "Pirelli" alone learns from "Pirelli SpA" and "Luigi Pirelli" elsewhere. */
static void
document_names_add_features(void **unused)
{
	struct sent a, b, c, e;
	struct ner_doc d;
	uint64_t f0[NER_FEATURES_MAX], f1[NER_FEATURES_MAX];
	uint64_t f2[NER_FEATURES_MAX], f3[NER_FEATURES_MAX];
	(void)unused;

	assert_int_equal(ner_doc_init(&d), 0);
	struct ner_sent *alone = make(&a, "shares in Pirelli rose", NULL);
	size_t n0 = ner_features_static(alone, 2, &d, f0);
	assert_int_equal(ner_doc_observe(&d, make(&b, "shares in Pirelli SpA fell",
	    NULL)), 0);
	size_t n1 = ner_features_static(alone, 2, &d, f1);
	assert_int_equal(n1, n0 + 1);
	assert_int_equal(ner_doc_observe(&d, make(&c, "said Luigi Pirelli",
	    NULL)), 0);
	size_t n2 = ner_features_static(alone, 2, &d, f2);
	assert_int_equal(n2, n1 + 2);
	/* A longer name replaces a shorter one. */
	assert_int_equal(ner_doc_observe(&d, make(&e,
	    "said Marco Tronchetti Pirelli", NULL)), 0);
	size_t n3 = ner_features_static(alone, 2, &d, f3);
	assert_int_equal(n3, n2);
	assert_int_equal(shared(f2, n2, f3, n3), n2 - 1);
	/* Words never seen in a name are untouched. */
	assert_int_equal(ner_features_static(alone, 0, &d, f3),
	    ner_features_static(alone, 0, NULL, f2));
	ner_doc_free(&d);
}

static struct model tiny;
static unsigned char *tiny_image;

static int
setup(void **unused)
{
	size_t size;
	char err[256];
	const struct tiny_rule rules[] = {
		{ "Paris", L(NER_LOC, POS_U) },
		{ "Donald", L(NER_PER, POS_B) },
		{ "Trump", L(NER_PER, POS_L) },
		{ "Jong-un", L(NER_PER, POS_I) },	/* never valid after O */
	};
	(void)unused;
	if (tiny_model_build(rules, 4, "en", &tiny_image, &size) != 0)
		return -1;
	return model_parse(&tiny, tiny_image, size, err, sizeof(err));
}

static int
teardown(void **unused)
{
	(void)unused;
	free(tiny_image);
	return 0;
}

static void
tag(const char *text, uint8_t *labels, size_t *n)
{
	struct sent t;
	struct tagger_docs d;
	uint8_t *rows[1] = { labels };

	assert_int_equal(tagger_docs_init(&d), 0);
	struct ner_sent *s = make(&t, text, &tiny.gaz);
	assert_int_equal(tagger_tag(&tiny, &d, s, 1, rows), 0);
	*n = s->n;
	tagger_docs_free(&d);
}

static void
decoder_follows_the_weights(void **unused)
{
	uint8_t labels[32];
	size_t n;
	(void)unused;

	tag("Donald Trump flew to Paris .", labels, &n);
	assert_int_equal(n, 6);
	assert_int_equal(labels[0], L(NER_PER, POS_B));
	assert_int_equal(labels[1], L(NER_PER, POS_L));
	assert_int_equal(labels[2], LABEL_O);
	assert_int_equal(labels[3], LABEL_O);
	assert_int_equal(labels[4], L(NER_LOC, POS_U));
	assert_int_equal(labels[5], LABEL_O);
}

static void
decoder_never_emits_an_invalid_sequence(void **unused)
{
	uint8_t labels[32];
	size_t n;
	(void)unused;

	/* "Jong-un" wants I-PER, impossible after O: something valid instead. */
	tag("met Jong-un", labels, &n);
	assert_int_not_equal(labels[1], L(NER_PER, POS_I));
	/* "Donald" wants B-PER but ends the sentence: B may not end one. */
	tag("met Donald", labels, &n);
	assert_true(scheme_may_end(SCHEME_BILOU, labels[1]));
}

static void
two_stage_model_runs_the_second_pass(void **unused)
{
	const struct tiny_rule rules[] = { { "Paris", L(NER_LOC, POS_U) } };
	unsigned char *img;
	size_t size, n;
	char err[256];
	struct model two;
	struct sent t;
	struct tagger_docs d;
	uint8_t labels[32], *rows[1] = { labels };
	(void)unused;

	assert_int_equal(tiny_model_build_stages(rules, 1, 2, &img, &size), 0);
	assert_int_equal(model_parse(&two, img, size, err, sizeof(err)), 0);
	assert_int_equal(two.stages, 2);
	assert_int_equal(tagger_docs_init(&d), 0);
	struct ner_sent *s = make(&t, "flew to Paris .", &two.gaz);
	assert_int_equal(tagger_tag(&two, &d, s, 1, rows), 0);
	n = s->n;
	assert_int_equal(n, 4);
	/* The first pass knew nothing; the second found the place. */
	assert_int_equal(s->info[2].s1, LABEL_O);
	assert_int_equal(labels[2], L(NER_LOC, POS_U));
	assert_int_equal(labels[1], LABEL_O);
	tagger_docs_free(&d);
	free(img);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bilou_round_trip),
		cmocka_unit_test(invalid_transitions_are_refused),
		cmocka_unit_test(features_depend_on_word_and_context),
		cmocka_unit_test(case_is_folded_only_where_meant),
		cmocka_unit_test(gazetteer_marks_the_longest_match),
		cmocka_unit_test(document_memory_adds_features),
		cmocka_unit_test(names_get_letter_trigrams),
		cmocka_unit_test(capitalised_runs_are_found),
		cmocka_unit_test(a_names_last_word_is_a_feature),
		cmocka_unit_test(document_names_add_features),
		cmocka_unit_test(titles_are_marked),
		cmocka_unit_test(decoder_follows_the_weights),
		cmocka_unit_test(decoder_never_emits_an_invalid_sequence),
		cmocka_unit_test(two_stage_model_runs_the_second_pass),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
