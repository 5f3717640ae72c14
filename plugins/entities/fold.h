/*
 * Folding a name to the key its variants share: case, hyphens, spaces,
 * dots, apostrophes and Latin diacritics do not count, so "Kim Jong-un",
 * "Kim Jong Un" and "KIM JONG UN" fold alike, as do "U.S." and "US", and
 * "Müller" and "Muller".
 */
#ifndef ENTITIES_FOLD_H
#define ENTITIES_FOLD_H

#include <stddef.h>

/*
 * Writes the folded key of s (len bytes of UTF-8) to out and returns its
 * length, or SIZE_MAX when it does not fit in max bytes.
 */
size_t name_fold(const char *s, size_t len, char *out, size_t max);

#endif /* ENTITIES_FOLD_H */
