/* The output object of one article (schema lector/1). */
#ifndef LECTOR_OUTPUT_H
#define LECTOR_OUTPUT_H

#include <jansson.h>

#include "document.h"

/* How outputs are written: one line, reals short enough to read. */
#define OUTPUT_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(6))

/* A new reference; pipeline (stolen) lists the plugins that ran. */
json_t *output_document(const struct lector_doc *doc, json_t *pipeline);

#endif
