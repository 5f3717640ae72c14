/*
 * The master: names the watcher offers wait in a bounded queue; at most
 * max_in_flight are claimed into work/ and not yet written by a worker;
 * each claimed article goes to an idle worker; the reply (or the worker's
 * death) decides where the article ends, and outputs are published in
 * batches. Signals stop or reload; systemd hears about all of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <uv.h>

#include "log.h"
#include "master.h"
#include "metrics.h"
#include "names.h"
#include "notify.h"
#include "pool.h"
#include "proto.h"
#include "spool.h"
#include "watch.h"

#define READY_MAX 4096		/* names waiting to be claimed */
#define PUBLISH_MAX 1024	/* outputs waiting for a flush: claims pause */
#define PUBLISH_ROUNDS 2	/* publish rounds in flight at once */
#define KILL_SLACK_MS 5000	/* after the worker's own alarm */
#define BACKOFF_MAX_MS 30000
#define STATUS_EVERY_MS 1000

struct job {
	struct job *next;
	char *name;
	uint64_t id;		/* of the current attempt */
	int attempts;		/* attempts ended: by a crash or timeout, or failed */
	int publishing;		/* written; waits for its batch to be published */
	double received;
	char tmp[64];		/* its temporary output in outbox/ */
};

/* What one configuration gives: the settings, and how workers load it. */
struct generation {
	struct config *cfg;
	int cfg_fd;		/* a sealed copy of the file, or -1 */
	char *argv[8 + 2 * CLI_MAX_PLUGIN_DIRS];
};

struct master {
	uv_loop_t loop;
	const struct master_args *args;
	struct generation gen;	/* the running one */
	struct generation next;	/* during a reload */
	int generation;
	struct spool spool;
	struct watch *watch;
	struct pool *pool;
	struct names *known;	/* every name queued, claimed or in flight */
	char *ready[READY_MAX];
	size_t ready_head, ready_count;
	struct job *claimed, *claimed_tail;	/* in work/, waiting for a worker */
	struct job *outq, *outq_tail;	/* outputs written, waiting for a round */
	struct flush *rounds, *rounds_tail;	/* in flight, oldest first */
	int n_rounds;		/* in m->rounds */
	int placing;		/* the oldest round's renames are running */
	int in_flight;		/* articles in work/ not yet written by a worker */
	int publishing;		/* articles in work/ whose output waits for a flush */
	int crash_streak;	/* workers lost since the last success */
	int ever_ready;		/* a worker of the first pipeline said hello */
	uint64_t next_id;
	unsigned long long n_done, n_failed;
	int stopping, reloading, reload_again, exit_code;
	int handles_ready;
	uv_idle_t pump;
	uv_timer_t spawn_timer, grace_timer, status_timer, watchdog_timer;
	uv_signal_t sig_term, sig_int, sig_hup;
	char last_status[256];
};

static void fill_pool(struct master *m);
static void reload(struct master *m);
static void stop(struct master *m);

static const char *const level_names[] = {
	[LECTOR_LOG_ERR] = "error", [LECTOR_LOG_WARNING] = "warning",
	[LECTOR_LOG_NOTICE] = "notice", [LECTOR_LOG_INFO] = "info",
	[LECTOR_LOG_DEBUG] = "debug"
};

/* ---- settings ---- */

static int
want_workers(const struct config *cfg)
{
	return cfg->workers > 0 ? cfg->workers : (int)uv_available_parallelism();
}

static int
max_in_flight(const struct master *m)
{
	const struct config *cfg = m->gen.cfg;

	return cfg->max_in_flight > 0 ? cfg->max_in_flight :
	    2 * want_workers(cfg);
}

static int
effective_level(const struct master_args *args, const struct config *cfg)
{
	int level = args->log_level != NULL ? log_level_parse(args->log_level) :
	    -1;

	return level >= 0 ? level : cfg->log_level;
}

int
master_load_config(const struct master_args *args, struct config *cfg,
    char *err, size_t errlen)
{
	if (cli_load_config(&args->cli, cfg, err, errlen) < 0)
		return -1;
	if (args->spool != NULL && config_set_spool(cfg, args->spool) < 0) {
		snprintf(err, errlen, "out of memory");
		config_free(cfg);
		return -1;
	}
	return 0;
}

/*
 * Workers read a sealed copy of the configuration file, not the file:
 * a replacement worker started after someone edited the file still runs
 * the pipeline the master validated.
 */
static int
snapshot_config(const char *path)
{
	char buf[65536];
	ssize_t n;
	int in = open(path, O_RDONLY | O_CLOEXEC);
	int fd = memfd_create("lectord-config", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (in < 0 || fd < 0)
		goto fail;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			goto fail;
	if (n < 0 || fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW |
	    F_SEAL_SHRINK | F_SEAL_SEAL) < 0)
		goto fail;
	close(in);
	return fd;
fail:
	if (in >= 0)
		close(in);
	if (fd >= 0)
		close(fd);
	return -1;
}

static void
generation_free(struct generation *g)
{
	if (g->cfg != NULL) {
		config_free(g->cfg);
		free(g->cfg);
	}
	if (g->cfg_fd >= 0)
		close(g->cfg_fd);
	memset(g, 0, sizeof(*g));
	g->cfg_fd = -1;
}

/* Loads the configuration and prepares the worker command line. */
static int
generation_load(struct master *m, struct generation *g, char *err,
    size_t errlen)
{
	const struct master_args *a = m->args;
	int n = 0;

	memset(g, 0, sizeof(*g));
	g->cfg_fd = -1;
	g->cfg = calloc(1, sizeof(*g->cfg));
	if (g->cfg == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (master_load_config(a, g->cfg, err, errlen) < 0) {
		free(g->cfg);
		g->cfg = NULL;
		return -1;
	}
	if (a->cli.config_path != NULL &&
	    (g->cfg_fd = snapshot_config(a->cli.config_path)) < 0) {
		snprintf(err, errlen, "%s: %s", a->cli.config_path,
		    strerror(errno));
		generation_free(g);
		return -1;
	}
	g->argv[n++] = "lectord";
	g->argv[n++] = "run";
	g->argv[n++] = "--worker";
	if (g->cfg_fd >= 0) {
		g->argv[n++] = "-c";
		g->argv[n++] = "/proc/self/fd/4";	/* its fd 4: see pool_spawn */
	}
	for (size_t i = 0; i < a->cli.n_plugin_dirs; i++) {
		g->argv[n++] = "--plugin-dir";
		g->argv[n++] = (char *)a->cli.plugin_dirs[i];
	}
	g->argv[n++] = "--log-level";
	g->argv[n++] = (char *)level_names[effective_level(a, g->cfg)];
	g->argv[n] = NULL;
	return 0;
}

/* ---- status for systemd ---- */

static void
send_status(struct master *m, int force)
{
	char status[256];

	snprintf(status, sizeof(status), "%llu done, %llu failed, %d in flight, "
	    "%zu waiting, %d workers", m->n_done, m->n_failed,
	    m->in_flight + m->publishing, m->ready_count, pool_count(m->pool));
	if (!force && strcmp(status, m->last_status) == 0)
		return;
	memcpy(m->last_status, status, sizeof(status));
	notify_status("%s", status);
}

/* Also the next try for what the notification socket did not take. */
static void
on_status_timer(uv_timer_t *t)
{
	struct master *m = t->data;

	notify_flush();
	send_status(m, 0);
	metrics_depth(m->ready_count, m->in_flight + m->publishing);
}

static void
on_watchdog(uv_timer_t *t)
{
	(void)t;
	notify_watchdog();
}

/* ---- the queue of names ---- */

static void on_pump(uv_idle_t *h);

static void
want_pump(struct master *m)
{
	if (!m->stopping)
		uv_idle_start(&m->pump, on_pump);
}

static int
on_ready(const char *name, void *arg)
{
	struct master *m = arg;
	int found;
	char *copy;

	if (m->stopping)
		return -1;
	names_get(m->known, name, &found);
	if (found)
		return 0;	/* its release looks at the inbox again */
	if (m->ready_count == READY_MAX)
		return -1;
	copy = strdup(name);
	if (copy == NULL || names_put(m->known, name, NULL) < 0) {
		free(copy);
		return -1;
	}
	m->ready[(m->ready_head + m->ready_count++) % READY_MAX] = copy;
	want_pump(m);
	return 0;
}

static char *
ready_pop(struct master *m)
{
	char *name = m->ready[m->ready_head];

	m->ready_head = (m->ready_head + 1) % READY_MAX;
	m->ready_count--;
	return name;
}

static void
claimed_push(struct master *m, struct job *job, int front)
{
	if (front) {
		job->next = m->claimed;
		m->claimed = job;
		if (m->claimed_tail == NULL)
			m->claimed_tail = job;
		return;
	}
	job->next = NULL;
	if (m->claimed_tail != NULL)
		m->claimed_tail->next = job;
	else
		m->claimed = job;
	m->claimed_tail = job;
}

static struct job *
claimed_pop(struct master *m)
{
	struct job *job = m->claimed;

	if (job != NULL) {
		m->claimed = job->next;
		if (m->claimed == NULL)
			m->claimed_tail = NULL;
	}
	return job;
}

/*
 * The jobs a worker holds, oldest first, chained by their next: w->job
 * is the one it runs.
 */
static void
worker_jobs_push(struct pool_worker *w, struct job *job)
{
	struct job **pp = (struct job **)&w->job;

	while (*pp != NULL)
		pp = &(*pp)->next;
	job->next = NULL;
	*pp = job;
}

static struct job *
worker_jobs_pop(struct pool_worker *w)
{
	struct job *job = w->job;

	if (job != NULL)
		w->job = job->next;
	return job;
}

static void unclaim(struct master *m, struct job *job);

/*
 * Jobs a worker held but never started: first in line again, in order;
 * during a stop, back to the inbox like every other unstarted one.
 */
static void
requeue(struct master *m, struct job *list)
{
	if (list == NULL)
		return;
	requeue(m, list->next);
	if (m->stopping)
		unclaim(m, list);
	else
		claimed_push(m, list, 1);
}

static struct job *
job_new(const char *name)
{
	struct job *job = calloc(1, sizeof(*job));

	if (job == NULL || (job->name = strdup(name)) == NULL) {
		free(job);
		return NULL;
	}
	job->received = (double)time(NULL);
	return job;
}

/* The article left work/: forget it and look for a successor of its name. */
static void
release(struct master *m, struct job *job)
{
	if (job->publishing)
		m->publishing--;
	else
		m->in_flight--;
	names_del(m->known, job->name);
	watch_recheck(m->watch, job->name);
	free(job->name);
	free(job);
	want_pump(m);
}

/* ---- where articles end ---- */

static void
fail_article(struct master *m, enum spool_dir from, const char *name,
    const char *plugin, const char *reason, int attempts,
    enum metrics_failure class)
{
	struct spool_failure f = { plugin, reason, attempts };
	char err[512];

	if (spool_fail(&m->spool, from, name, &f, err, sizeof(err)) < 0) {
		log_err("%s; the article stays in %s/", err,
		    from == SPOOL_WORK ? "work" : "inbox");
		return;
	}
	m->n_failed++;
	metrics_failed(class);
	if (strstr(reason, plugin) != NULL)
		log_warn("%s: %s; moved to failed/", name, reason);
	else
		log_warn("%s: %s: %s; moved to failed/", name, plugin, reason);
}

static void
job_failed(struct master *m, struct job *job, const char *plugin,
    const char *reason, enum metrics_failure class)
{
	unlinkat(m->spool.fd[SPOOL_OUTBOX], job->tmp, 0);
	fail_article(m, SPOOL_WORK, job->name, plugin, reason, job->attempts,
	    class);
	release(m, job);
}

/*
 * Publishing happens in rounds on libuv's thread pool, each in two steps:
 * the fsyncs of its outputs (spool_sync_batch), then their renames and
 * one fsync of outbox/ (spool_place_batch). Outputs finished while a round
 * is in flight form the next round, and up to PUBLISH_ROUNDS rounds are in
 * flight at once: the next round's fsyncs run while the one before waits
 * on the disk, so a round's few milliseconds of disk hold back no other.
 * The renames of the rounds run one round at a time, oldest first, each
 * after its own fsyncs: no output is visible before it is on disk, and
 * outputs appear in the order their rounds began. The loop never waits on
 * the disk.
 */
struct flush {
	uv_work_t req;
	struct master *m;
	struct flush *next;	/* the next younger round */
	int synced;		/* its fsyncs are done */
	int rc;			/* of the final flush of outbox/ */
	size_t n;
	struct job **jobs;
	struct spool_publication *pubs;
};

static void kick_flush(struct master *m);
static void kick_place(struct master *m);

static void
sync_work(uv_work_t *req)
{
	struct flush *f = req->data;

	spool_sync_batch(&f->m->spool, f->pubs, f->n);
}

static void
place_work(uv_work_t *req)
{
	struct flush *f = req->data;

	f->rc = spool_place_batch(&f->m->spool, f->pubs, f->n);
}

static void
published(struct master *m, struct job *job, const struct spool_publication *p)
{
	char why[512];
	int rc;

	if (p->rc < 0) {
		snprintf(why, sizeof(why), "outbox: cannot publish the output: %s",
		    strerror(-p->rc));
		job_failed(m, job, "lectord", why, METRICS_FAIL_PUBLISH);
		return;
	}
	rc = spool_finish(&m->spool, job->name);
	if (rc < 0)
		log_err("work/%s: output is outbox/%s, but the article cannot "
		    "leave work/ (%s); the next start completes it", job->name,
		    p->out, strerror(-rc));
	m->n_done++;
	metrics_done();
	m->crash_streak = 0;
	log_info("%s -> outbox/%s", job->name, p->out);
	release(m, job);
}

static void
flush_free(struct flush *f)
{
	free(f->jobs);
	free(f->pubs);
	free(f);
}

static void
sync_done(uv_work_t *req, int status)
{
	struct flush *f = req->data;

	(void)status;	/* never cancelled */
	f->synced = 1;
	kick_place(f->m);
}

static void
place_done(uv_work_t *req, int status)
{
	struct flush *f = req->data;
	struct master *m = f->m;

	(void)status;	/* never cancelled */
	m->rounds = f->next;
	if (m->rounds == NULL)
		m->rounds_tail = NULL;
	m->n_rounds--;
	m->placing = 0;
	if (f->rc < 0)
		log_err("outbox: fsync: %s; outputs may not survive a power loss",
		    strerror(-f->rc));
	for (size_t i = 0; i < f->n; i++)
		published(m, f->jobs[i], &f->pubs[i]);
	flush_free(f);
	kick_place(m);
	kick_flush(m);
	if (m->stopping)
		stop(m);
}

/* The oldest round, once its fsyncs are done, renames its outputs. */
static void
kick_place(struct master *m)
{
	struct flush *f = m->rounds;

	if (m->placing || f == NULL || !f->synced)
		return;
	m->placing = 1;
	uv_queue_work(&m->loop, &f->req, place_work, place_done);
}

/* Every output waiting becomes a round, unless enough are in flight. */
static void
kick_flush(struct master *m)
{
	struct flush *f;
	size_t n = 0;

	if (m->n_rounds >= PUBLISH_ROUNDS || m->outq == NULL)
		return;
	for (struct job *j = m->outq; j != NULL; j = j->next)
		n++;
	f = calloc(1, sizeof(*f));
	if (f != NULL) {
		f->jobs = calloc(n, sizeof(*f->jobs));
		f->pubs = calloc(n, sizeof(*f->pubs));
	}
	if (f == NULL || f->jobs == NULL || f->pubs == NULL) {
		if (f != NULL)
			flush_free(f);
		log_err("publish: out of memory; retrying");
		return;	/* the next reply tries again */
	}
	f->m = m;
	f->n = n;
	f->req.data = f;
	for (size_t i = 0; i < n; i++) {
		struct job *j = m->outq;
		m->outq = j->next;
		f->jobs[i] = j;
		f->pubs[i].tmp = j->tmp;
		f->pubs[i].name = j->name;
	}
	m->outq_tail = NULL;
	if (m->rounds_tail != NULL)
		m->rounds_tail->next = f;
	else
		m->rounds = f;
	m->rounds_tail = f;
	m->n_rounds++;
	uv_queue_work(&m->loop, &f->req, sync_work, sync_done);
}

static void
job_done(struct master *m, struct job *job)
{
	/* Its worker is free: the claim slot goes to the next article. */
	m->in_flight--;
	m->publishing++;
	job->publishing = 1;
	want_pump(m);
	job->next = NULL;
	if (m->outq_tail != NULL)
		m->outq_tail->next = job;
	else
		m->outq = job;
	m->outq_tail = job;
	kick_flush(m);
}

/* ---- claiming and dispatching ---- */

static void
claim(struct master *m, const char *name)
{
	struct stat st;
	char why[256];
	json_t *probe;
	struct job *job;
	int rc, utf8;

	if (fstatat(m->spool.fd[SPOOL_INBOX], name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		names_del(m->known, name);
		return;
	}
	probe = json_string(name);	/* NULL when not UTF-8 */
	utf8 = probe != NULL;
	json_decref(probe);
	why[0] = '\0';
	if (S_ISLNK(st.st_mode))
		snprintf(why, sizeof(why), "a symbolic link; only regular files "
		    "are read");
	else if (!S_ISREG(st.st_mode))
		snprintf(why, sizeof(why), "not a regular file");
	else if (st.st_size > m->gen.cfg->max_bytes)
		snprintf(why, sizeof(why), "larger than max_bytes (%lld > %lld "
		    "bytes)", (long long)st.st_size, m->gen.cfg->max_bytes);
	else if (!utf8)
		snprintf(why, sizeof(why), "the file name is not UTF-8");
	if (why[0] != '\0') {
		fail_article(m, SPOOL_INBOX, name, "lectord", why, 0,
		    METRICS_FAIL_REFUSED);
		names_del(m->known, name);
		return;
	}
	rc = spool_claim(&m->spool, name);
	if (rc == 0 && (job = job_new(name)) != NULL) {
		m->in_flight++;
		claimed_push(m, job, 0);
		return;
	}
	if (rc == 0) {
		log_err("work/%s: out of memory; it is processed at the next "
		    "start", name);
		return;	/* stays known: never claimed twice */
	}
	if (rc != -ENOENT)
		log_err("inbox/%s: cannot claim: %s", name, strerror(-rc));
	names_del(m->known, name);
}

static int
dispatch(struct master *m, struct pool_worker *w, struct job *job)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	uint64_t kill_ms = (uint64_t)(m->gen.cfg->timeout_seconds * 1000) +
	    KILL_SLACK_MS;
	json_t *msg;
	int rc = -1;

	job->id = ++m->next_id;
	spool_tmp_name(job->id, job->tmp, sizeof(job->tmp));
	if (spool_path(&m->spool, SPOOL_WORK, job->name, path, sizeof(path)) < 0 ||
	    spool_path(&m->spool, SPOOL_OUTBOX, job->tmp, tmp, sizeof(tmp)) < 0)
		return -1;
	msg = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:f}", "v",
	    PROTO_VERSION, "op", "job", "id", (json_int_t)job->id, "path", path,
	    "file", job->name, "tmp", tmp, "received", job->received);
	if (msg != NULL)
		rc = pool_send(w, msg, kill_ms);
	json_decref(msg);
	if (rc < 0)
		return -1;
	worker_jobs_push(w, job);
	return 0;
}

/*
 * Idle workers first, then each one's next job: a worker holds a second
 * job only when none is idle.
 */
static void
dispatch_all(struct master *m)
{
	int max_jobs = m->gen.cfg->max_jobs;

	for (int depth = 1; depth <= POOL_DEPTH; depth++) {
		for (struct pool_worker *w = pool_first(m->pool); w != NULL &&
		    m->claimed != NULL; w = w->next) {
			if (!pool_can_take(w) || w->pending >= depth ||
			    w->generation != m->generation ||
			    (max_jobs > 0 && w->jobs_done + w->pending >= max_jobs))
				continue;
			struct job *job = claimed_pop(m);
			if (dispatch(m, w, job) < 0) {
				claimed_push(m, job, 1);
				return;
			}
		}
	}
}

static void
on_pump(uv_idle_t *h)
{
	struct master *m = h->data;

	uv_idle_stop(h);
	if (m->stopping)
		return;
	while (m->in_flight < max_in_flight(m) && m->publishing < PUBLISH_MAX &&
	    m->ready_count > 0) {
		char *name = ready_pop(m);
		claim(m, name);
		free(name);
	}
	dispatch_all(m);
	if (m->ready_count < READY_MAX / 2)
		watch_more(m->watch);
}

/* Recovery hands back what a previous run left in work/. */
static int
adopt(const char *name, void *arg)
{
	struct master *m = arg;
	struct job *job = job_new(name);

	if (job == NULL || names_put(m->known, name, NULL) < 0) {
		if (job != NULL)
			free(job->name);
		free(job);
		return -1;
	}
	m->in_flight++;
	claimed_push(m, job, 0);
	return 0;
}

/* ---- workers ---- */

static const char *
signal_name(int sig)
{
	static char other[32];

	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGABRT: return "SIGABRT";
	case SIGFPE: return "SIGFPE";
	case SIGILL: return "SIGILL";
	case SIGKILL: return "SIGKILL";
	case SIGSYS: return "SIGSYS";
	case SIGTERM: return "SIGTERM";
	}
	snprintf(other, sizeof(other), "signal %d", sig);
	return other;
}

static enum metrics_cause
death_cause(const struct pool_death *d)
{
	if (d->timed_out || (d->op != NULL && strcmp(d->op, "timeout") == 0))
		return METRICS_CAUSE_TIMEOUT;
	return METRICS_CAUSE_CRASH;
}

/* Says why a worker lost its article: the plugin, and a sentence. */
static void
describe_death(const struct master *m, const struct pool_death *d,
    const char **plugin, char *reason, size_t len)
{
	*plugin = d->plugin != NULL ? d->plugin : "unknown";
	if (d->timed_out || (d->op != NULL && strcmp(d->op, "timeout") == 0))
		snprintf(reason, len, "plugin %s: timed out after %g s", *plugin,
		    m->gen.cfg->timeout_seconds);
	else if (d->term_signal != 0)
		snprintf(reason, len, "plugin %s: killed by %s%s", *plugin,
		    signal_name(d->term_signal),
		    d->term_signal == SIGKILL ? " (out of memory?)" : "");
	else
		snprintf(reason, len, "plugin %s: worker exited with status %d",
		    *plugin, d->exit_status);
}

static void
lost_job(struct master *m, struct job *job, const struct pool_death *d)
{
	const char *plugin;
	char reason[512];

	unlinkat(m->spool.fd[SPOOL_OUTBOX], job->tmp, 0);
	if (m->stopping) {
		log_notice("work/%s: interrupted by the stop; it is processed at "
		    "the next start", job->name);
		m->in_flight--;
		names_del(m->known, job->name);
		free(job->name);
		free(job);
		return;
	}
	describe_death(m, d, &plugin, reason, sizeof(reason));
	job->attempts++;
	m->crash_streak++;
	if (job->attempts < m->gen.cfg->max_attempts) {
		log_warn("%s: %s; trying again (attempt %d of %d)", job->name,
		    reason, job->attempts + 1, m->gen.cfg->max_attempts);
		metrics_retried(death_cause(d));
		claimed_push(m, job, 1);
		return;
	}
	job_failed(m, job, plugin, reason,
	    death_cause(d) == METRICS_CAUSE_TIMEOUT ? METRICS_FAIL_TIMEOUT :
	    METRICS_FAIL_CRASH);
}

static void reload_failed(struct master *m, const char *why);

#define SNAPSHOT_PATH "/proc/self/fd/4"

/* Workers read the snapshot by its fd; people know the file's name. */
static const char *
real_name(const struct master *m, const char *why, char *buf, size_t len)
{
	const char *at = strstr(why, SNAPSHOT_PATH);

	if (at == NULL || m->args->cli.config_path == NULL)
		return why;
	snprintf(buf, len, "%.*s%s%s", (int)(at - why), why,
	    m->args->cli.config_path, at + strlen(SNAPSHOT_PATH));
	return buf;
}

static void
refused(struct master *m, struct pool_worker *w, const char *reason)
{
	char buf[1536];
	const char *why = real_name(m, reason, buf, sizeof(buf));

	if (m->reloading && w->generation == m->generation + 1) {
		reload_failed(m, why);
		return;
	}
	if (w->generation != m->generation)
		return;
	if (!m->ever_ready) {
		log_err("pipeline: %s", why);
		m->exit_code = 2;
		stop(m);
		return;
	}
	log_err("a new worker refused to start: %s", why);
	m->crash_streak++;
}

static void
on_gone(struct pool_worker *w, const struct pool_death *d, void *arg)
{
	struct master *m = arg;
	struct job *job = worker_jobs_pop(w);

	/* Only the oldest had started: the others lose no attempt. */
	requeue(m, w->job);
	w->job = NULL;
	if (!m->stopping && (d->refused != NULL || w->state == POOL_STARTING))
		metrics_restarted(METRICS_CAUSE_REFUSED);
	else if (!m->stopping && (d->term_signal != 0 || d->exit_status != 0 ||
	    (d->op != NULL && strcmp(d->op, "timeout") == 0)))
		metrics_restarted(death_cause(d));
	if (d->refused != NULL)
		refused(m, w, d->refused);
	else if (w->state == POOL_STARTING)
		refused(m, w, "the worker died before it was ready");
	else if (d->op != NULL && strcmp(d->op, "timeout") == 0)
		log_warn("worker %d: its article timed out; replacing it",
		    (int)w->pid);
	else if (d->term_signal != 0)
		log_warn("worker %d: killed by %s", (int)w->pid,
		    signal_name(d->term_signal));
	else if (d->exit_status != 0)
		log_warn("worker %d: exited with status %d", (int)w->pid,
		    d->exit_status);
	if (job != NULL)
		lost_job(m, job, d);
	if (m->stopping) {
		stop(m);	/* finishes the stop once the last worker is gone */
		return;
	}
	fill_pool(m);
	want_pump(m);
}

static void reload_commit(struct master *m);

static void
on_hello(struct pool_worker *w, void *arg)
{
	struct master *m = arg;

	log_debug("worker %d: ready", (int)w->pid);
	if (m->stopping) {
		pool_retire(w);
		return;
	}
	if (m->reloading && w->generation == m->generation + 1)
		reload_commit(m);
	if (w->generation == m->generation)
		m->ever_ready = 1;
	want_pump(m);
}

/* An article went through every sink: each answered. */
static void
sinks_up(struct master *m)
{
	for (char **s = m->gen.cfg->sinks; *s != NULL; s++)
		if (strcmp(*s, "outbox") != 0)
			metrics_end_up(*s, 1);
}

/*
 * A sink refused the article for good: failed now. A sink could not be
 * reached, even after the worker waited for it: that was an attempt, and
 * the article waits in line for the next one.
 */
static void
sink_failed(struct master *m, struct job *job, const json_t *msg)
{
	const char *sink = json_string_value(json_object_get(msg, "sink"));
	const char *reason = json_string_value(json_object_get(msg, "reason"));
	int retry = json_is_true(json_object_get(msg, "retry"));

	if (reason == NULL)
		reason = "failed";
	metrics_end_up(sink, retry ? 0 : 1);
	job->attempts++;
	if (retry && job->attempts < m->gen.cfg->max_attempts) {
		log_warn("%s: %s; trying again (attempt %d of %d)", job->name,
		    reason, job->attempts + 1, m->gen.cfg->max_attempts);
		unlinkat(m->spool.fd[SPOOL_OUTBOX], job->tmp, 0);
		claimed_push(m, job, 0);
		want_pump(m);
		return;
	}
	job_failed(m, job, sink, reason, METRICS_FAIL_SINK);
}

static void
on_done(struct pool_worker *w, const json_t *msg, void *arg)
{
	struct master *m = arg;
	struct job *job = worker_jobs_pop(w);
	json_int_t id = json_integer_value(json_object_get(msg, "id"));

	if (job == NULL || (uint64_t)id != job->id) {
		log_err("worker %d: a reply to job %lld, not to the job it had",
		    (int)w->pid, (long long)id);
		if (job != NULL)
			job->next = w->job;
		requeue(m, job);
		w->job = NULL;
		pool_kill(w);
		return;
	}
	if (json_is_true(json_object_get(msg, "ok"))) {
		metrics_reply(msg);
		sinks_up(m);
		job_done(m, job);
	} else if (json_is_string(json_object_get(msg, "sink")))
		sink_failed(m, job, msg);
	else {
		const char *plugin = json_string_value(json_object_get(msg, "plugin"));
		const char *reason = json_string_value(json_object_get(msg, "reason"));
		job->attempts++;	/* this one ran to its end, and failed */
		job_failed(m, job, plugin ? plugin : "lectord",
		    reason ? reason : "failed", METRICS_FAIL_PLUGIN);
	}
	if (m->stopping || w->generation != m->generation ||
	    json_is_true(json_object_get(msg, "retire")) ||
	    (m->gen.cfg->max_jobs > 0 && w->jobs_done >= m->gen.cfg->max_jobs)) {
		if (!m->stopping && w->generation == m->generation)
			metrics_restarted(json_is_true(json_object_get(msg,
			    "retire")) ? METRICS_CAUSE_MEMORY :
			    METRICS_CAUSE_MAX_JOBS);
		pool_retire(w);
		if (m->stopping)
			stop(m);
		else
			fill_pool(m);
	}
}

static void
spawn(struct master *m, struct generation *g, int generation)
{
	int rc = pool_spawn(m->pool, generation, g->argv, g->cfg_fd, NULL);

	if (rc < 0) {
		log_err("cannot start a worker: %s", uv_strerror(rc));
		m->crash_streak++;
	}
}

static void
on_spawn_timer(uv_timer_t *t)
{
	struct master *m = t->data;

	if (m->stopping)
		return;
	spawn(m, &m->gen, m->generation);
	fill_pool(m);
}

/* Keeps the running pipeline's worker count, backing off after losses. */
static void
fill_pool(struct master *m)
{
	int live = 0;

	if (m->stopping)
		return;
	for (struct pool_worker *w = pool_first(m->pool); w != NULL; w = w->next)
		if (w->generation == m->generation && !w->exited &&
		    w->state != POOL_RETIRING)
			live++;
	if (live >= want_workers(m->gen.cfg))
		return;
	if (m->crash_streak > 0) {
		int shift = m->crash_streak > 9 ? 9 : m->crash_streak - 1;
		uint64_t delay = (uint64_t)100 << shift;
		if (delay > BACKOFF_MAX_MS)
			delay = BACKOFF_MAX_MS;
		if (!uv_is_active((uv_handle_t *)&m->spawn_timer)) {
			log_notice("workers keep failing: next one starts in "
			    "%llu ms", (unsigned long long)delay);
			uv_timer_start(&m->spawn_timer, on_spawn_timer, delay, 0);
		}
		return;
	}
	for (; live < want_workers(m->gen.cfg); live++)
		spawn(m, &m->gen, m->generation);
}

/* ---- reload ---- */

static void
reload_end(struct master *m)
{
	m->reloading = 0;
	notify_ready();
	send_status(m, 1);
	if (m->reload_again && !m->stopping)
		reload(m);
}

static void
reload_failed(struct master *m, const char *why)
{
	log_err("reload: %s; still running the previous pipeline", why);
	generation_free(&m->next);
	reload_end(m);
}

static void
reload_commit(struct master *m)
{
	const char *was = m->gen.cfg->metrics_listen;
	const char *now = m->next.cfg->metrics_listen;

	/* Its listener lives as long as the process: say so, not ignore it. */
	if ((was == NULL) != (now == NULL) ||
	    (was != NULL && strcmp(was, now) != 0))
		log_warn("reload: metrics.listen changes at the next start");
	generation_free(&m->gen);
	m->gen = m->next;
	memset(&m->next, 0, sizeof(m->next));
	m->next.cfg_fd = -1;
	m->generation++;
	log_init(effective_level(m->args, m->gen.cfg));
	for (struct pool_worker *w = pool_first(m->pool); w != NULL; w = w->next)
		if (w->generation < m->generation && w->state != POOL_BUSY)
			pool_retire(w);
	m->crash_streak = 0;
	fill_pool(m);
	log_notice("reload: the new pipeline is running");
	reload_end(m);
}

static void
reload(struct master *m)
{
	char err[1024];
	int rc;

	if (m->stopping)
		return;
	if (m->reloading) {
		m->reload_again = 1;	/* one more reload covers them all */
		return;
	}
	m->reloading = 1;
	m->reload_again = 0;
	notify_reloading();
	log_notice("reload: reading %s", m->args->cli.config_path ?
	    m->args->cli.config_path : "the built-in configuration");
	if (generation_load(m, &m->next, err, sizeof(err)) < 0) {
		reload_failed(m, err);
		return;
	}
	rc = pool_spawn(m->pool, m->generation + 1, m->next.argv,
	    m->next.cfg_fd, NULL);
	if (rc < 0) {
		snprintf(err, sizeof(err), "cannot start a worker: %s",
		    uv_strerror(rc));
		reload_failed(m, err);
	}
	/* The new worker's hello commits; its refusal keeps the old. */
}

/* ---- stopping ---- */

static void
on_grace(uv_timer_t *t)
{
	struct master *m = t->data;

	log_warn("stop: grace period over; interrupting %d articles",
	    m->in_flight);
	for (struct pool_worker *w = pool_first(m->pool); w != NULL; w = w->next)
		pool_kill(w);
}

static void
close_all(struct master *m)
{
	uv_handle_t *handles[] = {
		(uv_handle_t *)&m->pump, (uv_handle_t *)&m->spawn_timer,
		(uv_handle_t *)&m->grace_timer, (uv_handle_t *)&m->status_timer,
		(uv_handle_t *)&m->watchdog_timer, (uv_handle_t *)&m->sig_term,
		(uv_handle_t *)&m->sig_int, (uv_handle_t *)&m->sig_hup
	};

	for (size_t i = 0; i < sizeof(handles) / sizeof(handles[0]); i++)
		if (!uv_is_closing(handles[i]))
			uv_close(handles[i], NULL);
}

/* Claimed but never started: back to the inbox, where it was. */
static void
unclaim(struct master *m, struct job *job)
{
	if (spool_unclaim(&m->spool, job->name) < 0)
		log_notice("work/%s: left for the next start", job->name);
	m->in_flight--;
	names_del(m->known, job->name);
	free(job->name);
	free(job);
}

/* Called again as workers leave; the last one ends the loop. */
static void
stop(struct master *m)
{
	struct job *job;

	if (!m->stopping) {
		m->stopping = 1;
		notify_stopping();
		log_notice("stopping: %d articles in flight", m->in_flight);
		watch_close(m->watch);
		m->watch = NULL;
		uv_idle_stop(&m->pump);
		uv_timer_stop(&m->spawn_timer);
		while (m->ready_count > 0) {
			char *name = ready_pop(m);
			names_del(m->known, name);
			free(name);
		}
		while ((job = claimed_pop(m)) != NULL)
			unclaim(m, job);
		uv_timer_start(&m->grace_timer, on_grace,
		    (uint64_t)(m->gen.cfg->grace_seconds * 1000), 0);
	}
	for (struct pool_worker *w = pool_first(m->pool); w != NULL; w = w->next)
		if (w->state != POOL_BUSY && !w->exited)
			pool_retire(w);
	if (pool_count(m->pool) == 0 && m->rounds == NULL && m->outq == NULL)
		close_all(m);
}

static void
on_signal(uv_signal_t *h, int signum)
{
	struct master *m = h->data;

	if (signum == SIGHUP) {
		reload(m);
		return;
	}
	log_notice("%s: stopping", signum == SIGINT ? "SIGINT" : "SIGTERM");
	stop(m);
}

/* ---- start ---- */

static int
start_watch(struct master *m, char *err, size_t errlen)
{
	const struct config *cfg = m->gen.cfg;
	struct watch_options o = {
		.inbox = m->spool.path[SPOOL_INBOX],
		.poll = cfg->watch == CONFIG_WATCH_POLL,
		.settle_seconds = cfg->settle_seconds,
		.rescan_seconds = cfg->rescan_seconds,
	};

	if (watch_start(&m->watch, &m->loop, &o, on_ready, m, err, errlen) == 0)
		return 0;
	if (o.poll)
		return -1;
	log_warn("%s; polling the inbox every %g s instead", err,
	    cfg->rescan_seconds);
	o.poll = 1;
	return watch_start(&m->watch, &m->loop, &o, on_ready, m, err, errlen);
}

static void
init_handles(struct master *m)
{
	m->handles_ready = 1;
	uv_idle_init(&m->loop, &m->pump);
	uv_timer_init(&m->loop, &m->spawn_timer);
	uv_timer_init(&m->loop, &m->grace_timer);
	uv_timer_init(&m->loop, &m->status_timer);
	uv_timer_init(&m->loop, &m->watchdog_timer);
	uv_signal_init(&m->loop, &m->sig_term);
	uv_signal_init(&m->loop, &m->sig_int);
	uv_signal_init(&m->loop, &m->sig_hup);
	m->pump.data = m->spawn_timer.data = m->grace_timer.data = m;
	m->status_timer.data = m->watchdog_timer.data = m;
	m->sig_term.data = m->sig_int.data = m->sig_hup.data = m;
	uv_signal_start(&m->sig_term, on_signal, SIGTERM);
	uv_signal_start(&m->sig_int, on_signal, SIGINT);
	uv_signal_start(&m->sig_hup, on_signal, SIGHUP);
	signal(SIGPIPE, SIG_IGN);
	uv_timer_start(&m->status_timer, on_status_timer, STATUS_EVERY_MS,
	    STATUS_EVERY_MS);
	if (notify_watchdog_usec() > 0) {
		uint64_t every = notify_watchdog_usec() / 2000;
		uv_timer_start(&m->watchdog_timer, on_watchdog, every ? every : 1,
		    every ? every : 1);
	}
}

static int
start(struct master *m, char *err, size_t errlen)
{
	static const struct pool_callbacks cb = { on_hello, on_done, on_gone,
	    NULL };
	int recovered;

	if (spool_open(&m->spool, m->gen.cfg, err, errlen) < 0)
		return -1;
	m->known = names_new();
	m->pool = pool_new(&m->loop, &cb, m);
	if (m->known == NULL || m->pool == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	recovered = spool_recover(&m->spool, adopt, m, err, errlen);
	if (recovered < 0)
		return -1;
	if (recovered > 0)
		log_notice("recovery: %d interrupted articles go again", recovered);
	init_handles(m);
	if (m->gen.cfg->metrics_listen != NULL &&
	    metrics_start(m->gen.cfg->metrics_listen, err, errlen) < 0)
		return -1;
	fill_pool(m);
	if (start_watch(m, err, errlen) < 0)
		return -1;
	log_notice("watching %s (%d workers)", m->spool.path[SPOOL_INBOX],
	    want_workers(m->gen.cfg));
	notify_ready();
	send_status(m, 1);
	want_pump(m);
	return 0;
}

static void
finish(struct master *m)
{
	generation_free(&m->gen);
	generation_free(&m->next);
	names_free(m->known, NULL);
	while (m->claimed != NULL) {
		struct job *job = claimed_pop(m);
		free(job->name);
		free(job);
	}
	for (size_t i = 0; i < m->ready_count; i++)
		free(m->ready[(m->ready_head + i) % READY_MAX]);
	pool_free(m->pool);
	if (m->spool.lock_fd >= 0)
		spool_sync(&m->spool);
	spool_close(&m->spool);
	metrics_stop();
	notify_close();
}

int
master_main(const struct master_args *args)
{
	struct master *m = calloc(1, sizeof(*m));
	char err[1024];
	int rc = 0;

	if (m == NULL)
		return 1;
	m->args = args;
	m->next.cfg_fd = -1;
	m->gen.cfg_fd = -1;
	m->spool.lock_fd = -1;
	for (int d = 0; d < SPOOL_NDIRS; d++)
		m->spool.fd[d] = -1;
	uv_loop_init(&m->loop);
	if (notify_init() < 0)
		log_warn("NOTIFY_SOCKET is not usable; systemd hears nothing");
	if (generation_load(m, &m->gen, err, sizeof(err)) < 0) {
		log_err("%s", err);
		rc = 2;
		goto out;
	}
	log_init(effective_level(args, m->gen.cfg));
	if (start(m, err, sizeof(err)) < 0) {
		log_err("%s", err);
		rc = 2;
		if (m->handles_ready) {
			stop(m);	/* started workers leave as their sockets close */
			uv_run(&m->loop, UV_RUN_DEFAULT);
		}
		goto out;
	}
	uv_run(&m->loop, UV_RUN_DEFAULT);
	rc = m->exit_code;
	log_notice("stopped: %llu done, %llu failed", m->n_done, m->n_failed);
out:
	uv_loop_close(&m->loop);
	finish(m);
	free(m);
	return rc;
}
