/*
 * Labelled corpora in memory for the training tool: CoNLL files read into
 * documents of sentences of words, with gold labels in a tag scheme.
 */
#ifndef ENTITIES_CORPUS_H
#define ENTITIES_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "../features.h"

struct ner_stemmer;

struct csent {
	struct ner_word *w;
	struct ner_winfo *info;
	uint8_t *gold;
	size_t n;
	int headline;
};

/* A file without -DOCSTART- marks is cut into documents this long. */
#define CORPUS_DOC_SENTENCES 30

struct cdoc {
	size_t first, count;	/* sentences */
};

struct corpus {
	struct csent *sents;
	size_t nsents, capsents;
	struct cdoc *docs;
	size_t ndocs, capdocs;
	char **strings;		/* owned word storage, one block a file */
	size_t nstrings;
	size_t ntokens;
};

/*
 * Appends a file's documents (IOB1 or IOB2 tags), labelled in the scheme;
 * 0, or -1 with a message on stderr.
 */
int corpus_read(struct corpus *c, const char *path, int scheme);
/* The same, keeping only the documents whose index % every is offset. */
int corpus_read_part(struct corpus *c, const char *path, int scheme,
    unsigned every, unsigned offset);
/* Fills each sentence's word features (after gazetteers are known). */
/* Fills each word's features' info; st: the language's stemmer or NULL. */
void corpus_prepare(struct corpus *c, const struct gaz *g,
    struct ner_stemmer *st);
/* The same for count sentences from first. */
void corpus_prepare_sents(struct corpus *c, size_t first, size_t count,
    const struct gaz *g, struct ner_stemmer *st);
void corpus_free(struct corpus *c);

#endif /* ENTITIES_CORPUS_H */
