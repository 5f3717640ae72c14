/*
 * The walk that turns a tree into blocks. It is recursive but stops at
 * MAX_DEPTH: a page of 100,000 nested tags must cost neither the stack
 * nor quadratic time. Text below that depth is dropped, which no real
 * article needs.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "blocks.h"
#include "dom.h"

#define MAX_DEPTH 200

/* Never text a reader reads. */
static const char *const skipped[] = {
	"script", "style", "template", "svg", "math", "iframe",
	"object", "embed", "canvas", "video", "audio", "head", "select",
	"option", "textarea", "input", "dialog", "picture", "frameset",
	"frame", "map", NULL
};

/*
 * Page furniture by its tag. Left out like furniture by its class name,
 * and kept like it on a second look: markup that HTML 4 rules misnest
 * (an unclosed <button> in a header) can hold the whole article.
 */
static const char *const furniture_tags[] = {
	"nav", "header", "footer", "aside", "button", "label", "figure",
	"figcaption", "menu", NULL
};

/* Elements that begin a new block. */
static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "li", "ul", "ol", "dl",
	"dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
	"table", "tr", "td", "th", "tbody", "thead", "tfoot", "center",
	"address", "hr", "body", "html", "details", "summary", "caption",
	"fieldset", "form", NULL
};

/*
 * Class and id words of page furniture (after Readability's list, widened
 * for share bars, cookie banners and recommendation widgets), and the
 * words that overrule them.
 */
static const char *const boiler_names[] = {
	"comment", "disqus", "share", "sharing", "social", "related",
	"sidebar", "side-bar", "footer", "menu", "breadcrumb", "cookie",
	"consent", "gdpr", "newsletter", "subscribe", "signup", "sign-up",
	"promo", "advert", "sponsor", "banner", "popup", "modal", "byline",
	"author", "caption", "widget", "recommend", "outbrain", "taboola",
	"pagination", "pager", "skip-link", "masthead", "navbar", "-nav",
	"nav-", "social", "tags", "tagcloud", "rss", "print-only",
	"read-more", "readmore", "more-stories", "trending", "popular",
	"toolbar", "breaking-news", "login", "copyright", "disclaimer",
	"shoutbox", "supplemental", "skyscraper", "ad-slot", "ad-container",
	"adsbygoogle", "ad-wrapper", "dateline", "timestamp", "post-meta",
	"entry-meta", "article-meta", "meta-data", "jp-relatedposts",
	"wp-block-buttons", "screen-reader", "visually-hidden", "sr-only",
	NULL
};

static const char *const keep_names[] = {
	"article", "content", "main", "body", "entry", "post-body", "story",
	"text", "column", NULL
};

struct walk {
	struct page *page;
	struct block cur;		/* being filled; len counts its bytes */
	xmlNode *block_el;		/* the block-level element we are in */
	int in_link;
	int in_pre;
};

static int
is_one_of(const xmlNode *n, const char *const *names)
{
	for (size_t i = 0; names[i] != NULL; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

struct node_info *
page_info_get(const struct page *page, const xmlNode *node)
{
	uintptr_t i = (uintptr_t)node->_private;

	return i > 0 && i <= page->n_infos ? &page->infos[i - 1] : NULL;
}

struct node_info *
page_info(struct page *page, xmlNode *node)
{
	struct node_info *info = page_info_get(page, node);

	if (info != NULL)
		return info;
	if (page->n_infos == page->infos_cap) {
		size_t cap = page->infos_cap ? page->infos_cap * 2 : 256;
		struct node_info *v = realloc(page->infos, cap * sizeof(*v));
		if (v == NULL)
			return NULL;
		page->infos = v;
		page->infos_cap = cap;
	}
	info = &page->infos[page->n_infos++];
	memset(info, 0, sizeof(*info));
	node->_private = (void *)(uintptr_t)page->n_infos;
	return info;
}

static int
holds_main(const struct page *page, const xmlNode *n)
{
	const struct node_info *info = page_info_get(page, n);

	return info != NULL && info->holds_main;
}

static int
is_main_marker(const xmlNode *n)
{
	const char *itemprop = dom_attr(n, "itemprop"), *role = dom_attr(n, "role");

	return dom_is(n, "article") || dom_is(n, "main") || dom_is(n, "h1") ||
	    (itemprop != NULL && strcasestr(itemprop, "articleBody") != NULL) ||
	    (role != NULL && strcasecmp(role, "main") == 0);
}

/*
 * Marks the elements above each article, main or h1: whatever their class
 * name says ("sidebar-container" around a whole blog), they are not
 * furniture. Returns -1 when out of memory.
 */
static int
mark_main_holders(struct page *page, xmlNode *n, int depth)
{
	for (; n != NULL && depth <= MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || is_one_of(n, skipped))
			continue;
		if (is_main_marker(n))
			for (xmlNode *up = n->parent; up != NULL &&
			    up->type == XML_ELEMENT_NODE; up = up->parent) {
				struct node_info *info = page_info(page, up);
				if (info == NULL)
					return -1;
				if (info->holds_main)
					break;
				info->holds_main = 1;
			}
		if (mark_main_holders(page, n->children, depth + 1) < 0)
			return -1;
	}
	return 0;
}

static int
is_hidden(const xmlNode *n)
{
	const char *style = dom_attr(n, "style"), *aria = dom_attr(n, "aria-hidden");

	if (dom_attr(n, "hidden") != NULL)
		return 1;
	if (aria != NULL && strcasecmp(aria, "true") == 0)
		return 1;
	if (style != NULL && (strcasestr(style, "display:none") ||
	    strcasestr(style, "display: none") ||
	    strcasestr(style, "visibility:hidden") ||
	    strcasestr(style, "visibility: hidden")))
		return 1;
	return 0;
}

static int
is_boilerplate(const xmlNode *n)
{
	const char *cls = dom_attr(n, "class"), *id = dom_attr(n, "id");
	const char *role = dom_attr(n, "role");

	if (dom_is(n, "body") || dom_is(n, "html") || dom_is(n, "article") ||
	    dom_is(n, "main") || dom_is(n, "a"))
		return 0;
	if (role != NULL && (strcasecmp(role, "navigation") == 0 ||
	    strcasecmp(role, "complementary") == 0 ||
	    strcasecmp(role, "contentinfo") == 0 ||
	    strcasecmp(role, "banner") == 0 || strcasecmp(role, "menu") == 0 ||
	    strcasecmp(role, "dialog") == 0 || strcasecmp(role, "alert") == 0))
		return 1;
	if (!dom_names_match(cls, boiler_names) && !dom_names_match(id, boiler_names))
		return 0;
	return !dom_names_match(cls, keep_names) && !dom_names_match(id, keep_names);
}

static int
grow_text(struct page *page, size_t more)
{
	if (page->text_len + more + 1 <= page->text_cap)
		return 0;
	size_t cap = page->text_cap ? page->text_cap : 4096;
	while (cap < page->text_len + more + 1)
		cap *= 2;
	char *t = realloc(page->text, cap);
	if (t == NULL)
		return -1;
	page->text = t;
	page->text_cap = cap;
	return 0;
}

/* Ends the block being filled: trims it and keeps it if any text is left. */
static void
close_block(struct walk *w)
{
	struct page *page = w->page;
	struct block *b = &w->cur;

	while (b->len > 0 && page->text[b->start + b->len - 1] == ' ')
		b->len--;
	page->text_len = b->start + b->len;
	if (b->chars > 0 && b->len > 0) {
		if (page->n_blocks == page->blocks_cap) {
			size_t cap = page->blocks_cap ? page->blocks_cap * 2 : 128;
			struct block *v = realloc(page->blocks, cap * sizeof(*v));
			if (v == NULL) {
				page->failed = 1;
				return;
			}
			page->blocks = v;
			page->blocks_cap = cap;
		}
		page->blocks[page->n_blocks++] = *b;
	} else
		page->text_len = b->start;
	/* The next block continues in the same element, of the same kind. */
	b->start = page->text_len;
	b->len = b->chars = b->link_chars = b->commas = 0;
}

static int
is_cjk_comma(const unsigned char *s)
{
	/* U+3001 、 and U+FF0C ， */
	return (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x81) ||
	    (s[0] == 0xef && s[1] == 0xbc && s[2] == 0x8c);
}

static void
add_text(struct walk *w, const char *s)
{
	struct page *page = w->page;
	struct block *b = &w->cur;
	size_t n = strlen(s);

	if (grow_text(page, n) < 0) {
		page->failed = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char *out = page->text + b->start;
		if (isspace(c) || (c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xa0)) {
			if (c == 0xc2)
				i++;
			if (b->len > 0 && out[b->len - 1] != ' ' &&
			    out[b->len - 1] != '\n')
				out[b->len++] = ' ';
			continue;
		}
		out[b->len++] = (char)c;
		if ((c & 0xc0) != 0x80) {
			b->chars++;
			if (w->in_link)
				b->link_chars++;
		}
		if (c == ',' || (i + 2 < n && is_cjk_comma((const unsigned char *)s + i)))
			b->commas++;
	}
	page->text_len = b->start + b->len;
}

static void
line_break(struct walk *w)
{
	struct block *b = &w->cur;
	char *out;

	if (b->len == 0 || grow_text(w->page, 1) < 0)
		return;
	out = w->page->text + b->start;
	if (out[b->len - 1] == ' ')
		b->len--;
	if (b->len > 0 && out[b->len - 1] != '\n')
		out[b->len++] = '\n';
	w->page->text_len = b->start + b->len;
}

static enum block_kind
kind_of(const xmlNode *n, int *level)
{
	const char *name = (const char *)n->name;

	*level = 0;
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0') {
		*level = name[1] - '0';
		return BLOCK_HEADING;
	}
	if (dom_is(n, "li") || dom_is(n, "dd") || dom_is(n, "dt"))
		return BLOCK_ITEM;
	if (dom_is(n, "blockquote"))
		return BLOCK_QUOTE;
	if (dom_is(n, "pre"))
		return BLOCK_PRE;
	if (dom_is(n, "td") || dom_is(n, "th"))
		return BLOCK_CELL;
	return BLOCK_TEXT;
}

static int
is_container(const xmlNode *n)
{
	return dom_is(n, "div") || dom_is(n, "section") || dom_is(n, "article") ||
	    dom_is(n, "main") || dom_is(n, "body") || dom_is(n, "center") ||
	    dom_is(n, "form") || dom_is(n, "html") || dom_is(n, "fieldset") ||
	    dom_is(n, "details");
}

static void visit_children(struct walk *w, xmlNode *n, int depth);

static void
visit_element(struct walk *w, xmlNode *n, int depth)
{
	int is_block, level, is_link = dom_is(n, "a");
	struct block outer = w->cur;
	xmlNode *outer_el = w->block_el;
	enum block_kind kind;

	if (is_one_of(n, skipped))
		return;
	if (!w->page->keep_named && !holds_main(w->page, n) && (is_hidden(n) ||
	    is_one_of(n, furniture_tags) || is_boilerplate(n)))
		return;
	if (dom_is(n, "br")) {
		line_break(w);
		return;
	}
	is_block = is_one_of(n, block_tags);
	if (is_block) {
		close_block(w);
		kind = kind_of(n, &level);
		/* A paragraph in a list item or quotation keeps that kind. */
		if (kind != BLOCK_TEXT || outer.kind == BLOCK_TEXT ||
		    outer.kind == BLOCK_CELL) {
			w->cur.kind = kind;
			w->cur.heading_level = level;
		}
		w->block_el = n;
		w->cur.element = n;
		w->cur.own_text = is_container(n);
	}
	w->in_link += is_link;
	visit_children(w, n, depth + 1);
	w->in_link -= is_link;
	if (is_block) {
		close_block(w);
		w->block_el = outer_el;
		w->cur.element = outer.element;
		w->cur.kind = outer.kind;
		w->cur.heading_level = outer.heading_level;
		w->cur.own_text = outer.own_text;
	}
}

static void
visit_children(struct walk *w, xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (xmlNode *c = n->children; c != NULL && !w->page->failed; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				add_text(w, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE)
			visit_element(w, c, depth);
	}
}

int
blocks_collect(xmlNode *root, struct page *page)
{
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.page = page;
	if (grow_text(page, 0) < 0)
		return -1;
	if (mark_main_holders(page, root, 0) < 0)
		return -1;
	w.block_el = root;
	w.cur.element = root;
	w.cur.own_text = 1;
	visit_children(&w, root, 0);
	close_block(&w);
	return page->failed ? -1 : 0;
}

static void
clear_infos(xmlNode *n, int depth)
{
	for (; n != NULL && depth <= MAX_DEPTH + 1; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			n->_private = NULL;
			clear_infos(n->children, depth + 1);
		}
}

void
page_reset(struct page *page, xmlNode *root)
{
	clear_infos(root, 0);
	page->text_len = 0;
	page->n_blocks = 0;
	page->n_infos = 0;
	page->failed = 0;
}

void
page_free(struct page *page)
{
	free(page->text);
	free(page->blocks);
	free(page->infos);
	memset(page, 0, sizeof(*page));
}
