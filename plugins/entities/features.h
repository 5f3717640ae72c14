/*
 * Feature extraction, shared by the training tool and the tagger so that
 * both see exactly the same features. A feature is a 64-bit hash of its
 * template and values.
 */
#ifndef ENTITIES_FEATURES_H
#define ENTITIES_FEATURES_H

#include <stddef.h>
#include <stdint.h>

/* Gazetteer categories, one bit each in a gazetteer entry. */
enum gaz_cat {
	GAZ_CITY = 0,		/* a place of 1,000 people or more */
	GAZ_BIGCITY,		/* 100,000 or more */
	GAZ_COUNTRY,
	GAZ_FIRST,		/* an English first name */
	GAZ_NAME,		/* any personal name, first or last */
	/*
	 * A name the training set's other documents give as PER, ORG, LOC
	 * (train/names.h); models trained before these have none.
	 */
	GAZ_TRAIN_PER,
	GAZ_TRAIN_ORG,
	GAZ_TRAIN_LOC,
	GAZ_NCATS		/* at most 8: the mask is a slot's low byte */
};

#define GAZ_MAX_WORDS 4

/* A gazetteer: open addressing, hash with its low byte replaced by the mask. */
struct gaz {
	const uint64_t *slots;
	uint32_t nslots;	/* a power of two, or 0 */
};

uint64_t gaz_phrase_hash(const char *const *words, const uint32_t *lens,
    size_t n);
unsigned gaz_lookup(const struct gaz *g, uint64_t phrase);
/* For builders: insert or OR the mask; 0 on success, -1 when full. */
int gaz_insert(uint64_t *slots, uint32_t nslots, uint64_t phrase,
    unsigned mask);

/*
 * The language's dictionary of ordinary words (a Debian word list, baked
 * into the gazetteer by the training tool), keyed by the lower-case word
 * (ner_winfo.lower) with the classes of its entries as the mask. German
 * writes its nouns capitalised, so a capitalised word the dictionary has
 * as a noun is likely one (the lists hold some names too), and so is a
 * compound that ends in one ("Spieltag"); one it has in lower case is
 * another word capitalised (first in its sentence, or an adjective made
 * of a name); a word it lacks is likely a name. DICT_PRESENT is a key of
 * its own: a model without it has no dictionary features.
 */
#define DICT_CAPITAL 0x1	/* a capitalised entry: a noun (or a name) */
#define DICT_LOWER 0x2		/* a lower-case entry: any other word */
#define DICT_HEAD 0x4		/* ends in a capitalised entry: a compound */
#define DICT_SEEN 0x80		/* looked up: the model has a dictionary */
uint64_t ner_dict_key(uint64_t lower);
#define DICT_PRESENT 0x6469637469306e61ULL	/* stands for no word */

/*
 * A word made of a name (in models with a dictionary, which only German's
 * has): an adjective in "-isch" ("kanadischen", "griechische": CoNLL tags
 * them MISC, in lower case), a town's "-er" ("Pariser", "Kieler") or a
 * people's "-e"/"-en" ("Kurden", "Afghanen"), whose stem rebuilt into a
 * name ("Kanada", "Griechenland", "Paris", "Kurdistan") is in the
 * gazetteer; ner_winfo.derived holds what that name is, DERIV_NOUN where
 * only the dictionary has it ("militärisch": "Militär").
 */
#define DERIV_PLACE 0x1		/* a place, country, training set's LOC */
#define DERIV_ORG 0x2		/* a training set's ORG */
#define DERIV_PERSON 0x4	/* a personal name, training set's PER */
#define DERIV_NOUN 0x8		/* none of these, a dictionary noun */
/* ner_winfo.derived_kind: which ending made it */
#define DERIV_ISCH 1		/* "-isch", "-ische", "-ischen", ... */
#define DERIV_ER 2		/* "-er", "-ern", "-ers", capitalised */
#define DERIV_EN 3		/* "-e", "-en", capitalised */

struct ner_word {
	const char *s;		/* UTF-8, not terminated */
	uint32_t len;		/* bytes */
};

/* What a word says on its own, computed once per word. */
struct ner_winfo {
	uint64_t lower, raw, shape;
	uint64_t stem, ending;	/* Snowball stem, what it strips; 0: none */
	uint8_t title, upper, lower_case, digit;
	uint8_t gaz[GAZ_NCATS];	/* 0, or 1 + position B I L U in a match */
	uint8_t gazlen[GAZ_NCATS];	/* words in that match */
	uint8_t s1;		/* label of the first stage, for the second */
	uint8_t honorific;	/* a title word: "Mr.", "President", "Prince" */
	uint8_t org_word;	/* an organisation word: "University", "Inc" */
	uint8_t run_org;	/* its capitalised run holds one elsewhere */
	uint8_t dict;		/* DICT_* of a capitalised word */
	uint8_t derived;	/* DERIV_* bits: made of a name */
	uint8_t derived_kind;	/* DERIV_ISCH ... when derived */
	uint32_t run_first, run_len;	/* the capitalised run it is in */
};

struct ner_sent {
	const struct ner_word *w;
	size_t n;
	struct ner_winfo *info;	/* n entries, filled by ner_prepare */
	int headline;		/* mostly upper-case letters */
};

/*
 * What a capitalised word's names say, over the whole document: of the
 * longest run of capitalised words it is in but does not start, the first
 * word ("President", "Mr.", a first name), and of the longest it does not
 * end, the last ("Inc", "SpA", "Cup"). They speak for the word also where
 * it stands alone ("Pirelli" after "Pirelli SpA").
 */
struct ner_doc_name {
	uint64_t first, last;	/* lower-case hashes, 0: none */
	uint32_t first_run, last_run;	/* words in those runs */
	uint8_t first_gaz;	/* gazetteer bits of the first word */
};

/* Per-document memory: how words are cased and labelled elsewhere. */
struct ner_doc {
	uint64_t *keys;
	uint32_t *vals;
	struct ner_doc_name *names;
	uint32_t cap, used;
};

#define DOC_SEEN_LOWER 0x1	/* lower-case, not first in its sentence */
#define DOC_SEEN_TITLE 0x2	/* capitalised, not first, not a headline */
/*
 * What the tagger said of a capitalised word so far, from bit 8: the last
 * type given (1 + type, 0 none: 4 bits), the type of a longer name it was
 * part of (4 bits), and how often each type and O were given (3 bits each).
 */
#define DOC_LAST_SHIFT 8
#define DOC_PART_SHIFT 12
#define DOC_COUNT_SHIFT 16

int ner_doc_init(struct ner_doc *d);
void ner_doc_reset(struct ner_doc *d);
void ner_doc_free(struct ner_doc *d);
/*
 * Records the casing of a sentence's words and the names they are part of
 * (for every sentence, before tagging).
 */
int ner_doc_observe(struct ner_doc *d, const struct ner_sent *s);
/*
 * Records the type given to word i (-1: none) and whether it is part of
 * a longer name.
 */
int ner_doc_label(struct ner_doc *d, const struct ner_sent *s, size_t i,
    int type, int in_longer);

void ner_prepare(struct ner_sent *s, const struct gaz *g);

#define NER_FEATURES_MAX 128

/* Features that do not depend on earlier labels. */
size_t ner_features_static(const struct ner_sent *s, size_t i,
    const struct ner_doc *d, uint64_t *out);
/* Features of the two previous labels and the document history. */
size_t ner_features_dynamic(const struct ner_sent *s, size_t i,
    const struct ner_doc *d, int prev, int prev2, uint64_t *out);

/*
 * The second stage sees the first stage's labels of the whole document:
 * agg holds them (ner_doc_aggregate), info[].s1 each word's own. Turns the
 * n features in f into the second stage's and appends its own; returns
 * the new count.
 */
int ner_doc_aggregate(struct ner_doc *agg, const struct ner_sent *sents,
    size_t nsents, int scheme);
size_t ner_features_stage2(const struct ner_sent *s, size_t i,
    const struct ner_doc *agg, uint64_t *f, size_t n);

#endif /* ENTITIES_FEATURES_H */
