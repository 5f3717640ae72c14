/*
 * An article's language from its paragraphs: the evidence of all of them
 * for the article, and each one's own to find runs in another language.
 */
#ifndef LANGID_IDENTIFY_H
#define LANGID_IDENTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "detect.h"
#include "model.h"

/*
 * Paragraphs are read up to PARA_LETTERS letters each until the article
 * has DOC_LETTERS; by then its language is settled, and later paragraphs
 * are only sampled (their first SAMPLE_LETTERS letters), then read like
 * the first ones when the sample disagrees with the article. This keeps
 * long articles fast without missing a paragraph in another language.
 */
#define IDENTIFY_PARA_LETTERS 1024
#define IDENTIFY_DOC_LETTERS 2048
#define IDENTIFY_SAMPLE_LETTERS 24
#define IDENTIFY_SAMPLE_DOUBT 0.5f	/* a sample this sure is read in full */
/* A paragraph in another language must be this long and this sure. */
#define IDENTIFY_SPAN_LETTERS 40
#define IDENTIFY_SPAN_CONFIDENCE 0.9f

typedef struct identify_para {
	const char *text;	/* borrowed */
	size_t len;
	uint32_t start, end;	/* code points, reported in spans */
} identify_para;

typedef struct identify_span {
	uint32_t start, end;
	uint32_t lang;
	enum script script;
	float confidence;
} identify_span;

typedef struct identifier {
	const model *m;		/* borrowed */
	detect_evidence doc, para;
	uint8_t *allowed;	/* n_langs flags; owned */
	int restricted;
} identifier;

int identifier_init(identifier *id, const model *m);
void identifier_free(identifier *id);

/*
 * Restricts candidates to the languages whose code or ISO 639-3 code is in
 * codes (n of them); n = 0 lifts the restriction. Returns how many of the
 * model's languages matched.
 */
size_t identifier_restrict(identifier *id, const char *const *codes, size_t n);

/*
 * Identifies an article. *spans (malloc'ed, caller frees) is set only when
 * some paragraphs are clearly in another language; otherwise NULL with
 * *n_spans 0. Returns 0 or -ENOMEM.
 */
int identify(identifier *id, const identify_para *paras, size_t n_paras,
    uint32_t min_letters, detect_result *doc, identify_span **spans,
    size_t *n_spans);

#endif
