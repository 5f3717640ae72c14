#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "log.h"
#include "sha256.h"
#include "utf8.h"

static const char *const meta_names[DOC_META_COUNT] = {
	[DOC_TITLE] = "title", [DOC_BYLINE] = "byline",
	[DOC_PUBLISHED] = "published", [DOC_URL] = "url", [DOC_ID] = "id"
};

static void
set_error(lector_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

const char *
document_meta_name(enum doc_meta_key key)
{
	return meta_names[key];
}

int
document_meta_key(const char *name)
{
	for (int i = 0; i < DOC_META_COUNT; i++)
		if (strcmp(meta_names[i], name) == 0)
			return i;
	return -1;
}

struct lector_doc *
document_new(const char *file, const char *format, const void *bytes,
    size_t len, double received)
{
	struct lector_doc *doc = calloc(1, sizeof(*doc));

	if (doc == NULL)
		return NULL;
	doc->file = strdup(file);
	doc->format = strdup(format != NULL ? format : "");
	doc->results = json_object();
	if (doc->file == NULL || doc->format == NULL || doc->results == NULL) {
		document_free(doc);
		return NULL;
	}
	sha256_hex(bytes, len, doc->sha256);
	doc->bytes = len;
	doc->received = received;
	doc->encoding = "UTF-8";
	return doc;
}

void
document_free(struct lector_doc *doc)
{
	if (doc == NULL)
		return;
	free(doc->file);
	free(doc->format);
	free(doc->text);
	for (int i = 0; i < DOC_META_COUNT; i++)
		free(doc->meta[i]);
	json_decref(doc->source_meta);
	json_decref(doc->options);
	json_decref(doc->results);
	document_unsegment(doc);
	free(doc);
}

int
document_set_text(struct lector_doc *doc, const char *text, size_t len,
    lector_error *err)
{
	size_t bad, n = 0;
	char *out;

	if (utf8_validate(text, len, &bad) < 0) {
		set_error(err, "text is not valid UTF-8 (byte 0x%02x at offset %zu)",
		    (unsigned char)text[bad], bad);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		set_error(err, "text holds a NUL character");
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if ((out = malloc(len + 1)) == NULL) {
		set_error(err, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r') {
			out[n++] = '\n';
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		} else
			out[n++] = text[i];
	}
	out[n] = '\0';
	free(doc->text);
	document_unsegment(doc);
	doc->text = out;
	doc->text_bytes = n;
	doc->text_chars = utf8_length(out, n);
	return 0;
}

int
document_segment(struct lector_doc *doc)
{
	if (doc->segmented)
		return 0;
	if (doc->text == NULL)
		return -EINVAL;
	if (tokenize(doc->text, doc->text_bytes, &doc->tokens) < 0 ||
	    segment(doc->text, doc->text_bytes, doc->tokens.v, doc->tokens.n,
	    &doc->seg) < 0) {
		token_list_free(&doc->tokens);
		doc->segment_failed = 1;
		return -ENOMEM;
	}
	doc->segmented = 1;
	return 0;
}

void
document_unsegment(struct lector_doc *doc)
{
	token_list_free(&doc->tokens);
	segmentation_free(&doc->seg);
	doc->segmented = 0;
}

/* The host table: what plugins may ask of a document. */

static void
host_log(enum lector_log_level level, const char *plugin, const char *message)
{
	log_msg(level, "%s: %s", plugin != NULL ? plugin : "plugin", message);
}

static const char *
host_text(const lector_doc *doc, size_t *bytes)
{
	if (bytes != NULL)
		*bytes = doc->text != NULL ? doc->text_bytes : 0;
	return doc->text != NULL ? doc->text : "";
}

static size_t
host_text_length(const lector_doc *doc)
{
	return doc->text != NULL ? doc->text_chars : 0;
}

static const char *
host_meta(const lector_doc *doc, const char *key)
{
	int k = document_meta_key(key);

	if (k >= 0)
		return doc->meta[k];
	if (strcmp(key, "file") == 0)
		return doc->file;
	if (strcmp(key, "format") == 0)
		return doc->format;
	if (strcmp(key, "encoding") == 0)
		return doc->encoding;
	return NULL;
}

static const json_t *
host_result(const lector_doc *doc, const char *key)
{
	return json_object_get(doc->results, key);
}

static const lector_span *
host_paragraphs(lector_doc *doc, size_t *count)
{
	*count = 0;
	if (document_segment(doc) < 0)
		return NULL;
	*count = doc->seg.n_paragraphs;
	return doc->seg.paragraphs;
}

static const lector_span *
host_sentences(lector_doc *doc, size_t *count)
{
	*count = 0;
	if (document_segment(doc) < 0)
		return NULL;
	*count = doc->seg.n_sentences;
	return doc->seg.sentences;
}

static const lector_token *
host_tokens(lector_doc *doc, size_t *count)
{
	*count = 0;
	if (document_segment(doc) < 0)
		return NULL;
	*count = doc->tokens.n;
	return doc->tokens.v;
}

static int
host_set_text(lector_doc *doc, const char *utf8, size_t bytes, lector_error *err)
{
	if (doc->phase != DOC_PHASE_READ) {
		set_error(err, "set_text is for readers only");
		return LECTOR_EINVAL;
	}
	return document_set_text(doc, utf8, bytes, err) < 0 ? LECTOR_EINVAL : LECTOR_OK;
}

/* A reader that decodes its own bytes says how: "Shift_JIS (declared)". */
static int
set_encoding(lector_doc *doc, const char *value, lector_error *err)
{
	size_t bad, len = value != NULL ? strlen(value) : 0;

	if (len == 0 || len >= sizeof(doc->encoding_buf) ||
	    utf8_validate(value, len, &bad) < 0) {
		set_error(err, "encoding: expected a name of 1 to %zu bytes of "
		    "UTF-8", sizeof(doc->encoding_buf) - 1);
		return LECTOR_EINVAL;
	}
	memcpy(doc->encoding_buf, value, len + 1);
	doc->encoding = doc->encoding_buf;
	doc->encoding_known = 1;
	return LECTOR_OK;
}

static int
host_set_meta(lector_doc *doc, const char *key, const char *value,
    lector_error *err)
{
	int k = document_meta_key(key);
	size_t bad;
	char *copy;

	if (doc->phase == DOC_PHASE_READ && strcmp(key, "encoding") == 0)
		return set_encoding(doc, value, err);

	if (doc->phase != DOC_PHASE_READ || k < 0) {
		set_error(err, doc->phase != DOC_PHASE_READ ?
		    "set_meta is for readers only" : "unknown metadata key '%s'", key);
		return LECTOR_EINVAL;
	}
	if (value != NULL && utf8_validate(value, strlen(value), &bad) < 0) {
		set_error(err, "%s is not valid UTF-8", key);
		return LECTOR_EINVAL;
	}
	copy = value != NULL ? strdup(value) : NULL;
	if (value != NULL && copy == NULL) {
		set_error(err, "out of memory");
		return LECTOR_ENOMEM;
	}
	free(doc->meta[k]);
	doc->meta[k] = copy;
	return LECTOR_OK;
}

static int
host_set_source_meta(lector_doc *doc, const char *key, json_t *value)
{
	if (doc->phase != DOC_PHASE_READ || value == NULL) {
		json_decref(value);
		return LECTOR_EINVAL;
	}
	if (doc->source_meta == NULL && (doc->source_meta = json_object()) == NULL) {
		json_decref(value);
		return LECTOR_ENOMEM;
	}
	return json_object_set_new(doc->source_meta, key, value) == 0 ?
	    LECTOR_OK : LECTOR_ENOMEM;
}

static int
host_set_options(lector_doc *doc, json_t *options)
{
	if (doc->phase != DOC_PHASE_READ || !json_is_object(options)) {
		json_decref(options);
		return LECTOR_EINVAL;
	}
	json_decref(doc->options);
	doc->options = options;
	return LECTOR_OK;
}

static int
host_set_result(lector_doc *doc, json_t *value)
{
	if (doc->phase != DOC_PHASE_ANNOTATE || value == NULL) {
		json_decref(value);
		return LECTOR_EINVAL;
	}
	return json_object_set_new(doc->results, doc->result_key, value) == 0 ?
	    LECTOR_OK : LECTOR_ENOMEM;
}

static int
host_read_as(lector_doc *doc, const char *format, const void *bytes,
    size_t len, lector_error *err)
{
	if (doc->phase != DOC_PHASE_READ || doc->read_as == NULL) {
		set_error(err, "read_as is for readers only");
		return LECTOR_EINVAL;
	}
	if (format == NULL || (bytes == NULL && len > 0)) {
		set_error(err, "read_as: no format or no bytes");
		return LECTOR_EINVAL;
	}
	return doc->read_as(doc->read_as_ctx, doc, format, bytes, len, err);
}

const lector_host document_host = {
	.size = sizeof(lector_host),
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.log = host_log,
	.text = host_text,
	.text_length = host_text_length,
	.meta = host_meta,
	.result = host_result,
	.paragraphs = host_paragraphs,
	.sentences = host_sentences,
	.tokens = host_tokens,
	.set_text = host_set_text,
	.set_meta = host_set_meta,
	.set_source_meta = host_set_source_meta,
	.set_options = host_set_options,
	.set_result = host_set_result,
	.read_as = host_read_as,
};
