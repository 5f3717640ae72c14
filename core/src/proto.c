/* Framing of protocol messages: JSON objects, one a line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto.h"

void
proto_reader_free(struct proto_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->len = r->cap = 0;
}

static int
append(struct proto_reader *r, const char *data, size_t n)
{
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap : 1024;
		while (cap < r->len + n)
			cap *= 2;
		char *b = realloc(r->buf, cap);
		if (b == NULL)
			return -1;
		r->buf = b;
		r->cap = cap;
	}
	memcpy(r->buf + r->len, data, n);
	r->len += n;
	return 0;
}

static json_t *
parse(const char *line, size_t len, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *msg = json_loadb(line, len, 0, &jerr);

	if (msg == NULL) {
		snprintf(err, errlen, "protocol: not JSON: %s", jerr.text);
		return NULL;
	}
	json_t *v = json_object_get(msg, "v");
	if (!json_is_object(msg) || !json_is_integer(v) ||
	    json_integer_value(v) != PROTO_VERSION ||
	    !json_is_string(json_object_get(msg, "op"))) {
		snprintf(err, errlen, "protocol: expected a version %d message",
		    PROTO_VERSION);
		json_decref(msg);
		return NULL;
	}
	return msg;
}

int
proto_feed(struct proto_reader *r, const char *data, size_t n,
    int (*on_msg)(json_t *msg, void *arg), void *arg, char *err,
    size_t errlen)
{
	size_t start = 0;
	int rc = 0;

	if (append(r, data, n) < 0) {
		snprintf(err, errlen, "protocol: out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->len && rc == 0; i++) {
		if (r->buf[i] != '\n')
			continue;
		json_t *msg = parse(r->buf + start, i - start, err, errlen);
		start = i + 1;
		if (msg == NULL)
			rc = -1;
		else
			rc = on_msg(msg, arg);
	}
	memmove(r->buf, r->buf + start, r->len - start);
	r->len -= start;
	if (rc == 0 && r->len > PROTO_LINE_MAX) {
		snprintf(err, errlen, "protocol: line longer than %d bytes",
		    PROTO_LINE_MAX);
		rc = -1;
	}
	return rc;
}

char *
proto_encode(const json_t *msg, size_t *len)
{
	char *s = json_dumps(msg, JSON_COMPACT);

	if (s == NULL)
		return NULL;
	size_t n = strlen(s);
	char *line = realloc(s, n + 2);
	if (line == NULL) {
		free(s);
		return NULL;
	}
	line[n] = '\n';
	line[n + 1] = '\0';
	*len = n + 1;
	return line;
}

int
proto_send(int fd, const json_t *msg)
{
	size_t len, off = 0;
	char *line = proto_encode(msg, &len);
	int rc = 0;

	if (line == NULL)
		return -ENOMEM;
	while (off < len) {
		ssize_t w = write(fd, line + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			rc = -errno;
			break;
		}
		off += (size_t)w;
	}
	free(line);
	return rc;
}
