/*
 * Noticing files in the inbox. With inotify, a file is offered when it is
 * closed after writing (IN_CLOSE_WRITE) or renamed in (IN_MOVED_TO); a full
 * scan runs at start, on a timer, and after the kernel's queue overflowed.
 * A file found by a scan is offered once its size and mtime have rested
 * for the settle time; one seen being written (IN_MODIFY) waits for its
 * close, or for ten settle times without a write. Poll mode (for network
 * filesystems, where inotify sees nothing) relies on scans alone.
 *
 * Dot-files and partial names (spool_ignored) and folders are never
 * offered; symlinks and other non-regular files are, so that the master
 * can fail them with a report.
 */
#ifndef LECTOR_WATCH_H
#define LECTOR_WATCH_H

#include <uv.h>

struct watch;

struct watch_options {
	const char *inbox;	/* absolute */
	int poll;		/* 1: no inotify, scans only */
	double settle_seconds;
	double rescan_seconds;
};

/*
 * Called with each name ready to claim. Returns 0 when taken (or already
 * known), -1 when the taker is full: the watcher then stops offering until
 * watch_more().
 */
typedef int (*watch_ready_cb)(const char *name, void *arg);

/*
 * Arms the watch, starts the rescan timer and runs the first scan (which
 * may call ready before this returns). Returns 0, or -1 with err filled.
 */
int watch_start(struct watch **out, uv_loop_t *loop,
    const struct watch_options *o, watch_ready_cb ready, void *arg,
    char *err, size_t errlen);

/* The taker has room again: scans if something was turned away. */
void watch_more(struct watch *w);

/* Looks at inbox/NAME again (the taker released a name it had). */
void watch_recheck(struct watch *w, const char *name);

/* A full scan now. */
void watch_scan(struct watch *w);

/* Stops and frees, asynchronously; ready is never called again. */
void watch_close(struct watch *w);

#endif
