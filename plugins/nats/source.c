/*
 * nats source: articles from a JetStream work-queue stream, through one
 * durable pull consumer that every worker of every node shares, so each
 * article goes to one of them at a time. A message is an article: its
 * bytes are the payload, its file name the Lector-File header, extra
 * fields (a JSON object) the Lector-Meta header.
 *
 * The outcome: done -> ack (the work queue drops it); failed -> the
 * article and its report are published to failed_subject, then the
 * message is terminated; retry -> a fresh copy in line (see put_back).
 * An article never settled (its worker was killed) is delivered again
 * after ack_wait. Each node counts the workers an article killed (see
 * core/src/attempts.h); across nodes, an article delivered max_deliveries
 * times without an outcome is failed here, before any plugin sees it
 * again, so one article cannot keep killing workers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "natscommon.h"


struct held {
	natsMsg *msg;
	struct held *next;
};

struct source {
	json_t *options;		/* a reference */
	struct nats_link link;
	int streams_ready;		/* the work queue and failed streams exist */
	natsSubscription *sub;		/* made at the first next() */
	natsMsgList fetched;		/* not yet handed out */
	int next_fetched;
	struct held *held;		/* handed out, not yet settled */
	time_t progress_at;		/* the server last heard we are on them */
};

/*
 * Nothing here needs the server: a node may start before it, and
 * `lectord submit` says at once when none answers.
 */
static int
source_init(const lector_host *host, const json_t *options,
    const char *data_dir, void **state, lector_error *err)
{
	struct source *s = calloc(1, sizeof(*s));
	int rc;

	(void)data_dir;
	if (s == NULL)
		return LECTOR_ENOMEM;
	s->options = json_incref((json_t *)options);
	rc = nats_link_open(&s->link, options, host, "source", err);
	if (rc != LECTOR_OK) {
		json_decref(s->options);
		free(s);
		return rc;
	}
	*state = s;
	return LECTOR_OK;
}

/* Connected, with the streams made; or why not. */
static int
ready(struct source *s, lector_error *err)
{
	const json_t *o = s->options;
	int rc = nats_link_up(&s->link, err);

	if (rc != LECTOR_OK || s->streams_ready)
		return rc;
	if ((rc = nats_ensure_stream(&s->link, o, nats_opt(o, "stream"),
	    nats_opt(o, "subject"), js_WorkQueuePolicy, err)) != LECTOR_OK ||
	    (rc = nats_ensure_stream(&s->link, o, nats_opt(o, "failed_stream"),
	    nats_opt(o, "failed_subject"), js_LimitsPolicy, err)) != LECTOR_OK)
		return rc;
	s->streams_ready = 1;
	return LECTOR_OK;
}

/* The durable consumer, made once by whichever worker comes first. */
static int
ensure_consumer(struct source *s, lector_error *err)
{
	const json_t *o = s->options;
	const char *stream = nats_opt(o, "stream"), *durable = nats_opt(o, "durable");
	jsConsumerInfo *ci = NULL;
	jsConsumerConfig cc;
	jsErrCode code = 0;
	natsStatus st;

	st = js_GetConsumerInfo(&ci, s->link.js, stream, durable, NULL, &code);
	if (st == NATS_OK) {
		jsConsumerInfo_Destroy(ci);
		return LECTOR_OK;
	}
	jsConsumerConfig_Init(&cc);
	cc.Durable = durable;
	cc.AckPolicy = js_AckExplicit;
	cc.AckWait = (int64_t)(nats_num(o, "ack_wait_seconds") * 1e9);
	cc.MaxAckPending = (int64_t)nats_num(o, "max_ack_pending");
	cc.MaxDeliver = -1;	/* counted here: see max_deliveries */
	cc.FilterSubject = nats_opt(o, "subject");
	st = js_AddConsumer(&ci, s->link.js, stream, &cc, NULL, &code);
	if (st == NATS_OK ||
	    js_GetConsumerInfo(&ci, s->link.js, stream, durable, NULL, NULL) ==
	    NATS_OK) {
		jsConsumerInfo_Destroy(ci);
		return LECTOR_OK;
	}
	return nats_fail(err, "creating the consumer", st, code);
}

static int
subscribe(struct source *s, lector_error *err)
{
	jsSubOptions so;
	jsErrCode code = 0;
	natsStatus st;
	int rc;

	if ((rc = ensure_consumer(s, err)) != LECTOR_OK)
		return rc;
	jsSubOptions_Init(&so);
	so.Stream = nats_opt(s->options, "stream");
	so.Consumer = nats_opt(s->options, "durable");	/* bound: never deleted */
	st = js_PullSubscribe(&s->sub, s->link.js, nats_opt(s->options,
	    "subject"), nats_opt(s->options, "durable"), NULL, &so, &code);
	if (st != NATS_OK)
		return nats_fail(err, "subscribing", st, code);
	return LECTOR_OK;
}

static int
hold(struct source *s, natsMsg *msg)
{
	struct held *h = malloc(sizeof(*h));

	if (h == NULL)
		return -1;
	h->msg = msg;
	h->next = s->held;
	s->held = h;
	return 0;
}

/* Takes the held message of that receipt out of the list; NULL if none. */
static natsMsg *
unhold(struct source *s, uint64_t receipt)
{
	for (struct held **p = &s->held; *p != NULL; p = &(*p)->next) {
		if ((uint64_t)(uintptr_t)(*p)->msg == receipt) {
			struct held *h = *p;
			natsMsg *msg = h->msg;
			*p = h->next;
			free(h);
			return msg;
		}
	}
	return NULL;
}

static const char *
header(natsMsg *msg, const char *key)
{
	const char *v = NULL;

	if (natsMsgHeader_Get(msg, key, &v) != NATS_OK)
		return NULL;
	return v;
}

/* Publishes the article and its report to failed_subject, once per delivery sequence. */
static int
publish_failed(struct source *s, natsMsg *msg, const json_t *report,
    lector_error *err)
{
	jsMsgMetaData *meta = NULL;
	jsPubOptions po;
	jsPubAck *ack = NULL;
	jsErrCode code = 0;
	natsMsg *out = NULL;
	char id[96], *text = json_dumps(report, JSON_COMPACT);
	const char *file = header(msg, "Lector-File");
	natsStatus st;

	if (text == NULL)
		return LECTOR_ENOMEM;
	if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
		snprintf(id, sizeof(id), "failed-%s-%" PRIu64, meta->Stream,
		    meta->Sequence.Stream);
		jsMsgMetaData_Destroy(meta);
	} else
		snprintf(id, sizeof(id), "failed-%p", (void *)msg);
	st = natsMsg_Create(&out, nats_opt(s->options, "failed_subject"), NULL,
	    natsMsg_GetData(msg), natsMsg_GetDataLength(msg));
	if (st == NATS_OK && file != NULL)
		st = natsMsgHeader_Set(out, "Lector-File", file);
	if (st == NATS_OK)
		st = natsMsgHeader_Set(out, "Lector-Report", text);
	free(text);
	jsPubOptions_Init(&po);
	po.MsgId = id;
	po.MaxWait = s->link.wait_ms;
	if (st == NATS_OK)
		st = js_PublishMsg(&ack, s->link.js, out, &po, &code);
	natsMsg_Destroy(out);
	jsPubAck_Destroy(ack);
	if (st != NATS_OK)
		return nats_fail(err, "publishing to the failed subject", st, code);
	return LECTOR_OK;
}

static int
fail_message(struct source *s, natsMsg *msg, const json_t *report,
    lector_error *err)
{
	int rc = publish_failed(s, msg, report, err);

	if (rc == LECTOR_OK && natsMsg_Term(msg, NULL) != NATS_OK)
		rc = nats_fail(err, "terminating the message", NATS_ERR, 0);
	return rc;
}

/*
 * A message delivered max_deliveries times already, each without an
 * outcome: whatever it does to a worker, it does every time.
 */
static int
too_often(struct source *s, natsMsg *msg)
{
	jsMsgMetaData *meta = NULL;
	uint64_t n;
	int max = (int)nats_num(s->options, "max_deliveries");
	char reason[200], stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	lector_error err = { "" };
	json_t *report;
	const char *file = header(msg, "Lector-File");

	if (natsMsg_GetMetaData(&meta, msg) != NATS_OK)
		return 0;
	n = meta->NumDelivered;
	jsMsgMetaData_Destroy(meta);
	if (n <= (uint64_t)max)
		return 0;
	snprintf(reason, sizeof(reason), "delivered %d times without an "
	    "outcome (its workers were lost: killed, crashed or timed out)", max);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	report = json_pack("{s:s, s:s, s:s, s:i, s:s}", "file", file ? file :
	    "article.txt", "reason", reason, "plugin", "lectord", "attempts", max,
	    "time", stamp);
	if (fail_message(s, msg, report, &err) != LECTOR_OK)
		fprintf(stderr, "nats: %s\n", err.message);
	json_decref(report);
	natsMsg_Destroy(msg);
	return 1;
}

static natsMsg *
take_fetched(struct source *s)
{
	natsMsg *msg;

	if (s->next_fetched >= s->fetched.Count) {
		natsMsgList_Destroy(&s->fetched);
		memset(&s->fetched, 0, sizeof(s->fetched));
		s->next_fetched = 0;
		return NULL;
	}
	msg = s->fetched.Msgs[s->next_fetched];
	s->fetched.Msgs[s->next_fetched++] = NULL;	/* ours now */
	return msg;
}

static int
fetch(struct source *s, int timeout_ms, lector_error *err)
{
	jsErrCode code = 0;
	natsStatus st;
	int rc;

	if ((rc = ready(s, err)) != LECTOR_OK)
		return rc == LECTOR_EAGAIN ? LECTOR_EFAIL : rc;	/* not "none came" */
	if (s->sub == NULL && (rc = subscribe(s, err)) != LECTOR_OK)
		return rc;
	st = natsSubscription_Fetch(&s->fetched, s->sub,
	    (int)nats_num(s->options, "batch"), timeout_ms, &code);
	if (st == NATS_TIMEOUT)
		return LECTOR_EAGAIN;
	if (st != NATS_OK)
		return nats_fail(err, "fetching", st, code);
	s->next_fetched = 0;
	return LECTOR_OK;
}

static void
fill(natsMsg *msg, lector_article *a)
{
	const char *meta = header(msg, "Lector-Meta");

	a->name = header(msg, "Lector-File");
	a->bytes = natsMsg_GetData(msg);
	a->len = (size_t)natsMsg_GetDataLength(msg);
	a->receipt = (uint64_t)(uintptr_t)msg;
	if (meta != NULL) {
		a->meta = json_loads(meta, 0, NULL);
		if (!json_is_object(a->meta)) {
			json_decref(a->meta);
			a->meta = NULL;
		}
	}
}

/*
 * A batch whose articles take long (a slow plugin, a large batch) tells the
 * server now and then that its messages are being worked on, so that
 * ack_wait bounds one article, not a batch, and can stay short: it is how
 * long the articles of a killed node wait before another node gets them.
 */
static void
keep_alive(struct source *s)
{
	time_t now = time(NULL);

	if ((double)(now - s->progress_at) < nats_num(s->options,
	    "ack_wait_seconds") / 3)
		return;
	s->progress_at = now;
	for (struct held *h = s->held; h != NULL; h = h->next)
		natsMsg_InProgress(h->msg, NULL);
	for (int i = s->next_fetched; i < s->fetched.Count; i++)
		if (s->fetched.Msgs[i] != NULL)
			natsMsg_InProgress(s->fetched.Msgs[i], NULL);
}

static int
source_next(void *state, lector_article *a, int timeout_ms, lector_error *err)
{
	struct source *s = state;
	natsMsg *msg;
	int rc;

	keep_alive(s);
	for (;;) {
		if ((msg = take_fetched(s)) == NULL) {
			if (timeout_ms <= 0)
				return LECTOR_EAGAIN;	/* a batch ends here */
			if ((rc = fetch(s, timeout_ms, err)) != LECTOR_OK)
				return rc;
			s->progress_at = time(NULL);
			continue;
		}
		if (too_often(s, msg))
			continue;
		if (hold(s, msg) < 0) {
			natsMsg_Nak(msg, NULL);
			natsMsg_Destroy(msg);
			return LECTOR_ENOMEM;
		}
		fill(msg, a);
		return LECTOR_OK;
	}
}

/*
 * Retry: a fresh copy goes to the end of the line and the delivery is
 * acknowledged, in that order (a crash between the two makes a duplicate,
 * which idempotent sinks absorb, never a loss). A nak would do the same,
 * but would count as a delivery: a long sink outage would then pass for
 * an article that kills its workers.
 */
static int
put_back(struct source *s, natsMsg *msg, lector_error *err)
{
	jsPubAck *ack = NULL;
	jsErrCode code = 0;
	natsMsg *copy = NULL;
	const char *file = header(msg, "Lector-File");
	const char *meta = header(msg, "Lector-Meta");
	natsStatus st;

	st = natsMsg_Create(&copy, nats_opt(s->options, "subject"), NULL,
	    natsMsg_GetData(msg), natsMsg_GetDataLength(msg));
	if (st == NATS_OK && file != NULL)
		st = natsMsgHeader_Set(copy, "Lector-File", file);
	if (st == NATS_OK && meta != NULL)
		st = natsMsgHeader_Set(copy, "Lector-Meta", meta);
	if (st == NATS_OK)
		st = js_PublishMsg(&ack, s->link.js, copy, NULL, &code);
	natsMsg_Destroy(copy);
	jsPubAck_Destroy(ack);
	if (st != NATS_OK)
		return nats_fail(err, "putting the article back in line", st, code);
	if ((st = natsMsg_Ack(msg, NULL)) != NATS_OK)
		return nats_fail(err, "acknowledging the retried delivery", st, 0);
	return LECTOR_OK;
}

static int
source_settle(void *state, uint64_t receipt, enum lector_outcome outcome,
    const json_t *report, lector_error *err)
{
	struct source *s = state;
	natsMsg *msg = unhold(s, receipt);
	natsStatus st = NATS_OK;
	int rc = LECTOR_OK;

	if (msg == NULL) {
		snprintf(err->message, sizeof(err->message), "no delivery with "
		    "receipt %" PRIu64, receipt);
		return LECTOR_EINVAL;
	}
	if (outcome == LECTOR_OUTCOME_DONE)
		st = natsMsg_Ack(msg, NULL);
	else if (outcome == LECTOR_OUTCOME_FAILED)
		rc = fail_message(s, msg, report, err);
	else
		rc = put_back(s, msg, err);
	natsMsg_Destroy(msg);
	if (st != NATS_OK)
		return nats_fail(err, "settling", st, 0);
	return rc;
}

static int
source_submit(void *state, const char *name, const void *bytes, size_t len,
    const json_t *meta, lector_error *err)
{
	struct source *s = state;
	jsPubOptions po;
	jsPubAck *ack = NULL;
	jsErrCode code = 0;
	natsMsg *msg = NULL;
	char id[65], *text = NULL;
	natsStatus st;
	int rc;

	if ((rc = ready(s, err)) != LECTOR_OK)
		return rc;
	nats_content_id(bytes, len, id);
	st = natsMsg_Create(&msg, nats_opt(s->options, "subject"), NULL, bytes,
	    (int)len);
	if (st == NATS_OK && name != NULL)
		st = natsMsgHeader_Set(msg, "Lector-File", name);
	if (st == NATS_OK && json_is_object(meta) &&
	    (text = json_dumps(meta, JSON_COMPACT)) != NULL)
		st = natsMsgHeader_Set(msg, "Lector-Meta", text);
	free(text);
	jsPubOptions_Init(&po);
	po.MsgId = id;
	po.MaxWait = s->link.wait_ms;
	if (st == NATS_OK)
		st = js_PublishMsg(&ack, s->link.js, msg, &po, &code);
	natsMsg_Destroy(msg);
	jsPubAck_Destroy(ack);
	if (st != NATS_OK)
		return nats_fail(err, "publishing", st, code);
	return LECTOR_OK;
}

/* What this worker holds goes back at once rather than after ack_wait. */
static void
source_fini(void *state)
{
	struct source *s = state;
	natsMsg *msg;

	while ((msg = take_fetched(s)) != NULL) {
		natsMsg_Nak(msg, NULL);
		natsMsg_Destroy(msg);
	}
	while (s->held != NULL) {
		struct held *h = s->held;
		s->held = h->next;
		natsMsg_Nak(h->msg, NULL);
		natsMsg_Destroy(h->msg);
		free(h);
	}
	if (s->sub != NULL)
		natsSubscription_Destroy(s->sub);
	nats_link_close(&s->link);
	json_decref(s->options);
	free(s);
	nats_Close();
}

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "nats",
	.version = "1.0.0",
	.summary = "articles from a NATS JetStream work queue shared by many nodes",
	.kind = LECTOR_SOURCE,
	.options = nats_options,
	.init = source_init,
	.fini = source_fini,
	.next = source_next,
	.settle = source_settle,
	.submit = source_submit,
};
