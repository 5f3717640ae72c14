/* Lowercasing of UTF-8 words before stemming and stopword look-up. */
#ifndef TEXTKIT_FOLD_H
#define TEXTKIT_FOLD_H

#include <stddef.h>

/*
 * Writes the lowercase form of s[0..len) into out (NUL-terminated) and
 * returns its length in bytes, or 0 when it does not fit in cap. Folds
 * Latin, Greek and Cyrillic capitals and turns the typographic apostrophe
 * into "'", so "L’État" and "l'état" meet. Invalid bytes are copied.
 */
size_t fold_lower(const char *s, size_t len, char *out, size_t cap);

#endif
