/*
 * One round of fsyncs over a batch of files, run side by side. On a disk
 * each fsync waits for a journal commit of several milliseconds; one after
 * the other, they cap a spool at a hundred or so outputs a second whatever
 * the CPUs do. Issued together, the file system commits them in one or two
 * journal transactions, so a batch costs about what one file costs.
 */
#ifndef LECTOR_SYNC_ROUND_H
#define LECTOR_SYNC_ROUND_H

#include <stddef.h>

#define SYNC_ROUND_THREADS 16	/* more adds threads, not concurrency */

struct sync_item {
	int dirfd;		/* borrowed */
	const char *name;	/* a file in dirfd, or NULL: dirfd itself */
	int rc;			/* filled: 0 or -errno */
};

/*
 * Flushes every item to disk, on up to max_threads threads (at most
 * SYNC_ROUND_THREADS; the calling thread is one of them) and returns once
 * all are done. Each item's rc says how its flush went. Returns the number
 * of items that failed.
 */
size_t sync_round(struct sync_item *items, size_t n, int max_threads);

#endif
