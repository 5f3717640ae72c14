/* Text -> tokens with code-point and byte offsets. */
#ifndef LECTOR_TOKENIZE_H
#define LECTOR_TOKENIZE_H

#include <stddef.h>

#include <lector/plugin.h>

struct token_list {
	lector_token *v;	/* owned */
	size_t n, cap;
};

/*
 * Appends the tokens of text (valid UTF-8) to list; sentence indexes are
 * left 0 for the segmenter. The list has no spare capacity after it.
 * Returns 0 or -ENOMEM.
 */
int tokenize(const char *text, size_t len, struct token_list *list);

/* Gives back the capacity beyond the tokens held (not on failure). */
void token_list_fit(struct token_list *list);

void token_list_free(struct token_list *list);

#endif
