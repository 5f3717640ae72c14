/* The output object of one article (schema lector/1). */
#ifndef LECTOR_OUTPUT_H
#define LECTOR_OUTPUT_H

#include <jansson.h>

#include "document.h"

/* How outputs are written: one line, reals short enough to read. */
#define OUTPUT_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(6))

/* How files are written: indented for people, reals short enough to read. */
#define OUTPUT_FILE_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(6))

/*
 * Writes doc and a newline to fd through a buffer of 64 KB, never the
 * whole text in memory. Returns 0, or -1 with errno set; fd may then
 * hold part of the output.
 */
int output_write_fd(int fd, const json_t *doc, size_t flags);

/* A new reference; pipeline (stolen) lists the plugins that ran. */
json_t *output_document(const struct lector_doc *doc, json_t *pipeline);

#endif
