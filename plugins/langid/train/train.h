/* The langid training tool: corpus loading, model building, running. */
#ifndef LANGID_TRAIN_H
#define LANGID_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "../features.h"
#include "../script.h"

/*
 * TRAIN: counted by naive Bayes. CALIB: the softmax temperature is fitted
 * on it. TUNE: the discriminative correction is learned on it. Both are
 * kept out of the model they are measured with, then counted in the final
 * one. HELDOUT: never trained on.
 */
enum doc_role { ROLE_TRAIN = 0, ROLE_CALIB = 1, ROLE_HELDOUT = 2,
    ROLE_TUNE = 3 };
#define ROLES_ALL ((1u << ROLE_TRAIN) | (1u << ROLE_CALIB) | (1u << ROLE_TUNE))

struct doc {
	uint32_t lang;
	uint8_t role;
	uint8_t source;		/* 0: UDHR, 1...: the extra files in order */
	const char *text;	/* points into the corpus buffers */
	size_t len;
};

struct lang {
	char iso3[8];
	char code[8];		/* ISO 639-1 where there is one */
	char name[96];
	enum script script;
	uint64_t chars;
	int sources;		/* how many sources have text for it */
	int last_source;
	uint32_t source_mask;	/* bit s: source s has text for it */
	double speakers;	/* people who speak it (CLDR); 0 unknown */
};

struct corpus {
	struct doc *docs;
	size_t n_docs, cap_docs;
	struct lang *langs;
	uint32_t n_langs, cap_langs;
	uint32_t last_lang;	/* the language of the previous row */
	int n_sources;
	uint32_t clean_sources;	/* bit s: source s is labelled cleanly */
	char **buffers;		/* whole files, owned */
	size_t n_buffers;
};

/*
 * UDHR rows with stage >= 4, not und. The paragraphs of each translation
 * are numbered in file order; number % heldout_every == 0 is held out
 * (never trained on), number % heldout_every == heldout_every / 2 is for
 * calibration, == heldout_every / 2 - 2 for tuning. heldout_every 0 holds
 * nothing out. Translations whose BCP 47 tag is in skip (comma-separated;
 * NULL for none) are left out.
 */
int corpus_load_udhr(struct corpus *c, const char *path, int heldout_every,
    const char *skip, char *err, size_t errlen);
/*
 * "iso639-3 <TAB> text" lines; every 20th is for calibration, every 10th
 * tuning. clean: every line is in the language it is labelled with (no
 * untranslated fallbacks, no product names), so calibration may trust the
 * labels (see calibrate()).
 */
int corpus_load_extra(struct corpus *c, const char *path, int clean,
    char *err, size_t errlen);
/* "iso639-3 <TAB> code <TAB> name" lines: fills codes and names. */
int corpus_load_names(struct corpus *c, const char *path, char *err,
    size_t errlen);
/*
 * "code <TAB> speakers" lines, code as the model answers it (ISO 639-1
 * where one exists): fills speakers. Load after the names.
 */
int corpus_load_speakers(struct corpus *c, const char *path, char *err,
    size_t errlen);
void corpus_free(struct corpus *c);

/* Word lists as Bloom filters (see features.h). */
struct train_lexicons {
	features_lexicons view;
	uint32_t lang[FEATURES_MAX_LEXICONS];		/* corpus language */
	uint64_t *bits[FEATURES_MAX_LEXICONS];		/* owned */
	uint64_t words[FEATURES_MAX_LEXICONS];
	int n_groups;
};

/*
 * Reads "iso3 <TAB> word" lines into one filter a language, of
 * bits_per_word bits a word; every iso3 must name a Latin-script language
 * of c. Returns 0, or a negative errno with err filled in (and lx freed).
 * lexicons_load starts afresh; lexicons_add adds the lists of path as one
 * more group of close languages (see features.h).
 */
int lexicons_load(struct train_lexicons *lx, const struct corpus *c,
    const char *path, double bits_per_word, char *err, size_t errlen);
int lexicons_add(struct train_lexicons *lx, const struct corpus *c,
    const char *path, double bits_per_word, char *err, size_t errlen);
void lexicons_free(struct train_lexicons *lx);

/* A correction to the weight of one n-gram in one language, in nats. */
struct delta {
	uint64_t hash;
	uint32_t lang;
	float w;
};

/*
 * How much the model knows about a language, as a log prior: a language
 * seen in a few pages (the UDHR alone is some 10 KB) must not take text
 * from a neighbour seen in megabytes on a few shared n-grams. 0 at
 * PRIOR_LOW_BYTES of training text or less, rising with the log of the
 * size to top at PRIOR_HIGH_BYTES and more; half that when all the text
 * comes from one source.
 *
 * Where the text says little, how common the language is says something:
 * among languages known from their UDHR alone, Zulu (14 million speakers)
 * is likelier than Southern Ndebele (0.9 million). PRIOR_SPEAKER_NATS a
 * factor of ten above PRIOR_LOW_SPEAKERS, at most PRIOR_SPEAKER_MAX, so it
 * never reaches what megabytes of text give; the larger of the two counts.
 */
#define PRIOR_LOW_BYTES 16384.0
#define PRIOR_HIGH_BYTES 2097152.0
#define PRIOR_LOW_SPEAKERS 1e5
#define PRIOR_SPEAKER_NATS 1.0
#define PRIOR_SPEAKER_MAX 3.0
float build_prior(uint64_t chars, int sources, double speakers, float top);

struct build_params {
	int max_postings;	/* languages kept per n-gram */
	double unseen;		/* log P at or below which an n-gram is unseen */
	double cap, word_cap;	/* most an n-gram, a whole word, can weigh */
	float prior;		/* log prior of the best-known languages */
	double min_pairs;	/* occurrences in a source a word pair needs */
	double lone_min;	/* least weight of an n-gram only one language has */
	const struct train_lexicons *lexicons;	/* or NULL */
	float temperature;	/* of the softmax */
	const float *lang_temperature;	/* n_langs, 0 for the above; or NULL */
	const struct delta *deltas;	/* sorted by hash, then lang; or NULL */
	size_t n_deltas;
};

/*
 * Counts n-grams of the documents with a role in roles (a bit mask) and
 * builds a model image in memory. Each language gets the log prior
 * build_prior() gives its training text, up to bp->prior. It (*out,
 * malloc'ed, *out_len bytes).
 */
int build_model(const struct corpus *c, unsigned roles,
    const struct build_params *bp, void **out, size_t *out_len, char *err,
    size_t errlen);


/* Sets the temperature stored in a built image and its checksum. */
void build_set_temperature(void *image, size_t len, float temperature);

struct refine_params {
	int epochs;
	float rate;		/* nats per update */
	float margin;		/* update unless right by this many nats */
	float limit;		/* nor when wrong by more than this */
	float min_delta;	/* smaller averaged corrections are dropped */
	uint32_t per_lang;	/* pieces of each language learned from */
};

/*
 * Learns corrections to the weights of image (a model built without the
 * TUNE documents) with an averaged perceptron on pieces of the TUNE
 * documents: when another language of the same script scores within the
 * margin of the right one, the n-grams of the piece gain rate for the right
 * language and lose it for that one. *out (malloc'ed, sorted as
 * build_params wants) holds the averaged corrections.
 */
int refine(const struct corpus *c, const void *image, size_t len,
    const struct refine_params *rp, struct delta **out, size_t *n_out);

/*
 * Tuning and calibration cut a paragraph into runs of 2, 3, 5, 8 and 13
 * words, then the rest whole, and again: returns where the piece starting
 * at s ends (end at most). *step holds the place in that cycle; start it
 * at 0 for each paragraph.
 */
const char *piece_end(const char *s, const char *end, int *step);

/*
 * Fits the softmax temperature on the calibration documents and returns
 * it; fills lang_t (n_langs) with each language's own, when it leads (0:
 * the one returned).
 */
float calibrate(const struct corpus *c, const void *image, size_t len,
    float *lang_t);

int cmd_classify(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
