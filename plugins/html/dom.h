/* Small questions about libxml2 nodes, asked the same way everywhere. */
#ifndef LECTOR_HTML_DOM_H
#define LECTOR_HTML_DOM_H

#include <stddef.h>

#include <libxml/tree.h>

/* Whether node is an element of that (lower-case) name. */
int dom_is(const xmlNode *node, const char *name);

/* The attribute's value, or NULL; borrowed from the tree. */
const char *dom_attr(const xmlNode *node, const char *name);

/*
 * The text under node, spaces collapsed, appended to buf (at most cap - 1
 * bytes, NUL-terminated); returns the new length. Skips scripts and styles.
 */
size_t dom_text(const xmlNode *node, char *buf, size_t len, size_t cap);

/* Whether a class or id list holds one of words as a substring, any case. */
int dom_names_match(const char *names, const char *const *words);

#endif
