/*
 * Quotation marks at a name's edge come in pairs. A tagger that opens a
 * name with its quotation mark (CoNLL-2002 writes Spanish titles as
 * '" El Torreón "') may stop before the closing one; a name never shows
 * half a pair: the other half is taken in when it stands next to the
 * name, else the stray mark is left out. Where the model's training data
 * writes names in quotation marks with their marks (Spanish: 420 of the
 * 5,691 marks of CoNLL-2002's training set are inside names; English,
 * Dutch, Portuguese and Danish: none), a name between a pair takes it too.
 */
#ifndef ENTITIES_QUOTES_H
#define ENTITIES_QUOTES_H

#include <stddef.h>

#include "mention.h"

/*
 * Pairs the quotation marks of ms (in text order) in place; wrap: names
 * between a pair take it.
 */
void balance_quotes(const char *text, size_t bytes, struct mentions *ms,
    int wrap);

#endif /* ENTITIES_QUOTES_H */
