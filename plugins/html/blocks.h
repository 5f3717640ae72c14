/*
 * A page as a list of text blocks, in document order: each paragraph,
 * heading, list item, quotation or cell, with the counts the extractor
 * weighs (characters, characters inside links, commas). Elements that
 * hold blocks get a struct node_info through their _private pointer.
 */
#ifndef LECTOR_HTML_BLOCKS_H
#define LECTOR_HTML_BLOCKS_H

#include <stddef.h>

#include <libxml/tree.h>

enum block_kind {
	BLOCK_TEXT, BLOCK_HEADING, BLOCK_ITEM, BLOCK_QUOTE, BLOCK_PRE,
	BLOCK_CELL
};

struct block {
	size_t start, len;		/* bytes in page.text */
	size_t chars, link_chars, commas;
	enum block_kind kind;
	int heading_level;		/* 1..6 for BLOCK_HEADING */
	xmlNode *element;		/* the block-level element around it */
	int own_text;			/* text directly in a container (div) */
	int comment;			/* in an element named as comments */
};

/* What an element sums up of the blocks under it; kept in _private. */
struct node_info {
	double score;
	size_t chars, link_chars;
	size_t good_chars;		/* in blocks of prose, not of links */
	int scored;			/* score initialised from tag and names */
	int included;			/* part of the main content */
	int holds_main;			/* an <article>, <main> or <h1> is under it */
};

struct page {
	char *text;			/* every block's text, back to back */
	size_t text_len, text_cap;
	struct block *blocks;
	size_t n_blocks, blocks_cap;
	struct node_info *infos;	/* indexed by (uintptr_t)_private - 1 */
	size_t n_infos, infos_cap;
	int failed;			/* out of memory along the way */
	int keep_named;			/* keep elements named like furniture */
};

/*
 * Walks the tree under root into blocks, leaving out what is never text
 * (scripts, styles, forms' controls, hidden elements), navigation, and,
 * unless page->keep_named, elements whose class or id names boilerplate.
 * Returns 0 or -1 (memory).
 */
int blocks_collect(xmlNode *root, struct page *page);

/*
 * Leaves out the blocks of comments unless they are most of the page's
 * prose (a forum thread, a page of replies).
 */
void blocks_drop_comments(struct page *page);

/* The element's info, created on first use; NULL when out of memory. */
struct node_info *page_info(struct page *page, xmlNode *node);

/* The element's info if it has one. */
struct node_info *page_info_get(const struct page *page, const xmlNode *node);

/* Forgets the blocks and the infos of the tree under root, for a new walk. */
void page_reset(struct page *page, xmlNode *root);

void page_free(struct page *page);

#endif
