/*
 * The html reader through the host, as lectord runs it: main text,
 * metadata, encodings, a page inside a JSON article, and bad pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "pipeline.h"

static struct pipeline *pipe;
static struct config cfg;

static int
setup(void **unused)
{
	static const char *only[] = { NULL };
	char err[1024];

	(void)unused;
	if (config_load(&cfg, NULL, NULL, err, sizeof(err)) < 0)
		return -1;
	for (size_t i = 0; cfg.plugin_dirs[i]; i++)
		free(cfg.plugin_dirs[i]);
	free(cfg.plugin_dirs);
	cfg.plugin_dirs = calloc(2, sizeof(char *));
	cfg.plugin_dirs[0] = strdup(PLUGIN_DIR);
	if ((pipe = pipeline_open(&cfg, only, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	pipeline_close(pipe);
	config_free(&cfg);
	return 0;
}

static json_t *
run(const char *name, const char *bytes, size_t len)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	if (pipeline_run(pipe, name, NULL, bytes, len, 0, &out, &why) < 0)
		fail_msg("%s refused: %s: %s", name, why.plugin, why.reason);
	return out;
}

static void
refused(const char *name, const char *bytes, size_t len, const char *reason)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	assert_int_equal(pipeline_run(pipe, name, NULL, bytes, len, 0, &out, &why), -1);
	assert_null(out);
	if (strstr(why.reason, reason) == NULL)
		fail_msg("%s: reason \"%s\" lacks \"%s\"", name, why.reason, reason);
}

static const char *
field(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *
source_meta(json_t *out, const char *key)
{
	return field(json_object_get(json_object_get(out, "source"), "meta"), key);
}

#define PARAGRAPH(s) "<p>" s "</p>\n"
#define BODY_1 "The council voted on Tuesday to rebuild the old harbour wall, " \
	"which storms breached twice last winter, flooding the market square."
#define BODY_2 "Engineers said the work, costing an estimated four million " \
	"pounds, would begin in spring and last eighteen months, weather permitting."
#define BODY_3 "Residents, who had campaigned for years, welcomed the decision, " \
	"though some worried about noise, traffic and the fishing season."

static const char article_page[] =
    "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
    "<title>Harbour wall to be rebuilt | The Coastal Times</title>"
    "<meta property=\"og:site_name\" content=\"The Coastal Times\">"
    "<meta property=\"og:image\" content=\"/img/wall.jpg\">"
    "<link rel=\"canonical\" href=\"https://coastal.example/news/wall\">"
    "<meta property=\"article:published_time\" content=\"2024-03-05T08:00:00Z\">"
    "<meta name=\"author\" content=\"Ann Reed\">"
    "</head><body>"
    "<div class=\"cookie-consent\">We use cookies to improve your experience. Accept all cookies?</div>"
    "<header><a href=\"/\">The Coastal Times</a><nav><a href=\"/a\">News</a> "
    "<a href=\"/b\">Sport</a> <a href=\"/c\">Weather</a></nav></header>"
    "<main><article><h1>Harbour wall to be rebuilt</h1>"
    "<div class=\"byline\">By Ann Reed, 5 March 2024</div>"
    "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
    "<div class=\"article-body\">"
    PARAGRAPH(BODY_1)
    "<figure><img src=\"w.jpg\"><figcaption>The wall after the January storm.</figcaption></figure>"
    PARAGRAPH(BODY_2)
    "<h2>What happens next</h2>"
    "<ul><li>Surveys of the sea bed, finished by February.</li>"
    "<li>Temporary barriers along the quay.</li></ul>"
    "<blockquote>We have waited long enough for this, said the harbour master.</blockquote>"
    PARAGRAPH(BODY_3)
    "</div></article>"
    "<section class=\"related-stories\"><h3>Related</h3><ul>"
    "<li><a href=\"/1\">Storm damage across the county in pictures</a></li>"
    "<li><a href=\"/2\">Fishing fleet counts the cost of winter</a></li></ul></section>"
    "<div id=\"comments\"><p>Great news, about time the council did something useful for once!</p></div>"
    "</main><footer><p>Copyright 2024 The Coastal Times. All rights reserved.</p></footer>"
    "</body></html>";

static void
test_article_main_text_in_paragraphs(void **unused)
{
	json_t *out;

	(void)unused;
	out = run("wall.html", article_page, sizeof(article_page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n"
	    "What happens next\n\n"
	    "Surveys of the sea bed, finished by February.\n\n"
	    "Temporary barriers along the quay.\n\n"
	    "We have waited long enough for this, said the harbour master.\n\n"
	    BODY_3);
	json_decref(out);
}

static void
test_article_metadata(void **unused)
{
	json_t *out;

	(void)unused;
	out = run("wall.html", article_page, sizeof(article_page) - 1);
	assert_string_equal(field(out, "title"), "Harbour wall to be rebuilt");
	assert_string_equal(field(out, "byline"), "Ann Reed");
	assert_string_equal(field(out, "published"), "2024-03-05");
	assert_string_equal(field(out, "url"), "https://coastal.example/news/wall");
	assert_string_equal(source_meta(out, "lang"), "en-GB");
	assert_string_equal(source_meta(out, "site_name"), "The Coastal Times");
	assert_string_equal(source_meta(out, "image"),
	    "https://coastal.example/img/wall.jpg");
	assert_string_equal(field(json_object_get(out, "source"), "format"), "html");
	json_decref(out);
	/* The same page saved as XHTML is read by the same reader. */
	out = run("wall.xhtml", article_page, sizeof(article_page) - 1);
	assert_string_equal(field(out, "title"), "Harbour wall to be rebuilt");
	assert_non_null(strstr(field(out, "text"), BODY_3));
	assert_string_equal(field(json_object_get(out, "source"), "format"), "xhtml");
	json_decref(out);
}

static const char json_ld_page[] =
    "<html><head><title>Ignored title - Site</title>"
    "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\","
    " \"@graph\": [{\"@type\": \"WebSite\", \"name\": \"Site\"},"
    " {\"@type\": \"NewsArticle\", \"headline\": \"Rates held at five percent\","
    " \"author\": [{\"@type\": \"Person\", \"name\": \"Kim Lee\"},"
    " {\"@type\": \"Person\", \"name\": \"Sam Roe\"}],"
    " \"datePublished\": \"2023-11-02T09:30:00+01:00\","
    " \"dateModified\": \"2023-11-03T10:00:00+01:00\","
    " \"publisher\": {\"@type\": \"Organization\", \"name\": \"Daily Ledger\"}}]}"
    "</script></head><body><div class=\"content\">"
    PARAGRAPH(BODY_1) PARAGRAPH(BODY_2) "</div></body></html>";

static void
test_json_ld_first(void **unused)
{
	json_t *out;

	(void)unused;
	out = run("rates.htm", json_ld_page, sizeof(json_ld_page) - 1);
	assert_string_equal(field(out, "title"), "Rates held at five percent");
	assert_string_equal(field(out, "byline"), "Kim Lee and Sam Roe");
	assert_string_equal(field(out, "published"), "2023-11-02");
	assert_string_equal(source_meta(out, "modified"), "2023-11-03");
	assert_string_equal(source_meta(out, "publisher"), "Daily Ledger");
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2);
	json_decref(out);
}

/*
 * Without JSON-LD or OpenGraph, the page's other signs: Content-Language,
 * the description, a <time datetime>, a rel=author link, and else a
 * visible byline with its date after a bar.
 */
static void
test_metadata_from_the_page_itself(void **unused)
{
	const char linked[] = "<html><head><meta http-equiv=\"Content-Language\" "
	    "content=\"de\"><meta name=\"description\" content=\"Der Hafen "
	    "bekommt eine neue Mauer.\"><title>Hafenmauer</title></head><body>"
	    "<p>Von <a rel=\"author\" href=\"/jo\">Jo Bauer</a>, <time "
	    "datetime=\"2022-06-01T10:00:00\">1. Juni</time></p>"
	    "<div class=\"story\">" PARAGRAPH(BODY_1) PARAGRAPH(BODY_2)
	    "</div></body></html>";
	const char visible[] = "<html><head><title>Harbour wall</title></head>"
	    "<body><div class=\"byline\">By Max Muster | 2 May 2021</div>"
	    "<div class=\"story\">" PARAGRAPH(BODY_1) PARAGRAPH(BODY_2)
	    "</div></body></html>";
	json_t *out;

	(void)unused;
	out = run("hafen.html", linked, sizeof(linked) - 1);
	assert_string_equal(field(out, "byline"), "Jo Bauer");
	assert_string_equal(field(out, "published"), "2022-06-01");
	assert_string_equal(source_meta(out, "lang"), "de");
	assert_string_equal(source_meta(out, "description"),
	    "Der Hafen bekommt eine neue Mauer.");
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2);
	json_decref(out);
	out = run("wall.html", visible, sizeof(visible) - 1);
	assert_string_equal(field(out, "byline"), "Max Muster");
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2);
	json_decref(out);
}

/* The same page in another encoding, made with iconv; NULL-terminated. */
static char *
encode(const char *utf8, const char *to, size_t *len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t in_left = strlen(utf8), cap = in_left * 4 + 8, out_left = cap;
	char *in = (char *)utf8, *buf = malloc(cap), *o = buf;

	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &in, &in_left, &o, &out_left), (size_t)-1);
	iconv_close(cd);
	*len = cap - out_left;
	return buf;
}

static void
check_encoding(const char *declaration, const char *to, const char *words,
    const char *want_encoding)
{
	char page[2048], *bytes;
	size_t len;
	json_t *out;

	snprintf(page, sizeof(page), "<html><head>%s<title>t</title></head><body>"
	    "<p>%s %s %s</p></body></html>", declaration, words, words, words);
	bytes = encode(page, to, &len);
	out = run("page.html", bytes, len);
	if (strstr(field(out, "text"), words) == NULL)
		fail_msg("%s: \"%s\" not in \"%s\"", to, words, field(out, "text"));
	assert_string_equal(field(json_object_get(out, "source"), "encoding"),
	    want_encoding);
	json_decref(out);
	free(bytes);
}

static void
test_declared_encodings(void **unused)
{
	(void)unused;
	check_encoding("<meta charset=\"windows-1251\">", "WINDOWS-1251",
	    "Москва приняла решение о строительстве новой линии метро.",
	    "windows-1251 (declared)");
	check_encoding("<meta http-equiv=\"Content-Type\" content=\"text/html; "
	    "charset=Shift_JIS\">", "SHIFT_JIS",
	    "東京都は新しい地下鉄の路線を建設することを決めました。",
	    "Shift_JIS (declared)");
	check_encoding("<meta charset=\"gb2312\">", "GB2312",
	    "北京市决定修建一条新的地铁线路，预计明年开工。",
	    "gb2312 (declared)");
	check_encoding("<meta charset=\"GBK\">", "GBK",
	    "北京市決定修建一條新的地鐵線路，預計明年開工。",
	    "GBK (declared)");
	check_encoding("<meta charset=\"iso-8859-1\">", "ISO-8859-1",
	    "Le conseil a décidé de reconstruire la jetée près du château.",
	    "iso-8859-1 (declared)");
}

static void
test_utf8_despite_its_declaration(void **unused)
{
	(void)unused;
	check_encoding("<meta charset=\"iso-8859-1\">", "UTF-8",
	    "Le conseil a décidé de reconstruire la jetée près du château.",
	    "UTF-8 (declared iso-8859-1)");
	check_encoding("", "WINDOWS-1252",
	    "Café crème, naïve façade: no declaration at all here.",
	    "windows-1252 (undeclared)");
}

static void
test_page_inside_json(void **unused)
{
	json_t *page = json_pack("{s:s, s:s, s:s}", "html", json_ld_page,
	    "url", "https://ledger.example/rates", "feed", "wire");
	char *bytes = json_dumps(page, 0);
	json_t *out;

	(void)unused;
	out = run("rates.json", bytes, strlen(bytes));
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2);
	assert_string_equal(field(out, "title"), "Rates held at five percent");
	assert_string_equal(field(out, "url"), "https://ledger.example/rates");
	assert_string_equal(source_meta(out, "feed"), "wire");
	assert_string_equal(source_meta(out, "publisher"), "Daily Ledger");
	assert_null(source_meta(out, "html"));
	assert_string_equal(field(json_object_get(out, "source"), "format"), "json");
	json_decref(out);
	json_decref(page);
	free(bytes);
}

static void
test_truncated_markup_still_reads(void **unused)
{
	const char page[] = "<html><body><div class=\"story\"><p>" BODY_1
	    "</p><p>" BODY_2 "<p>" BODY_3 "</di";
	json_t *out;

	(void)unused;
	out = run("cut.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n" BODY_3);
	json_decref(out);
}

static void
test_pages_without_text_are_refused(void **unused)
{
	const char scripts[] = "<html><head><script>var a = 'lots of code';"
	    "</script></head><body><script>document.write('x')</script>"
	    "<noscript></noscript><style>p { color: red }</style></body></html>";
	const char frameset[] = "<html><frameset cols=\"50%,50%\"><frame "
	    "src=\"a.html\"><frame src=\"b.html\"></frameset></html>";
	const char empty_body[] = "<html><head><title>Empty</title></head>"
	    "<body>  </body></html>";

	(void)unused;
	refused("scripts.html", scripts, sizeof(scripts) - 1,
	    "no article text found in scripts.html");
	refused("frames.html", frameset, sizeof(frameset) - 1,
	    "no article text found in frames.html");
	refused("empty.html", empty_body, sizeof(empty_body) - 1,
	    "no article text found in empty.html");
	refused("nothing.html", "", 0, "no article text found in nothing.html");
}

/* 100,000 nested tags: bounded stack and time, and a clear outcome. */
static void
test_deeply_nested_tags(void **unused)
{
	const size_t depth = 100000;
	size_t len = 0, cap = depth * 11 + 1024;
	char *page = malloc(cap);
	struct pipeline_failure why;
	json_t *out = NULL;
	int rc;

	(void)unused;
	len += (size_t)snprintf(page, cap, "<html><body><p>" BODY_1 "</p>");
	for (size_t i = 0; i < depth; i++) {
		memcpy(page + len, i % 2 ? "<span>" : "<div>", i % 2 ? 6 : 5);
		len += i % 2 ? 6 : 5;
	}
	len += (size_t)snprintf(page + len, cap - len, "deep text</body></html>");
	rc = pipeline_run(pipe, "deep.html", NULL, page, len, 0, &out, &why);
	if (rc == 0) {
		assert_non_null(strstr(field(out, "text"), "harbour wall"));
		json_decref(out);
	} else
		assert_non_null(strstr(why.reason, "deep.html"));
	free(page);
}

#define BODY_4 "The harbour master said boats would keep using the quay " \
	"during the work, moored two deep along its southern end, as in summer."

/*
 * An article, long enough to be read at the first look (with too little
 * text the reader looks again and trusts no names), starting with BODY_1,
 * ending with BODY_4, with extra markup around and inside.
 */
#define ARTICLE(before, inside, after) \
	"<html><head><title>Harbour wall</title></head><body>" before \
	"<article><h1>Harbour wall</h1><div class=\"body\">" \
	PARAGRAPH(BODY_1) inside PARAGRAPH(BODY_4) "</div></article>" after \
	"</body></html>"

#define COMMENT_1 "I have fished from that quay for thirty years. The wall " \
	"was patched after every storm, and every patch washed away."
#define COMMENT_2 "Four million is a lot of money for one wall. What about " \
	"the road to the beach, which floods every spring as well?"

/*
 * An article in parts that share no parent, the same name on each
 * ("story-body story-body-1", "story-body story-body-2"), with other
 * columns between: every part is the article.
 */
static void
test_article_in_parts_read_whole(void **unused)
{
#define LAST "The council will meet again in June to choose a builder, " \
	"and the public may attend and put questions to the engineers."
	const char page[] = "<html><head><title>Harbour wall</title></head>"
	    "<body><article><h1>Harbour wall</h1><div class=\"lead\">"
	    "<div class=\"story-body story-body-1\">" PARAGRAPH(BODY_1)
	    PARAGRAPH(BODY_2) "</div><div class=\"supplemental\"><ul><li><a "
	    "href=\"/1\">Storm damage across the county in pictures</a></li>"
	    "</ul></div></div><div class=\"rest\"><div class=\"story-body "
	    "story-body-2\">" PARAGRAPH(BODY_3) PARAGRAPH(BODY_4)
	    PARAGRAPH(COMMENT_1) PARAGRAPH(COMMENT_2) PARAGRAPH(LAST)
	    "</div></div></article></body></html>";
	json_t *out;

	(void)unused;
	out = run("parts.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n"
	    BODY_3 "\n\n" BODY_4 "\n\n" COMMENT_1 "\n\n" COMMENT_2 "\n\n"
	    LAST);
#undef LAST
	json_decref(out);
}

/*
 * A class name that usually means furniture ("related") is judged by
 * what the element holds: paragraphs of prose stay, a column of links
 * named "sidebar" goes.
 */
static void
test_named_elements_judged_by_their_prose(void **unused)
{
	const char page[] = ARTICLE("",
	    "<div class=\"related-coverage\">" PARAGRAPH(BODY_2) PARAGRAPH(BODY_3)
	    "</div>",
	    "<div class=\"sidebar\"><ul><li><a href=\"/1\">Storm damage across "
	    "the county</a></li><li><a href=\"/2\">Fishing fleet counts the "
	    "cost</a></li></ul><p>Tips? Write to us.</p></div>");
	json_t *out;

	(void)unused;
	out = run("named.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    BODY_1 "\n\n" BODY_2 "\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

static void
test_comments_under_an_article_left_out(void **unused)
{
	/*
	 * Inside the article's own element, as themes put them, with each
	 * comment an <article> and the section named "entry-comments".
	 */
	const char page[] = ARTICLE("", PARAGRAPH(BODY_2) PARAGRAPH(BODY_3)
	    "<section class=\"entry-comments\"><article class=\"comment\"><p>"
	    COMMENT_1 "</p></article><article class=\"comment\"><p>" COMMENT_2
	    "</p></article></section>", "");
	json_t *out;

	(void)unused;
	out = run("comments.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    BODY_1 "\n\n" BODY_2 "\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/* Customer reviews under a product are its comments. */
static void
test_reviews_under_a_product_left_out(void **unused)
{
	const char page[] = ARTICLE("", PARAGRAPH(BODY_2) PARAGRAPH(BODY_3)
	    "<section class=\"product-reviews\"><h2>Reviews</h2><div><p>"
	    COMMENT_1 "</p></div><div><p>" COMMENT_2 "</p></div></section>", "");
	json_t *out;

	(void)unused;
	out = run("product.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    BODY_1 "\n\n" BODY_2 "\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/* A thread: the replies are all the prose there is, so they are the text. */
static void
test_thread_of_comments_is_the_content(void **unused)
{
	const char page[] =
	    "<html><head><title>The new harbour wall</title></head><body>"
	    "<h1>The new harbour wall</h1><p>Started by Tom</p>"
	    "<div id=\"comments\"><div class=\"comment\"><p>" COMMENT_1
	    "</p></div><div class=\"comment\"><p>" COMMENT_2 "</p></div>"
	    "<div class=\"comment\"><p>" BODY_3 "</p></div></div>"
	    "</body></html>";
	const char *text;
	json_t *out;

	(void)unused;
	out = run("thread.html", page, sizeof(page) - 1);
	text = field(out, "text");
	assert_non_null(strstr(text, COMMENT_1 "\n\n" COMMENT_2 "\n\n" BODY_3));
	json_decref(out);
}

/*
 * A thread as forum software writes it: a panel about each poster, a
 * signature, and replies quoting the post above. The posts are the text,
 * each once.
 */
static void
test_forum_posts_without_posters_panels_or_repeated_quotes(void **unused)
{
#define POST(who, body) "<article class=\"message\"><div class=\"message-"  \
	"userExtras\"><dl><dt>Joined</dt><dd>Dec 23, 2009</dd></dl><dl><dt>"   \
	"Native language</dt><dd>Spanish</dd></dl></div><div class=\"message-" \
	"body\">" body "</div><div class=\"signature\">" who " - fishing "     \
	"since 1990, Harbour Road.</div></article>"
	const char page[] =
	    "<html><head><title>The new harbour wall</title></head><body>"
	    "<main><h1>The new harbour wall</h1>"
	    POST("Tom", PARAGRAPH(BODY_1) PARAGRAPH(COMMENT_1))
	    POST("Ann", "<blockquote>" COMMENT_1 "</blockquote>"
	    PARAGRAPH(COMMENT_2))
	    POST("Sam", PARAGRAPH(BODY_3) PARAGRAPH(BODY_4))
	    "</main></body></html>";
#undef POST
	json_t *out;

	(void)unused;
	out = run("forum.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" COMMENT_1
	    "\n\n" COMMENT_2 "\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

static void
test_teasers_and_signup_calls_left_out(void **unused)
{
	const char page[] = ARTICLE("",
	    "<h2>Table of contents</h2>"
	    "<p>Read more: <a href=\"/storm\">Storm damage across the county "
	    "in pictures</a></p>" PARAGRAPH(BODY_2)
	    "<p>Sign up for our newsletter to get the week's news in your "
	    "inbox.</p><h3>You may also like</h3>" PARAGRAPH(BODY_3)
	    "<p>Related to this, the council will also review the sea "
	    "defences at the northern beach, which are older still.</p>", "");
	json_t *out;

	(void)unused;
	out = run("teasers.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n"
	    BODY_3 "\n\nRelated to this, the council will also review the sea "
	    "defences at the northern beach, which are older still.\n\n" BODY_4);
	json_decref(out);
}

/*
 * A list item that is one link is text among items of prose, and a menu
 * in a list of links.
 */
static void
test_list_items_judged_by_their_list(void **unused)
{
	const char page[] = ARTICLE("", "<ul><li><a href=\"/review\">Here is "
	    "our year in review!</a></li><li>Surveys of the sea bed, finished "
	    "by February, ahead of the work.</li><li>Temporary barriers along "
	    "the quay, put up in March and kept all summer.</li></ul>"
	    PARAGRAPH(BODY_2) "<ul><li><a href=\"/news\">More harbour news"
	    "</a></li><li><a href=\"/sport\">Sport on the quay</a></li></ul>",
	    "");
	json_t *out;

	(void)unused;
	out = run("items.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\nHere is our year "
	    "in review!\n\nSurveys of the sea bed, finished by February, ahead "
	    "of the work.\n\nTemporary barriers along the quay, put up in March "
	    "and kept all summer.\n\n" BODY_2 "\n\n" BODY_4);
	json_decref(out);
}

/* A heading that links to its subject heads the prose after it. */
static void
test_linked_headings_over_prose_kept(void **unused)
{
	const char page[] = ARTICLE("", "<h3><a href=\"/quay\">The old quay"
	    "</a></h3>" PARAGRAPH(BODY_2 " " BODY_3), "");
	json_t *out;

	(void)unused;
	out = run("list.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\nThe old quay\n\n"
	    BODY_2 " " BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/* Captions and what a page shows without scripts are not the article... */
static void
test_captions_and_noscript_left_out(void **unused)
{
	const char page[] = ARTICLE("",
	    "<figure><img src=\"w.jpg\"><figcaption>The wall after the January "
	    "storm, seen from the lighthouse.</figcaption></figure>"
	    PARAGRAPH(BODY_2) "<noscript><p>Please enable JavaScript to see "
	    "the comments and the interactive map of the harbour.</p>"
	    "</noscript>" PARAGRAPH(BODY_3), "");
	json_t *out;

	(void)unused;
	out = run("caption.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    BODY_1 "\n\n" BODY_2 "\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/*
 * A writer's biography under a heading that says so, and lines about the
 * page rather than its subject ("Reading time"), are not the article.
 */
static void
test_author_bios_and_reading_time_left_out(void **unused)
{
	const char page[] = ARTICLE("", "<p>Reading time:</p>" PARAGRAPH(BODY_2)
	    PARAGRAPH(BODY_3) "<p>Print this page</p><section><h2>About the "
	    "author</h2>" PARAGRAPH("Ann Reed has covered the coast for the "
	    "paper since 2009, and before that wrote about farming, schools "
	    "and the county council.") "</section>", "");
	json_t *out;

	(void)unused;
	out = run("bio.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n"
	    BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/*
 * A header is furniture unless it reads as prose: some site builders put
 * the whole article in one.
 */
static void
test_article_in_a_header_read(void **unused)
{
	const char page[] = "<html><head><title>Harbour wall</title></head>"
	    "<body><header class=\"site\"><a href=\"/\">The Coastal Times</a> "
	    "<a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></header>"
	    "<div class=\"wrap\"><h1>Harbour wall</h1><header class=\"rich-text"
	    "\">" PARAGRAPH(BODY_1) PARAGRAPH(BODY_2) PARAGRAPH(BODY_3)
	    "</header></div></body></html>";
	json_t *out;

	(void)unused;
	out = run("header.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n"
	    BODY_3);
	json_decref(out);
}

/*
 * Datelines and bylines without a class that names them are about the
 * article, not of it; a sentence that ends with a date is text.
 */
static void
test_unnamed_datelines_left_out(void **unused)
{
#define DATED "The council first voted on the harbour wall, after a long " \
	"debate, on March 5, 2024"
	const char page[] = ARTICLE("", "<p>By Ann Reed</p><p>Last updated on September 16th, 2024 at 09:27 am</p>"
	    PARAGRAPH(BODY_2) "<p>October 11, 2024 by Ann Reed</p>"
	    PARAGRAPH(BODY_3) "<p>Updated March 6, 2024</p>" PARAGRAPH(DATED),
	    "");
	json_t *out;

	(void)unused;
	out = run("dateline.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\n"
	    BODY_3 "\n\n" DATED "\n\n" BODY_4);
	json_decref(out);
}

/*
 * A long article beside one column of other prose (a republishing
 * policy, a box about the site) is the article alone: the column is no
 * other post of a thread.
 */
static void
test_column_beside_an_article_left_out(void **unused)
{
#define FOUR PARAGRAPH(BODY_1) PARAGRAPH(BODY_2) PARAGRAPH(BODY_3) \
	PARAGRAPH(BODY_4)
#define POLICY PARAGRAPH("We are happy for our stories to be shared, and " \
	"encourage you to republish them, online or in print, for free.")
	const char page[] = "<html><head><title>Harbour wall</title></head>"
	    "<body><div class=\"row\"><div class=\"col-main\"><h1>Harbour "
	    "wall</h1>" FOUR FOUR FOUR FOUR "</div><div class=\"col-side\">"
	    "<div class=\"box\"><div><div>" POLICY POLICY POLICY POLICY POLICY
	    POLICY POLICY POLICY POLICY POLICY POLICY POLICY
	    "</div></div></div></div></div></body></html>";
	json_t *out;

	(void)unused;
	out = run("column.html", page, sizeof(page) - 1);
	assert_null(strstr(field(out, "text"), "republish"));
	assert_non_null(strstr(field(out, "text"), BODY_3 "\n\n" BODY_4));
	json_decref(out);
}

/* A figure that frames a table is the table, and a table is text. */
static void
test_tables_in_figures_kept(void **unused)
{
	const char page[] = ARTICLE("", PARAGRAPH(BODY_2)
	    "<figure class=\"wp-block-table\"><table><tr><th>Year</th>"
	    "<th>Storms</th></tr><tr><td>2023</td><td>7</td></tr></table>"
	    "<figcaption>Storms that reached the quay.</figcaption></figure>"
	    "<figure><img src=\"w.jpg\"><figcaption>The wall in 2023."
	    "</figcaption></figure>" PARAGRAPH(BODY_3), "");
	json_t *out;

	(void)unused;
	out = run("table.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2 "\n\nYear\n\nStorms"
	    "\n\n2023\n\n7\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/*
 * A page that carries its article twice (a copy laid out for phones) is
 * read once; one paragraph said twice on purpose stays twice.
 */
static void
test_copied_text_read_once(void **unused)
{
#define LONG_1 BODY_2 " " BODY_3
#define LONG_2 BODY_3 " " BODY_2
#define LONG_3 BODY_1 " " BODY_3
	const char copied[] = ARTICLE("", PARAGRAPH(LONG_1) PARAGRAPH(LONG_2)
	    PARAGRAPH(LONG_3) "<div class=\"mobile\">" PARAGRAPH(LONG_1)
	    PARAGRAPH(LONG_2) PARAGRAPH(LONG_3) "</div>", "");
	const char repeated[] = ARTICLE("", PARAGRAPH(LONG_1) PARAGRAPH(LONG_2)
	    PARAGRAPH(LONG_1), "");
	json_t *out;

	(void)unused;
	out = run("copied.html", copied, sizeof(copied) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" LONG_1 "\n\n"
	    LONG_2 "\n\n" LONG_3 "\n\n" BODY_4);
	json_decref(out);
	out = run("repeated.html", repeated, sizeof(repeated) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" LONG_1 "\n\n"
	    LONG_2 "\n\n" LONG_1 "\n\n" BODY_4);
	json_decref(out);
}

/*
 * Class names that hide an element wherever they are used ("hide",
 * "d-none") keep it out; names that only sound alike, or hide it on small
 * screens alone, do not.
 */
static void
test_elements_hidden_by_class_left_out(void **unused)
{
	const char page[] = ARTICLE("",
	    "<dl class=\"product-info hide\"><dt>sku:</dt><dd>5001</dd>"
	    "<dt>price_tier1:</dt><dd>$20.00 for one to nine items</dd></dl>"
	    "<div class=\"hide-on-mobile\">" PARAGRAPH(BODY_2) "</div>"
	    "<div class=\"hidden md:block\">" PARAGRAPH(BODY_3) "</div>", "");
	json_t *out;

	(void)unused;
	out = run("hide.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    BODY_1 "\n\n" BODY_2 "\n\n" BODY_3 "\n\n" BODY_4);
	json_decref(out);
}

/* ...unless the fallback is all the page has to read. */
static void
test_noscript_read_when_nothing_else(void **unused)
{
	const char page[] = "<html><body><div id=\"app\"></div><noscript><p>"
	    BODY_1 "</p><p>" BODY_2 "</p></noscript></body></html>";
	json_t *out;

	(void)unused;
	out = run("app.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"), BODY_1 "\n\n" BODY_2);
	json_decref(out);
}

#define ITEM(n) "<li><a href=\"/" #n "\">Harbour story number " #n \
	" of this week's coverage</a> <span>5 March 2024</span></li>"

/*
 * A listing's items are links, which prose scoring passes by: the little
 * prose it finds stands for the page's <main>, items and all.
 */
static void
test_listing_reads_its_main(void **unused)
{
	const char page[] = "<html><head><title>Harbour news</title></head>"
	    "<body><nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav>"
	    "<main><h1>Harbour news</h1><p>Stay up to date with the news from "
	    "the harbour, the quay and the fishing fleet.</p><ul>"
	    ITEM(1) ITEM(2) ITEM(3) ITEM(4) ITEM(5) ITEM(6) ITEM(7) ITEM(8)
	    ITEM(9) ITEM(10) "</ul></main><footer><p>Copyright 2024 The Coastal "
	    "Times.</p></footer></body></html>";
	const char *text;
	json_t *out;

	(void)unused;
	out = run("listing.html", page, sizeof(page) - 1);
	text = field(out, "text");
	assert_non_null(strstr(text, "Stay up to date with the news"));
	assert_non_null(strstr(text, "Harbour story number 1 of"));
	assert_non_null(strstr(text, "Harbour story number 10 of"));
	assert_null(strstr(text, "Sport"));
	assert_null(strstr(text, "Copyright"));
	json_decref(out);
}

/*
 * What a page offers besides its content, under a heading that says so
 * ("Customers also viewed"), goes with its heading, however long its
 * items; a heading like it over the page's own <h1> is a label.
 */
static void
test_sections_of_other_products_left_out(void **unused)
{
	const char page[] = ARTICLE("", PARAGRAPH(BODY_2)
	    "<section><div class=\"carousel-head\"><h2>Customers also "
	    "viewed</h2></div><div class=\"cards\">"
	    PARAGRAPH("Harbour wall repair kit, with mortar, trowel and a "
	    "guide to the tides, for the keen amateur mason at home.")
	    PARAGRAPH("Sea defence model in oak, hand made, with a brass "
	    "plaque, a stand and a certificate of its making, boxed.")
	    "</div></section>", "");
	const char labelled[] = "<html><body><main><div class=\"wrap\"><h3>"
	    "Related products</h3><div><h1>Harbour news</h1><ul>" ITEM(1)
	    ITEM(2) ITEM(3) ITEM(4) ITEM(5) ITEM(6) ITEM(7) ITEM(8)
	    "</ul></div></div></main></body></html>";
	json_t *out;

	(void)unused;
	out = run("product.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    BODY_1 "\n\n" BODY_2 "\n\n" BODY_4);
	json_decref(out);
	out = run("collection.html", labelled, sizeof(labelled) - 1);
	assert_non_null(strstr(field(out, "text"), "Harbour story number 1 of"));
	assert_non_null(strstr(field(out, "text"), "Harbour story number 8 of"));
	json_decref(out);
}

/* A site's name of a word or two after a separator is no part of the title. */
static void
test_short_site_name_left_out_of_title(void **unused)
{
	const char page[] = "<html><head><title>useState \xe2\x80\x93 React</title>"
	    "</head><body><p>" BODY_1 "</p></body></html>";
	json_t *out;

	(void)unused;
	out = run("usestate.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "title"), "useState");
	json_decref(out);
}

/*
 * A page with little prose is read again trusting no names; an overlay
 * (terms of service in a modal) is still no part of it then.
 */
static void
test_overlays_left_out_on_the_second_look(void **unused)
{
	const char page[] = "<html><body><main><h1>Wool Runner</h1><p>A true "
	    "original: soft merino wool, with cloud-like comfort.</p></main>"
	    "<footer><div class=\"fixed modal-terms-of-service\"><p>"
	    BODY_2 " Terms.</p><p>" BODY_3 " Terms.</p><p>" BODY_4
	    " Terms.</p></div></footer></body></html>";
	json_t *out;

	(void)unused;
	out = run("product.html", page, sizeof(page) - 1);
	assert_string_equal(field(out, "text"),
	    "A true original: soft merino wool, with cloud-like comfort.");
	json_decref(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_main_text_in_paragraphs),
		cmocka_unit_test(test_article_metadata),
		cmocka_unit_test(test_json_ld_first),
		cmocka_unit_test(test_metadata_from_the_page_itself),
		cmocka_unit_test(test_declared_encodings),
		cmocka_unit_test(test_utf8_despite_its_declaration),
		cmocka_unit_test(test_page_inside_json),
		cmocka_unit_test(test_truncated_markup_still_reads),
		cmocka_unit_test(test_pages_without_text_are_refused),
		cmocka_unit_test(test_deeply_nested_tags),
		cmocka_unit_test(test_article_in_parts_read_whole),
		cmocka_unit_test(test_named_elements_judged_by_their_prose),
		cmocka_unit_test(test_comments_under_an_article_left_out),
		cmocka_unit_test(test_reviews_under_a_product_left_out),
		cmocka_unit_test(test_thread_of_comments_is_the_content),
		cmocka_unit_test(test_forum_posts_without_posters_panels_or_repeated_quotes),
		cmocka_unit_test(test_teasers_and_signup_calls_left_out),
		cmocka_unit_test(test_sections_of_other_products_left_out),
		cmocka_unit_test(test_list_items_judged_by_their_list),
		cmocka_unit_test(test_linked_headings_over_prose_kept),
		cmocka_unit_test(test_captions_and_noscript_left_out),
		cmocka_unit_test(test_author_bios_and_reading_time_left_out),
		cmocka_unit_test(test_article_in_a_header_read),
		cmocka_unit_test(test_unnamed_datelines_left_out),
		cmocka_unit_test(test_column_beside_an_article_left_out),
		cmocka_unit_test(test_tables_in_figures_kept),
		cmocka_unit_test(test_copied_text_read_once),
		cmocka_unit_test(test_elements_hidden_by_class_left_out),
		cmocka_unit_test(test_noscript_read_when_nothing_else),
		cmocka_unit_test(test_listing_reads_its_main),
		cmocka_unit_test(test_short_site_name_left_out_of_title),
		cmocka_unit_test(test_overlays_left_out_on_the_second_look),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
