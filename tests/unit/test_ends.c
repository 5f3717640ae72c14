/*
 * Sources and sinks: found by name within their kind, checked before any
 * of their code runs, and driven by a pulling worker that settles an
 * article only after every sink has flushed it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "ends.h"
#include "loader.h"
#include "pipeline.h"
#include "pull.h"

/* A configuration from JSON text, with the fixture folders to search. */
static void
load(const char *settings, struct config *cfg)
{
	char path[] = "/tmp/lector-test-ends-cfg-XXXXXX", text[4096], err[1024];
	int fd = mkstemp(path);

	char exe_dir[1024];

	/* The default plugin folder is the built one, whatever the working dir. */
	snprintf(exe_dir, sizeof(exe_dir), "%s", PLUGIN_DIR);
	*strrchr(exe_dir, '/') = '\0';
	snprintf(text, sizeof(text), "{\"plugin_dirs\": [\"%s/ends\", \"%s/good\"], "
	    "\"pipeline\": [\"stats\"], \"work\": \"/tmp/lector-test-ends-work\"%s%s}",
	    FIXTURE_DIR, FIXTURE_DIR,
	    *settings ? ", " : "", settings);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	if (config_load(cfg, path, exe_dir, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	unlink(path);
}

static void
check_settings(const char *settings, const char *part)
{
	struct config cfg;
	struct plugin_set set;
	char err[1024] = "";
	int rc;

	load(settings, &cfg);
	assert_int_equal(loader_scan(cfg.plugin_dirs, &set), 0);
	rc = ends_check(&cfg, &set, err, sizeof(err));
	if (part == NULL && rc != 0)
		fail_msg("refused: %s", err);
	if (part != NULL && (rc == 0 || strstr(err, part) == NULL))
		fail_msg("error \"%s\" lacks \"%s\"", err, part);
	loader_free(&set);
	config_free(&cfg);
}

static void
test_a_source_and_a_sink_share_a_name(void **unused)
{
	struct config cfg;
	struct plugin_set set;

	(void)unused;
	load("", &cfg);
	assert_int_equal(loader_scan(cfg.plugin_dirs, &set), 0);
	if (set.n_refused > 0)
		fail_msg("refused: %s", set.refused[0]);
	assert_int_equal(loader_find_kind(&set, "memq", LECTOR_SOURCE)->desc->kind,
	    LECTOR_SOURCE);
	assert_int_equal(loader_find_kind(&set, "memq", LECTOR_SINK)->desc->kind,
	    LECTOR_SINK);
	/* Readers and annotators share no names with anything. */
	assert_null(loader_find_kind(&set, "stats", LECTOR_SINK) == NULL ? NULL :
	    loader_find_kind(&set, "stats", LECTOR_SINK)->desc->kind ==
	    LECTOR_SINK ? "a sink named stats" : NULL);
	loader_free(&set);
	config_free(&cfg);
}

static void
test_check_config_refusals(void **unused)
{
	(void)unused;
	check_settings("", NULL);		/* spool and outbox: the defaults */
	check_settings("\"source\": \"memq\", \"sinks\": [\"memq\", \"outbox\"]", NULL);
	check_settings("\"source\": \"kafka\"", "source: no source plugin named 'kafka'");
	check_settings("\"sinks\": [\"outbox\", \"good\"]",
	    "sinks: 'good' is an annotator, not a sink");
	check_settings("\"source\": \"stats\"", "source: 'stats' is an annotator");
	check_settings("\"sinks\": [\"memq\"]", "list \"outbox\" among the sinks");
	check_settings("\"source\": \"memq\", \"sinks\": [\"memq\"], \"plugins\": "
	    "{\"memq\": {\"record\": 3}}", "plugins.memq.record");
}

static char *
run_pull(const char *articles, int count, int fail_flush, const char *refuse)
{
	char settings[1024], err[1024];
	struct config cfg;
	struct pipeline *p;
	struct ends *e;
	char record_path[] = "/tmp/lector-test-ends-XXXXXX";
	int fd = mkstemp(record_path), sv[2];
	static char text[8192];
	ssize_t n;

	assert_true(fd >= 0);
	snprintf(settings, sizeof(settings), "\"source\": \"memq\", \"sinks\": "
	    "[\"memq\"], \"max_jobs\": %d, \"plugins\": {\"memq\": {\"articles\": "
	    "%s, \"record\": \"%s\", \"fail_flush\": %s, \"refuse\": \"%s\"}}",
	    count, articles, record_path, fail_flush ? "true" : "false", refuse);
	load(settings, &cfg);
	if ((p = pipeline_open(&cfg, NULL, err, sizeof(err))) == NULL ||
	    (e = ends_open(&cfg, pipeline_plugins(p), ENDS_SOURCE | ENDS_SINKS,
	    err, sizeof(err))) == NULL)
		fail_msg("%s", err);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(pull_run(&cfg, p, e, sv[0]), 0);	/* stops at max_jobs */
	close(sv[0]);
	close(sv[1]);
	ends_close(e);
	pipeline_close(p);
	config_free(&cfg);
	n = read(fd, text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(record_path);
	return text;
}

static const char *
at(const char *text, const char *line)
{
	const char *p = strstr(text, line);

	if (p == NULL)
		fail_msg("no \"%s\" in:\n%s", line, text);
	return p;
}

static void
test_settled_only_after_every_sink_flushed(void **unused)
{
	const char *text;

	(void)unused;
	text = run_pull("[\"a.txt=Hello world. Again.\", \"b.txt=   \", "
	    "\"c.txt=A third article.\"]", 3, 0, "");
	/* The empty one fails at once, with its reason; no sink sees it. */
	at(text, "settle b.txt failed empty article");
	/* Written with what the source said beside the bytes, then flushed. */
	assert_true(at(text, "write ") < at(text, "flush"));
	at(text, " memq\n");
	assert_true(at(text, "flush") < at(text, "settle a.txt done"));
	assert_true(at(text, "flush") < at(text, "settle c.txt done"));
	assert_null(strstr(text, "retry"));
}

static void
test_a_failed_flush_puts_the_batch_back(void **unused)
{
	const char *text;

	(void)unused;
	text = run_pull("[\"a.txt=Hello world.\", \"c.txt=Another one.\"]", 2, 1,
	    "");
	at(text, "settle a.txt retry");
	at(text, "settle c.txt retry");
	assert_null(strstr(text, "done"));
}

/*
 * A refusal for good at the flush fails one article, not the batch: the
 * batch is written again one by one to find it, and nothing is retried.
 */
static void
test_a_refused_document_fails_alone(void **unused)
{
	const char *text;

	(void)unused;
	text = run_pull("[\"a.txt=Hello world.\", \"r.txt=Refuse this one.\", "
	    "\"c.txt=Another one.\"]", 3, 0, "Refuse");
	at(text, "settle a.txt done");
	at(text, "settle c.txt done");
	at(text, "settle r.txt failed memq: refused for good");
	assert_null(strstr(text, "retry"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_source_and_a_sink_share_a_name),
		cmocka_unit_test(test_check_config_refusals),
		cmocka_unit_test(test_settled_only_after_every_sink_flushed),
		cmocka_unit_test(test_a_failed_flush_puts_the_batch_back),
		cmocka_unit_test(test_a_refused_document_fails_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
