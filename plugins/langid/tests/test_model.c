/*
 * The model file: a good one loads, a damaged one is refused with a
 * message that says what is wrong, and nothing crashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <math.h>
#include <unistd.h>

#include <cmocka.h>

#include "../features.h"
#include "../model.h"
#include "../train/train.h"
#include "../utf8.h"
#include "tiny_model.h"

struct fixture {
	void *image;
	size_t len;
	char path[64];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int fd;

	if (f == NULL || (f->image = tiny_model(&f->len)) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "/tmp/langid-model-XXXXXX");
	if ((fd = mkstemp(f->path)) < 0)
		return -1;
	close(fd);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	free(f->image);
	free(f);
	return 0;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Opens path, expecting failure with a message that contains want. */
static void
refused(const char *path, const char *want)
{
	char err[512] = "";
	model m;

	assert_true(model_open(&m, path, err, sizeof(err)) < 0);
	if (strstr(err, want) == NULL)
		fail_msg("message \"%s\" does not say \"%s\"", err, want);
	assert_null(m.map);
}

static void
a_good_model_loads_and_knows_its_languages(void **state)
{
	struct fixture *f = *state;
	char err[512];
	uint32_t cps[] = { ' ', 't', 'h', 'e' };
	size_t count;
	model m;
	uint32_t i;
	int found = 0;

	write_file(f->path, f->image, f->len);
	assert_int_equal(model_open(&m, f->path, err, sizeof(err)), 0);
	assert_int_equal(m.hdr->n_langs, 6);	/* en fr de ru uk ja */
	for (i = 0; i < m.hdr->n_langs; i++)
		found += strcmp(model_lang_code(&m, i), "uk") == 0 &&
		    strcmp(model_lang_iso3(&m, i), "ukr") == 0 &&
		    m.script[i] == SCRIPT_CYRL;
	assert_int_equal(found, 1);
	assert_non_null(model_lookup(&m, features_hash(cps, 4), &count));
	assert_true(count >= 1);
	cps[1] = 'q';
	cps[2] = 'q';
	assert_null(model_lookup(&m, features_hash(cps, 4), &count));
	assert_int_equal(count, 0);
	model_close(&m);
}

static uint64_t
word(const char *w)
{
	uint32_t cps[32];
	size_t pos = 0, len = strlen(w);
	int n = 0;

	while (pos < len)
		cps[n++] = features_lower(langid_utf8_next(w, len, &pos));
	return features_word_hash(cps, n);
}

static void
the_word_lists_come_with_the_model(void **state)
{
	struct fixture *f = *state;
	const struct model_lexicon *l;
	char err[512];
	model m;
	int i, de = -1;

	write_file(f->path, f->image, f->len);
	assert_int_equal(model_open(&m, f->path, err, sizeof(err)), 0);
	assert_int_equal(m.lexicons.n, 2);
	l = (const void *)((const char *)m.hdr + m.hdr->lexicons_off);
	for (i = 0; i < 2; i++)
		if (strcmp(model_lang_code(&m, l[i].lang), "de") == 0)
			de = i;
	assert_true(de >= 0);
	assert_true(features_lexicon_has(&m.lexicons.list[de], word("Würde")));
	assert_true(features_lexicon_has(&m.lexicons.list[de], word("frei")));
	assert_true(features_lexicon_has(&m.lexicons.list[1 - de],
	    word("dignité")));
	assert_false(features_lexicon_has(&m.lexicons.list[de],
	    word("dignité")));
	model_close(&m);
}

/* Each --lexicons file is a group; the model keeps which list is in which. */
static void
word_lists_keep_their_groups(void **state)
{
	struct fixture *f = *state;
	struct build_params bp = tiny_params();
	struct train_lexicons lx, third;
	struct corpus c;
	const struct model_lexicon *l;
	void *image = NULL;
	size_t len;
	char err[512];
	model m;

	assert_int_equal(tiny_corpus(&c), 0);
	write_file(f->path, "deu\tfrei\ndeu\tWürde\n",
	    strlen("deu\tfrei\ndeu\tWürde\n"));
	assert_int_equal(lexicons_load(&lx, &c, f->path, 10.0, err,
	    sizeof(err)), 0);
	write_file(f->path, "fra\tlibres\n", strlen("fra\tlibres\n"));
	assert_int_equal(lexicons_add(&lx, &c, f->path, 4.0, err,
	    sizeof(err)), 0);
	assert_int_equal(lx.view.n, 2);
	assert_int_equal(lx.view.list[0].group, 0);
	assert_int_equal(lx.view.list[1].group, 1);
	assert_int_equal(lx.view.list[0].n_bits, 64);	/* 20 bits, rounded up */
	/* Two groups at most: a third file is refused. */
	memset(&third, 0, sizeof(third));
	third.n_groups = FEATURES_MAX_LEXICON_GROUPS;
	assert_int_equal(lexicons_add(&third, &c, f->path, 10.0, err,
	    sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "groups"));
	bp.lexicons = &lx;
	assert_int_equal(build_model(&c, 1u << ROLE_TRAIN, &bp, &image, &len,
	    err, sizeof(err)), 0);
	lexicons_free(&lx);
	corpus_free(&c);

	write_file(f->path, image, len);
	free(image);
	assert_int_equal(model_open(&m, f->path, err, sizeof(err)), 0);
	assert_int_equal(m.lexicons.n, 2);
	l = (const void *)((const char *)m.hdr + m.hdr->lexicons_off);
	assert_string_equal(model_lang_code(&m, l[0].lang), "de");
	assert_int_equal(l[0].group, 0);
	assert_int_equal(l[1].group, 1);
	assert_int_equal(m.lexicons.list[1].group, 1);
	assert_true(features_lexicon_has(&m.lexicons.list[1], word("libres")));
	model_close(&m);
}

static void
a_truncated_model_is_refused(void **state)
{
	struct fixture *f = *state;

	write_file(f->path, f->image, f->len - 8);
	refused(f->path, "truncated");
	write_file(f->path, f->image, 10);
	refused(f->path, "shorter than its header");
	write_file(f->path, f->image, 0);
	refused(f->path, "shorter than its header");
}

static void
a_damaged_byte_is_caught_by_the_checksum(void **state)
{
	struct fixture *f = *state;
	char *copy = malloc(f->len);

	assert_non_null(copy);
	memcpy(copy, f->image, f->len);
	copy[f->len / 2] ^= 0x40;
	write_file(f->path, copy, f->len);
	refused(f->path, "checksum");
	free(copy);
}

static void
another_format_or_version_is_refused(void **state)
{
	struct fixture *f = *state;
	struct model_header *h;
	char *copy = malloc(f->len);

	assert_non_null(copy);
	memcpy(copy, f->image, f->len);
	h = (struct model_header *)copy;
	h->version = MODEL_VERSION + 1;
	write_file(f->path, copy, f->len);
	refused(f->path, "version");
	memcpy(copy, f->image, f->len);
	memcpy(copy, "GIF89a..", 8);
	write_file(f->path, copy, f->len);
	refused(f->path, "bad magic");
	free(copy);
}

static void
a_forged_checksum_does_not_let_bad_offsets_through(void **state)
{
	struct fixture *f = *state;
	struct model_header *h;
	struct model_slot *slots;
	struct model_lexicon *lex;
	char *copy = malloc(f->len);

	assert_non_null(copy);
	memcpy(copy, f->image, f->len);
	h = (struct model_header *)copy;
	slots = (struct model_slot *)(copy + h->slots_off);
	slots[h->n_slots].start = h->n_postings + 1000;
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "slot table");

	memcpy(copy, f->image, f->len);
	h->postings_off = f->len + 8;
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "out of bounds");

	memcpy(copy, f->image, f->len);
	h->lexicons_off = f->len;
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "word list out of bounds");

	memcpy(copy, f->image, f->len);
	lex = (struct model_lexicon *)(copy + h->lexicons_off);
	lex[0].n_bits += 1;	/* not whole words of 64 bits */
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "word list");

	memcpy(copy, f->image, f->len);
	lex[1].bits_off = f->len;	/* past the end */
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "word list");

	memcpy(copy, f->image, f->len);
	lex[1].group = FEATURES_MAX_LEXICON_GROUPS;	/* no such group */
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "word list");

	memcpy(copy, f->image, f->len);
	lex[0].group = 1;	/* a group after the next list's */
	build_set_temperature(copy, f->len, h->temperature);
	write_file(f->path, copy, f->len);
	refused(f->path, "word list");
	free(copy);
}

static void
a_language_temperature_that_is_no_positive_number_is_refused(void **state)
{
	struct fixture *f = *state;
	float bad[] = { -1.0f, NAN, INFINITY };
	char *copy = malloc(f->len);
	struct model_header *h;
	struct model_lang *langs;
	size_t i;

	assert_non_null(copy);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(copy, f->image, f->len);
		h = (struct model_header *)copy;
		langs = (struct model_lang *)(copy + h->langs_off);
		langs[1].temperature = bad[i];
		build_set_temperature(copy, f->len, h->temperature);
		write_file(f->path, copy, f->len);
		refused(f->path, "language temperature");
	}
	free(copy);
}

/*
 * Every header byte set to 0xff in turn, with the checksum forged to
 * match: each is refused or, if it still makes sense, usable; no crash,
 * nothing read out of bounds (the sanitizers watch).
 */
static void
a_damaged_header_never_crashes(void **state)
{
	struct fixture *f = *state;
	char *copy = malloc(f->len), err[256];
	uint32_t cps[] = { ' ', 't', 'h', 'e' };
	size_t i, count;
	model m;

	assert_non_null(copy);
	for (i = 0; i < sizeof(struct model_header); i++) {
		if (i >= offsetof(struct model_header, checksum) &&
		    i < offsetof(struct model_header, checksum) + 8)
			continue;
		memcpy(copy, f->image, f->len);
		copy[i] = (char)0xff;
		build_set_temperature(copy, f->len,
		    ((struct model_header *)copy)->temperature);
		if (model_check(&m, copy, f->len, err, sizeof(err)) == 0) {
			int k;

			model_lookup(&m, features_hash(cps, 4), &count);
			assert_true(count <= m.hdr->n_postings);
			for (k = 0; k < m.lexicons.n; k++)
				features_lexicon_has(&m.lexicons.list[k],
				    word("frei"));
		} else {
			assert_true(strlen(err) > 0);
		}
		model_close(&m);
	}
	free(copy);
}

static void
a_missing_model_says_so(void **state)
{
	char err[512];
	model m;

	(void)state;
	assert_int_equal(model_open(&m, "/nonexistent/langid.model", err,
	    sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent/langid.model"));
}

static void
the_prior_grows_with_the_text_a_language_was_seen_in(void **unused)
{
	float udhr = build_prior(10000, 1, 0, 6.0f);
	float small = build_prior(100000, 2, 0, 6.0f);
	float big = build_prior(1000000, 2, 0, 6.0f);
	float huge = build_prior(50000000, 3, 0, 6.0f);

	(void)unused;
	assert_true(udhr == 0.0f);		/* a few pages: no head start */
	assert_true(small > 0.0f && small < big);
	assert_true(big < huge);
	assert_true(huge == 6.0f);		/* no more than the top */
	assert_true(build_prior((uint64_t)PRIOR_HIGH_BYTES, 2, 0, 6.0f) == 6.0f);
	/* One source of the same size: half. */
	assert_true(fabsf(build_prior(1000000, 1, 0, 6.0f) - big / 2.0f) < 1e-5f);
}

static void
speakers_count_where_the_text_says_little(void **unused)
{
	float zu = build_prior(9000, 1, 14e6, 6.0f);
	float nr = build_prior(7000, 1, 0.9e6, 6.0f);

	(void)unused;
	assert_true(zu > nr && nr > 0.0f);
	assert_true(build_prior(9000, 1, 5e4, 6.0f) == 0.0f);	/* few speakers */
	/* However many speakers, less than megabytes of text give... */
	assert_true(build_prior(9000, 1, 2e9, 6.0f) == (float)PRIOR_SPEAKER_MAX);
	assert_true(build_prior(9000, 1, 2e9, 6.0f) <
	    build_prior(2000000, 2, 0, 6.0f));
	/* ...and text gives what it gives, whatever the speakers. */
	assert_true(build_prior(3000000, 2, 3e6, 6.0f) == 6.0f);
}

static void
speakers_are_read_by_the_code_the_model_answers(void **unused)
{
	char path[] = "/tmp/langid-speakers-XXXXXX", err[256];
	struct corpus c;
	uint32_t i;
	int fd, en = 0, uk = 0;
	FILE *f;

	(void)unused;
	assert_int_equal(tiny_corpus(&c), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("en\t1500000000\nuk\t40000000\neng\t7\nbad line\n", f);
	fclose(f);
	assert_int_equal(corpus_load_speakers(&c, path, err, sizeof(err)), 0);
	unlink(path);
	for (i = 0; i < c.n_langs; i++) {
		if (strcmp(c.langs[i].code, "en") == 0)
			en = c.langs[i].speakers == 1.5e9;
		else if (strcmp(c.langs[i].code, "uk") == 0)
			uk = c.langs[i].speakers == 4e7;
		else
			assert_true(c.langs[i].speakers == 0.0);
	}
	assert_true(en && uk);
	assert_int_equal(corpus_load_speakers(&c, "/nonexistent/speakers.tsv",
	    err, sizeof(err)), -EIO);
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_model_loads_and_knows_its_languages),
		cmocka_unit_test(the_word_lists_come_with_the_model),
		cmocka_unit_test(word_lists_keep_their_groups),
		cmocka_unit_test(a_truncated_model_is_refused),
		cmocka_unit_test(a_damaged_byte_is_caught_by_the_checksum),
		cmocka_unit_test(another_format_or_version_is_refused),
		cmocka_unit_test(a_forged_checksum_does_not_let_bad_offsets_through),
		cmocka_unit_test(a_language_temperature_that_is_no_positive_number_is_refused),
		cmocka_unit_test(a_damaged_header_never_crashes),
		cmocka_unit_test(a_missing_model_says_so),
		cmocka_unit_test(the_prior_grows_with_the_text_a_language_was_seen_in),
		cmocka_unit_test(speakers_count_where_the_text_says_little),
		cmocka_unit_test(speakers_are_read_by_the_code_the_model_answers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
