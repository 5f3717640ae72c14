/*
 * The loader refuses bad plugins before running any of their code, and
 * pipeline_open refuses bad pipelines before the first article.
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
#include "loader.h"
#include "pipeline.h"

static void
assert_contains(const char *s, const char *part)
{
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", s, part);
}

static void
open_refused(const char *file, const char *reason)
{
	char path[512], err[1024];
	struct plugin p;

	snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, file);
	assert_int_equal(loader_open(path, &p, err, sizeof(err)), -1);
	assert_contains(err, path);
	assert_contains(err, reason);
	assert_null(p.dl);
}

static void
test_good_plugin_loads(void **unused)
{
	struct plugin p;
	char err[1024];

	(void)unused;
	assert_int_equal(loader_open(FIXTURE_DIR "/good/good.so", &p, err,
	    sizeof(err)), 0);
	assert_string_equal(p.desc->name, "good");
	assert_string_equal(p.desc->key, "good");
	loader_close(&p);
}

/*
 * A plugin built against the released 1.0 header loads in every 1.x
 * lectord, and the fields added since read as zero.
 */
static void
test_older_minor_loads(void **unused)
{
	struct plugin p;
	char err[1024];

	(void)unused;
	if (loader_open(FIXTURE_DIR "/old/old.so", &p, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_int_equal(p.desc->abi_minor, 0);
	assert_true(p.desc->size < sizeof(lector_plugin));
	assert_int_equal(p.desc->flags, 0);
	assert_null(p.desc->next);
	assert_null(p.desc->write);
	loader_close(&p);
}

static void
test_other_abi_and_missing_symbol_refused(void **unused)
{
	(void)unused;
	char why[128];

	snprintf(why, sizeof(why), "built for plugin ABI 2.%d; this lectord "
	    "speaks 1.%d", LECTOR_ABI_MINOR, LECTOR_ABI_MINOR);
	open_refused("major/major.so", why);
	snprintf(why, sizeof(why), "built for plugin ABI 1.99, newer than this "
	    "lectord's 1.%d", LECTOR_ABI_MINOR);
	open_refused("minor/minor.so", why);
	open_refused("nosym/nosym.so", "not a lector plugin (no symbol "
	    "lector_plugin_entry)");
	open_refused("reserved/reserved.so", "key is one the output reserves");
	open_refused("absent/absent.so", "cannot load");
}

static void
test_duplicate_names(void **unused)
{
	char *in_one[] = { FIXTURE_DIR "/dup", NULL };
	char *in_two[] = { FIXTURE_DIR "/good", FIXTURE_DIR "/good", NULL };
	struct plugin_set set;

	(void)unused;
	/* Two of one name in one folder: the second is refused. */
	assert_int_equal(loader_scan(in_one, &set), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.n_refused, 1);
	assert_contains(set.refused[0], "twin_b.so: a plugin named 'twin' is "
	    "already loaded from");
	loader_free(&set);
	/* An earlier folder overrides a later one, silently. */
	assert_int_equal(loader_scan(in_two, &set), 0);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.n_refused, 0);
	loader_free(&set);
}

/* A configuration searching dirs, running pipeline (both NULL-terminated). */
static void
make_config(struct config *cfg, const char *const *dirs,
    const char *const *pipeline, const char *options_json)
{
	char err[256];
	size_t n;

	assert_int_equal(config_load(cfg, NULL, NULL, err, sizeof(err)), 0);
	for (n = 0; cfg->plugin_dirs[n]; n++)
		free(cfg->plugin_dirs[n]);
	for (n = 0; cfg->pipeline[n]; n++)
		free(cfg->pipeline[n]);
	free(cfg->plugin_dirs);
	free(cfg->pipeline);
	for (n = 0; dirs[n]; n++)
		;
	cfg->plugin_dirs = calloc(n + 1, sizeof(char *));
	for (n = 0; dirs[n]; n++)
		cfg->plugin_dirs[n] = strdup(dirs[n]);
	for (n = 0; pipeline[n]; n++)
		;
	cfg->pipeline = calloc(n + 1, sizeof(char *));
	for (n = 0; pipeline[n]; n++)
		cfg->pipeline[n] = strdup(pipeline[n]);
	if (options_json != NULL) {
		json_decref(cfg->plugin_options);
		cfg->plugin_options = json_loads(options_json, 0, NULL);
	}
}

static void
pipeline_refused(const char *dir, const char *const *pipeline,
    const char *options_json, const char *reason)
{
	const char *dirs[] = { dir, NULL };
	struct config cfg;
	char err[1024] = "";

	make_config(&cfg, dirs, pipeline, options_json);
	assert_null(pipeline_open(&cfg, NULL, err, sizeof(err)));
	assert_contains(err, reason);
	config_free(&cfg);
}

static void
test_pipeline_checks_needs_options_and_names(void **unused)
{
	const char *needy[] = { "needy", NULL };
	const char *backwards[] = { "needy", "good", NULL };
	const char *good[] = { "good", NULL };
	const char *nope[] = { "nope", NULL };
	const char *bad[] = { "baddefault", NULL };

	(void)unused;
	pipeline_refused(FIXTURE_DIR "/good", needy, NULL,
	    "needy needs 'good', which no plugin before it provides");
	pipeline_refused(FIXTURE_DIR "/good", backwards, NULL, "needy needs 'good'");
	pipeline_refused(FIXTURE_DIR "/good", nope, NULL, "no plugin named 'nope'");
	pipeline_refused(FIXTURE_DIR "/good", good, "{\"good\": {\"count\": 0}}",
	    "plugins.good.count: expected an integer from 1 to 100");
	pipeline_refused(FIXTURE_DIR "/good", good, "{\"good\": {\"colour\": 1}}",
	    "plugins.good.colour: unknown option (known: count, label)");
	pipeline_refused(FIXTURE_DIR "/good", good, "{\"nope\": {}}",
	    "plugins.nope: no plugin of that name is loaded");
	pipeline_refused(FIXTURE_DIR "/baddefault", bad, NULL,
	    "option count: default \"three\" is not an integer");
	pipeline_refused(FIXTURE_DIR "/major", good, NULL, "built for plugin ABI 2.");
	pipeline_refused(FIXTURE_DIR "/missing", good, NULL,
	    "cannot read plugin folder");
}

static json_t *
run_json(struct pipeline *p, const char *article, struct pipeline_failure *why)
{
	json_t *out = NULL;

	pipeline_run(p, "a.json", NULL, article, strlen(article), 0, &out, why);
	return out;
}

static void
test_per_article_options_override_and_are_checked(void **unused)
{
	const char *dirs[] = { FIXTURE_DIR "/good", PLUGIN_DIR, NULL };
	const char *pipeline[] = { "good", "needy", NULL };
	struct config cfg;
	struct pipeline *p;
	struct pipeline_failure why;
	char err[1024];
	json_t *out;

	(void)unused;
	make_config(&cfg, dirs, pipeline, "{\"good\": {\"count\": 4}}");
	p = pipeline_open(&cfg, NULL, err, sizeof(err));
	if (p == NULL)
		fail_msg("%s", err);

	out = run_json(p, "{\"text\": \"Hi.\"}", &why);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(out,
	    "good"), "count")), 4);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(out,
	    "needy"), "count")), 3);
	json_decref(out);

	out = run_json(p, "{\"text\": \"Hi.\", \"options\": {\"good\": {\"count\": 9}}}",
	    &why);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(out,
	    "good"), "count")), 9);
	json_decref(out);

	assert_null(run_json(p, "{\"text\": \"Hi.\", \"options\": {\"good\": "
	    "{\"count\": \"x\"}}}", &why));
	assert_string_equal(why.reason, "options.good.count: expected an integer "
	    "from 1 to 100");
	assert_null(run_json(p, "{\"text\": \"Hi.\", \"options\": {\"stats\": {}}}",
	    &why));
	assert_contains(why.reason, "options.stats: no plugin of that name in "
	    "the pipeline");
	pipeline_close(p);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_plugin_loads),
		cmocka_unit_test(test_older_minor_loads),
		cmocka_unit_test(test_other_abi_and_missing_symbol_refused),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_pipeline_checks_needs_options_and_names),
		cmocka_unit_test(test_per_article_options_override_and_are_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
