/*
 * Tag schemes: how entity spans become one label per word and back.
 * BIO marks Begin/Inside; BILOU adds Last and Unit. The model says which
 * it was trained with; the dev set chose BIO (see model/MODEL.md).
 */
#ifndef ENTITIES_SCHEME_H
#define ENTITIES_SCHEME_H

#include <stddef.h>
#include <stdint.h>

enum scheme { SCHEME_BIO = 0, SCHEME_BILOU = 1 };

/* Statistical types, in model order. */
enum ner_type { NER_PER = 0, NER_ORG, NER_LOC, NER_MISC, NER_NTYPES };

enum pos { POS_B = 0, POS_I, POS_L, POS_U };

#define LABEL_O 0
#define LABELS_MAX 17

struct span {
	uint32_t first, last;	/* word indices, inclusive */
	int type;		/* enum ner_type */
};

int scheme_nlabels(int scheme);
int scheme_label(int scheme, int type, int pos);
int scheme_type(int scheme, int label);	/* -1 for O */
int scheme_pos(int scheme, int label);	/* -1 for O */
const char *scheme_type_name(int type);	/* "PER"... */

/* May label `to` follow `from` (LABEL_O before the first word)? */
int scheme_allowed(int scheme, int from, int to);
/* Is a word with this label part of a name of two words or more? */
int scheme_in_longer(int scheme, int label);
/* May a sentence end after `label`? */
int scheme_may_end(int scheme, int label);

/* Spans -> labels[n]; spans sorted and disjoint. */
void scheme_encode(int scheme, const struct span *spans, size_t nspans,
    uint8_t *labels, size_t n);
/* Labels -> spans (lenient: a stray inside label opens a span). */
size_t scheme_decode(int scheme, const uint8_t *labels, size_t n,
    struct span *spans, size_t max);

#endif /* ENTITIES_SCHEME_H */
