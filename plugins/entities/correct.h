/*
 * Corrections to an English tagger's mentions from the words around them,
 * where the training data is too thin to teach the pattern:
 *   - a name that ends in a landform is a place ("the Korean Peninsula");
 *   - "the Obama administration": a one-word name before "administration",
 *     not a country or big city by the gazetteer, is a person;
 *   - "the Socialist Equality Party": capitalised words the tagger left out
 *     between "the" and an organisation are part of its name;
 *   - "Very Interesting!": a one-word name after a capitalised intensifier
 *     is emphasis in title case, not a name.
 */
#ifndef ENTITIES_CORRECT_H
#define ENTITIES_CORRECT_H

#include "features.h"
#include "mention.h"

/* Corrects ms (the tagger's, in text order) in place; g may be NULL. */
void correct_mentions(const char *text, size_t bytes, struct mentions *ms,
    const struct gaz *g);

#endif /* ENTITIES_CORRECT_H */
