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

int
output_write_fd(int fd, const json_t *doc, size_t flags)
{
	char *text = json_dumps(doc, flags), *grown;
	size_t len, done = 0;

	if (text == NULL || (grown = realloc(text, strlen(text) + 2)) == NULL) {
		free(text);
		errno = ENOMEM;
		return -1;
	}
	text = grown;
	len = strlen(text);
	text[len++] = '\n';
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(text);
			return -1;
		}
		done += (size_t)n;
	}
	free(text);
	return 0;
}
