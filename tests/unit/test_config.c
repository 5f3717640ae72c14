/* The configuration file: defaults, every key, and refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char path[64];

static int
load_text(const char *json, struct config *cfg, char *err, size_t errlen)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/lector-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(json, f);
	fclose(f);
	int rc = config_load(cfg, path, NULL, err, errlen);
	unlink(path);
	return rc;
}

static void
test_defaults_without_a_file(void **unused)
{
	struct config cfg;
	char err[256];

	(void)unused;
	assert_int_equal(config_load(&cfg, NULL, NULL, err, sizeof(err)), 0);
	assert_string_equal(cfg.pipeline[0], "langid");
	assert_true(config_source_is_spool(&cfg));
	assert_string_equal(cfg.sinks[0], "outbox");
	assert_string_equal(cfg.inbox, "spool/inbox");
	assert_string_equal(cfg.failed, "spool/failed");
	assert_int_equal(cfg.max_attempts, 2);
	assert_true(cfg.timeout_seconds == 30);
	assert_null(cfg.metrics_listen);	/* no endpoint unless asked */
	assert_non_null(cfg.plugin_dirs[0]);
	config_free(&cfg);
}

static void
test_keys_are_read(void **unused)
{
	struct config cfg;
	char err[256];

	(void)unused;
	assert_int_equal(load_text("{\"outbox\": \"/srv/out\", \"spool\": \"/srv/s\","
	    " \"pipeline\": [\"stats\"], \"workers\": 3, \"watch\": \"poll\","
	    " \"plugin_dirs\": [\"/a\", \"/b\"], \"keep_done\": false,"
	    " \"plugins\": {\"stats\": {\"words_per_minute\": 200}},"
	    " \"metrics\": {\"// where\": \"loopback\", \"listen\": \"[::1]:9464\"},"
	    " \"source\": \"nats\", \"sinks\": [\"postgres\", \"outbox\"]}",
	    &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.metrics_listen, "[::1]:9464");
	assert_string_equal(cfg.inbox, "/srv/s/inbox");
	assert_string_equal(cfg.outbox, "/srv/out");	/* wins over spool */
	assert_string_equal(cfg.pipeline[0], "stats");
	assert_null(cfg.pipeline[1]);
	assert_int_equal(cfg.workers, 3);
	assert_int_equal(cfg.watch, CONFIG_WATCH_POLL);
	assert_int_equal(cfg.keep_done, 0);
	assert_string_equal(cfg.plugin_dirs[0], "/a");
	assert_string_equal(cfg.plugin_dirs[1], "/b");
	assert_non_null(cfg.plugin_dirs[2]);	/* the default folder comes last */
	assert_non_null(json_object_get(cfg.plugin_options, "stats"));
	assert_string_equal(cfg.source, "nats");
	assert_false(config_source_is_spool(&cfg));
	assert_string_equal(cfg.sinks[0], "postgres");
	assert_true(config_has_sink(&cfg, "outbox"));
	assert_null(cfg.sinks[2]);
	config_free(&cfg);
}

static void
expect_refusal(const char *json, const char *part)
{
	struct config cfg;
	char err[512] = "";

	assert_int_equal(load_text(json, &cfg, err, sizeof(err)), -1);
	if (strstr(err, part) == NULL || strstr(err, path) == NULL)
		fail_msg("error \"%s\" lacks \"%s\" or the file name", err, part);
}

static void
test_refusals_name_file_and_key(void **unused)
{
	(void)unused;
	expect_refusal("{\"workerz\": 2}", "workerz: unknown setting");
	expect_refusal("{\"workers\": -1}", "workers: expected an integer");
	expect_refusal("{\"timeout_seconds\": \"30\"}", "timeout_seconds: expected a number");
	expect_refusal("{\"pipeline\": \"langid\"}", "pipeline: expected an array");
	expect_refusal("{\"plugins\": {\"summary\": 3}}",
	    "plugins.summary: expected an object");
	expect_refusal("{\"watch\": \"fanotify\"}", "watch: expected");
	expect_refusal("{\"metrics\": {\"listen\": \"127.0.0.1\"}}",
	    "metrics.listen: expected HOST:PORT");
	expect_refusal("{\"metrics\": {\"listen\": \"unix:run/m.sock\"}}",
	    "metrics.listen: expected unix:");
	expect_refusal("{\"metrics\": {\"lsten\": \"127.0.0.1:9464\"}}",
	    "metrics.lsten: unknown setting");
	expect_refusal("{\"sinks\": []}", "sinks: expected at least one");
	expect_refusal("{\"sinks\": [\"outbox\", \"outbox\"]}",
	    "sinks: 'outbox' is listed twice");
	expect_refusal("{\"source\": 3}", "source: expected a name");
	expect_refusal("[1, 2]", "expected a JSON object");
	expect_refusal("{\"workers\": 1,}", ":1:");
}

/* The shipped configuration file says what the built-in defaults are. */
static void
test_shipped_file_matches_defaults(void **unused)
{
	struct config def, file;
	char err[512];

	(void)unused;
	assert_int_equal(config_load(&def, NULL, NULL, err, sizeof(err)), 0);
	if (config_load(&file, CONFIG_FILE, NULL, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	for (size_t i = 0; def.pipeline[i] || file.pipeline[i]; i++) {
		assert_non_null(def.pipeline[i]);
		assert_non_null(file.pipeline[i]);
		assert_string_equal(def.pipeline[i], file.pipeline[i]);
	}
	assert_string_equal(def.source, file.source);
	for (size_t i = 0; def.sinks[i] || file.sinks[i]; i++) {
		assert_non_null(def.sinks[i]);
		assert_non_null(file.sinks[i]);
		assert_string_equal(def.sinks[i], file.sinks[i]);
	}
	assert_string_equal(def.inbox, file.inbox);
	assert_string_equal(def.done, file.done);
	assert_int_equal(def.keep_done, file.keep_done);
	assert_int_equal(def.workers, file.workers);
	assert_int_equal(def.max_in_flight, file.max_in_flight);
	assert_true(def.timeout_seconds == file.timeout_seconds);
	assert_int_equal(def.max_attempts, file.max_attempts);
	assert_int_equal(def.max_jobs, file.max_jobs);
	assert_int_equal(def.memory_limit_mb, file.memory_limit_mb);
	assert_true(def.max_bytes == file.max_bytes);
	assert_int_equal(def.watch, file.watch);
	assert_true(def.settle_seconds == file.settle_seconds);
	assert_true(def.rescan_seconds == file.rescan_seconds);
	assert_true(def.grace_seconds == file.grace_seconds);
	assert_int_equal(def.log_level, file.log_level);
	assert_null(file.metrics_listen);
	config_free(&def);
	config_free(&file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_without_a_file),
		cmocka_unit_test(test_keys_are_read),
		cmocka_unit_test(test_refusals_name_file_and_key),
		cmocka_unit_test(test_shipped_file_matches_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
