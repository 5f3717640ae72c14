/* Noticing files in the inbox: inotify through uv_poll, scans, settling. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "names.h"
#include "spool.h"
#include "watch.h"

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_DELETE | \
	IN_MOVED_FROM | IN_CREATE | IN_ONLYDIR)

/* A file seen but not yet offered. */
struct pending {
	off_t size;
	struct timespec mtime;
	uint64_t since;		/* ms (loop time) this size and mtime were first seen */
	uint64_t last_write;	/* ms of the last IN_MODIFY; 0: none seen */
};

struct watch {
	uv_loop_t *loop;
	char *inbox;
	int dirfd;
	int ifd;		/* inotify, or -1 */
	uv_poll_t poll;
	uv_timer_t rescan;
	uv_timer_t settle;
	int open_handles;
	int closing;
	int starved;		/* the taker refused; scan on watch_more */
	uint64_t settle_ms, rescan_ms;
	struct names *pending;	/* name -> struct pending */
	watch_ready_cb ready;
	void *arg;
};

static void arm_settle(struct watch *w);

static uint64_t
realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t
ts_ms(const struct timespec *ts)
{
	return ts->tv_sec < 0 ? 0 :
	    (uint64_t)ts->tv_sec * 1000 + (uint64_t)ts->tv_nsec / 1000000;
}

/* Hands a name to the taker; returns -1 when it is full. */
static int
offer(struct watch *w, const char *name)
{
	free(names_del(w->pending, name));
	if (w->starved)
		return -1;
	if (w->ready(name, w->arg) < 0) {
		w->starved = 1;
		return -1;
	}
	return 0;
}

static struct pending *
pending_get(struct watch *w, const char *name)
{
	struct pending *p = names_get(w->pending, name, NULL);

	if (p != NULL)
		return p;
	p = calloc(1, sizeof(*p));
	if (p == NULL || names_put(w->pending, name, p) < 0) {
		free(p);
		return NULL;
	}
	p->size = -1;
	return p;
}

/* Whether a regular file found by a scan has rested long enough. */
static int
settled(struct watch *w, const char *name, const struct stat *st)
{
	uint64_t now = uv_now(w->loop);
	struct pending *p = names_get(w->pending, name, NULL);

	if (p != NULL && p->last_write != 0 &&
	    now - p->last_write < 10 * w->settle_ms)
		return 0;	/* being written: wait for its close */
	if (p != NULL && p->size == st->st_size &&
	    p->mtime.tv_sec == st->st_mtim.tv_sec &&
	    p->mtime.tv_nsec == st->st_mtim.tv_nsec)
		return now - p->since >= w->settle_ms;
	if ((p == NULL || p->last_write == 0) &&
	    realtime_ms() >= ts_ms(&st->st_mtim) + w->settle_ms)
		return 1;	/* untouched for the settle time already */
	p = pending_get(w, name);
	if (p != NULL) {
		p->size = st->st_size;
		p->mtime = st->st_mtim;
		p->since = now;
	}
	arm_settle(w);
	return 0;
}

/*
 * Looks at one name. closed: an event said the writer is done. Returns -1
 * when the taker is full.
 */
/*
 * A symbolic link, FIFO or socket is whole when it appears and no close
 * or move will follow: it is offered at once, to be refused with a
 * report. A regular file's creation says nothing: its writer has only
 * begun (a hard link, which is complete, waits for the rescan).
 */
static int
consider_created(struct watch *w, const char *entry)
{
	struct stat st;

	if (spool_ignored(entry) ||
	    fstatat(w->dirfd, entry, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return 0;
	return offer(w, entry);
}

static int
consider(struct watch *w, const char *entry, int closed)
{
	char name[NAME_MAX + 1];
	struct stat st;

	if (spool_ignored(entry) || strlen(entry) > NAME_MAX)
		return 0;
	memcpy(name, entry, strlen(entry) + 1);	/* entry may be freed below */
	if (fstatat(w->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		free(names_del(w->pending, name));
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		free(names_del(w->pending, name));
		return 0;
	}
	if (!S_ISREG(st.st_mode) || closed || settled(w, name, &st))
		return offer(w, name);
	return 0;
}

void
watch_scan(struct watch *w)
{
	int fd;
	DIR *dir;
	struct dirent *e;

	if (w->closing)
		return;
	w->starved = 0;
	fd = openat(w->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = fd < 0 ? NULL : fdopendir(fd);
	if (dir == NULL) {
		log_err("watch: %s: %s", w->inbox, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL)
		if (consider(w, e->d_name, 0) < 0)
			break;
	closedir(dir);
}

static int
settle_one(const char *name, void *value, void *arg)
{
	(void)value;
	return consider(arg, name, 0) < 0;
}

static void
on_settle(uv_timer_t *t)
{
	struct watch *w = t->data;

	names_each(w->pending, settle_one, w);
	if (names_count(w->pending) == 0)
		uv_timer_stop(&w->settle);
}

static void
arm_settle(struct watch *w)
{
	uint64_t every = w->settle_ms / 4;

	if (w->closing || uv_is_active((uv_handle_t *)&w->settle))
		return;
	if (every < 20)
		every = 20;
	if (every > 1000)
		every = 1000;
	uv_timer_start(&w->settle, on_settle, every, every);
}

static void
on_rescan(uv_timer_t *t)
{
	watch_scan(t->data);
}

static void
on_event(struct watch *w, const struct inotify_event *ev, int *rescan)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		log_warn("watch: inotify queue overflowed; rescanning %s",
		    w->inbox);
		*rescan = 1;
		return;
	}
	if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
		log_err("watch: %s was removed or moved; only rescans will "
		    "find files now", w->inbox);
		return;
	}
	if (ev->len == 0 || (ev->mask & IN_ISDIR))
		return;
	if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
		free(names_del(w->pending, ev->name));
	} else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
		consider(w, ev->name, 1);
	} else if (ev->mask & IN_CREATE) {
		consider_created(w, ev->name);
	} else if ((ev->mask & IN_MODIFY) && !spool_ignored(ev->name)) {
		struct pending *p = pending_get(w, ev->name);
		if (p != NULL)
			p->last_write = uv_now(w->loop);
		arm_settle(w);
	}
}

static void
on_readable(uv_poll_t *h, int status, int events)
{
	struct watch *w = h->data;
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int rescan = 0;
	ssize_t n;

	(void)events;
	if (status < 0) {
		log_err("watch: inotify: %s", uv_strerror(status));
		return;
	}
	while ((n = read(w->ifd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			on_event(w, ev, &rescan);
			p += sizeof(*ev) + ev->len;
		}
	}
	if (rescan)
		watch_scan(w);
}

static int
arm_inotify(struct watch *w, char *err, size_t errlen)
{
	w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->ifd < 0 || inotify_add_watch(w->ifd, w->inbox, WATCH_MASK) < 0) {
		snprintf(err, errlen, "watch: inotify on %s: %s", w->inbox,
		    strerror(errno));
		return -1;
	}
	int rc = uv_poll_init(w->loop, &w->poll, w->ifd);
	if (rc < 0) {
		snprintf(err, errlen, "watch: %s", uv_strerror(rc));
		return -1;
	}
	w->open_handles++;
	w->poll.data = w;
	uv_poll_start(&w->poll, UV_READABLE, on_readable);
	return 0;
}

int
watch_start(struct watch **out, uv_loop_t *loop,
    const struct watch_options *o, watch_ready_cb ready, void *arg,
    char *err, size_t errlen)
{
	struct watch *w = calloc(1, sizeof(*w));

	*out = NULL;
	if (w == NULL || (w->pending = names_new()) == NULL ||
	    (w->inbox = strdup(o->inbox)) == NULL) {
		snprintf(err, errlen, "watch: out of memory");
		goto fail;
	}
	w->loop = loop;
	w->ready = ready;
	w->arg = arg;
	w->ifd = -1;
	w->settle_ms = (uint64_t)(o->settle_seconds * 1000);
	w->rescan_ms = (uint64_t)(o->rescan_seconds * 1000);
	if (w->rescan_ms < 100)
		w->rescan_ms = 100;
	w->dirfd = open(w->inbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w->dirfd < 0) {
		snprintf(err, errlen, "watch: %s: %s", w->inbox, strerror(errno));
		goto fail;
	}
	if (!o->poll && arm_inotify(w, err, errlen) < 0)
		goto fail;
	uv_timer_init(loop, &w->rescan);
	uv_timer_init(loop, &w->settle);
	w->rescan.data = w->settle.data = w;
	w->open_handles += 2;
	uv_timer_start(&w->rescan, on_rescan, w->rescan_ms, w->rescan_ms);
	*out = w;
	watch_scan(w);
	return 0;
fail:
	/* No handle was started: free at once. */
	if (w != NULL) {
		if (w->ifd >= 0)
			close(w->ifd);
		if (w->dirfd > 0)
			close(w->dirfd);
		names_free(w->pending, free);
		free(w->inbox);
		free(w);
	}
	return -1;
}

void
watch_more(struct watch *w)
{
	if (w != NULL && w->starved)
		watch_scan(w);
}

void
watch_recheck(struct watch *w, const char *name)
{
	if (w != NULL && !w->closing)
		consider(w, name, 0);
}

static void
on_closed(uv_handle_t *h)
{
	struct watch *w = h->data;

	if (--w->open_handles > 0)
		return;
	if (w->ifd >= 0)
		close(w->ifd);
	close(w->dirfd);
	names_free(w->pending, free);
	free(w->inbox);
	free(w);
}

void
watch_close(struct watch *w)
{
	if (w == NULL || w->closing)
		return;
	w->closing = 1;
	if (w->ifd >= 0)
		uv_close((uv_handle_t *)&w->poll, on_closed);
	uv_close((uv_handle_t *)&w->rescan, on_closed);
	uv_close((uv_handle_t *)&w->settle, on_closed);
}
