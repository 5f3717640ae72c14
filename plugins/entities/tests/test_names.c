/*
 * The training set's own names as a gazetteer: the model carries every
 * name with the types the documents give it, and a training document sees
 * its names only as the other documents give them.
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
#include "../train/names.h"

/*
 * Three documents: "Acme Corp" an organisation in the first two, "Paris"
 * a place in the third only, "Jordan" a person in the first and a place
 * in the second, "Mr" in none.
 */
static const char conll[] =
    "-DOCSTART- O\n\n"
    "Acme B-ORG\nCorp I-ORG\nhired O\nJordan B-PER\n. O\n\n"
    "-DOCSTART- O\n\n"
    "Acme B-ORG\nCorp I-ORG\nleft O\nJordan B-LOC\n. O\n\n"
    "-DOCSTART- O\n\n"
    "Mr O\nAcme B-ORG\nCorp I-ORG\nsaw O\nParis B-LOC\n. O\n\n";

struct fixture {
	struct corpus c;
	struct names nm;
	struct gaz_table gz;
};

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	char path[] = "/tmp/test_names_XXXXXX";
	int fd = mkstemp(path);

	assert_non_null(fx);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, conll, sizeof(conll) - 1),
	    (ssize_t)(sizeof(conll) - 1));
	close(fd);
	assert_int_equal(corpus_read(&fx->c, path, SCHEME_BIO), 0);
	unlink(path);
	assert_int_equal(fx->c.ndocs, 3);
	fx->gz.nslots = 1024;
	fx->gz.slots = calloc(fx->gz.nslots, sizeof(*fx->gz.slots));
	assert_non_null(fx->gz.slots);
	assert_int_equal(names_collect(&fx->nm, &fx->c, fx->c.ndocs,
	    SCHEME_BIO), 0);
	assert_int_equal(names_mark_all(&fx->nm, &fx->gz), 0);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	names_free(&fx->nm);
	free(fx->gz.slots);
	corpus_free(&fx->c);
	free(fx);
	return 0;
}

static unsigned
lookup(const struct gaz_table *gz, const char *phrase)
{
	const char *words[GAZ_MAX_WORDS];
	uint32_t lens[GAZ_MAX_WORDS];
	char buf[64];
	size_t n = 0;
	struct gaz g = { gz->slots, gz->nslots };

	snprintf(buf, sizeof(buf), "%s", phrase);
	for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " ")) {
		words[n] = phrase + (w - buf);
		lens[n++] = (uint32_t)strlen(w);
	}
	return gaz_lookup(&g, gaz_phrase_hash(words, lens, n));
}

#define PER (1u << GAZ_TRAIN_PER)
#define ORG (1u << GAZ_TRAIN_ORG)
#define LOC (1u << GAZ_TRAIN_LOC)

static void
the_model_carries_every_name_with_every_type_given(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(fx->nm.used, 3);
	assert_int_equal(lookup(&fx->gz, "Acme Corp"), ORG);
	assert_int_equal(lookup(&fx->gz, "acme corp"), ORG);
	assert_int_equal(lookup(&fx->gz, "Jordan"), PER | LOC);
	assert_int_equal(lookup(&fx->gz, "Paris"), LOC);
	assert_int_equal(lookup(&fx->gz, "Acme"), 0);
	assert_int_equal(lookup(&fx->gz, "Mr"), 0);
}

static void
a_document_sees_its_names_only_as_the_others_give_them(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(names_mark_doc(&fx->nm, &fx->c, 2, SCHEME_BIO,
	    &fx->gz, 1), 0);
	assert_int_equal(lookup(&fx->gz, "Paris"), 0);
	assert_int_equal(lookup(&fx->gz, "Acme Corp"), ORG);
	assert_int_equal(lookup(&fx->gz, "Jordan"), PER | LOC);
	assert_int_equal(names_mark_doc(&fx->nm, &fx->c, 2, SCHEME_BIO,
	    &fx->gz, 0), 0);
	assert_int_equal(lookup(&fx->gz, "Paris"), LOC);

	assert_int_equal(names_mark_doc(&fx->nm, &fx->c, 0, SCHEME_BIO,
	    &fx->gz, 1), 0);
	assert_int_equal(lookup(&fx->gz, "Jordan"), LOC);
	assert_int_equal(lookup(&fx->gz, "Acme Corp"), ORG);
	assert_int_equal(names_mark_doc(&fx->nm, &fx->c, 0, SCHEME_BIO,
	    &fx->gz, 0), 0);
	assert_int_equal(lookup(&fx->gz, "Jordan"), PER | LOC);
}

static void
a_name_of_one_document_gives_its_words_no_feature_there(void **state)
{
	struct fixture *fx = *state;
	const struct csent *s = &fx->c.sents[fx->c.docs[2].first];
	struct gaz g = { fx->gz.slots, fx->gz.nslots };

	assert_int_equal(names_mark_doc(&fx->nm, &fx->c, 2, SCHEME_BIO,
	    &fx->gz, 1), 0);
	corpus_prepare_sents(&fx->c, fx->c.docs[2].first, 1, &g, NULL);
	assert_int_equal(s->info[4].gaz[GAZ_TRAIN_LOC], 0);
	assert_int_equal(s->info[1].gaz[GAZ_TRAIN_ORG], 1 + POS_B);
	assert_int_equal(s->info[2].gaz[GAZ_TRAIN_ORG], 1 + POS_L);

	assert_int_equal(names_mark_doc(&fx->nm, &fx->c, 2, SCHEME_BIO,
	    &fx->gz, 0), 0);
	corpus_prepare_sents(&fx->c, fx->c.docs[2].first, 1, &g, NULL);
	assert_int_equal(s->info[4].gaz[GAZ_TRAIN_LOC], 1 + POS_U);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    the_model_carries_every_name_with_every_type_given,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_document_sees_its_names_only_as_the_others_give_them,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_name_of_one_document_gives_its_words_no_feature_there,
		    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
