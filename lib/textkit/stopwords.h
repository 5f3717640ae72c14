/* Stopword lists compiled into the plugins, by ISO 639-1 code. */
#ifndef TEXTKIT_STOPWORDS_H
#define TEXTKIT_STOPWORDS_H

#include <stddef.h>

/* The words of a language, lowercase, one space apart; NULL if none. */
const char *stopwords_list(const char *code);

/* The code of the i-th list, for walking them all; NULL past the end. */
const char *stopwords_code(size_t i);

#endif
