/*
 * The connection retries for ever, from the start and after a loss (a
 * cluster member restarts, the node's link flaps, the servers come up
 * after the node): calls made meanwhile fail as "not now", the article is
 * retried or redelivered, and work resumes when the link is back.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "natscommon.h"

const lector_option nats_options[] = {
	{ "url", LECTOR_OPT_STRING, "\"nats://127.0.0.1:4222\"",
	  "server URL, or several separated by commas (a cluster)", 0, 0 },
	{ "stream", LECTOR_OPT_STRING, "\"LECTOR\"",
	  "the work-queue stream of articles, created when missing", 0, 0 },
	{ "subject", LECTOR_OPT_STRING, "\"lector.articles\"",
	  "the subject articles are published to", 0, 0 },
	{ "durable", LECTOR_OPT_STRING, "\"lectord\"",
	  "the pull consumer every node shares, created when missing", 0, 0 },
	{ "results_stream", LECTOR_OPT_STRING, "\"LECTOR_RESULTS\"",
	  "the stream of result documents (sink), created when missing", 0, 0 },
	{ "results_subject", LECTOR_OPT_STRING, "\"lector.results\"",
	  "where the sink publishes result documents", 0, 0 },
	{ "failed_stream", LECTOR_OPT_STRING, "\"LECTOR_FAILED\"",
	  "the stream of failed articles, created when missing", 0, 0 },
	{ "failed_subject", LECTOR_OPT_STRING, "\"lector.failed\"",
	  "where failed articles go, with their report in a header", 0, 0 },
	{ "replicas", LECTOR_OPT_INT, "1",
	  "replicas of the streams created (3 in a three-server cluster)", 1, 5 },
	{ "duplicate_window_seconds", LECTOR_OPT_NUMBER, "120",
	  "how long the streams remember message ids, to drop resubmissions",
	  1, 604800 },
	{ "ack_wait_seconds", LECTOR_OPT_NUMBER, "30",
	  "an article unsettled this long (its node died) is delivered again; "
	  "keep it above timeout_seconds", 1, 86400 },
	{ "max_ack_pending", LECTOR_OPT_INT, "1000",
	  "articles delivered and not yet settled, over all nodes", 1, 1000000 },
	{ "max_deliveries", LECTOR_OPT_INT, "10",
	  "deliveries without an outcome, over all nodes, before the article "
	  "is failed (each node also fails it after max_attempts lost "
	  "workers)", 1, 1000 },
	{ "batch", LECTOR_OPT_INT, "16",
	  "articles a worker fetches at once; flushed to the sinks together", 1,
	  1024 },
	{ "wait_seconds", LECTOR_OPT_NUMBER, "5",
	  "how long to wait for the server's acknowledgement of a publish", 0.1,
	  600 },
	{ "credentials", LECTOR_OPT_STRING, "\"\"",
	  "a .creds file (user JWT and seed), or \"\"", 0, 0 },
	{ "tls", LECTOR_OPT_BOOL, "false", "require TLS", 0, 0 },
	{ "tls_ca", LECTOR_OPT_STRING, "\"\"",
	  "CA certificates file to verify the server, or \"\"", 0, 0 },
	{ "tls_cert", LECTOR_OPT_STRING, "\"\"",
	  "client certificate file, or \"\"", 0, 0 },
	{ "tls_key", LECTOR_OPT_STRING, "\"\"",
	  "client key file, or \"\"", 0, 0 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

const char *
nats_opt(const json_t *options, const char *name)
{
	const char *s = json_string_value(json_object_get(options, name));

	return s != NULL ? s : "";
}

double
nats_num(const json_t *options, const char *name)
{
	return json_number_value(json_object_get(options, name));
}

int
nats_fail(lector_error *err, const char *what, natsStatus s, jsErrCode code)
{
	const char *last = nats_GetLastError(NULL);

	if (code != 0)
		snprintf(err->message, sizeof(err->message), "%s: %s (JetStream "
		    "error %d)", what, last != NULL && *last ? last :
		    natsStatus_GetText(s), (int)code);
	else
		snprintf(err->message, sizeof(err->message), "%s: %s", what,
		    last != NULL && *last ? last : natsStatus_GetText(s));
	return LECTOR_EFAIL;
}

static natsStatus
set_security(natsOptions *o, const json_t *options)
{
	natsStatus s = NATS_OK;

	if (*nats_opt(options, "credentials"))
		s = natsOptions_SetUserCredentialsFromFiles(o,
		    nats_opt(options, "credentials"), NULL);
	if (s == NATS_OK && json_is_true(json_object_get(options, "tls")))
		s = natsOptions_SetSecure(o, true);
	if (s == NATS_OK && *nats_opt(options, "tls_ca"))
		s = natsOptions_LoadCATrustedCertificates(o,
		    nats_opt(options, "tls_ca"));
	if (s == NATS_OK && *nats_opt(options, "tls_cert"))
		s = natsOptions_LoadCertificatesChain(o,
		    nats_opt(options, "tls_cert"), nats_opt(options, "tls_key"));
	return s;
}

/* "nats://a:4222,nats://b:4222": the servers of a cluster, any of which will do. */
static natsStatus
set_servers(natsOptions *o, const char *urls)
{
	char copy[2048], *save = NULL;
	const char *v[32];
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", urls);
	for (char *u = strtok_r(copy, ", ", &save); u != NULL && n < 32;
	    u = strtok_r(NULL, ", ", &save))
		v[n++] = u;
	if (n == 0)
		return NATS_INVALID_ARG;
	return natsOptions_SetServers(o, v, n);
}

/*
 * Without a callback, a connect that fails is retried within the call, for
 * ever; with one, in the background. What it would say, nats_link_up
 * says from our own thread.
 */
static void
on_connected(natsConnection *nc, void *closure)
{
	(void)nc;
	(void)closure;
}

int
nats_link_open(struct nats_link *l, const json_t *options,
    const lector_host *host, const char *who, lector_error *err)
{
	natsOptions *o = NULL;
	jsOptions jo;
	natsStatus s;

	memset(l, 0, sizeof(*l));
	l->host = host;
	l->who = who;
	snprintf(l->url, sizeof(l->url), "%s", nats_opt(options, "url"));
	l->wait_ms = (int64_t)(nats_num(options, "wait_seconds") * 1000);
	s = natsOptions_Create(&o);
	if (s == NATS_OK)
		s = set_servers(o, nats_opt(options, "url"));
	if (s == NATS_OK)
		s = natsOptions_SetMaxReconnect(o, -1);	/* for ever */
	if (s == NATS_OK)
		s = natsOptions_SetReconnectWait(o, 250);
	if (s == NATS_OK)
		s = natsOptions_SetRetryOnFailedConnect(o, true,
		    on_connected, NULL);
	if (s == NATS_OK)
		s = natsOptions_SetTimeout(o, l->wait_ms);
	if (s == NATS_OK)
		s = set_security(o, options);
	if (s != NATS_OK) {
		natsOptions_Destroy(o);
		return nats_fail(err, "nats options", s, 0);
	}
	s = natsConnection_Connect(&l->nc, o);
	natsOptions_Destroy(o);
	if (s != NATS_OK && s != NATS_NOT_YET_CONNECTED) {
		snprintf(err->message, sizeof(err->message), "cannot connect to "
		    "%s: %s", l->url, natsStatus_GetText(s));
		return LECTOR_EFAIL;
	}
	jsOptions_Init(&jo);
	jo.Wait = l->wait_ms;
	if ((s = natsConnection_JetStream(&l->js, l->nc, &jo)) != NATS_OK) {
		nats_link_close(l);
		return nats_fail(err, "JetStream", s, 0);
	}
	if (nats_link_up(l, err) != LECTOR_OK)
		err->message[0] = '\0';	/* said in the log; not an error */
	return LECTOR_OK;
}

static void
say(const struct nats_link *l, enum lector_log_level level, const char *msg)
{
	char line[512];

	if (l->host == NULL)
		return;
	snprintf(line, sizeof(line), "%s: %s (%s)", l->who, msg, l->url);
	l->host->log(level, "nats", line);
}

int
nats_link_up(struct nats_link *l, lector_error *err)
{
	if (natsConnection_Status(l->nc) == NATS_CONN_STATUS_CONNECTED) {
		if (l->down)
			say(l, LECTOR_LOG_NOTICE, "connected again");
		l->down = 0;
		return LECTOR_OK;
	}
	snprintf(err->message, sizeof(err->message), "no NATS server answers "
	    "at %s", l->url);
	if (!l->down)
		say(l, LECTOR_LOG_WARNING, "no server answers; trying again in "
		    "the background");
	l->down = 1;
	return LECTOR_EAGAIN;
}

void
nats_link_close(struct nats_link *l)
{
	if (l->js != NULL)
		jsCtx_Destroy(l->js);
	if (l->nc != NULL) {
		/* Not connected, nothing could be flushed: no wait for it. */
		if (natsConnection_Status(l->nc) == NATS_CONN_STATUS_CONNECTED)
			natsConnection_FlushTimeout(l->nc, l->wait_ms);
		natsConnection_Close(l->nc);
		natsConnection_Destroy(l->nc);
	}
	memset(l, 0, sizeof(*l));
}

int
nats_ensure_stream(struct nats_link *l, const json_t *options,
    const char *name, const char *subject, jsRetentionPolicy retention,
    lector_error *err)
{
	jsStreamConfig cfg;
	jsStreamInfo *si = NULL;
	jsErrCode code = 0;
	const char *subjects[1] = { subject };
	natsStatus s;
	char what[160];

	s = js_GetStreamInfo(&si, l->js, name, NULL, &code);
	if (s == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return LECTOR_OK;
	}
	if (s != NATS_NOT_FOUND) {
		snprintf(what, sizeof(what), "stream %s", name);
		return nats_fail(err, what, s, code);
	}
	jsStreamConfig_Init(&cfg);
	cfg.Name = name;
	cfg.Subjects = subjects;
	cfg.SubjectsLen = 1;
	cfg.Retention = retention;
	cfg.Storage = js_FileStorage;
	cfg.Replicas = (int64_t)nats_num(options, "replicas");
	cfg.Duplicates = (int64_t)(nats_num(options,
	    "duplicate_window_seconds") * 1e9);
	s = js_AddStream(&si, l->js, &cfg, NULL, &code);
	if (s == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return LECTOR_OK;
	}
	/* Another node made it meanwhile: fine, if it is there now. */
	if (js_GetStreamInfo(&si, l->js, name, NULL, NULL) == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return LECTOR_OK;
	}
	snprintf(what, sizeof(what), "creating stream %s", name);
	return nats_fail(err, what, s, code);
}

void
nats_content_id(const void *bytes, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(bytes, len, md, &n, EVP_sha256(), NULL) != 1)
		n = 0;
	for (unsigned int i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[2 * (n < 32 ? n : 32)] = '\0';
}
