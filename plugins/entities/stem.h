/*
 * Snowball stems as features, for the languages whose words change their
 * endings with their role: Finnish "Helsingissä" (in Helsinki), German
 * "Rabins" (Rabin's), Swedish "Sveriges", Russian "Москве"; and Spanish,
 * where they measured better too. The stem lets
 * the forms of one word share weights; the ending the stemmer strips says
 * what the word does in the sentence (a place's inessive, a genitive).
 */
#ifndef ENTITIES_STEM_H
#define ENTITIES_STEM_H

#include "features.h"

struct ner_stemmer;

/*
 * The Snowball algorithm a language's model was trained with stems of, or
 * NULL: the language's model has no stem features.
 */
const char *ner_stem_algorithm(const char *language);

/*
 * A stemmer for a model's language (owned by the caller: free it with
 * ner_stemmer_close), or NULL in *out when the language has no stem
 * features. 0, or -1 on no memory. It remembers the stems of recent
 * words, so one stemmer serves one thread.
 */
int ner_stemmer_open(struct ner_stemmer **out, const char *language);
void ner_stemmer_close(struct ner_stemmer *st);

/*
 * Fills info[].stem and info[].ending of a sentence's words (after
 * ner_prepare, which clears them). A NULL stemmer leaves them 0: no stem
 * features.
 */
void ner_stem(struct ner_sent *s, struct ner_stemmer *st);

#endif /* ENTITIES_STEM_H */
