/* One article on its way through the pipeline, and the host table. */
#ifndef LECTOR_DOCUMENT_H
#define LECTOR_DOCUMENT_H

#include <stddef.h>

#include <jansson.h>
#include <lector/plugin.h>

#include "segment.h"
#include "tokenize.h"

enum doc_meta_key {
	DOC_TITLE, DOC_BYLINE, DOC_PUBLISHED, DOC_URL, DOC_ID,
	DOC_META_COUNT
};

/* What a plugin may do to the document right now. */
enum doc_phase {
	DOC_PHASE_NONE,
	DOC_PHASE_READ,		/* set_text, set_meta, set_source_meta, set_options */
	DOC_PHASE_ANNOTATE	/* set_result under result_key */
};

struct lector_doc {
	char *file;			/* name as given */
	char *format;
	const char *encoding;		/* static, or encoding_buf */
	char encoding_buf[64];		/* as a raw-bytes reader named it */
	int encoding_known;		/* decoded by the host or named by a reader */
	char sha256[65];
	size_t bytes;
	double received;		/* Unix time */

	char *text;			/* NUL-terminated, normalised */
	size_t text_bytes, text_chars;
	char *meta[DOC_META_COUNT];
	json_t *source_meta;		/* object or NULL */
	json_t *options;		/* per-article overrides or NULL */
	json_t *results;		/* object: key -> result, in pipeline order */

	int segmented;
	int segment_failed;		/* no memory for them: the article fails */
	struct token_list tokens;
	struct segmentation seg;

	enum doc_phase phase;
	const char *result_key;		/* during annotate */

	/*
	 * host->read_as: the pipeline's way to run the reader of another
	 * format on this document (NULL outside a pipeline), and how deep
	 * such calls are nested now.
	 */
	int (*read_as)(void *ctx, struct lector_doc *doc, const char *format,
	    const void *bytes, size_t len, lector_error *err);
	void *read_as_ctx;
	int read_depth;
};

extern const lector_host document_host;

/* A new document for the bytes of file (not copied; hashed). */
struct lector_doc *document_new(const char *file, const char *format,
    const void *bytes, size_t len, double received);
void document_free(struct lector_doc *doc);

/* The metadata key name for enum doc_meta_key, and back (-1: unknown). */
const char *document_meta_name(enum doc_meta_key key);
int document_meta_key(const char *name);

/*
 * Copies text into the document: checks UTF-8, strips a BOM, turns CRLF
 * and CR into LF. Returns 0 or -1 with err filled.
 */
int document_set_text(struct lector_doc *doc, const char *text, size_t len,
    lector_error *err);

/*
 * Computes tokens, sentences and paragraphs if not done yet; 0 or -ENOMEM.
 * A plugin sees no memory as no tokens: segment_failed then tells the
 * pipeline to fail the article rather than keep what the plugin made of
 * an empty text.
 */
int document_segment(struct lector_doc *doc);

/*
 * Frees the tokens, sentences and paragraphs (computed again if asked
 * for). They take several times the text's size: once the annotators
 * are done, the output needs none of them.
 */
void document_unsegment(struct lector_doc *doc);

#endif
