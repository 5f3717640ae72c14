/*
 * The configuration is one JSON object. Every key is optional; unknown keys
 * are refused, since a misspelt key silently ignored is a setting the user
 * believes in and does not have. Keys that start with "//" are comments. Relative paths are taken from the working
 * directory, as systemd's WorkingDirectory= or the shell sets it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "log.h"
#include "metrics.h"

#ifndef LECTOR_PLUGIN_DIR_FROM_BIN
#define LECTOR_PLUGIN_DIR_FROM_BIN "../lib/lector/plugins"
#endif

static const char *const default_pipeline[] = {
	"langid", "entities", "summary", "keywords", "stats", NULL
};

static const char *const default_sinks[] = { "outbox", NULL };

static char **
strv_new(const char *const *src)
{
	size_t n = 0;
	char **v;

	while (src != NULL && src[n] != NULL)
		n++;
	if ((v = calloc(n + 1, sizeof(*v))) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((v[i] = strdup(src[i])) == NULL)
			return NULL;
	return v;
}

static void
strv_free(char **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static int
set_str(char **slot, const char *value)
{
	char *copy = strdup(value);

	if (copy == NULL)
		return -1;
	free(*slot);
	*slot = copy;
	return 0;
}

static int
defaults(struct config *cfg, const char *exe_dir)
{
	char dir[4096];
	struct stat st;
	const char *plugin_dir[2] = { dir, NULL };

	/* Built: plugins/ beside lectord. Installed: where install put them. */
	memset(cfg, 0, sizeof(*cfg));
	snprintf(dir, sizeof(dir), "%s/plugins", exe_dir != NULL ? exe_dir : ".");
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		snprintf(dir, sizeof(dir), "%s/%s", exe_dir != NULL ? exe_dir : ".",
		    LECTOR_PLUGIN_DIR_FROM_BIN);
	cfg->plugin_dirs = strv_new(plugin_dir);
	cfg->pipeline = strv_new(default_pipeline);
	cfg->sinks = strv_new(default_sinks);
	cfg->source = strdup("spool");
	cfg->plugin_options = json_object();
	cfg->keep_done = 1;
	cfg->timeout_seconds = 30;
	cfg->max_attempts = 2;
	cfg->max_jobs = 1000;
	cfg->max_bytes = 10 * 1024 * 1024;
	/*
	 * The default pipeline needs some 20 times an article's size on top of
	 * its models (scripts/bench-large.py); this leaves room for a
	 * max_bytes article several times over, and bounds what a burst of
	 * large files can take to a gigabyte a worker.
	 */
	cfg->memory_limit_mb = 1024;
	cfg->watch = CONFIG_WATCH_INOTIFY;
	cfg->settle_seconds = 1;
	cfg->rescan_seconds = 30;
	cfg->grace_seconds = 10;
	cfg->log_level = LECTOR_LOG_INFO;
	if (cfg->plugin_dirs == NULL || cfg->pipeline == NULL ||
	    cfg->sinks == NULL || cfg->source == NULL ||
	    cfg->plugin_options == NULL || config_set_spool(cfg, "spool") < 0)
		return -1;
	return 0;
}

static int
get_strings(json_t *v, char ***out)
{
	size_t i, n = json_array_size(v);
	json_t *item;
	char **list;

	if (!json_is_array(v))
		return -1;
	json_array_foreach(v, i, item)
		if (!json_is_string(item) || json_string_length(item) == 0)
			return -1;
	if ((list = calloc(n + 1, sizeof(*list))) == NULL)
		return -1;
	json_array_foreach(v, i, item)
		list[i] = strdup(json_string_value(item));
	strv_free(*out);
	*out = list;
	return 0;
}

/* One numeric key: its slot, whether it must be whole, its bounds. */
struct number_key {
	const char *name;
	double *real;
	int *whole;
	long *lng;
	long long *llng;
	double min, max;
};

static int
set_number(const struct number_key *k, json_t *v, char *err, size_t errlen)
{
	int want_whole = k->real == NULL;
	double x = json_number_value(v);

	if (!json_is_number(v) || (want_whole && !json_is_integer(v)) ||
	    !isfinite(x) || x < k->min || x > k->max) {
		snprintf(err, errlen, "%s: expected %s from %g to %g", k->name,
		    want_whole ? "an integer" : "a number", k->min, k->max);
		return -1;
	}
	if (k->real != NULL)
		*k->real = x;
	else if (k->whole != NULL)
		*k->whole = (int)json_integer_value(v);
	else if (k->lng != NULL)
		*k->lng = (long)json_integer_value(v);
	else
		*k->llng = json_integer_value(v);
	return 0;
}

/* "pipeline", "sinks" and "plugin_dirs": arrays of names. */
static int
apply_list(struct config *cfg, const char *key, json_t *v, char *err,
    size_t errlen)
{
	char **list = NULL;
	size_t count = 0;
	int rc = 0;

	if (get_strings(v, &list) < 0) {
		snprintf(err, errlen, "%s: expected an array of names", key);
		return -1;
	}
	if (strcmp(key, "pipeline") == 0) {
		strv_free(cfg->pipeline);
		cfg->pipeline = list;
		return 0;
	}
	if (strcmp(key, "sinks") == 0) {
		if (list[0] == NULL) {
			snprintf(err, errlen, "sinks: expected at least one sink "
			    "(\"outbox\" is the folder)");
			strv_free(list);
			return -1;
		}
		for (size_t i = 0; list[i] != NULL; i++)
			for (size_t j = 0; j < i; j++)
				if (strcmp(list[i], list[j]) == 0) {
					snprintf(err, errlen, "sinks: '%s' is listed "
					    "twice", list[i]);
					strv_free(list);
					return -1;
				}
		strv_free(cfg->sinks);
		cfg->sinks = list;
		return 0;
	}
	/* Folders named in the file come before the default one. */
	while (list[count] != NULL)
		count++;
	for (size_t i = count; i > 0 && rc == 0; i--)
		rc = config_add_plugin_dir(cfg, list[i - 1]);
	strv_free(list);
	return rc;
}

/* "plugins": plugin name -> options object, checked when plugins load. */
static int
apply_plugins(struct config *cfg, json_t *v, char *err, size_t errlen)
{
	const char *name;
	json_t *opts;

	if (!json_is_object(v)) {
		snprintf(err, errlen, "plugins: expected an object of plugin name "
		    "-> options");
		return -1;
	}
	json_object_foreach(v, name, opts) {
		if (!json_is_object(opts)) {
			snprintf(err, errlen, "plugins.%s: expected an object of "
			    "options", name);
			return -1;
		}
	}
	json_decref(cfg->plugin_options);
	cfg->plugin_options = json_incref(v);
	return 0;
}

/* "keep_done", "watch", "log_level": one of a few values. */
static int
apply_choice(struct config *cfg, const char *key, json_t *v, char *err,
    size_t errlen)
{
	const char *s = json_string_value(v);

	if (strcmp(key, "keep_done") == 0) {
		if (!json_is_boolean(v)) {
			snprintf(err, errlen, "keep_done: expected true or false");
			return -1;
		}
		cfg->keep_done = json_is_true(v);
	} else if (strcmp(key, "watch") == 0) {
		if (s == NULL || (strcmp(s, "inotify") != 0 && strcmp(s, "poll") != 0)) {
			snprintf(err, errlen, "watch: expected \"inotify\" or \"poll\"");
			return -1;
		}
		cfg->watch = strcmp(s, "poll") == 0 ? CONFIG_WATCH_POLL :
		    CONFIG_WATCH_INOTIFY;
	} else {
		int level = s != NULL ? log_level_parse(s) : -1;
		if (level < 0) {
			snprintf(err, errlen, "log_level: expected one of error, "
			    "warning, notice, info, debug");
			return -1;
		}
		cfg->log_level = level;
	}
	return 0;
}

/* A folder: "spool" sets all five, the others one each. */
static int
apply_folder(struct config *cfg, const char *key, json_t *v, char *err,
    size_t errlen)
{
	char **slot[] = { &cfg->inbox, &cfg->work, &cfg->outbox, &cfg->failed,
	    &cfg->done };
	const char *keys[] = { "inbox", "work", "outbox", "failed", "done" };

	if (!json_is_string(v) || json_string_length(v) == 0) {
		snprintf(err, errlen, "%s: expected a folder name", key);
		return -1;
	}
	if (strcmp(key, "spool") == 0)
		return config_set_spool(cfg, json_string_value(v));
	for (size_t i = 0; i < 5; i++)
		if (strcmp(key, keys[i]) == 0)
			return set_str(slot[i], json_string_value(v));
	return -1;
}

/* "metrics": {"listen": "127.0.0.1:9464"}; absent, no endpoint. */
static int
apply_metrics(struct config *cfg, json_t *v, char *err, size_t errlen)
{
	const char *key;
	json_t *item;
	char why[256];

	if (!json_is_object(v)) {
		snprintf(err, errlen, "metrics: expected an object such as "
		    "{\"listen\": \"127.0.0.1:9464\"}");
		return -1;
	}
	json_object_foreach(v, key, item) {
		if (strncmp(key, "//", 2) == 0)
			continue;
		if (strcmp(key, "listen") != 0) {
			snprintf(err, errlen, "metrics.%s: unknown setting", key);
			return -1;
		}
		if (!json_is_string(item) || metrics_check_listen(
		    json_string_value(item), why, sizeof(why)) < 0) {
			snprintf(err, errlen, "metrics.listen: %s", json_is_string(item) ?
			    why : "expected a string");
			return -1;
		}
		if (set_str(&cfg->metrics_listen, json_string_value(item)) < 0) {
			snprintf(err, errlen, "config: out of memory");
			return -1;
		}
	}
	if (cfg->metrics_listen == NULL) {
		snprintf(err, errlen, "metrics.listen: missing; leave \"metrics\" "
		    "out for no endpoint");
		return -1;
	}
	return 0;
}

static int
apply_key(struct config *cfg, const char *key, json_t *v, char *err,
    size_t errlen)
{
	const struct number_key numbers[] = {
		{ "workers", NULL, &cfg->workers, NULL, NULL, 0, 256 },
		{ "max_in_flight", NULL, &cfg->max_in_flight, NULL, NULL, 0, 100000 },
		{ "timeout_seconds", &cfg->timeout_seconds, NULL, NULL, NULL, 0.01, 86400 },
		{ "max_attempts", NULL, &cfg->max_attempts, NULL, NULL, 1, 100 },
		{ "max_jobs", NULL, &cfg->max_jobs, NULL, NULL, 0, 1e9 },
		{ "memory_limit_mb", NULL, NULL, &cfg->memory_limit_mb, NULL, 0, 1e7 },
		{ "max_bytes", NULL, NULL, NULL, &cfg->max_bytes, 1, 1e12 },
		{ "settle_seconds", &cfg->settle_seconds, NULL, NULL, NULL, 0, 3600 },
		{ "rescan_seconds", &cfg->rescan_seconds, NULL, NULL, NULL, 0.01, 86400 },
		{ "grace_seconds", &cfg->grace_seconds, NULL, NULL, NULL, 0, 3600 },
	};

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (strcmp(key, numbers[i].name) == 0)
			return set_number(&numbers[i], v, err, errlen);
	if (strcmp(key, "spool") == 0 || strcmp(key, "inbox") == 0 ||
	    strcmp(key, "work") == 0 || strcmp(key, "outbox") == 0 ||
	    strcmp(key, "failed") == 0 || strcmp(key, "done") == 0)
		return apply_folder(cfg, key, v, err, errlen);
	if (strcmp(key, "plugin_dirs") == 0 || strcmp(key, "pipeline") == 0 ||
	    strcmp(key, "sinks") == 0)
		return apply_list(cfg, key, v, err, errlen);
	if (strcmp(key, "source") == 0) {
		if (!json_is_string(v) || json_string_length(v) == 0) {
			snprintf(err, errlen, "source: expected a name: \"spool\" "
			    "or a source plugin's");
			return -1;
		}
		return set_str(&cfg->source, json_string_value(v));
	}
	if (strcmp(key, "plugins") == 0)
		return apply_plugins(cfg, v, err, errlen);
	if (strcmp(key, "metrics") == 0)
		return apply_metrics(cfg, v, err, errlen);
	if (strcmp(key, "keep_done") == 0 || strcmp(key, "watch") == 0 ||
	    strcmp(key, "log_level") == 0)
		return apply_choice(cfg, key, v, err, errlen);
	snprintf(err, errlen, "%s: unknown setting", key);
	return -1;
}

int
config_load(struct config *cfg, const char *path, const char *exe_dir,
    char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	char why[512];

	if (defaults(cfg, exe_dir) < 0) {
		snprintf(err, errlen, "config: out of memory");
		config_free(cfg);
		return -1;
	}
	if (path == NULL)
		return 0;
	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line, jerr.column,
		    jerr.text);
		config_free(cfg);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(err, errlen, "%s: expected a JSON object", path);
		goto fail;
	}
	/* A folder set on its own wins over "spool", whatever the key order. */
	if ((v = json_object_get(root, "spool")) != NULL &&
	    apply_key(cfg, "spool", v, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		goto fail;
	}
	json_object_foreach(root, key, v) {
		if (strncmp(key, "//", 2) == 0)
			continue;	/* a comment: JSON has no other kind */
		if (strcmp(key, "spool") != 0 &&
		    apply_key(cfg, key, v, why, sizeof(why)) < 0) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto fail;
		}
	}
	json_decref(root);
	if ((cfg->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "config: out of memory");
		config_free(cfg);
		return -1;
	}
	return 0;
fail:
	json_decref(root);
	config_free(cfg);
	return -1;
}

int
config_add_plugin_dir(struct config *cfg, const char *dir)
{
	size_t n = 0;
	char **v;

	while (cfg->plugin_dirs[n] != NULL)
		n++;
	if ((v = realloc(cfg->plugin_dirs, (n + 2) * sizeof(*v))) == NULL)
		return -1;
	cfg->plugin_dirs = v;
	memmove(v + 1, v, (n + 1) * sizeof(*v));
	if ((v[0] = strdup(dir)) == NULL) {
		memmove(v, v + 1, (n + 1) * sizeof(*v));
		return -1;
	}
	return 0;
}

int
config_set_spool(struct config *cfg, const char *dir)
{
	char **slot[] = { &cfg->inbox, &cfg->work, &cfg->outbox, &cfg->failed,
	    &cfg->done };
	const char *names[] = { "inbox", "work", "outbox", "failed", "done" };
	char path[4096];

	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (set_str(slot[i], path) < 0)
			return -1;
	}
	return 0;
}

int
config_source_is_spool(const struct config *cfg)
{
	return strcmp(cfg->source, "spool") == 0;
}

int
config_has_sink(const struct config *cfg, const char *name)
{
	for (size_t i = 0; cfg->sinks[i] != NULL; i++)
		if (strcmp(cfg->sinks[i], name) == 0)
			return 1;
	return 0;
}

void
config_free(struct config *cfg)
{
	free(cfg->path);
	strv_free(cfg->plugin_dirs);
	strv_free(cfg->pipeline);
	strv_free(cfg->sinks);
	free(cfg->source);
	json_decref(cfg->plugin_options);
	free(cfg->inbox);
	free(cfg->work);
	free(cfg->outbox);
	free(cfg->failed);
	free(cfg->done);
	free(cfg->metrics_listen);
	memset(cfg, 0, sizeof(*cfg));
}
