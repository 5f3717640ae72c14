/*
 * The daemon's numbers, for Prometheus: counters and histograms kept in
 * this file, served as text by libmicrohttpd on its own thread. Whoever
 * counts (the loop, the publishing thread) holds a mutex for an addition;
 * a scrape holds it while it prints. Neither waits on the network.
 */
#ifndef LECTOR_METRICS_H
#define LECTOR_METRICS_H

#include <stddef.h>

#include <jansson.h>

/* Why an article ended in failed/. */
enum metrics_failure {
	METRICS_FAIL_REFUSED,	/* by lectord before any plugin: not a file, too large */
	METRICS_FAIL_PLUGIN,	/* a reader or annotator refused it */
	METRICS_FAIL_CRASH,	/* its workers died, max_attempts times */
	METRICS_FAIL_TIMEOUT,	/* its workers timed out, max_attempts times */
	METRICS_FAIL_PUBLISH,	/* its output could not be published */
	METRICS_FAIL_SINK,	/* a sink refused it, or stayed unreachable */
	METRICS_NFAIL
};

/* Why an article was tried again, or a worker replaced. */
enum metrics_cause {
	METRICS_CAUSE_CRASH,	/* killed by a signal or exited with an error */
	METRICS_CAUSE_TIMEOUT,
	METRICS_CAUSE_REFUSED,	/* a new worker could not load the pipeline */
	METRICS_CAUSE_MAX_JOBS,
	METRICS_CAUSE_MEMORY,	/* it asked to go, near its memory limit */
	METRICS_NCAUSE
};

/*
 * Whether listen is "HOST:PORT", "[IPv6]:PORT" or "unix:/absolute/path".
 * Returns 0, or -1 with the reason in err.
 */
int metrics_check_listen(const char *listen, char *err, size_t errlen);

/*
 * Listens on listen and serves GET /metrics from a thread of its own.
 * Returns 0, or -1 with err filled. metrics_stop() stops it, and removes
 * the unix socket it made.
 */
int metrics_start(const char *listen, char *err, size_t errlen);
void metrics_stop(void);

void metrics_done(void);
void metrics_failed(enum metrics_failure why);
void metrics_retried(enum metrics_cause why);
void metrics_restarted(enum metrics_cause why);
/* Names waiting to be claimed, articles claimed and not yet published. */
void metrics_depth(size_t waiting, int in_flight);
/* A worker's successful reply: its "pipeline" timings and byte counts. */
void metrics_reply(const json_t *reply);
void metrics_fsync(double seconds);
/*
 * Whether an end (a sink, by its name) answered the last time it was
 * used: served as lector_end_up{end="NAME"}. Names past a cap are dropped.
 */
void metrics_end_up(const char *name, int up);
/* A reason's label ("sink"), or its enum by that label: -1 if none. */
const char *metrics_failure_name(enum metrics_failure why);
int metrics_failure_parse(const char *name);

/* The text exposition format, NUL-terminated; the caller frees it. */
char *metrics_render(size_t *len);

#endif
