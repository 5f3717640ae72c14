/*
 * ABI 1.1 for readers: a reader with LECTOR_READ_RAW gets the bytes as
 * they arrived, host->read_as runs another format's reader on the same
 * document, and a reader built against the 1.0 header still reads text
 * the host decoded for it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "pipeline.h"

static struct pipeline *pipe;
static struct config cfg;

static int
setup(void **unused)
{
	static const char *only[] = { NULL };
	char err[1024];

	(void)unused;
	if (config_load(&cfg, NULL, NULL, err, sizeof(err)) < 0)
		return -1;
	for (size_t i = 0; cfg.plugin_dirs[i]; i++)
		free(cfg.plugin_dirs[i]);
	free(cfg.plugin_dirs);
	cfg.plugin_dirs = calloc(2, sizeof(char *));
	cfg.plugin_dirs[0] = strdup(FIXTURE_DIR "/readers");
	if ((pipe = pipeline_open(&cfg, only, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	pipeline_close(pipe);
	config_free(&cfg);
	return 0;
}

static json_t *
run(const char *name, const char *bytes, size_t len)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	if (pipeline_run(pipe, name, NULL, bytes, len, 0, &out, &why) < 0)
		fail_msg("%s refused: %s: %s", name, why.plugin, why.reason);
	return out;
}

static const char *
field(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *
encoding(json_t *out)
{
	return field(json_object_get(out, "source"), "encoding");
}

/* NUL and 0x81 make the host refuse the bytes as text; raw, they pass. */
static void
test_raw_reader_gets_bytes_undecoded(void **unused)
{
	const char bytes[] = "a\0\x81\xef\xbb\xbf";
	json_t *out;

	(void)unused;
	out = run("x.raw", bytes, sizeof(bytes) - 1);
	assert_string_equal(field(out, "text"), "61 00 81 ef bb bf");
	assert_string_equal(encoding(out), "bytes, in hexadecimal");
	json_decref(out);
}

static void
test_reader_of_abi_1_0_gets_decoded_text(void **unused)
{
	const char cp1252[] = "Caf\xe9.";
	struct pipeline_failure why;
	json_t *out;

	(void)unused;
	out = run("x.old", cp1252, sizeof(cp1252) - 1);
	assert_string_equal(field(out, "text"), "Caf\xc3\xa9.");
	assert_string_equal(encoding(out), "Windows-1252");
	json_decref(out);
	assert_int_equal(pipeline_run(pipe, "y.old", NULL, "a\0b", 3, 0, &out,
	    &why), -1);
	assert_string_equal(why.plugin, "lectord");
	assert_non_null(strstr(why.reason, "binary file"));
}

static void
test_read_as_reads_into_the_same_document(void **unused)
{
	const char bytes[] = "\xff!";
	json_t *out;

	(void)unused;
	/* The outer reader got "\u00ff!" decoded, and hands that on. */
	out = run("x.outer", bytes, sizeof(bytes) - 1);
	assert_string_equal(field(out, "title"), "outer");
	assert_string_equal(field(out, "text"), "c3 bf 21");
	assert_string_equal(encoding(out), "bytes, in hexadecimal");
	json_decref(out);
}

/*
 * Through read_as, a 1.0 reader still gets UTF-8 (here the outer reader's
 * text), and the article's encoding stays the one its file had.
 */
static void
test_read_as_decodes_for_a_text_reader(void **unused)
{
	const char cp1252[] = "na\xefve";
	json_t *out;

	(void)unused;
	out = run("x.outerold", cp1252, sizeof(cp1252) - 1);
	assert_string_equal(field(out, "title"), "outer");
	assert_string_equal(field(out, "text"), "na\xc3\xafve");
	assert_string_equal(encoding(out), "Windows-1252");
	json_decref(out);
}

static void
refused(const char *name, const char *plugin, const char *reason)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	assert_int_equal(pipeline_run(pipe, name, NULL, "x", 1, 0, &out, &why), -1);
	assert_null(out);
	assert_string_equal(why.plugin, plugin);
	if (strstr(why.reason, reason) == NULL)
		fail_msg("%s: reason \"%s\" lacks \"%s\"", name, why.reason, reason);
}

static void
test_read_as_refusals(void **unused)
{
	(void)unused;
	refused("x.loop", "loop", "readers nested more than 4 deep");
	refused("x.nowhere", "nowhere", "read_as: no reader takes .nope");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw_reader_gets_bytes_undecoded),
		cmocka_unit_test(test_reader_of_abi_1_0_gets_decoded_text),
		cmocka_unit_test(test_read_as_reads_into_the_same_document),
		cmocka_unit_test(test_read_as_decodes_for_a_text_reader),
		cmocka_unit_test(test_read_as_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
