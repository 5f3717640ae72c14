/*
 * The model file: one binary file, mapped read-only and shared by every
 * worker. Layout (native little-endian, offsets from the file's start):
 *
 *   header     magic "LECTNER\0", version, sizes, checksum of the rest
 *   index      uint32[2 * index_slots]: { high half of a feature hash,
 *              1 + its row } (row 0: empty), so that a feature the model
 *              does not know is rejected without touching the rows
 *   rows       { uint64 key; int16 w[nlabels]; } padded to 8 bytes
 *   gazetteer  uint64[gaz_slots]  (see features.h)
 *   lexicon    uint64[lex_slots]: hashes of tokens with inner
 *              punctuation ("U.S.", "Corp.") that a tokenizer may split
 */
#ifndef ENTITIES_MODEL_H
#define ENTITIES_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "features.h"

struct ner_stemmer;

#define MODEL_MAGIC "LECTNER"
/*
 * The weights are only good for the features they were trained on, so the
 * version changes with the feature set too (2: letter trigrams, a name's
 * last word, the names a word is part of in the document; 3: titles;
 * 4: case beyond ASCII, titles of the other languages).
 */
#define MODEL_VERSION 4

struct model_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint64_t file_size;
	uint64_t checksum;
	char language[8];	/* "en" */
	char name[48];		/* e.g. "en-conll2003" */
	uint32_t scheme, nlabels;
	float scale;		/* weight = w * scale */
	uint32_t nrows;
	uint32_t index_slots, gaz_slots, lex_slots;
	uint32_t stages;	/* 1, or 2: a second pass sees the first's labels */
	uint64_t off_index, off_rows, off_gaz, off_lex;
};

struct model {
	void *map;		/* owned when mapped from a file */
	size_t size;
	const unsigned char *base;
	const struct model_header *hdr;
	const uint32_t *index;
	const unsigned char *rows;
	size_t stride;
	struct gaz gaz;
	const uint64_t *lex;
	int scheme, nlabels, stages;
	/*
	 * The model's language's stemmer (stem.h), NULL: no stem features.
	 * Not the file's: whoever opens the model sets and frees it.
	 */
	struct ner_stemmer *stemmer;
};

/* Maps and checks a model file; 0, or -1 with a message in err. */
int model_open(struct model *m, const char *path, char *err, size_t errlen);
/* Checks a model in memory (borrowed for the model's life). */
int model_parse(struct model *m, const void *buf, size_t size, char *err,
    size_t errlen);
void model_close(struct model *m);

/* The weights of a feature, or NULL when the model does not know it. */
const int16_t *model_weights(const struct model *m, uint64_t key);
int model_lex_has(const struct model *m, uint64_t h);
uint64_t model_checksum(const void *buf, size_t size);
size_t model_row_stride(int nlabels);

/* For the training tool and tests: what a model file holds. */
struct model_spec {
	const char *language, *name;
	int scheme, nlabels, stages;
	float scale;
	uint32_t nrows;
	const uint64_t *keys;		/* nrows distinct hashes */
	const int16_t *weights;		/* nrows * nlabels */
	const uint64_t *gaz;		/* gaz_slots, may be NULL */
	uint32_t gaz_slots;
	const uint64_t *lex;		/* lex_slots, may be NULL */
	uint32_t lex_slots;
};

/* Builds the file image in memory (caller frees *out). */
int model_build(const struct model_spec *spec, unsigned char **out,
    size_t *size, char *err, size_t errlen);
int model_write(const struct model_spec *spec, const char *path, char *err,
    size_t errlen);

#endif /* ENTITIES_MODEL_H */
