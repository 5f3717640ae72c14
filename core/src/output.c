#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output.h"

/* "2019-03-01T12:00:00Z" for a Unix time. */
static void
output_time(double t, char buf[32])
{
	time_t secs = (time_t)t;
	struct tm tm;

	gmtime_r(&secs, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *
source_object(const struct lector_doc *doc)
{
	char received[32];
	json_t *src;

	output_time(doc->received, received);
	src = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}",
	    "file", doc->file, "sha256", doc->sha256, "bytes", (json_int_t)doc->bytes,
	    "received", received, "format", doc->format, "encoding", doc->encoding);
	if (src != NULL && doc->source_meta != NULL)
		json_object_set(src, "meta", doc->source_meta);
	return src;
}

json_t *
output_document(const struct lector_doc *doc, json_t *pipeline)
{
	char id[17];
	const char *key;
	json_t *out, *value;

	if ((out = json_object()) == NULL) {
		json_decref(pipeline);
		return NULL;
	}
	/* Without an id from the article, its content names it. */
	snprintf(id, sizeof(id), "%.16s", doc->sha256);
	json_object_set_new(out, "schema", json_string("lector/1"));
	json_object_set_new(out, "id", json_string(doc->meta[DOC_ID] != NULL ?
	    doc->meta[DOC_ID] : id));
	json_object_set_new(out, "source", source_object(doc));
	for (int k = DOC_TITLE; k <= DOC_URL; k++)
		if (doc->meta[k] != NULL)
			json_object_set_new(out, document_meta_name(k),
			    json_string(doc->meta[k]));
	json_object_set_new(out, "text",
	    json_stringn_nocheck(doc->text, doc->text_bytes));	/* checked on entry */
	json_object_foreach(doc->results, key, value)
		json_object_set(out, key, value);
	json_object_set_new(out, "pipeline", pipeline);
	return out;
}

/*
 * The output is written as jansson makes it, through a buffer of a fixed
 * size: jansson's own fd writer makes a system call a token, and
 * json_dumps would hold a second copy of the article's text.
 */
struct fd_writer {
	int fd;
	int failed;		/* errno of the first failure, or 0 */
	size_t n;
	char buf[1 << 16];
};

static int
writer_flush(struct fd_writer *w)
{
	size_t done = 0;

	while (done < w->n && !w->failed) {
		ssize_t n = write(w->fd, w->buf + done, w->n - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			w->failed = errno;
		else
			done += (size_t)n;
	}
	w->n = 0;
	return w->failed ? -1 : 0;
}

static int
writer_put(const char *bytes, size_t len, void *arg)
{
	struct fd_writer *w = arg;

	while (len > 0) {
		size_t room = sizeof(w->buf) - w->n;
		size_t take = len < room ? len : room;
		memcpy(w->buf + w->n, bytes, take);
		w->n += take;
		bytes += take;
		len -= take;
		if (w->n == sizeof(w->buf) && writer_flush(w) < 0)
			return -1;
	}
	return 0;
}

int
output_write_fd(int fd, const json_t *doc, size_t flags)
{
	struct fd_writer *w = malloc(sizeof(*w));
	int rc, failed;

	if (w == NULL) {
		errno = ENOMEM;
		return -1;
	}
	w->fd = fd;
	w->failed = 0;
	w->n = 0;
	rc = json_dump_callback(doc, writer_put, w, flags);
	if (rc == 0)
		rc = writer_put("\n", 1, w);
	if (rc == 0)
		rc = writer_flush(w);
	/* jansson fails without errno when the tree cannot be written. */
	failed = w->failed ? w->failed : EINVAL;
	free(w);
	if (rc < 0) {
		errno = failed;
		return -1;
	}
	return 0;
}
