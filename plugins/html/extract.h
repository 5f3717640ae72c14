/* The main text of a page: which blocks a reader came to read. */
#ifndef LECTOR_HTML_EXTRACT_H
#define LECTOR_HTML_EXTRACT_H

#include <stddef.h>

#include "blocks.h"

/*
 * Chooses the blocks of the main content and joins them, one paragraph a
 * block, separated by blank lines. title (may be NULL): a heading that
 * repeats it is the headline, not body text. Returns a new string (owned
 * by the caller; empty when nothing readable was found) or NULL when out
 * of memory.
 */
char *extract_main_text(struct page *page, const char *title, size_t *len);

#endif
