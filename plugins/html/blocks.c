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
/* Less prose than this beside the comments: they are the page's content. */
#define ARTICLE_MIN_CHARS 800
/* Blocks this long (not mostly links) are paragraphs, not lines. */
#define PARAGRAPH_MIN_CHARS 60
/* This much prose in paragraphs is never a widget. */
#define LONG_PROSE_CHARS 1000

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
	"nav", "footer", "aside", "button", "label", "figure",
	"figcaption", "menu", NULL
};

/* Elements that begin a new block. */
static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "li", "ul", "ol", "dl",
	"dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
	"table", "tr", "td", "th", "tbody", "thead", "tfoot", "center",
	"address", "hr", "body", "html", "details", "summary", "caption",
	"fieldset", "form", "header", NULL
};

/*
 * Class and id words of page furniture (after Readability's list, widened
 * for share bars, cookie banners and recommendation widgets), and the
 * words that overrule them. Those below are furniture whatever they hold:
 * no share bar or cookie notice is ever the article.
 */
static const char *const boiler_names[] = {
	"disqus", "share", "sharing", "social", "menu", "breadcrumb", "cookie",
	"consent", "gdpr", "newsletter", "subscribe", "signup", "sign-up",
	"promo", "advert", "sponsor", "banner", "popup", "modal", "byline",
	"author", "caption", "outbrain", "taboola", "pagination", "pager",
	"skip-link", "masthead", "navbar", "-nav", "nav-", "tagcloud", "rss",
	"print-only", "toolbar", "breaking-news", "login", "shoutbox",
	"skyscraper", "ad-slot", "ad-container", "adsbygoogle", "ad-wrapper",
	"dateline", "timestamp", "post-meta", "entry-meta", "article-meta",
	"meta-data", "jp-relatedposts", "wp-block-buttons", "screen-reader",
	"visually-hidden", "sr-only", "userextras", "user-extras", "userinfo",
	"user-info", "postprofile", "poster-info", "user-details", "user-stats",
	"usertitle", "user-title", "signature", NULL
};

/*
 * Words that name furniture only most of the time: a "related" box or a
 * "sidebar" column can hold the article itself on a badly named page, and
 * a footer of an article can be its last paragraphs. Elements so named are
 * judged by what they hold (reads_as_prose), not by their name.
 */
static const char *const doubtful_names[] = {
	"comment", "related", "sidebar", "side-bar", "footer", "widget",
	"recommend", "tags", "read-more", "readmore", "more-stories",
	"trending", "popular", "copyright", "disclaimer", "supplemental",
	NULL
};

/*
 * Comments are prose too, but not the article's: they are kept, marked,
 * and the extractor decides whether the page is an article with comments
 * or a thread (blocks_drop_comments). Customer reviews are a product's
 * comments ("reviews", plural: a "review-body" is a critic's article).
 */
static const char *const comment_names[] = {
	"comment", "disqus", "respond", "reply", "replies", "reviews",
	"customer-review", "yotpo", NULL
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
	const char *name = (const char *)n->name;

	/* The first letter rules out most names without a call. */
	for (size_t i = 0; names[i] != NULL; i++)
		if (names[i][0] == name[0] && strcmp(name, names[i]) == 0)
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
names_match(const xmlNode *n, const char *const *words)
{
	return dom_names_match(dom_attr(n, "class"), words) ||
	    dom_names_match(dom_attr(n, "id"), words);
}

static int
is_main_marker(const xmlNode *n)
{
	const char *itemprop = dom_attr(n, "itemprop"), *role = dom_attr(n, "role");

	/* Themes mark up each comment as an <article>: that is no article. */
	if (dom_is(n, "article") && names_match(n, comment_names))
		return 0;
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

/*
 * Class names that hide an element in every stylesheet that uses them:
 * whole words only ("hide-on-mobile" shows on a desktop).
 */
static const char *const hiding_classes[] = {
	"hide", "hidden", "d-none", "is-hidden", "u-hidden", NULL
};

static int
has_class_word(const char *cls, const char *const *words)
{
	while (cls != NULL && *cls != '\0') {
		size_t len;
		while (*cls == ' ' || *cls == '\t' || *cls == '\n')
			cls++;
		len = strcspn(cls, " \t\n");
		for (size_t i = 0; len > 0 && words[i] != NULL; i++)
			if (strlen(words[i]) == len &&
			    strncasecmp(cls, words[i], len) == 0)
				return 1;
		cls += len;
	}
	return 0;
}

/*
 * A figure is an image and its caption, unless it frames a table, code or
 * a quotation (WordPress wraps every table in <figure class=
 * "wp-block-table">): those are text. Looks a few levels down only.
 */
static int
frames_text(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c != NULL && depth < 4; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || dom_is(c, "figcaption"))
			continue;
		if (dom_is(c, "table") || dom_is(c, "pre") || dom_is(c, "blockquote") ||
		    frames_text(c, depth + 1))
			return 1;
	}
	return 0;
}

static int
is_furniture_tag(const xmlNode *n)
{
	if (dom_is(n, "figure"))
		return !frames_text(n, 0);
	return is_one_of(n, furniture_tags);
}

static int
is_hidden(const xmlNode *n)
{
	const char *style = dom_attr(n, "style"), *aria = dom_attr(n, "aria-hidden");
	const char *cls = dom_attr(n, "class");

	if (dom_attr(n, "hidden") != NULL)
		return 1;
	/* "hidden md:flex" (Tailwind) shows on all but small screens. */
	if (has_class_word(cls, hiding_classes) && strchr(cls, ':') == NULL)
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

/*
 * Overlays (a dialog, a cookie prompt, terms of service in
 * a modal) cover the page rather than belong to it: left out on the
 * second look too, when no other name is trusted.
 */
static const char *const overlay_names[] = {
	"modal", "popup", "cookie", "consent", "gdpr", NULL
};

static int
is_overlay(const xmlNode *n)
{
	const char *role = dom_attr(n, "role");

	if (dom_is(n, "body") || dom_is(n, "html"))
		return 0;
	if (role != NULL && (strcasecmp(role, "dialog") == 0 ||
	    strcasecmp(role, "alertdialog") == 0))
		return 1;
	return names_match(n, overlay_names);
}

enum naming { NAMED_CONTENT, NAMED_DOUBTFUL, NAMED_COMMENTS, NAMED_FURNITURE };

/* What an element's role, class and id say it is. */
static enum naming
naming_of(const xmlNode *n)
{
	const char *role = dom_attr(n, "role");

	if (dom_is(n, "body") || dom_is(n, "html") || dom_is(n, "article") ||
	    dom_is(n, "main") || dom_is(n, "a"))
		return NAMED_CONTENT;
	if (role != NULL && (strcasecmp(role, "navigation") == 0 ||
	    strcasecmp(role, "complementary") == 0 ||
	    strcasecmp(role, "contentinfo") == 0 ||
	    strcasecmp(role, "banner") == 0 || strcasecmp(role, "menu") == 0 ||
	    strcasecmp(role, "dialog") == 0 || strcasecmp(role, "alert") == 0))
		return NAMED_FURNITURE;
	/* "entry-comments", "comments-area column-content": comments first. */
	if (names_match(n, comment_names))
		return NAMED_COMMENTS;
	if (names_match(n, keep_names))
		return NAMED_CONTENT;
	if (names_match(n, boiler_names))
		return NAMED_FURNITURE;
	if (names_match(n, doubtful_names))
		return NAMED_DOUBTFUL;
	return NAMED_CONTENT;
}

static int
is_sentence_end(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];

	if ((c == '.' || c == '!' || c == '?') && (i + 1 == len || s[i + 1] == ' ' ||
	    s[i + 1] == '\n' || s[i + 1] == '"' || s[i + 1] == ')'))
		return 1;
	/* U+3002 。 U+FF01 ！ U+FF1F ？ */
	return i + 2 < len && ((c == 0xe3 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x82) || (c == 0xef &&
	    (unsigned char)s[i + 1] == 0xbc && ((unsigned char)s[i + 2] == 0x81 ||
	    (unsigned char)s[i + 2] == 0x9f)));
}

/*
 * Whether the blocks from first on read as running text: few of their
 * characters in links, whole sentences, and most of the text in blocks of
 * paragraph length rather than a column of short lines. A container with
 * a long run of prose passes even if lists fill the rest (a recipe, a
 * meal plan): widgets never hold that much.
 */
static int
reads_as_prose(const struct page *page, size_t first)
{
	size_t chars = 0, links = 0, sentences = 0, paragraphs = 0;

	for (size_t i = first; i < page->n_blocks; i++) {
		const struct block *b = &page->blocks[i];
		chars += b->chars;
		links += b->link_chars;
		if (b->link_chars * 2 >= b->chars)
			continue;
		if (b->chars >= PARAGRAPH_MIN_CHARS)
			paragraphs += b->chars;
		for (size_t j = 0; j < b->len; j++)
			sentences += is_sentence_end(page->text + b->start, j, b->len);
	}
	if (paragraphs < 150 || sentences < 2 || links * 4 > chars)
		return 0;
	return paragraphs * 2 >= chars || paragraphs >= LONG_PROSE_CHARS;
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
	enum naming naming = NAMED_CONTENT;
	size_t first_block = 0, first_byte = 0;

	if (is_one_of(n, skipped))
		return;
	/*
	 * What a page shows without scripts ("enable JavaScript", a tracking
	 * pixel, a copy of the lead image) is read only on the second look,
	 * for pages that have nothing else.
	 */
	if (dom_is(n, "noscript") && !w->page->keep_named)
		return;
	if (dom_is(n, "br")) {
		line_break(w);
		return;
	}
	is_block = is_one_of(n, block_tags);
	if (is_overlay(n) && !holds_main(w->page, n))
		return;
	if (!w->page->keep_named && !holds_main(w->page, n)) {
		if (is_hidden(n) || is_furniture_tag(n))
			return;
		naming = naming_of(n);
		/*
		 * A header is the page's furniture unless it reads as prose:
		 * site builders (Webflow's <header class="rich-text">) put
		 * whole articles in one. Footers that read as prose are
		 * disclaimers.
		 */
		if (dom_is(n, "header") && naming == NAMED_CONTENT)
			naming = NAMED_DOUBTFUL;
		/* Only a block can be judged by its blocks. */
		if (naming == NAMED_FURNITURE || (naming != NAMED_CONTENT &&
		    !is_block))
			return;
	}
	if (is_block) {
		close_block(w);
		first_block = w->page->n_blocks;
		first_byte = w->page->text_len;
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
		if (naming != NAMED_CONTENT &&
		    !reads_as_prose(w->page, first_block)) {
			w->page->n_blocks = first_block;
			w->page->text_len = first_byte;
			w->cur.start = first_byte;
		} else if (naming == NAMED_COMMENTS)
			for (size_t i = first_block; i < w->page->n_blocks; i++)
				w->page->blocks[i].comment = 1;
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

/*
 * A page is a thread, and its comments its content, when they hold more
 * prose than everything else on it and there is no article beside them
 * (a news story under 80 comments is still the story); otherwise they are
 * what follows the article, and go.
 */
void
blocks_drop_comments(struct page *page)
{
	size_t in_comments = 0, elsewhere = 0, kept = 0;

	for (size_t i = 0; i < page->n_blocks; i++) {
		const struct block *b = &page->blocks[i];
		if (b->link_chars * 2 >= b->chars)
			continue;
		if (b->comment)
			in_comments += b->chars;
		else
			elsewhere += b->chars;
	}
	if (in_comments > elsewhere && elsewhere < ARTICLE_MIN_CHARS)
		return;
	for (size_t i = 0; i < page->n_blocks; i++)
		if (!page->blocks[i].comment)
			page->blocks[kept++] = page->blocks[i];
	page->n_blocks = kept;
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
