/* The langid training tool: corpus loading, model building, running. */
#ifndef LANGID_TRAIN_H
#define LANGID_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "../script.h"

enum doc_role { ROLE_TRAIN = 0, ROLE_CALIB = 1, ROLE_HELDOUT = 2 };

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
};

struct corpus {
	struct doc *docs;
	size_t n_docs, cap_docs;
	struct lang *langs;
	uint32_t n_langs, cap_langs;
	uint32_t last_lang;	/* the language of the previous row */
	int n_sources;
	char **buffers;		/* whole files, owned */
	size_t n_buffers;
};

/*
 * UDHR rows with stage >= 4, not und. The paragraphs of each translation
 * are numbered in file order; number % heldout_every == 0 is held out
 * (never trained on), number % heldout_every == heldout_every / 2 is for
 * calibration. heldout_every 0 holds nothing out.
 */
int corpus_load_udhr(struct corpus *c, const char *path, int heldout_every,
    char *err, size_t errlen);
/* "iso639-3 <TAB> text" lines; every 20th is for calibration. */
int corpus_load_extra(struct corpus *c, const char *path, char *err,
    size_t errlen);
/* "iso639-3 <TAB> code <TAB> name" lines: fills codes and names. */
int corpus_load_names(struct corpus *c, const char *path, char *err,
    size_t errlen);
void corpus_free(struct corpus *c);

struct build_params {
	int max_postings;	/* languages kept per n-gram */
	double unseen;		/* log P at or below which an n-gram is unseen */
	double cap, word_cap;	/* most an n-gram, a whole word, can weigh */
	float prior;		/* log prior of languages with several sources */
	float temperature;	/* of the softmax */
};

/*
 * Counts n-grams of the documents with a role in roles (a bit mask) and
 * builds a model image in memory. Languages with text from more than one
 * source (the widely used ones that have help pages) get log prior
 * bp->prior. It (*out, malloc'ed, *out_len bytes).
 */
int build_model(const struct corpus *c, unsigned roles,
    const struct build_params *bp, void **out, size_t *out_len, char *err,
    size_t errlen);


/* Sets the temperature stored in a built image and its checksum. */
void build_set_temperature(void *image, size_t len, float temperature);

/* Fits the softmax temperature on the calibration documents. */
float calibrate(const struct corpus *c, const void *image, size_t len);

int cmd_classify(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
