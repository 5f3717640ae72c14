/*
 * The training set's own names as a gazetteer: every gold PER, ORG and LOC
 * span of up to GAZ_MAX_WORDS words, with the number of documents that
 * give it each type. The model carries them all (GAZ_TRAIN_*); while it
 * learns, a document sees a name only as the OTHER documents gave it, as
 * text it has never seen will, so that the weights learn how far to trust
 * a name met elsewhere rather than to copy the answer.
 */
#ifndef ENTITIES_TRAIN_NAMES_H
#define ENTITIES_TRAIN_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "gazetteers.h"

#define NAMES_NTYPES 3	/* PER ORG LOC: the types of every language's set */

struct name_count {
	uint32_t docs[NAMES_NTYPES];	/* documents giving the name the type */
	uint32_t last[NAMES_NTYPES];	/* 1 + the last such document */
};

struct names {
	uint64_t *keys;		/* gaz_phrase_hash, 0: empty */
	struct name_count *vals;
	uint32_t cap, used;
};

/*
 * Counts the gold names of documents [0, ndocs) of c (labelled in
 * scheme). 0, or -1 on no memory. names_free releases the table.
 */
int names_collect(struct names *t, const struct corpus *c, size_t ndocs,
    int scheme);
void names_free(struct names *t);

/* The GAZ_TRAIN_* bits of counts, less own's (may be NULL). */
unsigned names_mask(const struct name_count *nc, const struct name_count *own);

/*
 * Sets the GAZ_TRAIN_* bits of the names of document d in gz: as the
 * other documents give them (exclude 1), or as all do (exclude 0, what
 * every other document and the model see). 0, or -1 when gz is full.
 */
int names_mark_doc(const struct names *t, const struct corpus *c, size_t d,
    int scheme, struct gaz_table *gz, int exclude);
/* Sets the bits of every name as all documents give them. */
int names_mark_all(const struct names *t, struct gaz_table *gz);

#endif /* ENTITIES_TRAIN_NAMES_H */
