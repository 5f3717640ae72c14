/*
 * The langid model file: one binary file, mapped read-only.
 *
 * Layout (little-endian, every section 8-byte aligned):
 *   header      struct model_header
 *   languages   n_langs x struct model_lang
 *   slots       (n_slots + 1) x struct model_slot: an open-addressing table
 *               of n-gram fingerprints; slot i's postings are
 *               postings[slots[i].start .. slots[i + 1].start)
 *   postings    n_postings x struct model_posting
 *   strings     NUL-terminated strings the languages point into
 *   lexicons    n_lexicons x struct model_lexicon, then their bit arrays
 *               (Bloom filters of word lists; see features.h)
 *
 * Each posting is a language in which the n-gram is among the most likely,
 * with weight = log P(ngram | lang) - rest(ngram), where rest is what every
 * other language gets for it; that constant cancels out between languages,
 * so scoring only adds the postings it finds. A discriminative correction
 * learned after naive Bayes is folded into the same weights, so a weight
 * may be negative (the n-gram counts against that language).
 */
#ifndef LANGID_MODEL_H
#define LANGID_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "features.h"

#define MODEL_MAGIC "LCTLANG\n"
/* 3: word pairs and the Adlam script; the hashes of 2 no longer match. */
/* 4: word lists. */
/* 5: one feature for the set of word lists a word is in. */
/* 6: groups of word lists, one set feature per group (model_lexicon.group). */
#define MODEL_VERSION 6
#define MODEL_MAX_LOAD 0.80	/* of the slot table; one empty slot at least */
#define MODEL_WEIGHT_SCALE 2048.0f	/* posting weight = round(w * scale) */

struct model_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint64_t file_size;
	uint64_t checksum;		/* of everything after the header */
	uint32_t n_langs, n_slots, n_postings, max_order;
	uint64_t langs_off, slots_off, postings_off, strings_off;
	uint32_t strings_size;
	float temperature;		/* softmax temperature, from calibration */
	uint32_t n_lexicons;
	uint32_t reserved0;
	uint64_t lexicons_off;
	uint32_t reserved[4];
};

struct model_lexicon {
	uint32_t lang;		/* whose word list */
	uint32_t group;		/* of close languages; see features.h */
	uint64_t n_bits;	/* a multiple of 64, at most UINT32_MAX */
	uint64_t bits_off;	/* n_bits / 64 uint64_t */
};

struct model_lang {
	uint32_t code;		/* string offsets: ISO 639-1 or 639-3 code */
	uint32_t iso3;		/* ISO 639-3 */
	uint32_t name;		/* English name */
	char script[4];		/* ISO 15924, not NUL-terminated */
	uint32_t train_chars;	/* how much text it was trained on */
	float prior;		/* log prior, added to its score */
	/*
	 * Softmax temperature when this language leads, from calibration: a
	 * language that close relatives take text from (or that takes
	 * theirs) needs a wider margin for the same confidence. 0 (models
	 * before it, other languages): the header's.
	 */
	float temperature;
};

struct model_slot {
	uint32_t fp;		/* 0 = empty */
	uint32_t start;
};

struct model_posting {
	uint16_t lang;
	int16_t weight;		/* nats x MODEL_WEIGHT_SCALE */
};

typedef struct model {
	void *map;
	size_t map_size;
	const struct model_header *hdr;
	const struct model_lang *langs;
	const struct model_slot *slots;
	const struct model_posting *postings;
	const char *strings;
	uint8_t *script;	/* enum script of each language; owned */
	float *prior;		/* each language's log prior; owned */
	float *temperature;	/* each language's softmax temperature; owned */
	uint16_t *by_script;	/* languages grouped by script; owned */
	uint32_t *script_first;	/* SCRIPT_COUNT + 1 offsets into by_script */
	features_lexicons lexicons;	/* pointing into the map */
} model;

/* Checksum of the model body: fast, catches damage, not an authenticator. */
uint64_t model_checksum(const void *data, size_t len);

/*
 * Maps and checks path. On failure returns a negative errno-style value
 * (-EINVAL for a damaged file) and says why in err (errlen bytes).
 */
int model_open(model *m, const char *path, char *err, size_t errlen);

/*
 * Checks a model held in memory (the caller keeps it alive and still calls
 * model_close); as above.
 */
int model_check(model *m, const void *data, size_t size, char *err,
    size_t errlen);

void model_close(model *m);


/*
 * The fingerprint and home slot of a hash (shared with the trainer). The
 * table may have any size: the home slot scales the low 32 bits of the
 * hash to it, so the table is sized to its load, not to a power of two.
 */
static inline uint32_t
model_home(uint64_t hash, uint32_t n_slots)
{
	return (uint32_t)(((uint64_t)(uint32_t)hash * n_slots) >> 32);
}

static inline uint32_t
model_fingerprint(uint64_t hash)
{
	uint32_t fp = (uint32_t)(hash >> 32);

	return fp ? fp : 1;
}

/*
 * The postings of an n-gram hash; *count 0 when the model does not know it.
 * Inline: it runs for every feature of every text.
 */
static inline const struct model_posting *
model_lookup(const model *m, uint64_t hash, size_t *count)
{
	uint32_t fp = model_fingerprint(hash);
	uint32_t n = m->hdr->n_slots, i = model_home(hash, n);

	for (;;) {
		const struct model_slot *s = &m->slots[i];

		if (s->fp == fp) {
			*count = s[1].start - s->start;
			return m->postings + s->start;
		}
		if (s->fp == 0) {
			*count = 0;
			return NULL;
		}
		if (++i == n)
			i = 0;
	}
}

const char *model_lang_code(const model *m, uint32_t lang);
const char *model_lang_iso3(const model *m, uint32_t lang);
const char *model_lang_name(const model *m, uint32_t lang);

#endif
