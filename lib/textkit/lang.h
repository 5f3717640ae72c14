/*
 * Language support shared by the summary and keywords plugins: which
 * Snowball stemmer and which stopword list a document gets, from the
 * "language" result when the pipeline has one, else from a guess.
 */
#ifndef TEXTKIT_LANG_H
#define TEXTKIT_LANG_H

#include <stddef.h>
#include <stdint.h>

#include <lector/plugin.h>

struct sb_stemmer;

struct lang {
	const char *code;		/* ISO 639-1, or "" when unknown */
	const char *algorithm;		/* Snowball name, or NULL */
	struct sb_stemmer *stemmer;	/* NULL: words are not stemmed */
	const char **stop;		/* hash set of words; NULL: no list */
	size_t nslots;			/* a power of two */
	char *stop_buf;			/* storage of the words */
	int opened;
};

struct stop_owner {
	const char *word;
	uint32_t langs;			/* bit i: stopword of language i */
};

/* Every language we know, opened on first use; owned by a plugin's state. */
struct langs {
	struct lang *all;
	size_t n;
	struct lang none;		/* no stemmer, no stopwords */
	struct stop_owner *owners;	/* for guessing: all lists at once */
	size_t nowners;			/* slots, a power of two */
};

int langs_init(struct langs *ls);
void langs_free(struct langs *ls);

/*
 * The language for an ISO 639-1 or 639-3 code ("en", "eng", "pt-BR");
 * NULL when we have neither a stemmer nor stopwords for it.
 */
const struct lang *langs_get(struct langs *ls, const char *code);

/*
 * The language whose stopwords cover most of the document's words, when
 * they cover enough of them to be a safe bet; else &ls->none.
 */
const struct lang *langs_guess(struct langs *ls, const char *text,
    const lector_token *tok, size_t ntok);

/* The "language" result's code if we support it, else the guess. */
const struct lang *langs_for_doc(struct langs *ls, const lector_host *host,
    lector_doc *doc);

/* Whether a lowercase word is one of the language's stopwords. */
int lang_is_stop(const struct lang *l, const char *word);

/*
 * The stem of a lowercase word. The result points into the stemmer's
 * buffer (valid until the next call) or is the word itself.
 */
const char *lang_stem(const struct lang *l, const char *word, size_t len,
    size_t *stem_len);

#endif
