/*
 * The training tool's CoNLL reader: WNUT-17's types read as CoNLL's, its
 * lines of white space alone as sentence breaks, and no empty document
 * handed to training, whatever the file ends with.
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
#include "../scheme.h"
#include "../train/corpus.h"

/* Reads text as a file would be read; every, offset: corpus_read_part. */
static void
read_text(struct corpus *c, const char *text, unsigned every,
    unsigned offset)
{
	char path[] = "/tmp/test_corpus_XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(corpus_read_part(c, path, SCHEME_BIO, every, offset),
	    0);
	unlink(path);
}

static size_t
spans_of(const struct corpus *c, size_t sent, struct span *sp)
{
	const struct csent *s = &c->sents[sent];

	return scheme_decode(SCHEME_BIO, s->gold, s->n, sp, 16);
}

static void
no_empty_document(const struct corpus *c)
{
	for (size_t d = 0; d < c->ndocs; d++)
		assert_true(c->docs[d].count > 0);
}

static void
wnut_types_read_as_conll_types(void **unused)
{
	(void)unused;
	struct corpus c = { 0 };
	struct span sp[16];

	read_text(&c,
	    "Empire\tB-location\nState\tI-location\nBuilding\tI-location\n"
	    "by\tO\nTrump\tB-person\n\t\n"
	    "Apple\tB-corporation\nand\tO\nthe\tO\nBeatles\tB-group\n"
	    "sell\tO\niPhone\tB-product\nand\tO\nAbbey\tB-creative-work\n"
	    "Road\tI-creative-work\n\n", 1, 0);
	/* The tab-only line ends the first sentence; no word is empty. */
	assert_int_equal(c.nsents, 2);
	assert_int_equal(c.sents[0].n, 5);
	assert_int_equal(c.sents[1].n, 9);
	assert_int_equal(c.ntokens, 14);
	for (size_t i = 0; i < c.nsents; i++)
		for (size_t k = 0; k < c.sents[i].n; k++)
			assert_true(c.sents[i].w[k].len > 0);

	assert_int_equal(spans_of(&c, 0, sp), 2);
	assert_int_equal(sp[0].type, NER_LOC);
	assert_int_equal(sp[0].first, 0);
	assert_int_equal(sp[0].last, 2);
	assert_int_equal(sp[1].type, NER_PER);

	assert_int_equal(spans_of(&c, 1, sp), 4);
	assert_int_equal(sp[0].type, NER_ORG);		/* corporation */
	assert_int_equal(sp[1].type, NER_ORG);		/* group */
	assert_int_equal(sp[2].type, NER_MISC);		/* product */
	assert_int_equal(sp[3].type, NER_MISC);		/* creative-work */
	assert_int_equal(sp[3].first, 7);
	assert_int_equal(sp[3].last, 8);
	corpus_free(&c);
}

static void
unknown_types_are_outside(void **unused)
{
	(void)unused;
	struct corpus c = { 0 };
	struct span sp[16];

	read_text(&c, "Paris B-LOC\nin O\nJune B-DATE\n\n", 1, 0);
	assert_int_equal(spans_of(&c, 0, sp), 1);
	assert_int_equal(sp[0].type, NER_LOC);
	corpus_free(&c);
}

static const char two_docs[] =
    "-DOCSTART- O\n\n"
    "Acme B-ORG\nhired O\nJones B-PER\n\n"
    "-DOCSTART- O\n\n"
    "Paris B-LOC\nwon O\n\n";

static void
a_last_document_left_out_leaves_no_empty_one(void **unused)
{
	(void)unused;
	struct corpus c = { 0 };

	/* The even half: the second, odd, document is left out. */
	read_text(&c, two_docs, 2, 0);
	assert_int_equal(c.ndocs, 1);
	assert_int_equal(c.nsents, 1);
	no_empty_document(&c);
	/* Read again, as a second file: its documents follow at once. */
	read_text(&c, two_docs, 2, 0);
	assert_int_equal(c.ndocs, 2);
	assert_int_equal(c.docs[1].first, 1);
	no_empty_document(&c);
	/* The odd half. */
	read_text(&c, two_docs, 2, 1);
	assert_int_equal(c.ndocs, 3);
	assert_int_equal(c.sents[c.docs[2].first].n, 2);
	no_empty_document(&c);
	corpus_free(&c);
}

static void
files_without_sentences_add_no_document(void **unused)
{
	(void)unused;
	struct corpus c = { 0 };

	read_text(&c, "", 1, 0);
	assert_int_equal(c.ndocs, 0);
	read_text(&c, "-DOCSTART- O\n\n-DOCSTART- O\n\n\t\n", 1, 0);
	assert_int_equal(c.ndocs, 0);
	assert_int_equal(c.nsents, 0);
	corpus_free(&c);
}

static void
unmarked_files_are_cut_without_an_empty_end(void **unused)
{
	(void)unused;
	struct corpus c = { 0 };
	char text[64 * CORPUS_DOC_SENTENCES];

	/* Exactly one document's worth of sentences: one document. */
	text[0] = 0;
	for (int i = 0; i < CORPUS_DOC_SENTENCES; i++)
		strcat(text, "Rome\tB-LOC\n.\tO\n\n");
	read_text(&c, text, 1, 0);
	assert_int_equal(c.ndocs, 1);
	assert_int_equal(c.docs[0].count, CORPUS_DOC_SENTENCES);
	/* One more: a second document of one sentence. */
	strcat(text, "Rome\tB-LOC\n\n");
	read_text(&c, text, 1, 0);
	assert_int_equal(c.ndocs, 3);
	assert_int_equal(c.docs[2].count, 1);
	no_empty_document(&c);
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wnut_types_read_as_conll_types),
		cmocka_unit_test(unknown_types_are_outside),
		cmocka_unit_test(a_last_document_left_out_leaves_no_empty_one),
		cmocka_unit_test(files_without_sentences_add_no_document),
		cmocka_unit_test(unmarked_files_are_cut_without_an_empty_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
