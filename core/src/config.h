/* The configuration file: what lectord runs and where. */
#ifndef LECTOR_CONFIG_H
#define LECTOR_CONFIG_H

#include <stddef.h>

#include <jansson.h>

enum config_watch_mode {
	CONFIG_WATCH_INOTIFY,
	CONFIG_WATCH_POLL
};

struct config {
	char *path;			/* the file read, or NULL for defaults */

	char **plugin_dirs;		/* searched in order; NULL-terminated */
	char **pipeline;		/* annotator names in order; NULL-terminated */
	json_t *plugin_options;		/* object: plugin name -> options */

	/*
	 * Where articles come from and where results go: "spool" and
	 * "outbox" are built in, any other name is a source or sink plugin.
	 */
	char *source;
	char **sinks;			/* NULL-terminated, at least one */

	/* The spool: each folder absolute or relative to the working dir. */
	char *inbox, *work, *outbox, *failed, *done;
	int keep_done;			/* move originals to done/, else unlink */

	int workers;			/* 0: one per CPU */
	int max_in_flight;		/* 0: twice the workers */
	double timeout_seconds;		/* per article */
	int max_attempts;
	int max_jobs;			/* replace a worker after this many; 0: never */
	long memory_limit_mb;		/* per worker; 0: none */
	long long max_bytes;		/* larger inputs fail */
	enum config_watch_mode watch;
	double settle_seconds;		/* a file written in place must rest this long */
	double rescan_seconds;
	double grace_seconds;		/* SIGTERM: time to finish in-flight work */
	int log_level;			/* enum lector_log_level */
	char *metrics_listen;		/* "HOST:PORT" or "unix:/path"; NULL: off */
};

/*
 * Reads the configuration at path, or the defaults when path is NULL.
 * exe_dir is the folder of the running binary: plugins built beside it are
 * found without configuration. Returns 0, or -1 with err filled.
 */
int config_load(struct config *cfg, const char *path, const char *exe_dir,
    char *err, size_t errlen);

/* The built-in spool source reads the inbox: the master's claim path. */
int config_source_is_spool(const struct config *cfg);

/* Whether name is among the configured sinks. */
int config_has_sink(const struct config *cfg, const char *name);

/* Prepends a plugin folder (--plugin-dir); the string is copied. */
int config_add_plugin_dir(struct config *cfg, const char *dir);

/* Sets inbox, work, outbox, failed and done under one folder. */
int config_set_spool(struct config *cfg, const char *dir);

void config_free(struct config *cfg);

#endif
