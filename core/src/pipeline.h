/*
 * The pipeline: the loaded plugins, in order, and one article's journey
 * through them. Used by `lectord process` in one process and by each worker
 * of the daemon; it knows nothing of spools or workers.
 */
#ifndef LECTOR_PIPELINE_H
#define LECTOR_PIPELINE_H

#include <stddef.h>

#include <jansson.h>

#include "config.h"

struct pipeline;
struct plugin_set;

/* Why an article failed: which plugin (or "lectord"), and what happened. */
struct pipeline_failure {
	char plugin[64];
	char reason[512];
};

/*
 * Loads the plugins the configuration names, checks options and needs, and
 * calls each plugin's init. only: a NULL-terminated list of annotator names
 * that replaces the configured pipeline, or NULL. Returns NULL with err
 * filled on any refusal.
 */
struct pipeline *pipeline_open(const struct config *cfg,
    const char *const *only, char *err, size_t errlen);

void pipeline_close(struct pipeline *p);

/* Every plugin the pipeline found, sources and sinks too; borrowed. */
struct plugin_set *pipeline_plugins(struct pipeline *p);

/*
 * Runs one article. file_name names it in the output and picks the reader
 * (format: a reader's format, overriding the extension; may be NULL).
 * received: Unix time it arrived. On success *out is a new reference to the
 * output object; on failure returns -1 with *why filled.
 */
int pipeline_run(struct pipeline *p, const char *file_name,
    const char *format, const void *bytes, size_t len, double received,
    json_t **out, struct pipeline_failure *why);

/*
 * As pipeline_run, but takes bytes (from malloc), success or not, and
 * frees them as soon as the reader has made the document's text of them:
 * the annotators of a large article then run without its bytes beside.
 */
int pipeline_run_owned(struct pipeline *p, const char *file_name,
    const char *format, char *bytes, size_t len, double received,
    json_t **out, struct pipeline_failure *why);

#endif
