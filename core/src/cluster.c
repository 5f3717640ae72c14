/*
 * The master of a daemon whose source is a plugin (a queue shared by many
 * nodes). Workers pull articles themselves and settle them with the
 * source; the master only keeps the right number of workers alive,
 * replaces those that die (their unsettled articles are redelivered by
 * the source, here or on another node), reloads, and stops. Like the
 * spool master, it never runs plugin code.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "cluster.h"
#include "log.h"
#include "metrics.h"
#include "notify.h"
#include "pool.h"

#define BACKOFF_MAX_MS 30000

static const char *const level_names[] = {
	[LECTOR_LOG_ERR] = "error", [LECTOR_LOG_WARNING] = "warning",
	[LECTOR_LOG_NOTICE] = "notice", [LECTOR_LOG_INFO] = "info",
	[LECTOR_LOG_DEBUG] = "debug"
};

struct cluster {
	uv_loop_t loop;
	const struct master_args *args;
	struct config cfg;	/* the running generation's */
	int generation;
	char *argv[8 + 2 * CLI_MAX_PLUGIN_DIRS];
	struct pool *pool;
	int crash_streak;	/* workers lost since one last started well */
	int ever_ready, stopping, reloading, exit_code;
	uv_timer_t spawn_timer, notify_timer;
	uv_signal_t sig_term, sig_int, sig_hup;
};

static void fill_pool(struct cluster *c);
static void stop(struct cluster *c);

static int
want_workers(const struct config *cfg)
{
	return cfg->workers > 0 ? cfg->workers : (int)uv_available_parallelism();
}

static int
level_of(const struct cluster *c, const struct config *cfg)
{
	int level = c->args->log_level != NULL ?
	    log_level_parse(c->args->log_level) : -1;

	return level >= 0 ? level : cfg->log_level;
}

/* Workers read the configuration file themselves; --plugin-dir follows. */
static void
make_argv(struct cluster *c, const struct config *cfg)
{
	const struct master_args *a = c->args;
	int n = 0;

	c->argv[n++] = "lectord";
	c->argv[n++] = "run";
	c->argv[n++] = "--worker";
	if (a->cli.config_path != NULL) {
		c->argv[n++] = "-c";
		c->argv[n++] = (char *)a->cli.config_path;
	}
	for (size_t i = 0; i < a->cli.n_plugin_dirs; i++) {
		c->argv[n++] = "--plugin-dir";
		c->argv[n++] = (char *)a->cli.plugin_dirs[i];
	}
	c->argv[n++] = "--log-level";
	c->argv[n++] = (char *)level_names[level_of(c, cfg)];
	c->argv[n] = NULL;
}

static void
spawn(struct cluster *c, int generation)
{
	int rc = pool_spawn(c->pool, generation, c->argv, -1, NULL);

	if (rc < 0) {
		log_err("cannot start a worker: %s", uv_strerror(rc));
		c->crash_streak++;
	}
}

static void
on_spawn_timer(uv_timer_t *t)
{
	struct cluster *c = t->data;

	if (c->stopping)
		return;
	spawn(c, c->generation);
	fill_pool(c);
}

/* Keeps the worker count, backing off while workers keep failing. */
static void
fill_pool(struct cluster *c)
{
	int live = 0;

	if (c->stopping)
		return;
	for (struct pool_worker *w = pool_first(c->pool); w != NULL; w = w->next)
		if (w->generation == c->generation && !w->exited &&
		    w->state != POOL_RETIRING)
			live++;
	if (live >= want_workers(&c->cfg))
		return;
	if (c->crash_streak > 0) {
		int shift = c->crash_streak > 9 ? 9 : c->crash_streak - 1;
		uint64_t delay = (uint64_t)100 << shift;
		if (delay > BACKOFF_MAX_MS)
			delay = BACKOFF_MAX_MS;
		if (!uv_is_active((uv_handle_t *)&c->spawn_timer))
			uv_timer_start(&c->spawn_timer, on_spawn_timer, delay, 0);
		return;
	}
	for (; live < want_workers(&c->cfg); live++)
		spawn(c, c->generation);
}

/* ---- reload: a worker of the new configuration must start first ---- */

static void
reload(struct cluster *c)
{
	if (c->stopping || c->reloading)
		return;
	c->reloading = 1;
	notify_reloading();
	log_notice("reload: reading %s", c->args->cli.config_path ?
	    c->args->cli.config_path : "the built-in configuration");
	/* The same command line: the file is what changed. */
	spawn(c, c->generation + 1);
}

static void
reload_done(struct cluster *c, int ok, const char *why)
{
	struct config cfg;
	char err[1024];

	c->reloading = 0;
	if (ok && master_load_config(c->args, &cfg, err, sizeof(err)) < 0) {
		ok = 0;
		why = err;
	}
	if (!ok) {
		log_err("reload: %s; still running the previous configuration",
		    why);
		notify_ready();
		return;
	}
	config_free(&c->cfg);
	c->cfg = cfg;
	c->generation++;
	log_init(level_of(c, &c->cfg));
	make_argv(c, &c->cfg);
	for (struct pool_worker *w = pool_first(c->pool); w != NULL; w = w->next)
		if (w->generation < c->generation)
			pool_retire(w);
	c->crash_streak = 0;
	fill_pool(c);
	log_notice("reload: the new configuration is running");
	notify_ready();
}

/* ---- workers ---- */

static void
on_hello(struct pool_worker *w, void *arg)
{
	struct cluster *c = arg;

	log_debug("worker %d: ready", (int)w->pid);
	if (c->stopping) {
		pool_retire(w);
		return;
	}
	if (c->reloading && w->generation == c->generation + 1)
		reload_done(c, 1, NULL);
	if (w->generation == c->generation) {
		c->ever_ready = 1;
		c->crash_streak = 0;
	}
}

/* What a worker settled since it last said: the metrics are kept here. */
static void
on_tally(struct pool_worker *w, const json_t *msg, void *arg)
{
	json_int_t done = json_integer_value(json_object_get(msg, "done"));
	const char *key;
	json_t *v;

	(void)w;
	(void)arg;
	for (json_int_t i = 0; i < done && i < 1000000; i++)
		metrics_done();
	json_object_foreach(json_object_get(msg, "failed"), key, v) {
		int why = metrics_failure_parse(key);
		for (json_int_t i = 0; why >= 0 && i < json_integer_value(v) &&
		    i < 1000000; i++)
			metrics_failed((enum metrics_failure)why);
	}
	json_object_foreach(json_object_get(msg, "ends"), key, v)
		metrics_end_up(key, json_is_true(v));
}

static void
on_done(struct pool_worker *w, const json_t *msg, void *arg)
{
	(void)msg;
	(void)arg;
	log_warn("worker %d: a reply to a job it was never given", (int)w->pid);
}

static void
on_gone(struct pool_worker *w, const struct pool_death *d, void *arg)
{
	struct cluster *c = arg;
	const char *why = d->refused != NULL ? d->refused :
	    w->state == POOL_STARTING ? "the worker died before it was ready" :
	    NULL;

	if (why != NULL && c->reloading && w->generation == c->generation + 1) {
		reload_done(c, 0, why);
	} else if (why != NULL && !c->ever_ready) {
		log_err("%s", why);
		c->exit_code = 2;
		stop(c);
	} else if (why != NULL) {
		log_err("a new worker refused to start: %s", why);
		c->crash_streak++;
	} else if (d->term_signal != 0) {
		log_warn("worker %d: killed by signal %d%s; its unsettled "
		    "articles are delivered again", (int)w->pid, d->term_signal,
		    d->op != NULL ? " (its article timed out or crashed it)" : "");
		if (!c->stopping)
			c->crash_streak++;
	} else if (d->exit_status != 0) {
		log_warn("worker %d: exited with status %d", (int)w->pid,
		    d->exit_status);
		c->crash_streak++;
	}
	if (c->stopping)
		stop(c);
	else
		fill_pool(c);
}

/* ---- stopping ---- */

static void
close_all(struct cluster *c)
{
	uv_handle_t *handles[] = {
		(uv_handle_t *)&c->spawn_timer, (uv_handle_t *)&c->notify_timer,
		(uv_handle_t *)&c->sig_term,
		(uv_handle_t *)&c->sig_int, (uv_handle_t *)&c->sig_hup
	};

	for (size_t i = 0; i < sizeof(handles) / sizeof(handles[0]); i++)
		if (!uv_is_closing(handles[i]))
			uv_close(handles[i], NULL);
}

/* Closing a worker's socket asks it to settle its batch and exit. */
static void
stop(struct cluster *c)
{
	if (!c->stopping) {
		c->stopping = 1;
		notify_stopping();
		log_notice("stopping: %d workers finish their batches",
		    pool_count(c->pool));
		uv_timer_stop(&c->spawn_timer);
	}
	for (struct pool_worker *w = pool_first(c->pool); w != NULL; w = w->next)
		if (!w->exited)
			pool_retire(w);
	if (pool_count(c->pool) == 0)
		close_all(c);
}

static void
on_signal(uv_signal_t *h, int signum)
{
	struct cluster *c = h->data;

	if (signum == SIGHUP) {
		reload(c);
		return;
	}
	log_notice("%s: stopping", signum == SIGINT ? "SIGINT" : "SIGTERM");
	stop(c);
}

/* What systemd could not take yet is sent on the next tick. */
static void
on_notify_timer(uv_timer_t *t)
{
	(void)t;
	if (notify_watchdog_usec() > 0)
		notify_watchdog();
	notify_flush();
}

static void
init_handles(struct cluster *c)
{
	uint64_t watchdog_ms = notify_watchdog_usec() / 2000;

	uv_timer_init(&c->loop, &c->spawn_timer);
	uv_timer_init(&c->loop, &c->notify_timer);
	uv_timer_start(&c->notify_timer, on_notify_timer, 1000,
	    watchdog_ms > 0 && watchdog_ms < 1000 ? watchdog_ms : 1000);
	uv_signal_init(&c->loop, &c->sig_term);
	uv_signal_init(&c->loop, &c->sig_int);
	uv_signal_init(&c->loop, &c->sig_hup);
	c->spawn_timer.data = c;
	c->sig_term.data = c->sig_int.data = c->sig_hup.data = c;
	uv_signal_start(&c->sig_term, on_signal, SIGTERM);
	uv_signal_start(&c->sig_int, on_signal, SIGINT);
	uv_signal_start(&c->sig_hup, on_signal, SIGHUP);
	signal(SIGPIPE, SIG_IGN);
}

int
cluster_main(const struct master_args *args, struct config *cfg)
{
	static const struct pool_callbacks cb = { on_hello, on_done, on_gone,
	    on_tally };
	char err[512];
	struct cluster *c = calloc(1, sizeof(*c));
	int rc;

	if (c == NULL) {
		config_free(cfg);
		return 1;
	}
	c->args = args;
	c->cfg = *cfg;
	memset(cfg, 0, sizeof(*cfg));
	uv_loop_init(&c->loop);
	if (notify_init() < 0)
		log_warn("NOTIFY_SOCKET is not usable; systemd hears nothing");
	log_init(level_of(c, &c->cfg));
	if ((c->pool = pool_new(&c->loop, &cb, c)) == NULL) {
		log_err("out of memory");
		rc = 1;
		goto out;
	}
	/* Read at start only, as with the spool. */
	if (c->cfg.metrics_listen != NULL &&
	    metrics_start(c->cfg.metrics_listen, err, sizeof(err)) < 0) {
		log_err("metrics: %s", err);
		pool_free(c->pool);
		rc = 2;
		goto out;
	}
	make_argv(c, &c->cfg);
	init_handles(c);
	fill_pool(c);
	log_notice("taking articles from source %s (%d workers)", c->cfg.source,
	    want_workers(&c->cfg));
	notify_ready();
	uv_run(&c->loop, UV_RUN_DEFAULT);
	rc = c->exit_code;
	log_notice("stopped");
	pool_free(c->pool);
	metrics_stop();
out:
	uv_loop_close(&c->loop);
	config_free(&c->cfg);
	notify_close();
	free(c);
	return rc;
}
