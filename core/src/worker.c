/*
 * The worker side: plugin code runs here and only here. With the spool
 * source, a job names a file in work/ and a temporary file in outbox/; the
 * worker writes any other sinks, then the output there, and tells the
 * master, which flushes it and does every rename. With a source plugin the
 * worker pulls articles itself (pull.c) and the master only supervises.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "crash.h"
#include "ends.h"
#include "log.h"
#include "output.h"
#include "pipeline.h"
#include "proto.h"
#include "pull.h"
#include "worker.h"

struct worker {
	const struct config *cfg;
	struct pipeline *pipeline;
	struct ends *ends;		/* the sinks besides outbox/; pull: the source */
	unsigned long long base_vm;	/* bytes mapped once the pipeline was loaded */
};

static unsigned long long
vm_bytes(void)
{
	unsigned long long pages = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (f != NULL) {
		if (fscanf(f, "%llu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return pages * (unsigned long long)sysconf(_SC_PAGESIZE);
}

/*
 * The memory limit is what a worker may map beyond what it holds once its
 * plugins and models are loaded, so that models shared between workers do
 * not count against it.
 */
static void
limit_memory(struct worker *w)
{
	struct rlimit rl;

	w->base_vm = vm_bytes();
	if (w->cfg->memory_limit_mb <= 0 || w->base_vm == 0)
		return;
	rl.rlim_cur = rl.rlim_max = w->base_vm +
	    (rlim_t)w->cfg->memory_limit_mb * 1024 * 1024;
	if (setrlimit(RLIMIT_AS, &rl) < 0)
		log_warn("worker %d: memory limit: %s", (int)getpid(),
		    strerror(errno));
}

static int
reply(json_t *msg)
{
	int rc = proto_send(WORKER_FD, msg);

	json_decref(msg);
	return rc;
}

static int
reply_fail(json_int_t id, const char *plugin, const char *reason)
{
	return reply(json_pack("{s:i, s:s, s:I, s:b, s:s, s:s}", "v",
	    PROTO_VERSION, "op", "done", "id", id, "ok", 0, "plugin", plugin,
	    "reason", reason));
}

/*
 * A sink said no. "sink" names it and "retry" says whether the article
 * may succeed later (the sink was unreachable: it counts an attempt) or
 * never (the sink refused it: failed at once).
 */
static int
reply_sink_fail(json_int_t id, const char *sink, const char *reason, int retry)
{
	return reply(json_pack("{s:i, s:s, s:I, s:b, s:s, s:s, s:s, s:b}", "v",
	    PROTO_VERSION, "op", "done", "id", id, "ok", 0, "plugin", sink,
	    "reason", reason, "sink", sink, "retry", retry));
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a whole regular file of at most max bytes. */
static int
read_article(const char *path, long long max, char **bytes, size_t *len,
    char *err, size_t errlen)
{
	struct stat st;
	size_t got = 0;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "cannot read the file: %s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		goto fail;
	}
	if (max > 0 && st.st_size > max) {
		snprintf(err, errlen, "larger than max_bytes (%lld > %lld bytes)",
		    (long long)st.st_size, max);
		goto fail;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		snprintf(err, errlen, "out of memory reading %lld bytes",
		    (long long)st.st_size);
		goto fail;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "cannot read the file: %s",
			    n < 0 ? strerror(errno) : "it shrank while read");
			goto fail;
		}
		got += (size_t)n;
	}
	close(fd);
	*bytes = buf;
	*len = got;
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	return -1;
}

/* Writes out to tmp; *size is then its length in bytes. */
static int
write_output(const char *tmp, const json_t *out, off_t *size, char *err,
    size_t errlen)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	struct stat st;
	int rc = 0;

	if (fd < 0) {
		snprintf(err, errlen, "outbox: %s: %s", tmp, strerror(errno));
		return -1;
	}
	/* No fsync here: the master flushes outputs in batches before it publishes them. */
	if (output_write_fd(fd, out, OUTPUT_FILE_FLAGS) < 0 || fstat(fd, &st) < 0)
		rc = -1;
	else
		*size = st.st_size;
	if (close(fd) < 0)
		rc = -1;
	if (rc < 0) {
		snprintf(err, errlen, "outbox: writing %s: %s", tmp,
		    strerror(errno));
		unlink(tmp);
	}
	return rc;
}

/*
 * Sinks besides the outbox hold the output before the master publishes
 * it: once the article leaves work/, every sink has it durably. A sink
 * that cannot be reached is tried again, waiting longer each time, for up
 * to half of timeout_seconds, and never past the job's own deadline, after
 * which the master would kill us. Returns 0, or the kind of the failure
 * (see ends_write) with why filled.
 */
static int
write_sinks(struct worker *w, const json_t *out, double deadline,
    struct pipeline_failure *why)
{
	const char *sink = "lectord";
	double until = now_seconds() + w->cfg->timeout_seconds / 2;
	useconds_t wait_us = 100 * 1000;
	int rc;

	if (ends_sink_count(w->ends) == 0)
		return 0;
	if (until > deadline)
		until = deadline;
	for (;;) {
		rc = ends_write(w->ends, out, &sink, why->reason,
		    sizeof(why->reason));
		if (rc == 0)
			rc = ends_flush(w->ends, &sink, why->reason,
			    sizeof(why->reason));
		if (rc == 0 || rc == LECTOR_EINVAL ||
		    now_seconds() + (double)wait_us / 1e6 > until)
			break;
		usleep(wait_us);
		if (wait_us < 2000 * 1000)
			wait_us *= 2;
	}
	if (rc != 0)
		snprintf(why->plugin, sizeof(why->plugin), "%s", sink);
	return rc;
}

static int
run_job(struct worker *w, json_t *job)
{
	const char *path = NULL, *file = NULL, *tmp = NULL;
	json_int_t id = 0;
	double received = 0;
	char err[512];
	char *bytes = NULL;
	size_t len = 0;
	json_t *out = NULL, *timings;
	struct pipeline_failure why;
	off_t out_bytes = 0;
	double deadline;
	int rc, retire;

	if (json_unpack(job, "{s:I, s:s, s:s, s:s, s:F}", "id", &id, "path",
	    &path, "file", &file, "tmp", &tmp, "received", &received) < 0) {
		log_err("worker %d: a job without id, path, file, tmp or "
		    "received", (int)getpid());
		return -1;
	}
	/* The master kills us timeout_seconds and more after the job. */
	deadline = now_seconds() + w->cfg->timeout_seconds;
	if (read_article(path, w->cfg->max_bytes, &bytes, &len, err,
	    sizeof(err)) < 0)
		return reply_fail(id, "lectord", err);
	memset(&why, 0, sizeof(why));
	crash_job_start((uint64_t)id, w->cfg->timeout_seconds);
	/* The pipeline frees the bytes once they are read. */
	rc = pipeline_run_owned(w->pipeline, file, NULL, bytes, len, received,
	    &out, &why);
	crash_job_end();
	if (rc < 0)
		return reply_fail(id, why.plugin[0] ? why.plugin : "lectord",
		    why.reason[0] ? why.reason : "failed");
	if ((rc = write_sinks(w, out, deadline, &why)) != 0) {
		json_decref(out);
		return reply_sink_fail(id, why.plugin, why.reason,
		    rc != LECTOR_EINVAL);
	}
	rc = write_output(tmp, out, &out_bytes, err, sizeof(err));
	/* The plugins' timings go back too: the master keeps the metrics. */
	timings = json_incref(json_object_get(out, "pipeline"));
	json_decref(out);
	if (rc < 0) {
		json_decref(timings);
		return reply_fail(id, "lectord", err);
	}
	/* Near its memory limit: ask to be replaced before it fails. */
	retire = w->cfg->memory_limit_mb > 0 && vm_bytes() > w->base_vm +
	    (unsigned long long)w->cfg->memory_limit_mb * 1024 * 1024 / 10 * 8;
	return reply(json_pack("{s:i, s:s, s:I, s:b, s:b, s:o*, s:I, s:I}", "v",
	    PROTO_VERSION, "op", "done", "id", id, "ok", 1, "retire", retire,
	    "pipeline", timings, "bytes_in", (json_int_t)len, "bytes_out",
	    (json_int_t)out_bytes));
}

static int
on_message(json_t *msg, void *arg)
{
	struct worker *w = arg;
	const char *op = json_string_value(json_object_get(msg, "op"));
	int rc = 0;

	if (strcmp(op, "job") == 0)
		rc = run_job(w, msg);
	else
		log_warn("worker %d: unknown message %s", (int)getpid(), op);
	json_decref(msg);
	return rc < 0 ? -1 : 0;
}

/* Reads jobs until the master closes the socket. */
static int
serve(struct worker *w)
{
	struct proto_reader r = { 0 };
	char buf[4096], err[256];
	int rc = 0;

	for (;;) {
		ssize_t n = read(WORKER_FD, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		rc = proto_feed(&r, buf, (size_t)n, on_message, w, err,
		    sizeof(err));
		if (rc < 0) {
			log_err("worker %d: %s", (int)getpid(), err);
			break;
		}
	}
	proto_reader_free(&r);
	return rc < 0 ? 1 : 0;
}

/* The process around the plugins: quiet to terminal signals, tied to the master. */
static int
setup_process(void)
{
	int flags = fcntl(WORKER_FD, F_GETFL);
	pid_t master = getppid();

	if (flags < 0) {
		fprintf(stderr, "lectord: run --worker is started by lectord "
		    "run itself, with its socket on fd %d\n", WORKER_FD);
		return -1;
	}
	fcntl(WORKER_FD, F_SETFL, flags & ~O_NONBLOCK);
	fcntl(WORKER_FD, F_SETFD, FD_CLOEXEC);
	/* The master decides when a worker stops; Ctrl-C reaches it alone. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != master)
		return -1;	/* the master died before the request took hold */
	return 0;
}

int
worker_main(const struct config *cfg)
{
	struct worker w = { .cfg = cfg };
	int pull = !config_source_is_spool(cfg);
	char err[1024];
	int rc;

	if (setup_process() < 0)
		return 2;
	w.pipeline = pipeline_open(cfg, NULL, err, sizeof(err));
	if (w.pipeline != NULL && (w.ends = ends_open(cfg,
	    pipeline_plugins(w.pipeline), pull ? ENDS_SOURCE | ENDS_SINKS |
	    ENDS_OUTBOX : ENDS_SINKS, err, sizeof(err))) == NULL) {
		pipeline_close(w.pipeline);
		w.pipeline = NULL;
	}
	if (w.pipeline == NULL) {
		reply(json_pack("{s:i, s:s, s:s}", "v", PROTO_VERSION, "op",
		    "refuse", "reason", err));
		return 1;
	}
	rc = crash_init(WORKER_FD, cfg->plugin_dirs);
	if (rc < 0)
		log_warn("worker %d: crash reports: %s", (int)getpid(),
		    strerror(-rc));
	limit_memory(&w);
	if (reply(json_pack("{s:i, s:s, s:i}", "v", PROTO_VERSION, "op",
	    "hello", "pid", (int)getpid())) < 0) {
		ends_close(w.ends);
		pipeline_close(w.pipeline);
		return 1;
	}
	rc = pull ? pull_run(cfg, w.pipeline, w.ends, WORKER_FD) : serve(&w);
	ends_close(w.ends);
	pipeline_close(w.pipeline);
	return rc;
}
