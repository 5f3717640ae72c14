/*
 * A host for plugins' unit tests: documents built by the core itself, so a
 * plugin is tested on exactly the tokens, sentences and paragraphs lectord
 * gives it, without loading it as a shared object.
 */
#ifndef LECTOR_TESTHOST_H
#define LECTOR_TESTHOST_H

#include <lector/plugin.h>

const lector_host *testhost(void);

/* A document of text (copied) and an optional title; NULL on no memory. */
lector_doc *testhost_doc(const char *text, const char *title);
void testhost_doc_free(lector_doc *doc);

/* Sets a result another plugin would have set ("language"); value stolen. */
void testhost_put(lector_doc *doc, const char *key, json_t *value);

/*
 * Lets the next set_result store under key, as the pipeline does before it
 * calls an annotator. key must live as long as the document (a literal).
 */
void testhost_key(lector_doc *doc, const char *key);

/* A result by key, borrowed; NULL when absent. */
json_t *testhost_get(lector_doc *doc, const char *key);

#endif
