/* Tokens -> sentences and paragraphs. */
#ifndef LECTOR_SEGMENT_H
#define LECTOR_SEGMENT_H

#include <stddef.h>

#include <lector/plugin.h>

struct segmentation {
	lector_span *sentences;		/* owned; first/count: tokens */
	size_t n_sentences;
	lector_span *paragraphs;	/* owned; first/count: sentences */
	size_t n_paragraphs;
};

/*
 * Splits the tokens of text into sentences and paragraphs and sets each
 * token's sentence index. Returns 0 or -ENOMEM.
 */
int segment(const char *text, size_t len, lector_token *tokens, size_t n,
    struct segmentation *out);

void segmentation_free(struct segmentation *seg);

#endif
