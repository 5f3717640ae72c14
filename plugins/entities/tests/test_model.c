/* Model files: good ones load, damaged ones are refused with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../model.h"
#include "../scheme.h"
#include "tinymodel.h"

static unsigned char *image;
static size_t image_size;
static char path[64];

static int
setup(void **unused)
{
	const struct tiny_rule rules[] = {
		{ "Paris", 4 * NER_LOC + 1 + POS_U },
	};
	(void)unused;
	if (tiny_model_build(rules, 1, "en", &image, &image_size) != 0)
		return -1;
	snprintf(path, sizeof(path), "/tmp/entities-test-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	free(image);
	unlink(path);
	return 0;
}

static void
write_file(const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
}

/* Opens the file at `path`; returns model_open's status and message. */
static int
open_model(char *err, size_t errlen)
{
	struct model m;
	int rc = model_open(&m, path, err, errlen);
	if (rc == 0) {
		assert_non_null(m.hdr);
		model_close(&m);
	}
	return rc;
}

static void
a_good_model_loads(void **unused)
{
	char err[256];
	struct model m;
	(void)unused;

	write_file(image, image_size);
	assert_int_equal(model_open(&m, path, err, sizeof(err)), 0);
	assert_string_equal(m.hdr->language, "en");
	assert_string_equal(m.hdr->name, "test-tiny");
	assert_int_equal(m.nlabels, scheme_nlabels(SCHEME_BILOU));
	/* A key the model has, and one it does not. */
	uint64_t key;
	const unsigned char *row0 = m.rows;
	memcpy(&key, row0, 8);
	assert_non_null(model_weights(&m, key));
	assert_null(model_weights(&m, key ^ 0x5555));
	model_close(&m);
}

static void
a_corrupt_model_is_refused(void **unused)
{
	char err[256];
	unsigned char *bad = malloc(image_size);
	(void)unused;

	memcpy(bad, image, image_size);
	bad[image_size - 3] ^= 0x40;
	write_file(bad, image_size);
	free(bad);
	assert_int_equal(open_model(err, sizeof(err)), -1);
	assert_non_null(strstr(err, "checksum"));
	assert_non_null(strstr(err, path));
}

static void
a_truncated_model_is_refused(void **unused)
{
	char err[256];
	(void)unused;

	write_file(image, image_size / 2);
	assert_int_equal(open_model(err, sizeof(err)), -1);
	assert_non_null(strstr(err, "truncated"));
	write_file(image, 10);
	assert_int_equal(open_model(err, sizeof(err)), -1);
	assert_non_null(strstr(err, "magic"));
}

static void
another_version_is_refused(void **unused)
{
	char err[256];
	unsigned char *bad = malloc(image_size);
	struct model_header h;
	(void)unused;

	memcpy(bad, image, image_size);
	memcpy(&h, bad, sizeof(h));
	h.version = MODEL_VERSION + 1;
	memcpy(bad, &h, sizeof(h));
	write_file(bad, image_size);
	free(bad);
	assert_int_equal(open_model(err, sizeof(err)), -1);
	char want[64];
	snprintf(want, sizeof(want), "version %u", MODEL_VERSION + 1);
	assert_non_null(strstr(err, want));
}

static void
an_out_of_bounds_section_is_refused(void **unused)
{
	char err[256];
	struct model m;
	unsigned char *bad = malloc(image_size);
	struct model_header h;
	(void)unused;

	/* Valid checksum, lying header: only the bounds check can catch it. */
	memcpy(bad, image, image_size);
	memcpy(&h, bad, sizeof(h));
	h.nrows = h.index_slots - 1;
	memcpy(bad, &h, sizeof(h));
	assert_int_equal(model_parse(&m, bad, image_size, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "out of bounds"));
	free(bad);
}

static void
a_missing_model_names_its_path(void **unused)
{
	char err[256];
	struct model m;
	(void)unused;

	assert_int_equal(model_open(&m, "/nonexistent/entities.model", err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/entities.model"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_model_loads),
		cmocka_unit_test(a_corrupt_model_is_refused),
		cmocka_unit_test(a_truncated_model_is_refused),
		cmocka_unit_test(another_version_is_refused),
		cmocka_unit_test(an_out_of_bounds_section_is_refused),
		cmocka_unit_test(a_missing_model_names_its_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
