/*
 * Worker processes, as the master sees them. A worker is re-executed from
 * /proc/self/exe rather than forked from the master: it starts from a clean
 * image (no loop, inotify descriptor, signal handlers or spool state of the
 * master), loads plugins the master never touches, and stays the build the
 * master is even when the file on disk was upgraded, so the protocol
 * versions always match.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pool.h"

#define HELLO_TIMEOUT_MS 120000
#define RETIRE_TIMEOUT_MS 10000

struct pool {
	uv_loop_t *loop;
	struct pool_worker *head;
	int count;
	struct pool_callbacks cb;
	void *arg;
};

struct write_req {
	uv_write_t req;
	char *line;
};

struct pool *
pool_new(uv_loop_t *loop, const struct pool_callbacks *cb, void *arg)
{
	struct pool *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->loop = loop;
	p->cb = *cb;
	p->arg = arg;
	return p;
}

void
pool_free(struct pool *p)
{
	free(p);
}

int
pool_count(const struct pool *p)
{
	return p->count;
}

struct pool_worker *
pool_first(struct pool *p)
{
	return p->head;
}

static void
on_handle_closed(uv_handle_t *h)
{
	struct pool_worker *w = h->data;

	if (--w->handles == 0) {
		proto_reader_free(&w->reader);
		free(w);
	}
}

static void
close_pipe(struct pool_worker *w)
{
	if (w->pipe_closed)
		return;
	w->pipe_closed = 1;
	uv_close((uv_handle_t *)&w->pipe, on_handle_closed);
}

static void on_timer(uv_timer_t *t);

static int
on_message(json_t *msg, void *arg)
{
	struct pool_worker *w = arg;
	struct pool *p = w->pool;
	const char *op = json_string_value(json_object_get(msg, "op"));

	if (strcmp(op, "hello") == 0 && w->state == POOL_STARTING) {
		uv_timer_stop(&w->timer);
		w->state = POOL_IDLE;
		p->cb.hello(w, p->arg);
	} else if (strcmp(op, "refuse") == 0) {
		snprintf(w->refused, sizeof(w->refused), "%s",
		    json_string_value(json_object_get(msg, "reason")));
	} else if (strcmp(op, "done") == 0 && w->state == POOL_BUSY) {
		/* The next job, already in its socket, starts now: so does its clock. */
		if (--w->pending > 0)
			uv_timer_start(&w->timer, on_timer, w->kill_after_ms, 0);
		else
			uv_timer_stop(&w->timer);
		if (w->pending == 0)
			w->state = POOL_IDLE;
		w->jobs_done++;
		p->cb.done(w, msg, p->arg);
		if (w->draining && w->state == POOL_IDLE)
			pool_retire(w);
	} else if (strcmp(op, "tally") == 0 && p->cb.tally != NULL) {
		p->cb.tally(w, msg, p->arg);
	} else if (strcmp(op, "crash") == 0 || strcmp(op, "timeout") == 0) {
		snprintf(w->blame_op, sizeof(w->blame_op), "%s", op);
		snprintf(w->blame_plugin, sizeof(w->blame_plugin), "%s",
		    json_string_value(json_object_get(msg, "plugin")));
	} else {
		log_warn("worker %d: unexpected message %s", (int)w->pid, op);
	}
	json_decref(msg);
	return 0;
}

static void
feed(struct pool_worker *w, const char *data, size_t n)
{
	char err[256];

	if (proto_feed(&w->reader, data, n, on_message, w, err,
	    sizeof(err)) < 0) {
		log_err("worker %d: %s; stopping it", (int)w->pid, err);
		uv_process_kill(&w->proc, SIGKILL);
	}
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)h;
	buf->base = malloc(suggested);
	buf->len = buf->base != NULL ? suggested : 0;
}

static void
on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	struct pool_worker *w = s->data;

	if (nread > 0)
		feed(w, buf->base, (size_t)nread);
	else if (nread < 0)
		uv_read_stop(s);	/* its exit follows */
	free(buf->base);
}

/* What the worker wrote just before it died may not be read yet. */
static void
drain(struct pool_worker *w)
{
	char buf[4096];
	uv_os_fd_t fd;
	ssize_t n;

	if (w->pipe_closed || uv_fileno((uv_handle_t *)&w->pipe, &fd) < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		feed(w, buf, (size_t)n);
}

static void
unlink_worker(struct pool_worker *w)
{
	struct pool_worker **pp = &w->pool->head;

	while (*pp != NULL && *pp != w)
		pp = &(*pp)->next;
	if (*pp == w)
		*pp = w->next;
	w->pool->count--;
}

static void
on_worker_exit(uv_process_t *proc, int64_t status, int term_signal)
{
	struct pool_worker *w = proc->data;
	struct pool *p = w->pool;
	struct pool_death d;

	w->exited = 1;
	drain(w);
	memset(&d, 0, sizeof(d));
	d.exit_status = (int)status;
	d.term_signal = term_signal;
	d.timed_out = w->timed_out;
	d.op = w->blame_op[0] ? w->blame_op : NULL;
	d.plugin = w->blame_plugin[0] ? w->blame_plugin : NULL;
	d.refused = w->refused[0] ? w->refused : NULL;
	unlink_worker(w);
	p->cb.gone(w, &d, p->arg);
	uv_timer_stop(&w->timer);
	close_pipe(w);
	uv_close((uv_handle_t *)&w->timer, on_handle_closed);
	uv_close((uv_handle_t *)&w->proc, on_handle_closed);
}

static void
on_timer(uv_timer_t *t)
{
	struct pool_worker *w = t->data;

	if (w->state == POOL_BUSY) {
		w->timed_out = 1;
		log_warn("worker %d: no reply in time; killing it", (int)w->pid);
	} else {
		log_warn("worker %d: did not %s in time; killing it", (int)w->pid,
		    w->state == POOL_STARTING ? "start" : "exit");
	}
	uv_process_kill(&w->proc, SIGKILL);
}

int
pool_spawn(struct pool *p, int generation, char *const *argv,
    int config_fd, struct pool_worker **out)
{
	struct pool_worker *w = calloc(1, sizeof(*w));
	uv_process_options_t o;
	uv_stdio_container_t stdio[5];
	int rc;

	if (w == NULL)
		return UV_ENOMEM;
	w->pool = p;
	w->generation = generation;
	w->state = POOL_STARTING;
	uv_pipe_init(p->loop, &w->pipe, 0);
	uv_timer_init(p->loop, &w->timer);
	w->pipe.data = w->timer.data = w->proc.data = w;
	w->handles = 3;

	memset(stdio, 0, sizeof(stdio));
	stdio[0].flags = UV_IGNORE;
	/* Whatever a plugin prints goes to the log, never into the protocol. */
	stdio[1].flags = UV_INHERIT_FD;
	stdio[1].data.fd = 2;
	stdio[2].flags = UV_INHERIT_FD;
	stdio[2].data.fd = 2;
	stdio[3].flags = UV_CREATE_PIPE | UV_READABLE_PIPE | UV_WRITABLE_PIPE;
	stdio[3].data.stream = (uv_stream_t *)&w->pipe;
	stdio[4].flags = config_fd >= 0 ? UV_INHERIT_FD : UV_IGNORE;
	stdio[4].data.fd = config_fd;
	memset(&o, 0, sizeof(o));
	o.file = "/proc/self/exe";
	o.args = (char **)argv;
	o.exit_cb = on_worker_exit;
	o.stdio = stdio;
	o.stdio_count = config_fd >= 0 ? 5 : 4;

	rc = uv_spawn(p->loop, &w->proc, &o);
	if (rc < 0) {
		w->pipe_closed = 1;
		uv_close((uv_handle_t *)&w->pipe, on_handle_closed);
		uv_close((uv_handle_t *)&w->timer, on_handle_closed);
		uv_close((uv_handle_t *)&w->proc, on_handle_closed);
		return rc;
	}
	w->pid = w->proc.pid;
	w->next = p->head;
	p->head = w;
	p->count++;
	uv_read_start((uv_stream_t *)&w->pipe, on_alloc, on_read);
	uv_timer_start(&w->timer, on_timer, HELLO_TIMEOUT_MS, 0);
	if (out != NULL)
		*out = w;
	return 0;
}

static void
on_written(uv_write_t *req, int status)
{
	struct write_req *wr = (struct write_req *)req;

	(void)status;	/* a dead worker is reported by its exit */
	free(wr->line);
	free(wr);
}

int
pool_can_take(const struct pool_worker *w)
{
	return !w->exited && !w->draining && w->pending < POOL_DEPTH &&
	    (w->state == POOL_IDLE || w->state == POOL_BUSY);
}

int
pool_send(struct pool_worker *w, const json_t *job, uint64_t kill_after_ms)
{
	struct write_req *wr;
	size_t len;
	uv_buf_t buf;
	int rc;

	if (!pool_can_take(w))
		return UV_EINVAL;
	wr = calloc(1, sizeof(*wr));
	if (wr == NULL || (wr->line = proto_encode(job, &len)) == NULL) {
		free(wr);
		return UV_ENOMEM;
	}
	buf = uv_buf_init(wr->line, (unsigned)len);
	rc = uv_write(&wr->req, (uv_stream_t *)&w->pipe, &buf, 1, on_written);
	if (rc < 0) {
		free(wr->line);
		free(wr);
		return rc;
	}
	w->state = POOL_BUSY;
	w->kill_after_ms = kill_after_ms;
	if (w->pending++ == 0)
		uv_timer_start(&w->timer, on_timer, kill_after_ms, 0);
	return 0;
}

void
pool_retire(struct pool_worker *w)
{
	if (w->state == POOL_BUSY)
		w->draining = 1;
	if (w->state == POOL_RETIRING || w->state == POOL_BUSY)
		return;
	w->state = POOL_RETIRING;
	close_pipe(w);
	uv_timer_start(&w->timer, on_timer, RETIRE_TIMEOUT_MS, 0);
}

void
pool_kill(struct pool_worker *w)
{
	uv_process_kill(&w->proc, SIGKILL);
}
