/*
 * Metrics for Prometheus. The counters live here, behind one mutex; the
 * HTTP side is GNU libmicrohttpd with its own polling thread, on a listen
 * socket made here (TCP, or a unix socket, which libmicrohttpd takes as
 * readily as any). A scrape copies the counters under the mutex and
 * prints the copy outside it, so the loop never waits for more than that
 * copy, and never for a client.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <microhttpd.h>

#include <lector/plugin.h>

#include "log.h"
#include "metrics.h"

#ifndef LECTOR_VERSION
#define LECTOR_VERSION "unknown"
#endif

#define NBUCKETS 16
#define PLUGINS_MAX 64
#define PLUGIN_NAME_MAX 64

/* Upper bounds in seconds: from a tenth of a millisecond to ten seconds. */
static const double bucket_le[NBUCKETS] = {
	0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
	0.1, 0.25, 0.5, 1, 2.5, 5, 10
};

static const char *const failure_names[METRICS_NFAIL] = {
	[METRICS_FAIL_REFUSED] = "refused", [METRICS_FAIL_PLUGIN] = "plugin",
	[METRICS_FAIL_CRASH] = "crash", [METRICS_FAIL_TIMEOUT] = "timeout",
	[METRICS_FAIL_PUBLISH] = "publish", [METRICS_FAIL_SINK] = "sink",
};

static const char *const cause_names[METRICS_NCAUSE] = {
	[METRICS_CAUSE_CRASH] = "crash", [METRICS_CAUSE_TIMEOUT] = "timeout",
	[METRICS_CAUSE_REFUSED] = "refused", [METRICS_CAUSE_MAX_JOBS] = "max_jobs",
	[METRICS_CAUSE_MEMORY] = "memory",
};

struct histogram {
	uint64_t counts[NBUCKETS + 1];	/* the last: above every bound */
	uint64_t count;
	double sum;
};

struct plugin_histogram {
	char name[PLUGIN_NAME_MAX];
	struct histogram h;
};

#define ENDS_MAX 16

struct end_up {
	char name[PLUGIN_NAME_MAX];
	int up;
};

struct counters {
	uint64_t done;
	uint64_t failed[METRICS_NFAIL];
	uint64_t retried[METRICS_NCAUSE];
	uint64_t restarts[METRICS_NCAUSE];
	uint64_t bytes_in, bytes_out;
	uint64_t waiting;
	int64_t in_flight;
	struct histogram fsync;
	struct plugin_histogram plugins[PLUGINS_MAX];
	size_t n_plugins;
	struct end_up ends[ENDS_MAX];
	size_t n_ends;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct counters now;	/* under lock */
static struct MHD_Daemon *httpd;
static char unix_path[sizeof(((struct sockaddr_un *)0)->sun_path)];

/* ---- counting ---- */

static void
observe(struct histogram *h, double seconds)
{
	size_t i = 0;

	while (i < NBUCKETS && seconds > bucket_le[i])
		i++;
	h->counts[i]++;
	h->count++;
	h->sum += seconds;
}

/* The histogram of a plugin, made at its first timing; NULL past the cap. */
static struct histogram *
plugin_histogram(const char *name)
{
	struct plugin_histogram *p;

	for (size_t i = 0; i < now.n_plugins; i++)
		if (strcmp(now.plugins[i].name, name) == 0)
			return &now.plugins[i].h;
	if (now.n_plugins == PLUGINS_MAX || strlen(name) >= PLUGIN_NAME_MAX)
		return NULL;
	p = &now.plugins[now.n_plugins++];
	memcpy(p->name, name, strlen(name) + 1);
	return &p->h;
}

void
metrics_done(void)
{
	pthread_mutex_lock(&lock);
	now.done++;
	pthread_mutex_unlock(&lock);
}

void
metrics_failed(enum metrics_failure why)
{
	pthread_mutex_lock(&lock);
	now.failed[why]++;
	pthread_mutex_unlock(&lock);
}

void
metrics_retried(enum metrics_cause why)
{
	pthread_mutex_lock(&lock);
	now.retried[why]++;
	pthread_mutex_unlock(&lock);
}

void
metrics_restarted(enum metrics_cause why)
{
	pthread_mutex_lock(&lock);
	now.restarts[why]++;
	pthread_mutex_unlock(&lock);
}

void
metrics_depth(size_t waiting, int in_flight)
{
	pthread_mutex_lock(&lock);
	now.waiting = waiting;
	now.in_flight = in_flight;
	pthread_mutex_unlock(&lock);
}

void
metrics_fsync(double seconds)
{
	pthread_mutex_lock(&lock);
	observe(&now.fsync, seconds);
	pthread_mutex_unlock(&lock);
}

const char *
metrics_failure_name(enum metrics_failure why)
{
	return failure_names[why];
}

int
metrics_failure_parse(const char *name)
{
	for (int i = 0; i < METRICS_NFAIL; i++)
		if (name != NULL && strcmp(failure_names[i], name) == 0)
			return i;
	return -1;
}

void
metrics_end_up(const char *name, int up)
{
	size_t i;

	if (strlen(name) >= PLUGIN_NAME_MAX)
		return;
	pthread_mutex_lock(&lock);
	for (i = 0; i < now.n_ends; i++)
		if (strcmp(now.ends[i].name, name) == 0)
			break;
	if (i == now.n_ends && now.n_ends < ENDS_MAX)
		memcpy(now.ends[now.n_ends++].name, name, strlen(name) + 1);
	if (i < now.n_ends)
		now.ends[i].up = up != 0;
	pthread_mutex_unlock(&lock);
}

void
metrics_reply(const json_t *reply)
{
	json_t *steps = json_object_get(reply, "pipeline"), *step;
	json_int_t in = json_integer_value(json_object_get(reply, "bytes_in"));
	json_int_t out = json_integer_value(json_object_get(reply, "bytes_out"));
	size_t i;

	pthread_mutex_lock(&lock);
	json_array_foreach(steps, i, step) {
		const char *name = json_string_value(json_object_get(step, "plugin"));
		json_t *ms = json_object_get(step, "ms");
		struct histogram *h;
		if (name == NULL || !json_is_number(ms) ||
		    (h = plugin_histogram(name)) == NULL)
			continue;
		observe(h, json_number_value(ms) / 1000);
	}
	if (in > 0)
		now.bytes_in += (uint64_t)in;
	if (out > 0)
		now.bytes_out += (uint64_t)out;
	pthread_mutex_unlock(&lock);
}

/* ---- the text format ---- */

static void
header(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value: backslash, double quote and newline escaped. */
static void
print_value(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

/* One histogram's lines; label is "" or a label pair with a comma after. */
static void
print_histogram(FILE *f, const char *name, const char *label_name,
    const char *label_value, const struct histogram *h)
{
	uint64_t below = 0;

	for (size_t i = 0; i <= NBUCKETS; i++) {
		below += h->counts[i];
		fprintf(f, "%s_bucket{", name);
		if (label_name != NULL) {
			fprintf(f, "%s=\"", label_name);
			print_value(f, label_value);
			fputs("\",", f);
		}
		if (i < NBUCKETS)
			fprintf(f, "le=\"%g\"} %llu\n", bucket_le[i],
			    (unsigned long long)below);
		else
			fprintf(f, "le=\"+Inf\"} %llu\n", (unsigned long long)below);
	}
	for (int sum = 1; sum >= 0; sum--) {
		fprintf(f, "%s_%s", name, sum ? "sum" : "count");
		if (label_name != NULL) {
			fprintf(f, "{%s=\"", label_name);
			print_value(f, label_value);
			fputs("\"}", f);
		}
		if (sum)
			fprintf(f, " %.9g\n", h->sum);
		else
			fprintf(f, " %llu\n", (unsigned long long)h->count);
	}
}

static void
print_labelled(FILE *f, const char *name, const char *label,
    const char *const *values, const uint64_t *counts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s{%s=\"%s\"} %llu\n", name, label, values[i],
		    (unsigned long long)counts[i]);
}

static void
print_all(FILE *f, const struct counters *c)
{
	header(f, "lector_build_info", "gauge", "The running lectord: its "
	    "version and plugin ABI.");
	fprintf(f, "lector_build_info{version=\"%s\",abi=\"%d.%d\"} 1\n",
	    LECTOR_VERSION, LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR);
	header(f, "lector_articles_done_total", "counter",
	    "Articles whose output was published in outbox/.");
	fprintf(f, "lector_articles_done_total %llu\n",
	    (unsigned long long)c->done);
	header(f, "lector_articles_failed_total", "counter",
	    "Articles moved to failed/, by reason.");
	print_labelled(f, "lector_articles_failed_total", "reason",
	    failure_names, c->failed, METRICS_NFAIL);
	/* An article is tried again only after a crash or a timeout. */
	header(f, "lector_articles_retried_total", "counter",
	    "Articles tried again after their worker was lost, by cause.");
	print_labelled(f, "lector_articles_retried_total", "reason",
	    cause_names, c->retried, METRICS_CAUSE_TIMEOUT + 1);
	header(f, "lector_worker_restarts_total", "counter",
	    "Workers replaced, by cause.");
	print_labelled(f, "lector_worker_restarts_total", "cause", cause_names,
	    c->restarts, METRICS_NCAUSE);
	header(f, "lector_inbox_depth", "gauge",
	    "Articles noticed in inbox/ and waiting to be claimed.");
	fprintf(f, "lector_inbox_depth %llu\n", (unsigned long long)c->waiting);
	header(f, "lector_in_flight", "gauge",
	    "Articles claimed into work/ and not yet published.");
	fprintf(f, "lector_in_flight %lld\n", (long long)c->in_flight);
	header(f, "lector_input_bytes_total", "counter",
	    "Bytes of the articles processed.");
	fprintf(f, "lector_input_bytes_total %llu\n",
	    (unsigned long long)c->bytes_in);
	header(f, "lector_output_bytes_total", "counter",
	    "Bytes of the outputs written.");
	fprintf(f, "lector_output_bytes_total %llu\n",
	    (unsigned long long)c->bytes_out);
	header(f, "lector_plugin_duration_seconds", "histogram",
	    "Time each plugin took on one article.");
	for (size_t i = 0; i < c->n_plugins; i++)
		print_histogram(f, "lector_plugin_duration_seconds", "plugin",
		    c->plugins[i].name, &c->plugins[i].h);
	header(f, "lector_end_up", "gauge", "Whether each sink answered the "
	    "last time an article was written to it (1) or not (0).");
	for (size_t i = 0; i < c->n_ends; i++) {
		fputs("lector_end_up{end=\"", f);
		print_value(f, c->ends[i].name);
		fprintf(f, "\"} %d\n", c->ends[i].up);
	}
	header(f, "lector_fsync_duration_seconds", "histogram",
	    "Time of each fsync that makes an output durable.");
	print_histogram(f, "lector_fsync_duration_seconds", NULL, NULL,
	    &c->fsync);
}

char *
metrics_render(size_t *len)
{
	struct counters *copy = malloc(sizeof(*copy));
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	if (copy == NULL)
		return NULL;
	pthread_mutex_lock(&lock);
	memcpy(copy, &now, sizeof(*copy));
	pthread_mutex_unlock(&lock);
	f = open_memstream(&buf, &size);
	if (f != NULL) {
		print_all(f, copy);
		if (fclose(f) != 0) {
			free(buf);
			buf = NULL;
		}
	}
	free(copy);
	if (buf != NULL)
		*len = size;
	return buf;
}

/* ---- the server ---- */

static enum MHD_Result
reply_text(struct MHD_Connection *c, unsigned int status, char *text,
    size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, text, mode);
	enum MHD_Result rc;

	if (r == NULL) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/plain; version=0.0.4; charset=utf-8");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **req_cls)
{
	static char not_found[] = "not found: the metrics are at /metrics\n";
	static char not_allowed[] = "only GET and HEAD\n";
	char *body;
	size_t len;

	(void)cls;
	(void)version;
	(void)upload_data;
	(void)upload_size;
	(void)req_cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, not_allowed,
		    strlen(not_allowed), MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/metrics") != 0)
		return reply_text(c, MHD_HTTP_NOT_FOUND, not_found,
		    strlen(not_found), MHD_RESPMEM_PERSISTENT);
	if ((body = metrics_render(&len)) == NULL)
		return MHD_NO;	/* out of memory: the client sees the close */
	return reply_text(c, MHD_HTTP_OK, body, len, MHD_RESPMEM_MUST_FREE);
}

/* What a listen string names, split. */
struct listen_addr {
	int is_unix;
	char path[sizeof(unix_path)];
	char host[256];
	char port[6];
};

static int
parse_listen(const char *s, struct listen_addr *a, char *err, size_t errlen)
{
	const char *colon, *host;
	size_t hostlen, portlen;

	memset(a, 0, sizeof(*a));
	if (strncmp(s, "unix:", 5) == 0) {
		if (s[5] != '/' || strlen(s + 5) >= sizeof(a->path)) {
			snprintf(err, errlen, "expected unix: and an absolute path "
			    "of at most %zu bytes", sizeof(a->path) - 1);
			return -1;
		}
		a->is_unix = 1;
		memcpy(a->path, s + 5, strlen(s + 5) + 1);
		return 0;
	}
	colon = strrchr(s, ':');
	host = s;
	hostlen = colon != NULL ? (size_t)(colon - s) : 0;
	if (hostlen >= 2 && s[0] == '[' && colon[-1] == ']') {
		host++;
		hostlen -= 2;
	}
	portlen = colon != NULL ? strlen(colon + 1) : 0;
	if (hostlen == 0 || hostlen >= sizeof(a->host) || portlen == 0 ||
	    portlen > 5 || strspn(colon + 1, "0123456789") != portlen ||
	    atoi(colon + 1) > 65535) {
		snprintf(err, errlen, "expected HOST:PORT (e.g. 127.0.0.1:9464, "
		    "[::1]:9464) or unix:/path");
		return -1;
	}
	memcpy(a->host, host, hostlen);
	memcpy(a->port, colon + 1, portlen);
	return 0;
}

int
metrics_check_listen(const char *listen, char *err, size_t errlen)
{
	struct listen_addr a;

	return parse_listen(listen, &a, err, errlen);
}

/* Binds a unix socket, replacing a socket a previous run left. */
static int
listen_unix(const struct listen_addr *a, char *err, size_t errlen)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	memcpy(sun.sun_path, a->path, strlen(a->path) + 1);
	if (lstat(a->path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(a->path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    listen(fd, 16) < 0) {
		snprintf(err, errlen, "metrics: unix:%s: %s", a->path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	memcpy(unix_path, a->path, strlen(a->path) + 1);
	log_notice("metrics: http on unix:%s, path /metrics", a->path);
	return fd;
}

static int
listen_tcp(const struct listen_addr *a, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
	    .ai_flags = AI_PASSIVE | AI_NUMERICSERV }, *res, *ai;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char host[NI_MAXHOST], port[NI_MAXSERV];
	int fd = -1, one = 1, rc, saved = 0;

	rc = getaddrinfo(a->host, a->port, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "metrics: %s: %s", a->host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
		    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0) {
			saved = errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 ||
		    listen(fd, 16) < 0) {
			saved = errno;
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0) {
		snprintf(err, errlen, "metrics: %s:%s: %s", a->host, a->port,
		    strerror(saved));
		return -1;
	}
	/* Port 0 takes a free one: the log says which. */
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0 &&
	    getnameinfo((struct sockaddr *)&ss, sslen, host, sizeof(host), port,
	    sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV) == 0)
		log_notice("metrics: http on %s%s%s:%s, path /metrics",
		    ss.ss_family == AF_INET6 ? "[" : "", host,
		    ss.ss_family == AF_INET6 ? "]" : "", port);
	return fd;
}

int
metrics_start(const char *listen, char *err, size_t errlen)
{
	struct listen_addr a;
	char why[256];
	int fd;

	if (parse_listen(listen, &a, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "metrics.listen: %s", why);
		return -1;
	}
	fd = a.is_unix ? listen_unix(&a, err, errlen) :
	    listen_tcp(&a, err, errlen);
	if (fd < 0)
		return -1;
	/* Its own thread: a slow or stuck client never reaches the loop. */
	httpd = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL,
	    answer, NULL, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)32,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10, MHD_OPTION_END);
	if (httpd == NULL) {
		snprintf(err, errlen, "metrics: %s: the HTTP server does not "
		    "start", listen);
		close(fd);
		if (unix_path[0] != '\0')
			unlink(unix_path);
		unix_path[0] = '\0';
		return -1;
	}
	return 0;
}

void
metrics_stop(void)
{
	if (httpd != NULL)
		MHD_stop_daemon(httpd);	/* closes the listen socket too */
	httpd = NULL;
	if (unix_path[0] != '\0')
		unlink(unix_path);
	unix_path[0] = '\0';
}
