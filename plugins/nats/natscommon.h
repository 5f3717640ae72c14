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
	const lector_host *host;	/* for the log; may be NULL */
	const char *who;		/* "nats source" or "nats sink" */
	char url[256];
	int down;		/* the log was told; tell it when it is back */
};

/* A string option; "" when unset. */
const char *nats_opt(const json_t *options, const char *name);
double nats_num(const json_t *options, const char *name);

/*
 * Connects and opens JetStream. No server reachable is no error: the
 * connection is retried in the background, at the start as after a loss,
 * forever. host (for the log) may be NULL. LECTOR_OK, or an error with
 * err filled (options that cannot work).
 */
int nats_link_open(struct nats_link *l, const json_t *options,
    const lector_host *host, const char *who, lector_error *err);

/*
 * LECTOR_OK when connected now; otherwise LECTOR_EAGAIN with err saying
 * no server answers. The log hears when the link goes and comes back.
 */
int nats_link_up(struct nats_link *l, lector_error *err);
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
