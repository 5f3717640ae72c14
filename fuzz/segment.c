/*
 * The tokenizer and segmenter (core/src/tokenize.c, segment.c), reached as
 * plugins reach them: text set on a document, then its tokens, sentences
 * and paragraphs. Bytes that are not UTF-8 are decoded first, as the
 * pipeline does. Every offset must stay inside the text and in order.
 */
#include <stdint.h>
#include <stdlib.h>

#include "decode.h"
#include "document.h"
#include "utf8.h"

static void
check_tokens(const struct lector_doc *doc)
{
	const lector_token *t = doc->tokens.v;
	size_t byte = 0, cp = 0;

	for (size_t i = 0; i < doc->tokens.n; i++) {
		if (t[i].byte_start < byte || t[i].byte_start > t[i].byte_end ||
		    t[i].byte_end > doc->text_bytes || t[i].start > t[i].end ||
		    t[i].sentence >= doc->seg.n_sentences)
			abort();
		/* Code-point offsets agree with byte offsets. */
		cp += utf8_length(doc->text + byte, t[i].byte_start - byte);
		if (t[i].start != cp)
			abort();
		cp += utf8_length(doc->text + t[i].byte_start,
		    t[i].byte_end - t[i].byte_start);
		if (t[i].end != cp)
			abort();
		byte = t[i].byte_end;
	}
}

static void
check_spans(const lector_span *s, size_t n, size_t parts, size_t bytes)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].start > s[i].end || s[i].byte_start > s[i].byte_end ||
		    s[i].byte_end > bytes || s[i].first > parts ||
		    s[i].count > parts - s[i].first ||
		    (i > 0 && s[i].byte_start < s[i - 1].byte_end))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lector_doc *doc = document_new("fuzz.txt", "txt", data, size, 0);
	lector_error err;
	char *text = NULL, msg[256];
	const char *encoding;
	size_t len;

	if (doc == NULL)
		abort();
	if (document_set_text(doc, (const char *)data, size, &err) < 0) {
		if (decode_text(data, size, &text, &len, &encoding, msg,
		    sizeof(msg)) < 0 ||
		    document_set_text(doc, text, len, &err) < 0)
			goto done;
	}
	if (document_segment(doc) < 0)
		abort();
	check_tokens(doc);
	check_spans(doc->seg.sentences, doc->seg.n_sentences, doc->tokens.n,
	    doc->text_bytes);
	check_spans(doc->seg.paragraphs, doc->seg.n_paragraphs,
	    doc->seg.n_sentences, doc->text_bytes);
done:
	free(text);
	document_free(doc);
	return 0;
}
