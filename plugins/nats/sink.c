/*
 * nats sink: each result document is published to results_subject, with
 * the article's id as the JetStream message id, so that a redelivered
 * article within the stream's duplicate window adds no second message.
 * Publishes are asynchronous; flush waits until the server has
 * acknowledged every one of them.
 *
 * Failures say what they are: a document larger than the server's
 * max_payload, or than the stream takes, is refused for good
 * (LECTOR_EINVAL: the host fails that article); no server, or no
 * acknowledgement in time, means not now (LECTOR_EAGAIN). The results
 * stream is made at the first write the server answers, so that a node
 * can start before its servers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natscommon.h"

struct sink {
	json_t *options;
	struct nats_link link;
	int stream_ready;	/* the results stream exists */
	int failures;		/* publishes refused since the last flush */
	int kind;		/* of the worst of them */
	char why[256];
};

/* Called from the library's thread, while flush waits for the acknowledgements. */
static void
on_pub_error(jsCtx *js, jsPubAckErr *pae, void *closure)
{
	struct sink *k = closure;
	int kind = pae->ErrCode == JSStreamMessageExceedsMaximumErr ?
	    LECTOR_EINVAL : pae->ErrCode != 0 ? LECTOR_EFAIL : LECTOR_EAGAIN;

	(void)js;
	if (k->failures++ == 0 || kind == LECTOR_EINVAL) {
		snprintf(k->why, sizeof(k->why), "%s",
		    pae->ErrText != NULL ? pae->ErrText : natsStatus_GetText(pae->Err));
		k->kind = kind;
	}
}

static int
sink_init(const lector_host *host, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	struct sink *k = calloc(1, sizeof(*k));
	jsOptions jo;
	int rc;

	(void)data_dir;
	if (k == NULL)
		return LECTOR_ENOMEM;
	k->options = json_incref((json_t *)options);
	rc = nats_link_open(&k->link, options, host, "sink", err);
	if (rc == LECTOR_OK) {
		/* A context of our own, with our error handler. */
		jsCtx_Destroy(k->link.js);
		jsOptions_Init(&jo);
		jo.Wait = k->link.wait_ms;
		jo.PublishAsync.ErrHandler = on_pub_error;
		jo.PublishAsync.ErrHandlerClosure = k;
		jo.PublishAsync.MaxPending = 1024;
		if (natsConnection_JetStream(&k->link.js, k->link.nc, &jo) != NATS_OK)
			rc = nats_fail(err, "JetStream", NATS_ERR, 0);
	}
	if (rc != LECTOR_OK) {
		nats_link_close(&k->link);
		json_decref(k->options);
		free(k);
		return rc;
	}
	*state = k;
	return LECTOR_OK;
}

/* Connected, with the results stream; or why not (LECTOR_EAGAIN: not now). */
static int
ready(struct sink *k, lector_error *err)
{
	int rc = nats_link_up(&k->link, err);

	if (rc != LECTOR_OK || k->stream_ready)
		return rc;
	if (nats_ensure_stream(&k->link, k->options, nats_opt(k->options,
	    "results_stream"), nats_opt(k->options, "results_subject"),
	    js_LimitsPolicy, err) != LECTOR_OK)
		return LECTOR_EAGAIN;	/* a cluster still electing its leader */
	k->stream_ready = 1;
	return LECTOR_OK;
}

static int
sink_write(void *state, const json_t *doc, lector_error *err)
{
	struct sink *k = state;
	const char *id = json_string_value(json_object_get(doc, "id"));
	char *text;
	jsPubOptions po;
	natsStatus st;
	int rc;

	if ((rc = ready(k, err)) != LECTOR_OK)
		return rc;
	if ((text = json_dumps(doc, JSON_COMPACT)) == NULL)
		return LECTOR_ENOMEM;
	/*
	 * Refuse what can never fit before the library sees it: its own
	 * refusal, deep in the asynchronous publish, leaves the message it
	 * made behind.
	 */
	if ((int64_t)strlen(text) > natsConnection_GetMaxPayload(k->link.nc)) {
		free(text);
		nats_fail(err, "publishing a result", NATS_MAX_PAYLOAD, 0);
		return LECTOR_EINVAL;	/* never fits this server */
	}
	jsPubOptions_Init(&po);
	po.MsgId = id;
	po.MaxWait = k->link.wait_ms;
	st = js_PublishAsync(k->link.js, nats_opt(k->options, "results_subject"),
	    text, (int)strlen(text), &po);
	free(text);
	if (st == NATS_MAX_PAYLOAD) {
		nats_fail(err, "publishing a result", st, 0);
		return LECTOR_EINVAL;	/* never fits this server */
	}
	if (st != NATS_OK) {
		nats_fail(err, "publishing a result", st, 0);
		return LECTOR_EAGAIN;
	}
	return LECTOR_OK;
}

static int
sink_flush(void *state, lector_error *err)
{
	struct sink *k = state;
	jsPubOptions po;
	natsStatus st;
	int kind;

	jsPubOptions_Init(&po);
	po.MaxWait = k->link.wait_ms;
	st = js_PublishAsyncComplete(k->link.js, &po);
	if (st != NATS_OK) {
		natsMsgList pending;
		/* Not acknowledged in time: give up on them; the batch goes again. */
		if (js_PublishAsyncGetPendingList(&pending, k->link.js) == NATS_OK)
			natsMsgList_Destroy(&pending);
		k->failures = 0;
		nats_fail(err, "waiting for result acknowledgements", st, 0);
		return LECTOR_EAGAIN;
	}
	if (k->failures > 0) {
		snprintf(err->message, sizeof(err->message), "%d results were "
		    "refused: %s", k->failures, k->why);
		kind = k->kind;
		k->failures = 0;
		return kind;
	}
	return LECTOR_OK;
}

static void
sink_fini(void *state)
{
	struct sink *k = state;
	jsPubOptions po;

	jsPubOptions_Init(&po);
	po.MaxWait = k->link.wait_ms;
	js_PublishAsyncComplete(k->link.js, &po);
	nats_link_close(&k->link);
	json_decref(k->options);
	free(k);
	nats_Close();
}

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "nats",
	.version = "1.0.0",
	.summary = "result documents published to a NATS JetStream subject",
	.kind = LECTOR_SINK,
	.options = nats_options,
	.init = sink_init,
	.fini = sink_fini,
	.write = sink_write,
	.flush = sink_flush,
};
