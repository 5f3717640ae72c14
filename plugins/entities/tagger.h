/*
 * The statistical tagger: greedy left-to-right decoding of a document's
 * sentences with a model's weights, constrained to valid label sequences.
 * A two-stage model tags the document twice; the second pass sees the
 * first pass's labels of every word of the document.
 */
#ifndef ENTITIES_TAGGER_H
#define ENTITIES_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "features.h"
#include "model.h"

struct tagger_docs {
	struct ner_doc online;	/* what this pass said so far */
	struct ner_doc agg;	/* what the first pass said, everywhere */
};

int tagger_docs_init(struct tagger_docs *d);
void tagger_docs_free(struct tagger_docs *d);

/*
 * Labels every word of every sentence (labels[k] has sents[k].n entries).
 * The sentences' info must be filled by ner_prepare with the model's
 * gazetteer. 0, or -1 on no memory.
 */
int tagger_tag(const struct model *m, struct tagger_docs *d,
    const struct ner_sent *sents, size_t nsents, uint8_t *const *labels);

#endif /* ENTITIES_TAGGER_H */
