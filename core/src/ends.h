/*
 * The ends of the daemon: where articles come from (the source) and where
 * their results go (the sinks). "spool" and "outbox" are built in; any
 * other name is a plugin of kind LECTOR_SOURCE or LECTOR_SINK, configured
 * under "plugins" like every plugin.
 *
 * With the spool source the master claims files and publishes outputs to
 * outbox/ itself (the path the daemon always had); a worker then writes
 * only the plugin sinks. With a plugin source each worker pulls, runs the
 * pipeline, writes every sink, flushes them, and only then settles.
 */
#ifndef LECTOR_ENDS_H
#define LECTOR_ENDS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <lector/plugin.h>

#include "config.h"

struct plugin_set;
struct ends;

/* What ends_open starts. */
#define ENDS_SOURCE	0x1	/* the configured plugin source */
#define ENDS_SINKS	0x2	/* the plugin sinks */
#define ENDS_OUTBOX	0x4	/* the built-in outbox sink, written in-process */

/*
 * Checks that the configured source and sinks exist, are of the right
 * kind, and that their options are valid, without running plugin code.
 * Returns 0, or -1 with err naming what is wrong.
 */
int ends_check(const struct config *cfg, struct plugin_set *set, char *err,
    size_t errlen);

/*
 * Checks, then starts what `what` asks for (the source only when it is a
 * plugin). set is borrowed and must outlive the ends. NULL with err filled.
 */
struct ends *ends_open(const struct config *cfg, struct plugin_set *set,
    int what, char *err, size_t errlen);

void ends_close(struct ends *e);

/* How many sinks ends_open started. */
size_t ends_sink_count(const struct ends *e);

/* The source's functions; err is the plugin's message, prefixed with its name. */
int ends_next(struct ends *e, lector_article *a, int timeout_ms, char *err,
    size_t errlen);
int ends_settle(struct ends *e, uint64_t receipt, enum lector_outcome outcome,
    const json_t *report, char *err, size_t errlen);
/* Whether the source takes submissions; when not, err says so. */
int ends_can_submit(const struct ends *e, char *err, size_t errlen);
/* LECTOR_EINVAL when the source cannot take submissions. */
int ends_submit(struct ends *e, const char *name, const void *bytes,
    size_t len, const json_t *meta, char *err, size_t errlen);

/*
 * Writes doc (borrowed) to every sink, or flushes every sink. Returns 0,
 * or with err naming the sink that failed (*sink is its name) the kind of
 * failure: LECTOR_EINVAL, the sink refuses this document for good (flush:
 * some document of the batch); LECTOR_EAGAIN, the sink is unreachable;
 * LECTOR_EFAIL, anything else, to be tried again like an unreachable sink.
 */
int ends_write(struct ends *e, const json_t *doc, const char **sink,
    char *err, size_t errlen);
int ends_flush(struct ends *e, const char **sink, char *err, size_t errlen);

#endif
