/*
 * What the NATS source and the NATS sink share: their options (one object,
 * "plugins.nats", configures both), the connection, and the streams they
 * create when missing. Built once as a static library linked into both.
 */
#ifndef LECTOR_NATS_COMMON_H
#define LECTOR_NATS_COMMON_H

#include <nats/nats.h>

#include <lector/plugin.h>

/* Every option of "plugins.nats": both plugins declare all of them. */
extern const lector_option nats_options[];

struct nats_link {
	natsConnection *nc;
	jsCtx *js;
	int64_t wait_ms;	/* for publish acknowledgements and API calls */
};

/* A string option; "" when unset. */
const char *nats_opt(const json_t *options, const char *name);
double nats_num(const json_t *options, const char *name);

/*
 * Connects (retrying in the background after a loss, forever) and opens
 * JetStream. 0, or -1 with err filled.
 */
int nats_link_open(struct nats_link *l, const json_t *options,
    lector_error *err);
void nats_link_close(struct nats_link *l);

/*
 * The stream `name` capturing `subject`, created when missing with the
 * given retention (work queue or limits) and the configured replicas and
 * duplicate window. 0, or -1 with err filled.
 */
int nats_ensure_stream(struct nats_link *l, const json_t *options,
    const char *name, const char *subject, jsRetentionPolicy retention,
    lector_error *err);

/* Fills err with what failed: the call, the status and the server's code. */
int nats_fail(lector_error *err, const char *what, natsStatus s,
    jsErrCode code);

/* The SHA-256 of bytes as 64 hex digits: a message id by content. */
void nats_content_id(const void *bytes, size_t len, char hex[65]);

#endif
