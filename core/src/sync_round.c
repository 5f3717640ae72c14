/*
 * Threads take items from a shared counter: a slow file holds up one
 * thread, not the items queued behind it. Threads are started per round
 * rather than kept: a round costs milliseconds of disk, a thread start
 * microseconds, and an idle spool then holds no threads at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "metrics.h"
#include "sync_round.h"

struct round {
	struct sync_item *items;
	size_t n;
	atomic_size_t next;
};

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
flush_one(const struct sync_item *it)
{
	int fd = it->dirfd, rc = 0;
	double t0;

	if (it->name != NULL) {
		fd = openat(it->dirfd, it->name, O_RDONLY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd < 0)
			return -errno;
	}
	t0 = now();
	if (fsync(fd) < 0)
		rc = -errno;
	metrics_fsync(now() - t0);
	if (it->name != NULL)
		close(fd);
	return rc;
}

static void *
run(void *arg)
{
	struct round *r = arg;
	size_t i;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->n)
		r->items[i].rc = flush_one(&r->items[i]);
	return NULL;
}

size_t
sync_round(struct sync_item *items, size_t n, int max_threads)
{
	pthread_t tid[SYNC_ROUND_THREADS];
	struct round r = { .items = items, .n = n };
	size_t started = 0, want, failed = 0;

	atomic_init(&r.next, 0);
	if (max_threads > SYNC_ROUND_THREADS)
		max_threads = SYNC_ROUND_THREADS;
	want = max_threads > 1 ? (size_t)max_threads : 1;
	if (want > n)
		want = n;
	/* The caller is a thread too; one that cannot start is not needed. */
	while (started + 1 < want &&
	    pthread_create(&tid[started], NULL, run, &r) == 0)
		started++;
	run(&r);
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (size_t i = 0; i < n; i++)
		if (items[i].rc < 0)
			failed++;
	return failed;
}
