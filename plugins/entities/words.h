/*
 * The tagger's words, made from the host's tokens: mostly one token each,
 * but a run of touching tokens the model knows as one ("U.S.", "Corp.")
 * becomes one word, and a possessive "'s" becomes a word of its own, as
 * in the training data.
 */
#ifndef ENTITIES_WORDS_H
#define ENTITIES_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include <lector/plugin.h>

#include "features.h"
#include "model.h"

struct word {
	uint32_t start, end;		/* code points */
	uint32_t byte_start, byte_end;
};

struct words {
	struct word *w;			/* all words of the document */
	struct ner_word *nw;		/* the same, as the features see them */
	struct ner_winfo *info;
	uint8_t *labels;
	size_t n, cap;
	struct ner_sent *sents;		/* each points into the arrays above */
	uint8_t **sent_labels;
	size_t *sent_first;		/* index of a sentence's first word */
	size_t nsents, capsents;
};

/* Builds the words of a document; 0, or -1 on no memory. */
int words_build(struct words *ws, const char *text, const lector_token *tok,
    size_t ntok, const lector_span *sent, size_t nsent,
    const struct model *m);
void words_free(struct words *ws);

#endif /* ENTITIES_WORDS_H */
