/*
 * What a page says about itself, best source first: JSON-LD, OpenGraph
 * and article:* tags, other <meta> names, <time>, rel=author, and the
 * visible byline.
 */
#ifndef LECTOR_HTML_META_H
#define LECTOR_HTML_META_H

#include <stddef.h>

#include <libxml/tree.h>

enum meta_field {
	META_TITLE, META_BYLINE, META_PUBLISHED, META_MODIFIED, META_URL,
	META_LANG, META_SITE_NAME, META_DESCRIPTION, META_IMAGE, META_PUBLISHER,
	META_FIELDS
};

struct page_meta {
	char *value[META_FIELDS];	/* owned, UTF-8, or NULL */
	int rank[META_FIELDS];		/* of the source it came from: lower wins */
};

/* Collects every field the page gives. Returns 0 or -1 (out of memory). */
int meta_collect(xmlDoc *doc, struct page_meta *meta);

void meta_free(struct page_meta *meta);

/*
 * The charset the page declares in <meta charset> or an http-equiv
 * Content-Type among its first bytes; 1 when found, with name filled.
 */
int meta_declared_charset(const char *bytes, size_t len, char *name,
    size_t cap);

#endif
