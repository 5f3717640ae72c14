/* `lectord plugins` and `lectord check-config`: what would load, and why not. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ends.h"
#include "loader.h"
#include "pipeline.h"

static const char *const type_names[] = {
	[LECTOR_OPT_BOOL] = "bool", [LECTOR_OPT_INT] = "integer",
	[LECTOR_OPT_NUMBER] = "number", [LECTOR_OPT_STRING] = "string",
	[LECTOR_OPT_STRINGS] = "strings"
};

static const char *
type_name(enum lector_option_type t)
{
	return t >= LECTOR_OPT_BOOL && t <= LECTOR_OPT_STRINGS ? type_names[t] : "?";
}

static json_t *
strings_json(const char *const *v)
{
	json_t *a = json_array();

	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static const char *
kind_word(enum lector_kind kind)
{
	switch (kind) {
	case LECTOR_READER: return "reader";
	case LECTOR_ANNOTATOR: return "annotator";
	case LECTOR_SOURCE: return "source";
	case LECTOR_SINK: return "sink";
	}
	return "?";
}

static json_t *
describe(const struct plugin *p)
{
	const lector_plugin *d = p->desc;
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", d->name,
	    "version", d->version, "kind", kind_word(d->kind),
	    "summary", d->summary ? d->summary : "", "path", p->path);
	json_t *opts = json_array();

	if (d->kind == LECTOR_READER)
		json_object_set_new(o, "formats", strings_json(d->formats));
	else if (d->kind == LECTOR_SOURCE)
		json_object_set_new(o, "submit", json_boolean(d->submit != NULL));
	else if (d->kind == LECTOR_ANNOTATOR) {
		json_object_set_new(o, "key", json_string(d->key));
		json_object_set_new(o, "needs", strings_json(d->needs));
	}
	for (const lector_option *op = d->options; op && op->name; op++)
		json_array_append_new(opts, json_pack("{s:s, s:s, s:s, s:s}",
		    "name", op->name, "type", type_name(op->type), "default",
		    op->default_json ? op->default_json : "",
		    "description", op->description ? op->description : ""));
	json_object_set_new(o, "options", opts);
	return o;
}

static void
print_text(const struct plugin *p)
{
	const lector_plugin *d = p->desc;

	printf("%s %s (%s", d->name, d->version,
	    d->kind == LECTOR_READER ? "reader of" :
	    d->kind == LECTOR_ANNOTATOR ? "annotator -> " : kind_word(d->kind));
	if (d->kind == LECTOR_READER)
		for (size_t i = 0; d->formats[i] != NULL; i++)
			printf(" .%s", d->formats[i]);
	else if (d->kind == LECTOR_ANNOTATOR)
		printf("%s", d->key);
	printf(")\n    %s\n    %s\n", d->summary ? d->summary : "", p->path);
	for (size_t i = 0; d->needs != NULL && d->needs[i] != NULL; i++)
		printf("    needs: %s\n", d->needs[i]);
	for (const lector_option *op = d->options; op && op->name; op++)
		printf("    option %s (%s, default %s): %s\n", op->name,
		    type_name(op->type), op->default_json ? op->default_json : "",
		    op->description ? op->description : "");
}

int
plugins_main(int argc, char **argv)
{
	struct cli cli;
	struct config cfg;
	struct plugin_set set;
	char err[1024];
	int as_json = 0, rc;

	memset(&cli, 0, sizeof(cli));
	for (int i = 1; i < argc; i++) {
		if ((rc = cli_common_option(&cli, argc, argv, &i)) < 0)
			return 2;
		if (rc == 0 && strcmp(argv[i], "--json") == 0)
			as_json = 1;
		else if (rc == 0) {
			fprintf(stderr, "lectord: plugins: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	if (cli_load_config(&cli, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "lectord: %s\n", err);
		return 2;
	}
	if (loader_scan(cfg.plugin_dirs, &set) < 0) {
		fprintf(stderr, "lectord: out of memory\n");
		config_free(&cfg);
		return 2;
	}
	if (as_json) {
		json_t *all = json_array(), *refused = json_array();
		for (size_t i = 0; i < set.n; i++)
			json_array_append_new(all, describe(&set.v[i]));
		for (size_t i = 0; i < set.n_refused; i++)
			json_array_append_new(refused, json_string(set.refused[i]));
		json_t *doc = json_pack("{s:o, s:o}", "plugins", all, "refused", refused);
		json_dumpf(doc, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(doc);
	} else {
		printf("Built in: source spool (the inbox folder), sink outbox "
		    "(the outbox folder)\n\n");
		printf("Plugin folders, searched in order:\n");
		for (size_t i = 0; cfg.plugin_dirs[i] != NULL; i++)
			printf("    %s\n", cfg.plugin_dirs[i]);
		printf("\n");
		for (size_t i = 0; i < set.n; i++)
			print_text(&set.v[i]);
		for (size_t i = 0; i < set.n_refused; i++)
			printf("refused: %s\n", set.refused[i]);
	}
	rc = set.n_refused > 0 ? 1 : 0;
	loader_free(&set);
	config_free(&cfg);
	return rc;
}

int
check_config_main(int argc, char **argv)
{
	struct cli cli;
	struct config cfg;
	struct pipeline *p;
	char err[1024];

	memset(&cli, 0, sizeof(cli));
	for (int i = 1; i < argc; i++) {
		if (cli_common_option(&cli, argc, argv, &i) != 1) {
			fprintf(stderr, "lectord: check-config: unknown option '%s'\n",
			    argv[i]);
			return 2;
		}
	}
	if (cli_load_config(&cli, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "lectord: %s\n", err);
		return 2;
	}
	if ((p = pipeline_open(&cfg, NULL, err, sizeof(err))) == NULL ||
	    ends_check(&cfg, pipeline_plugins(p), err, sizeof(err)) < 0) {
		fprintf(stderr, "lectord: %s\n", err);
		pipeline_close(p);
		config_free(&cfg);
		return 2;
	}
	printf("%s: ok; source: %s; pipeline:", cfg.path ? cfg.path :
	    "built-in defaults", cfg.source);
	for (size_t i = 0; cfg.pipeline[i] != NULL; i++)
		printf(" %s", cfg.pipeline[i]);
	printf("; sinks:");
	for (size_t i = 0; cfg.sinks[i] != NULL; i++)
		printf(" %s", cfg.sinks[i]);
	printf("\n");
	pipeline_close(p);
	config_free(&cfg);
	return 0;
}
