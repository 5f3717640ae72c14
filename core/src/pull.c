/*
 * An article is acknowledged to its source only after every sink said it
 * is durable: until then the source holds it, and a worker killed at any
 * point leaves it to be delivered again. A sink that cannot be reached
 * turns the whole unflushed batch into retries, since what a sink wrote
 * before its flush may be gone, and the worker backs off. A sink that
 * refuses a document for good (LECTOR_EINVAL) fails that article alone.
 * An article that can never succeed is settled as failed, with the report
 * failed/NAME.error.json would hold.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attempts.h"
#include "crash.h"
#include "log.h"
#include "metrics.h"
#include "proto.h"
#include "pull.h"
#include "sha256.h"

#define BATCH_MAX 64		/* articles written before a flush */
#define WAIT_MS 500		/* for the next article, when none is pending */

#define BACKOFF_MAX_MS 10000	/* after a sink failed: before pulling again */

/* An article whose output the sinks were given, not yet settled. */
struct pending {
	uint64_t receipt;
	const char *name;	/* the source's, valid until settled */
	json_t *doc;		/* its output, to write it alone again */
	char sha[65];
	int attempt;
};

/*
 * Outcomes not yet told to the master, which keeps the metrics: articles
 * done, failed by reason, and whether each sink answered.
 */
struct tally {
	int done;
	int failed[METRICS_NFAIL];
	json_t *ends;		/* sink name -> true or false */
};

struct batch {
	struct pending items[BATCH_MAX];
	size_t n;
	int sink_failures;	/* in a row: a sink that is down stays down a while */
	struct tally tally;
};

/* After a flush or write: every sink answered, or `sink` did as up says. */
static void
ends_answered(struct batch *b, const struct config *cfg, const char *sink,
    int up)
{
	if (b->tally.ends == NULL && (b->tally.ends = json_object()) == NULL)
		return;
	if (sink == NULL) {
		for (char **s = cfg->sinks; *s != NULL; s++)
			if (strcmp(*s, "outbox") != 0)
				json_object_set_new(b->tally.ends, *s,
				    json_true());
	} else if (strcmp(sink, "outbox") != 0)
		json_object_set_new(b->tally.ends, sink, json_boolean(up));
}

/* Sends what was counted since the last time; nothing when nothing was. */
static void
send_tally(struct batch *b, int fd)
{
	struct tally *t = &b->tally;
	json_t *msg, *failed = json_object();
	int any = t->done > 0 || t->ends != NULL;

	for (int i = 0; i < METRICS_NFAIL && failed != NULL; i++)
		if (t->failed[i] > 0) {
			json_object_set_new(failed, metrics_failure_name(i),
			    json_integer(t->failed[i]));
			any = 1;
		}
	if (any && failed != NULL) {
		msg = json_pack("{s:i, s:s, s:i, s:O, s:O*}", "v",
		    PROTO_VERSION, "op", "tally", "done", t->done, "failed",
		    failed, "ends", t->ends);
		/* Metrics only: a master that cannot hear it is gone anyway. */
		if (msg != NULL)
			proto_send(fd, msg);
		json_decref(msg);
	}
	json_decref(failed);
	json_decref(t->ends);
	memset(t, 0, sizeof(*t));
}

/* The master closed our socket: stop once the batch is settled. */
static int
told_to_stop(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, 0) <= 0)
		return 0;
	return read(fd, &c, 1) <= 0;
}

static void
settle(struct ends *e, uint64_t receipt, enum lector_outcome outcome,
    const json_t *report)
{
	char err[600];

	/* Not settled: the source delivers it again; nothing is lost. */
	if (ends_settle(e, receipt, outcome, report, err, sizeof(err)) < 0)
		log_err("%s; the article will be delivered again", err);
}

static json_t *
report(const char *name, const char *sha, int attempts, const char *plugin,
    const char *reason)
{
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}", "file", name,
	    "reason", reason, "plugin", plugin, "attempts", attempts, "time",
	    stamp, "sha256", sha);
}

static void
fail(struct ends *e, struct batch *b, enum metrics_failure class,
    uint64_t receipt, const char *name, const char *sha, int attempts,
    const char *plugin, const char *reason)
{
	json_t *r = report(name, sha, attempts, plugin, reason);

	b->tally.failed[class]++;
	if (strstr(reason, plugin) != NULL)
		log_warn("%s: %s; settled as failed", name, reason);
	else
		log_warn("%s: %s: %s; settled as failed", name, plugin, reason);
	settle(e, receipt, LECTOR_OUTCOME_FAILED, r);
	json_decref(r);
}

/* Settles items from..n-1 of the batch as outcome, and forgets the batch. */
static void
settle_rest(struct ends *e, struct batch *b, size_t from,
    enum lector_outcome outcome)
{
	for (size_t i = from; i < b->n; i++)
		settle(e, b->items[i].receipt, outcome, NULL);
	if (outcome == LECTOR_OUTCOME_DONE)
		b->tally.done += (int)(b->n - from);
	for (size_t i = 0; i < b->n; i++)
		json_decref(b->items[i].doc);
	b->n = 0;
}

/*
 * A sink refused some document of the batch for good: each is written and
 * flushed alone, so that the one refused fails and the others go through.
 * Sinks are idempotent by id, so what they took before the refusal is
 * written again harmlessly.
 */
static void
one_by_one(const struct config *cfg, struct ends *e, struct batch *b)
{
	const char *sink = "";
	char err[600];

	for (size_t i = 0; i < b->n; i++) {
		struct pending *p = &b->items[i];
		int rc = ends_write(e, p->doc, &sink, err, sizeof(err));
		if (rc == 0)
			rc = ends_flush(e, &sink, err, sizeof(err));
		ends_answered(b, cfg, rc == 0 ? NULL : sink, rc == 0 ||
		    rc == LECTOR_EINVAL);
		if (rc == 0) {
			settle(e, p->receipt, LECTOR_OUTCOME_DONE, NULL);
			b->tally.done++;
		} else if (rc == LECTOR_EINVAL)
			fail(e, b, METRICS_FAIL_SINK, p->receipt, p->name,
			    p->sha, p->attempt, sink, err);
		else {
			log_err("%s; %zu articles go again", err, b->n - i);
			settle_rest(e, b, i, LECTOR_OUTCOME_RETRY);
			b->sink_failures++;
			return;
		}
	}
	settle_rest(e, b, b->n, LECTOR_OUTCOME_DONE);
	b->sink_failures = 0;
}

static void
commit(const struct config *cfg, struct ends *e, struct batch *b)
{
	const char *sink = "";
	char err[600];
	int rc;

	if (b->n == 0)
		return;
	rc = ends_flush(e, &sink, err, sizeof(err));
	ends_answered(b, cfg, rc == 0 ? NULL : sink, rc == 0 ||
	    rc == LECTOR_EINVAL);
	if (rc == LECTOR_EINVAL) {
		log_warn("%s; writing the %zu articles of the batch one by one",
		    err, b->n);
		one_by_one(cfg, e, b);
		return;
	}
	if (rc < 0) {
		/* Unreachable, or unknown: all of it goes again. */
		log_err("%s; %zu articles go again", err, b->n);
		settle_rest(e, b, 0, LECTOR_OUTCOME_RETRY);
		b->sink_failures++;
		return;
	}
	settle_rest(e, b, 0, LECTOR_OUTCOME_DONE);
	b->sink_failures = 0;
}

/* Fields the source gave beside the bytes, kept under source.meta. */
static void
keep_meta(json_t *out, json_t *meta)
{
	json_t *source = json_object_get(out, "source");

	if (json_is_object(meta) && json_object_size(meta) > 0 &&
	    json_is_object(source)) {
		json_t *have = json_object_get(source, "meta");
		if (json_is_object(have))
			json_object_update_missing(have, meta);
		else
			json_object_set(source, "meta", meta);
	}
	json_decref(meta);
}

/* The pipeline, then every sink; or the reason it failed. */
static void
run(const struct config *cfg, struct pipeline *p, struct ends *e,
    lector_article *a, const char *sha, int attempt, struct batch *b)
{
	struct pipeline_failure why;
	const char *sink = "";
	char err[600];
	json_t *out = NULL;
	int rc;

	memset(&why, 0, sizeof(why));
	if (cfg->max_bytes > 0 && (long long)a->len > cfg->max_bytes) {
		snprintf(err, sizeof(err), "larger than max_bytes (%zu > %lld "
		    "bytes)", a->len, cfg->max_bytes);
		json_decref(a->meta);
		fail(e, b, METRICS_FAIL_REFUSED, a->receipt, a->name, sha,
		    attempt, "lectord", err);
		return;
	}
	crash_job_start(a->receipt, cfg->timeout_seconds);
	rc = pipeline_run(p, a->name, NULL, a->bytes, a->len,
	    (double)time(NULL), &out, &why);
	crash_job_end();
	if (rc < 0) {
		json_decref(a->meta);
		fail(e, b, METRICS_FAIL_PLUGIN, a->receipt, a->name, sha,
		    attempt, why.plugin[0] ? why.plugin : "lectord",
		    why.reason[0] ? why.reason : "failed");
		return;
	}
	keep_meta(out, a->meta);
	rc = ends_write(e, out, &sink, err, sizeof(err));
	if (rc == 0) {
		struct pending *p = &b->items[b->n++];
		log_info("%s -> %s", a->name,
		    json_string_value(json_object_get(out, "id")));
		p->receipt = a->receipt;
		p->name = a->name;
		p->doc = out;
		memcpy(p->sha, sha, sizeof(p->sha));
		p->attempt = attempt;
		return;
	}
	json_decref(out);
	ends_answered(b, cfg, sink, rc == LECTOR_EINVAL);
	if (rc == LECTOR_EINVAL) {
		/*
		 * Never this one: the batch goes on without it. Sinks listed
		 * before the one that refused it may keep it.
		 */
		commit(cfg, e, b);
		fail(e, b, METRICS_FAIL_SINK, a->receipt, a->name, sha, attempt,
		    sink, err);
		return;
	}
	/* The sink may have lost what it held: all of it goes again. */
	log_err("%s: %s; %zu articles go again", a->name, err, b->n + 1);
	settle_rest(e, b, 0, LECTOR_OUTCOME_RETRY);
	settle(e, a->receipt, LECTOR_OUTCOME_RETRY, NULL);
	b->sink_failures++;
}

/*
 * One article. An article whose workers on
 * this node kept dying with it fails here, before any plugin sees it again.
 */
static void
take(const struct config *cfg, struct pipeline *p, struct ends *e,
    struct attempts *tries, lector_article *a, struct batch *b)
{
	char sha[65];
	int lost;

	if (a->name == NULL || a->name[0] == '\0')
		a->name = "article.txt";
	sha256_hex(a->bytes, a->len, sha);
	lost = attempts_begin(tries, sha);
	if (lost >= cfg->max_attempts) {
		char why[200];
		snprintf(why, sizeof(why), "its worker was lost %d times on this "
		    "node (a plugin crashed, timed out or ran out of memory; the "
		    "log names it)", lost);
		json_decref(a->meta);
		fail(e, b, METRICS_FAIL_CRASH, a->receipt, a->name, sha, lost,
		    "lectord", why);
	} else
		run(cfg, p, e, a, sha, lost + 1, b);
	attempts_end(tries, sha);
}

/* While a sink keeps failing, pull less: the articles wait in the source. */
static void
back_off(const struct batch *b, int fd)
{
	int ms = 250;

	for (int i = 1; i < b->sink_failures && ms < BACKOFF_MAX_MS; i++)
		ms *= 2;
	if (ms > BACKOFF_MAX_MS)
		ms = BACKOFF_MAX_MS;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	poll(&p, 1, ms);	/* the master's word ends the wait */
}

int
pull_run(const struct config *cfg, struct pipeline *p, struct ends *e,
    int fd)
{
	struct batch b = { .n = 0 };
	struct attempts tries;
	char err[600];
	int jobs = 0, errors = 0;

	if (attempts_open(&tries, cfg->work, err, sizeof(err)) < 0) {
		log_err("attempts: %s", err);
		return 1;
	}

	while (!told_to_stop(fd)) {
		lector_article a;
		send_tally(&b, fd);
		if (b.sink_failures > 0 && b.n == 0)
			back_off(&b, fd);
		int rc = ends_next(e, &a, b.n > 0 ? 0 : WAIT_MS, err,
		    sizeof(err));
		if (rc == LECTOR_EAGAIN) {
			commit(cfg, e, &b);
			if (cfg->max_jobs > 0 && jobs >= cfg->max_jobs)
				break;	/* the master starts a fresh worker */
			continue;
		}
		if (rc != LECTOR_OK) {
			commit(cfg, e, &b);
			/* A source that cannot reach its server: say so, now and then. */
			if (errors++ % 20 == 0)
				log_err("%s; trying again", err);
			usleep(WAIT_MS * 1000);
			continue;
		}
		errors = 0;
		if (told_to_stop(fd)) {
			/* Unstarted: the source hands it back as it closes. */
			json_decref(a.meta);
			break;
		}
		jobs++;
		take(cfg, p, e, &tries, &a, &b);
		if (b.n == BATCH_MAX)
			commit(cfg, e, &b);
	}
	commit(cfg, e, &b);
	send_tally(&b, fd);
	attempts_close(&tries);
	return 0;
}
