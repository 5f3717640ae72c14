/* Plugin options: declared types, defaults, and the user's values. */
#ifndef LECTOR_OPTIONS_H
#define LECTOR_OPTIONS_H

#include <stddef.h>

#include <jansson.h>
#include <lector/plugin.h>

/*
 * Builds the options a plugin sees: base (or, when NULL, the declared
 * defaults) with the values of given (may be NULL) laid over it. Unknown
 * names and ill-typed values are refused with err naming the JSON path,
 * e.g. "plugins.summary.sentences: expected a whole number from 1 to 100".
 * Returns a new reference, or NULL with err filled.
 */
json_t *options_resolve(const lector_option *decl, const json_t *base,
    const json_t *given, const char *path, char *err, size_t errlen);

/* Checks that every declared default parses and fits its type. */
int options_check_declarations(const lector_option *decl, const char *who,
    char *err, size_t errlen);

#endif
