/*
 * Main-text extraction, in three steps.
 *
 * 1. Each block of prose scores the elements above it, as Readability
 *    does: more for long text and commas, less with every level up; an
 *    element's tag and its class or id words add or take off. An
 *    element's score is then discounted by the share of its text that
 *    sits in links (menus, lists of related articles).
 * 2. The best element is the body of the article; its siblings join when
 *    they score close to it or hold plain prose, since an article is often
 *    split over several containers.
 * 3. Inside, each block is kept or dropped on its own evidence: link
 *    density, and short lines of furniture ("Advertisement", "Share").
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date/date.h"
#include "dom.h"
#include "extract.h"

#define LEVELS_SCORED 5
#define MIN_SCORED_CHARS 25
#define ANCESTORS_MAX 400
#define PROSE_MIN_CHARS 10
/* A parent holding this much more prose than the best element is the body. */
#define PROMOTE_RATIO 1.5
/* Parts of one article: a class word this long, prose this long. */
#define PART_CLASS_MIN 4
#define PART_MIN_CHARS 200
#define PART_LEVELS 8
/* Less than this found, in a <main> this much larger: the page is a list. */
#define SLIVER_BYTES 500
#define LISTING_RATIO 3
#define LISTING_MIN_CHARS 300

static const char *const positive_names[] = {
	"article", "body", "content", "entry", "hentry", "main", "page",
	"pagination", "post", "text", "blog", "story", "prose", "rich-text",
	NULL
};

static const char *const negative_names[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"foot", "footer", "footnote", "gdpr", "masthead", "media", "meta",
	"outbrain", "promo", "related", "scroll", "share", "shoutbox",
	"sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool",
	"widget", "nav", "menu", NULL
};

/* Whole blocks that are furniture wherever they stand. */
static const char *const furniture[] = {
	"advertisement", "advertising", "share", "share this", "share this article",
	"tweet", "print", "email", "comments", "read more", "continue reading",
	"subscribe", "sign up", "log in", "sponsored", "related", "related articles",
	"skip to content", "back to top", "loading...", "you may also like",
	"you might also like", "you may also enjoy", "related content",
	"related posts", "related stories", "related news", "read next",
	"read more stories", "more stories", "more from this author",
	"recommended for you", "recommended reading", "most popular",
	"most read", "trending now", "subscribe now", "download now",
	"subscribe to our newsletter", "sign up for our newsletter",
	"join our newsletter", "follow us", "leave a comment",
	"leave a reply", "view comments", "show comments", "table of contents",
	"contents", "in this article", "on this page", "jump to",
	"skip to main content", "toggle", "print this page", "print this article",
	"reading time", "estimated reading time", "article continues below",
	"story continues below", "this slideshow requires javascript",
	"advertisement - continue reading below", "scroll to continue",
	"listen to this article", NULL
};

/*
 * Lines that point away from the article: "Read more: <another story>",
 * "Related: …", and calls to subscribe. Only short ones, and only those
 * that link somewhere or ask for an inbox: a sentence that begins
 * "Related to this, …" is prose.
 */
static const char *const teaser_prefixes[] = {
	"read more:", "read more -", "read more about", "read also:",
	"also read:", "related:", "related article:", "related story:",
	"read next:", "see more:", "more:", "watch:", "listen:",
	"click here", "read the full story", "read the full article",
	"continue reading", "read more", NULL
};

static const char *const signup_prefixes[] = {
	"subscribe", "sign up", "join our", "get our", "get the latest",
	"never miss", "stay up to date", "don't miss", NULL
};

#define TEASER_MAX_CHARS 200
/* A linked heading before this much prose heads it. */
#define LINKED_HEADING_PROSE 150

static double
class_weight(const xmlNode *n)
{
	double w = 0;
	const char *cls = dom_attr(n, "class"), *id = dom_attr(n, "id");

	if (dom_names_match(cls, negative_names))
		w -= 25;
	if (dom_names_match(cls, positive_names))
		w += 25;
	if (dom_names_match(id, negative_names))
		w -= 25;
	if (dom_names_match(id, positive_names))
		w += 25;
	if (dom_attr(n, "itemprop") != NULL &&
	    strcasestr(dom_attr(n, "itemprop"), "articleBody") != NULL)
		w += 50;
	return w;
}

static double
tag_weight(const xmlNode *n)
{
	if (dom_is(n, "article") || dom_is(n, "main"))
		return 10;
	if (dom_is(n, "div"))
		return 5;
	if (dom_is(n, "pre") || dom_is(n, "td") || dom_is(n, "blockquote"))
		return 3;
	if (dom_is(n, "ol") || dom_is(n, "ul") || dom_is(n, "dl") ||
	    dom_is(n, "dd") || dom_is(n, "dt") || dom_is(n, "li") ||
	    dom_is(n, "address") || dom_is(n, "form"))
		return -3;
	if (dom_is(n, "th") || (n->name[0] == 'h' && isdigit(n->name[1])))
		return -5;
	return 0;
}

static double
link_density(const struct node_info *info)
{
	return info->chars > 0 ? (double)info->link_chars / info->chars : 0;
}

static int
is_prose(const struct block *b)
{
	return b->chars >= PROSE_MIN_CHARS && b->link_chars * 2 < b->chars;
}

/* Each block's characters counted in every element above it. */
static int
sum_up(struct page *page)
{
	for (size_t i = 0; i < page->n_blocks; i++) {
		const struct block *b = &page->blocks[i];
		int depth = 0;
		for (xmlNode *n = b->element; n != NULL && n->type ==
		    XML_ELEMENT_NODE && depth < ANCESTORS_MAX; n = n->parent, depth++) {
			struct node_info *info = page_info(page, n);
			if (info == NULL)
				return -1;
			info->chars += b->chars;
			info->link_chars += b->link_chars;
			if (is_prose(b))
				info->good_chars += b->chars;
		}
	}
	return 0;
}

static int
score_blocks(struct page *page)
{
	for (size_t i = 0; i < page->n_blocks; i++) {
		const struct block *b = &page->blocks[i];
		xmlNode *n = b->own_text ? b->element : b->element->parent;
		double s;

		if (b->chars < MIN_SCORED_CHARS || b->kind == BLOCK_HEADING)
			continue;
		s = 1 + (double)b->commas + (b->chars / 100.0 < 3 ? b->chars / 100.0 : 3);
		for (int level = 0; level < LEVELS_SCORED && n != NULL &&
		    n->type == XML_ELEMENT_NODE; level++, n = n->parent) {
			struct node_info *info = page_info(page, n);
			if (info == NULL)
				return -1;
			if (!info->scored) {
				info->score = tag_weight(n) + class_weight(n);
				info->scored = 1;
			}
			info->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
	return 0;
}

static xmlNode *
best_element(struct page *page)
{
	xmlNode *best = NULL;
	double best_score = 0;

	for (size_t i = 0; i < page->n_blocks; i++) {
		int depth = 0;
		for (xmlNode *n = page->blocks[i].element; n != NULL &&
		    n->type == XML_ELEMENT_NODE && depth < LEVELS_SCORED + 2;
		    n = n->parent, depth++) {
			struct node_info *info = page_info_get(page, n);
			if (info == NULL || !info->scored)
				continue;
			double s = info->score * (1 - link_density(info));
			if (best == NULL || s > best_score) {
				best = n;
				best_score = s;
			}
		}
	}
	return best;
}

static double
final_score(const struct page *page, const xmlNode *n)
{
	const struct node_info *info = page_info_get(page, n);

	return info != NULL && info->scored ?
	    info->score * (1 - link_density(info)) : 0;
}

static int
same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = dom_attr(a, "class"), *cb = dom_attr(b, "class");

	return ca != NULL && cb != NULL && ca[0] != '\0' && strcmp(ca, cb) == 0;
}

/*
 * Whether the prose that up holds besides the branch of top is spread over
 * two children or more (the other posts of a thread, the other sections of
 * a manual) rather than held by one (a sidebar column beside an article).
 * Asked of articles only: a short item's parent is its list, however the
 * list is laid out.
 */
#define SPREAD_MIN_CHARS 100
/* An element with this much prose is an article, not an item of a list. */
#define ARTICLE_CHARS 1500

static int is_under(const xmlNode *n, const xmlNode *top);

static int
prose_spread(const struct page *page, const xmlNode *up, const xmlNode *top)
{
	int holders = 0;

	for (const xmlNode *c = up->children; c != NULL && holders < 2;
	    c = c->next) {
		const struct node_info *info;
		if (c->type != XML_ELEMENT_NODE || is_under(top, c) ||
		    (info = page_info_get(page, c)) == NULL)
			continue;
		holders += info->good_chars >= SPREAD_MIN_CHARS;
	}
	return holders >= 2;
}

/*
 * The best element is often one part of the content: a post among posts,
 * a section of a manual. Its parents take its place while they hold
 * clearly more prose and are not mostly links.
 */
static xmlNode *
widen(struct page *page, xmlNode *top)
{
	struct node_info *best = page_info_get(page, top);
	int depth = 0;

	for (xmlNode *up = top->parent; best != NULL && up != NULL &&
	    up->type == XML_ELEMENT_NODE && depth < ANCESTORS_MAX;
	    up = up->parent, depth++) {
		struct node_info *info = page_info_get(page, up);
		if (info != NULL && info->good_chars >= best->good_chars *
		    PROMOTE_RATIO && link_density(info) <= 0.5 &&
		    (best->good_chars < ARTICLE_CHARS ||
		    prose_spread(page, up, top))) {
			top = up;
			best = info;
		}
	}
	return top;
}

/* The best element and those of its siblings that belong with it. */
static void
mark_included(struct page *page, xmlNode *top)
{
	double top_score = final_score(page, top);
	double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
	xmlNode *parent = top->parent;

	page_info(page, top)->included = 1;
	if (parent == NULL || parent->type != XML_ELEMENT_NODE)
		return;
	for (xmlNode *s = parent->children; s != NULL; s = s->next) {
		struct node_info *info;
		double bonus;

		if (s == top || s->type != XML_ELEMENT_NODE ||
		    (info = page_info_get(page, s)) == NULL)
			continue;
		bonus = same_class(s, top) ? top_score * 0.2 : 0;
		if (final_score(page, s) + bonus >= threshold ||
		    ((dom_is(s, "p") || dom_is(s, "ul") || dom_is(s, "ol") ||
		    dom_is(s, "blockquote") || dom_is(s, "h2") || dom_is(s, "h3")) &&
		    link_density(info) < 0.25 && info->chars > 0))
			info->included = 1;
	}
}

/* The length of the first word of a class attribute; 0 without one. */
static size_t
first_class(const xmlNode *n, const char **cls)
{
	const char *c = dom_attr(n, "class");

	if (c == NULL)
		return 0;
	while (*c == ' ')
		c++;
	*cls = c;
	return strcspn(c, " \t\n");
}

/*
 * An article split in parts that do not share a parent ("story-body
 * story-body-1" in one column, "story-body story-body-2" further down):
 * elements of the same tag whose class begins with the same word as the
 * best element's, and that hold prose, are part of it too.
 */
static void
mark_parts(struct page *page, const xmlNode *top)
{
	const char *want, *cls;
	size_t len = first_class(top, &want);
	char word[64];

	if (len < PART_CLASS_MIN || len >= sizeof(word))
		return;
	/* Only a word that names an article's text, not a layout's column. */
	memcpy(word, want, len);
	word[len] = '\0';
	if (!dom_names_match(word, positive_names))
		return;
	for (size_t i = 0; i < page->n_blocks; i++) {
		int depth = 0;
		for (xmlNode *n = page->blocks[i].element; n != NULL &&
		    n->type == XML_ELEMENT_NODE && depth < PART_LEVELS;
		    n = n->parent, depth++) {
			struct node_info *info = page_info_get(page, n);
			if (info == NULL || info->included || n->name == NULL ||
			    strcmp((const char *)n->name, (const char *)top->name) != 0 ||
			    first_class(n, &cls) != len || strncmp(cls, want, len) != 0)
				continue;
			if (info->good_chars >= PART_MIN_CHARS &&
			    link_density(info) < 0.25)
				info->included = 1;
		}
	}
}

static int
in_included(const struct page *page, const xmlNode *n)
{
	for (int depth = 0; n != NULL && n->type == XML_ELEMENT_NODE &&
	    depth < ANCESTORS_MAX; n = n->parent, depth++) {
		const struct node_info *info = page_info_get(page, n);
		if (info != NULL && info->included)
			return 1;
	}
	return 0;
}

static int
is_furniture(const char *s, size_t len)
{
	if (len > 40)
		return 0;
	while (len > 0 && (ispunct((unsigned char)s[len - 1]) ||
	    isspace((unsigned char)s[len - 1])))
		len--;
	for (size_t i = 0; furniture[i] != NULL; i++)
		if (strlen(furniture[i]) == len && strncasecmp(s, furniture[i], len) == 0)
			return 1;
	return 0;
}

static int
starts_with_one(const char *s, size_t len, const char *const *prefixes)
{
	for (size_t i = 0; prefixes[i] != NULL; i++) {
		size_t n = strlen(prefixes[i]);
		if (n <= len && strncasecmp(s, prefixes[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
has_word(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, word, n) == 0)
			return 1;
	return 0;
}

/* A short line sending the reader elsewhere: a teaser, a sign-up call. */
static int
is_teaser(const struct block *b, const char *text)
{
	if (b->chars > TEASER_MAX_CHARS || b->kind == BLOCK_PRE)
		return 0;
	if (b->link_chars > 0 && starts_with_one(text, b->len, teaser_prefixes))
		return 1;
	return starts_with_one(text, b->len, signup_prefixes) &&
	    (has_word(text, b->len, "newsletter") || has_word(text, b->len, "inbox"));
}

/*
 * Datelines and bylines that the page's markup does not name: "Updated
 * August 14, 2025", "Last updated on September 16th, 2023 at 09:27 am",
 * "October 11, 2023 by Autumn Huerter", "By Rick Steves". A short line
 * that is a date with at most a few words before it ("Posted on", a
 * name), or "By" and a name, is about the article, not of it.
 */
#define DATELINE_MAX_CHARS 80
#define DATELINE_MAX_WORDS 4
#define BYLINE_MAX_WORDS 5

static size_t
count_words(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (isalnum((unsigned char)s[i]) && (i == 0 ||
		    !isalnum((unsigned char)s[i - 1])))
			n++;
	return n;
}

/* The line without a time of day at its end (" at 09:27 am", " 12:35"). */
static size_t
without_time(const char *s, size_t len)
{
	size_t end = len, i;

	if (len >= 3 && strncasecmp(s + len - 2, "am", 2) == 0)
		end = len - 2;
	else if (len >= 3 && strncasecmp(s + len - 2, "pm", 2) == 0)
		end = len - 2;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	i = end;
	while (i > 0 && (isdigit((unsigned char)s[i - 1]) || s[i - 1] == ':'))
		i--;
	if (i == end || memchr(s + i, ':', end - i) == NULL)
		return len;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == ','))
		i--;
	if (i >= 3 && strncasecmp(s + i - 3, " at", 3) == 0)
		i -= 3;
	return i;
}

/* The line without a " by Name" at its end. */
static size_t
without_author(const char *s, size_t len)
{
	for (size_t i = len; i >= 4; i--)
		if (strncasecmp(s + i - 4, " by ", 4) == 0)
			return count_words(s + i, len - i) <= BYLINE_MAX_WORDS &&
			    memchr(s + i, '.', len - i) == NULL ? i - 4 : len;
	return len;
}

static int
is_dateline(const struct block *b, const char *text)
{
	size_t len = b->len;
	char iso[11];
	long at;

	if (b->kind != BLOCK_TEXT || b->chars > DATELINE_MAX_CHARS)
		return 0;
	if (len > 3 && strncasecmp(text, "by ", 3) == 0 &&
	    count_words(text, len) <= BYLINE_MAX_WORDS &&
	    memchr(text, '.', len) == NULL)
		return 1;
	len = without_author(text, without_time(text, len));
	at = date_find_at_end(text, len, iso);
	return at >= 0 && count_words(text, (size_t)at) <= DATELINE_MAX_WORDS;
}

/*
 * An item that is one link, in a list of prose ("Here's our year in
 * review!" among the week's news), is part of the text; a list of such
 * items is a menu. Items are judged by their list.
 */
static double
item_link_density(const struct page *page, const struct block *b)
{
	const xmlNode *list = b->element->parent;
	const struct node_info *info;

	if (b->kind != BLOCK_ITEM || !dom_is(b->element, "li") || list == NULL ||
	    (!dom_is(list, "ul") && !dom_is(list, "ol")) ||
	    (info = page_info_get(page, list)) == NULL)
		return b->chars ? (double)b->link_chars / b->chars : 0;
	return link_density(info);
}

/*
 * A heading that links to its subject ("<h3><a>Rez Infinite</a></h3>" in
 * a list of reviews) heads the paragraph of prose after it: it is text,
 * not a menu.
 */
static int
linked_heading_of_prose(const struct page *page, size_t i)
{
	const struct block *next = i + 1 < page->n_blocks ? &page->blocks[i + 1] :
	    NULL;

	return next != NULL && next->kind != BLOCK_HEADING &&
	    next->chars >= LINKED_HEADING_PROSE && next->link_chars * 4 < next->chars;
}

static int
keep_block(const struct page *page, size_t i, const char *text)
{
	const struct block *b = &page->blocks[i];
	double ld = item_link_density(page, b);

	if (b->kind == BLOCK_HEADING && linked_heading_of_prose(page, i))
		ld = 0;
	if (ld > 0.5 || (b->kind == BLOCK_TEXT && ld > 0.33 && b->chars < 100))
		return 0;
	return !is_furniture(text, b->len) && !is_teaser(b, text) &&
	    !is_dateline(b, text);
}

static int
same_text(const char *a, size_t alen, const char *b)
{
	return b != NULL && strlen(b) == alen && strncasecmp(a, b, alen) == 0;
}

/*
 * Pages without prose (a shop's collection, a list of links) have no
 * element that scores: their main content is the page's main element.
 */
static xmlNode *
main_element(struct page *page)
{
	xmlNode *best = NULL;
	size_t best_chars = 0;

	for (size_t i = 0; i < page->n_blocks; i++) {
		int depth = 0;
		for (xmlNode *n = page->blocks[i].element; n != NULL &&
		    n->type == XML_ELEMENT_NODE && depth < ANCESTORS_MAX;
		    n = n->parent, depth++) {
			const char *role = dom_attr(n, "role");
			struct node_info *info = page_info_get(page, n);
			if ((dom_is(n, "main") || (role && strcmp(role, "main") == 0) ||
			    dom_is(n, "body")) && info != NULL &&
			    info->chars > best_chars && !dom_is(n, "body")) {
				best = n;
				best_chars = info->chars;
			}
			if (best == NULL && dom_is(n, "body"))
				best = n;
		}
	}
	return best;
}

/*
 * Headings of what a page offers besides the article: other products,
 * other stories. The section such a heading opens is no part of the
 * content, however much it holds.
 */
static const char *const elsewhere_headings[] = {
	"also viewed", "also bought", "also like", "also enjoy", "may like",
	"might like", "related products", "related items", "similar items",
	"similar products", "recently viewed", "recommended for you",
	"related articles", "related posts", "related stories", "more stories",
	"more from", "read next", "people also", "customers also",
	"frequently bought", "complete the look", "shop the look",
	"you might be interested", "about the author", "about the reviewer",
	"about the authors", "popular posts", "recent posts", "latest posts",
	"recently by", NULL
};

#define ELSEWHERE_HEADING_MAX 80

static int
is_elsewhere_heading(const struct block *b, const char *text)
{
	if (b->kind != BLOCK_HEADING || b->len > ELSEWHERE_HEADING_MAX)
		return 0;
	for (size_t i = 0; elsewhere_headings[i] != NULL; i++)
		if (has_word(text, b->len, elsewhere_headings[i]))
			return 1;
	return 0;
}

static int
is_under(const xmlNode *n, const xmlNode *top)
{
	for (int depth = 0; n != NULL && depth < ANCESTORS_MAX;
	    n = n->parent, depth++)
		if (n == top)
			return 1;
	return 0;
}

/*
 * The widest element that block i opens: its ancestors while no earlier
 * block is inside them, short of the content's own top element. NULL when
 * it holds the page's <h1>, <article> or <main>: the heading is then a
 * label of the page itself ("Related products" atop a shop's collection).
 */
static const xmlNode *
section_opened(const struct page *page, size_t i)
{
	const xmlNode *n = page->blocks[i].element;
	const struct node_info *info;

	for (int depth = 0; depth < ANCESTORS_MAX; depth++) {
		const xmlNode *up = n->parent;
		if (up == NULL || up->type != XML_ELEMENT_NODE ||
		    dom_is(up, "body") || (info = page_info_get(page, up)) == NULL ||
		    info->included || (i > 0 && is_under(page->blocks[i - 1].element,
		    up)))
			break;
		n = up;
	}
	info = page_info_get(page, n);
	return info != NULL && info->holds_main ? NULL : n;
}

/*
 * Paragraphs the text already holds: a forum reply quoting the post above
 * it, a pull quote repeating a sentence of the article. A set of hashes of
 * the paragraphs emitted, open addressing; 0 marks a free slot.
 */
struct seen {
	uint64_t *slots;
	size_t mask;
};

#define REPEAT_MIN_CHARS 20
/* Paragraphs this long, this many of them read twice: the text is copied. */
#define COPY_MIN_CHARS 150
#define COPY_MIN_PARAGRAPHS 3

static void
seen_init(struct seen *seen, size_t n_blocks)
{
	size_t cap = 64;

	while (cap < 2 * n_blocks)
		cap *= 2;
	/* Without memory, nothing counts as seen: repeats stay, no harm. */
	seen->slots = calloc(cap, sizeof(*seen->slots));
	seen->mask = cap - 1;
}

/* Whether text was seen before; it is seen from now on. */
static int
seen_before(struct seen *seen, const char *text, size_t len)
{
	uint64_t h = 14695981039346656037u;
	size_t i;

	if (seen->slots == NULL)
		return 0;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211u;
	h |= 1;
	for (i = h & seen->mask; seen->slots[i] != 0; i = (i + 1) & seen->mask)
		if (seen->slots[i] == h)
			return 1;
	seen->slots[i] = h;
	return 0;
}

/*
 * Whether the content holds its text twice: a page that carries a second
 * copy of the article (one laid out for phones, one for desktops, one
 * kept for a print view) repeats several long paragraphs. One paragraph
 * repeated is left alone: a page may say a thing twice on purpose.
 */
static int
text_copied(const struct page *page)
{
	struct seen once, twice;
	size_t repeated = 0;

	seen_init(&once, page->n_blocks);
	seen_init(&twice, page->n_blocks);
	for (size_t i = 0; i < page->n_blocks &&
	    repeated < COPY_MIN_PARAGRAPHS; i++) {
		const struct block *b = &page->blocks[i];
		const char *text = page->text + b->start;
		if (b->chars < COPY_MIN_CHARS || !in_included(page, b->element))
			continue;
		if (seen_before(&once, text, b->len) &&
		    !seen_before(&twice, text, b->len))
			repeated++;
	}
	free(once.slots);
	free(twice.slots);
	return repeated >= COPY_MIN_PARAGRAPHS;
}

/* The included blocks into out, a paragraph each; returns the length. */
static size_t
emit(const struct page *page, int prose, const char *title, char *out)
{
	const xmlNode *elsewhere = NULL, *section;
	struct seen seen;
	size_t n = 0;
	int first = 1, copied = text_copied(page);

	seen_init(&seen, page->n_blocks);

	for (size_t i = 0; i < page->n_blocks; i++) {
		const struct block *b = &page->blocks[i];
		const char *text = page->text + b->start;

		if (elsewhere != NULL && is_under(b->element, elsewhere))
			continue;
		elsewhere = NULL;
		if (!in_included(page, b->element))
			continue;
		if (is_elsewhere_heading(b, text) && (section = section_opened(page,
		    i)) != NULL) {
			elsewhere = section;
			continue;
		}
		if (prose && !keep_block(page, i, text))
			continue;
		if (first && b->kind == BLOCK_HEADING && same_text(text, b->len, title))
			continue;
		if (b->chars >= REPEAT_MIN_CHARS && seen_before(&seen, text, b->len) &&
		    (b->kind == BLOCK_QUOTE || (copied && b->chars >= COPY_MIN_CHARS)))
			continue;
		if (!first) {
			out[n++] = '\n';
			out[n++] = '\n';
		}
		memcpy(out + n, text, b->len);
		n += b->len;
		first = 0;
	}
	out[n] = '\0';
	free(seen.slots);
	return n;
}

/*
 * A listing (search results, a section front) is items of links and short
 * lines that prose scoring passes by: what it finds there is a sliver of
 * the page's <main>. Then the <main> is the content, links and all.
 */
static xmlNode *
listing_main(struct page *page, size_t found)
{
	xmlNode *m = main_element(page);
	const struct node_info *info;

	if (m == NULL || dom_is(m, "body") ||
	    (info = page_info_get(page, m)) == NULL)
		return NULL;
	return info->chars >= LISTING_RATIO * found + LISTING_MIN_CHARS ? m : NULL;
}

char *
extract_main_text(struct page *page, const char *title, size_t *len)
{
	xmlNode *top;
	char *out;
	int prose = 1;

	*len = 0;
	blocks_drop_comments(page);
	if (sum_up(page) < 0 || score_blocks(page) < 0)
		return NULL;
	if ((out = malloc(page->text_len + 2 * page->n_blocks + 1)) == NULL)
		return NULL;
	out[0] = '\0';
	if ((top = best_element(page)) != NULL)
		top = widen(page, top);
	else {
		prose = 0;
		if ((top = main_element(page)) == NULL)
			return out;
	}
	mark_included(page, top);
	if (prose)
		mark_parts(page, top);
	*len = emit(page, prose, title, out);
	if (prose && *len < SLIVER_BYTES && (top = listing_main(page, *len)) != NULL) {
		page_info(page, top)->included = 1;
		*len = emit(page, 0, title, out);
	}
	return out;
}
