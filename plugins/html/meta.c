#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "charset.h"
#include "date/date.h"
#include "dom.h"
#include "meta.h"

#define WALK_DEPTH_MAX 200
#define SNIFF_BYTES 16384
/* Share of the <h1>'s words the metadata's title must share with it. */
#define H1_OVERLAP_MIN 0.5

/* Ranks: where a value came from, best first. */
enum {
	FROM_JSON_LD = 1, FROM_OPEN_GRAPH, FROM_META, FROM_MARKUP, FROM_TEXT
};

struct collect {
	struct page_meta *meta;
	char *title_element;		/* <title> text */
	char *h1;			/* the first <h1> text */
	int h1_count;
	int failed;
};

static size_t
put_utf8(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Character references left in metadata ("Cats &#038; Dogs"): pages
 * escape their JSON-LD and <meta> values twice. In place: a reference is
 * never shorter than the UTF-8 it stands for.
 */
static void
unescape(char *s)
{
	char *out = s, name[32];

	while (*s != '\0') {
		const char *semi = *s == '&' ? strchr(s, ';') : NULL;
		unsigned long cp = 0;
		size_t n = semi != NULL ? (size_t)(semi - s - 1) : 0;

		if (n > 0 && n < sizeof(name)) {
			memcpy(name, s + 1, n);
			name[n] = '\0';
			if (name[0] == '#')
				cp = strtoul(name + 1 + (name[1] == 'x' ||
				    name[1] == 'X'), NULL, name[1] == 'x' ||
				    name[1] == 'X' ? 16 : 10);
			else {
				const htmlEntityDesc *e = htmlEntityLookup(
				    (const xmlChar *)name);
				cp = e != NULL ? e->value : 0;
			}
		}
		if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
			out += put_utf8(cp, out);
			s += n + 2;
		} else
			*out++ = *s++;
	}
	*out = '\0';
}

/* Keeps value for field if it comes from a better source than what is there. */
static void
offer(struct collect *c, enum meta_field f, const char *value, int rank)
{
	struct page_meta *m = c->meta;
	size_t len;
	char *copy;

	if (value == NULL)
		return;
	while (isspace((unsigned char)*value))
		value++;
	len = strlen(value);
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--;
	if (len == 0 || len > 2000 || (m->value[f] != NULL && m->rank[f] <= rank))
		return;
	if ((copy = strndup(value, len)) == NULL) {
		c->failed = 1;
		return;
	}
	unescape(copy);
	free(m->value[f]);
	m->value[f] = copy;
	m->rank[f] = rank;
}

static void
offer_date(struct collect *c, enum meta_field f, const char *value, int rank)
{
	char iso[11];

	if (value != NULL && date_parse_timestamp(value, iso))
		offer(c, f, iso, rank);
}

static int
looks_like_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
	    s[0] == '/';
}

/* ---- JSON-LD ---- */

static int
is_article_type(const json_t *type)
{
	const char *t = json_string_value(type);
	size_t i;
	json_t *v;

	if (json_is_array(type)) {
		json_array_foreach(type, i, v)
			if (is_article_type(v))
				return 1;
		return 0;
	}
	if (t == NULL)
		return 0;
	size_t len = strlen(t);
	return (len >= 7 && strcmp(t + len - 7, "Article") == 0) ||
	    strcmp(t, "BlogPosting") == 0 || strcmp(t, "LiveBlogPosting") == 0 ||
	    strcmp(t, "SocialMediaPosting") == 0 || strcmp(t, "Report") == 0;
}

static const char *
name_of(const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	return json_string_value(json_object_get(v, "name"));
}

/* Authors as "A, B and C" from a string, an object or an array of them. */
static void
offer_authors(struct collect *c, const json_t *author)
{
	char buf[512] = "";
	size_t i, n = 0, count = json_is_array(author) ? json_array_size(author) : 1;
	json_t *v;

	if (!json_is_array(author)) {
		const char *name = name_of(author);
		if (name != NULL && !looks_like_url(name))
			offer(c, META_BYLINE, name, FROM_JSON_LD);
		return;
	}
	json_array_foreach(author, i, v) {
		const char *name = name_of(v);
		if (name == NULL || looks_like_url(name) || n >= sizeof(buf))
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    n == 0 ? "" : i + 1 == count ? " and " : ", ", name);
	}
	if (n > 0 && n < sizeof(buf))
		offer(c, META_BYLINE, buf, FROM_JSON_LD);
}

static const char *
image_of(const json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	return json_string_value(json_object_get(v, "url"));
}

static void
json_ld_article(struct collect *c, const json_t *o)
{
	const json_t *publisher = json_object_get(o, "publisher");

	offer(c, META_TITLE, json_string_value(json_object_get(o, "headline")),
	    FROM_JSON_LD);
	offer_authors(c, json_object_get(o, "author"));
	offer_date(c, META_PUBLISHED, json_string_value(json_object_get(o,
	    "datePublished")), FROM_JSON_LD);
	offer_date(c, META_MODIFIED, json_string_value(json_object_get(o,
	    "dateModified")), FROM_JSON_LD);
	offer(c, META_PUBLISHER, name_of(publisher), FROM_JSON_LD);
	offer(c, META_DESCRIPTION, json_string_value(json_object_get(o,
	    "description")), FROM_OPEN_GRAPH + 1);
	offer(c, META_IMAGE, image_of(json_object_get(o, "image")),
	    FROM_OPEN_GRAPH + 1);
	offer(c, META_SITE_NAME, name_of(publisher), FROM_OPEN_GRAPH + 1);
}

/* Articles at the top, in arrays and in @graph; nothing deeper. */
static void
json_ld_walk(struct collect *c, const json_t *v, int depth)
{
	size_t i;
	json_t *item;

	if (depth > 3)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			json_ld_walk(c, item, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (is_article_type(json_object_get(v, "@type")))
		json_ld_article(c, v);
	json_ld_walk(c, json_object_get(v, "@graph"), depth + 1);
}

static void
json_ld(struct collect *c, const xmlNode *script)
{
	xmlChar *text = xmlNodeGetContent(script);
	json_t *root;

	if (text == NULL)
		return;
	root = json_loads((const char *)text, JSON_DECODE_ANY, NULL);
	xmlFree(text);
	json_ld_walk(c, root, 0);
	json_decref(root);
}

/* ---- <meta>, <link>, <time> ---- */

static const char *const date_names[] = {
	"date", "pubdate", "publishdate", "publish-date", "publish_date",
	"dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
	"sailthru.date", "parsely-pub-date", "article.published",
	"datepublished", "og:published_time", "citation_publication_date",
	"citation_date", NULL
};

static const char *const author_names[] = {
	"author", "byl", "dc.creator", "sailthru.author", "parsely-author",
	"citation_author", "article:author", NULL
};

static int
in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcasecmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static void
offer_author_text(struct collect *c, const char *s, int rank)
{
	if (s == NULL || looks_like_url(s))
		return;
	if (strncasecmp(s, "by ", 3) == 0)
		s += 3;
	offer(c, META_BYLINE, s, rank);
}

static void
meta_tag(struct collect *c, const xmlNode *n)
{
	const char *key = dom_attr(n, "property"), *content = dom_attr(n, "content");
	const char *equiv = dom_attr(n, "http-equiv");

	if (key == NULL)
		key = dom_attr(n, "name");
	if (key == NULL)
		key = dom_attr(n, "itemprop");
	if (content == NULL)
		return;
	if (equiv != NULL && strcasecmp(equiv, "content-language") == 0) {
		offer(c, META_LANG, content, FROM_META);
		return;
	}
	if (key == NULL)
		return;
	if (strcasecmp(key, "og:title") == 0)
		offer(c, META_TITLE, content, FROM_OPEN_GRAPH);
	else if (strcasecmp(key, "twitter:title") == 0)
		offer(c, META_TITLE, content, FROM_META);
	else if (strcasecmp(key, "og:site_name") == 0)
		offer(c, META_SITE_NAME, content, FROM_OPEN_GRAPH);
	else if (strcasecmp(key, "application-name") == 0)
		offer(c, META_SITE_NAME, content, FROM_META);
	else if (strcasecmp(key, "og:description") == 0)
		offer(c, META_DESCRIPTION, content, FROM_OPEN_GRAPH);
	else if (strcasecmp(key, "description") == 0 ||
	    strcasecmp(key, "twitter:description") == 0)
		offer(c, META_DESCRIPTION, content, FROM_META);
	else if (strcasecmp(key, "og:image") == 0)
		offer(c, META_IMAGE, content, FROM_OPEN_GRAPH);
	else if (strcasecmp(key, "twitter:image") == 0)
		offer(c, META_IMAGE, content, FROM_META);
	else if (strcasecmp(key, "og:url") == 0)
		offer(c, META_URL, content, FROM_OPEN_GRAPH);
	else if (strcasecmp(key, "article:published_time") == 0)
		offer_date(c, META_PUBLISHED, content, FROM_OPEN_GRAPH);
	else if (strcasecmp(key, "article:modified_time") == 0 ||
	    strcasecmp(key, "og:updated_time") == 0)
		offer_date(c, META_MODIFIED, content, FROM_OPEN_GRAPH);
	else if (in_list(key, date_names))
		offer_date(c, META_PUBLISHED, content, FROM_META);
	else if (strcasecmp(key, "datemodified") == 0)
		offer_date(c, META_MODIFIED, content, FROM_META);
	else if (in_list(key, author_names))
		offer_author_text(c, content, FROM_META);
	else if (strcasecmp(key, "og:locale") == 0) {
		char lang[16];
		size_t i;
		for (i = 0; content[i] && i + 1 < sizeof(lang); i++)
			lang[i] = content[i] == '_' ? '-' : content[i];
		lang[i] = '\0';
		offer(c, META_LANG, lang, FROM_TEXT);
	}
}

static char *
text_of(const xmlNode *n, size_t cap)
{
	char *buf = malloc(cap);

	if (buf != NULL)
		dom_text(n, buf, 0, cap);
	return buf;
}

/* A visible byline: "By Jane Doe" or "Jane Doe | 1 March 2019". */
static void
byline_element(struct collect *c, const xmlNode *n)
{
	char *text = text_of(n, 256), *end;
	char iso[11];
	long at;

	if (text == NULL)
		return;
	for (end = text; *end != '\0' && *end != '|' && *end != '\n' &&
	    strncmp(end, "\xe2\x80\xa2", 3) != 0 && strncmp(end, "\xc2\xb7", 2) != 0;
	    end++)
		;
	*end = '\0';
	if ((at = date_find_at_end(text, strlen(text), iso)) >= 0)
		text[at] = '\0';
	end = text + strlen(text);
	while (end > text && (isspace((unsigned char)end[-1]) ||
	    end[-1] == ',' || end[-1] == '-' || end[-1] == ':'))
		*--end = '\0';
	if (strlen(text) >= 3 && strlen(text) <= 80 && strchr(text, '.') == NULL)
		offer_author_text(c, text, FROM_TEXT);
	free(text);
}

static int
names_say(const xmlNode *n, const char *word)
{
	const char *cls = dom_attr(n, "class"), *id = dom_attr(n, "id");

	return (cls != NULL && strcasestr(cls, word) != NULL) ||
	    (id != NULL && strcasestr(id, word) != NULL);
}

static void
element(struct collect *c, const xmlNode *n)
{
	const char *rel = dom_attr(n, "rel"), *type = dom_attr(n, "type");
	const char *itemprop = dom_attr(n, "itemprop");

	if (dom_is(n, "meta"))
		meta_tag(c, n);
	else if (dom_is(n, "link") && rel != NULL && strcasecmp(rel, "canonical") == 0)
		offer(c, META_URL, dom_attr(n, "href"), FROM_JSON_LD);
	else if (dom_is(n, "script") && type != NULL &&
	    strcasecmp(type, "application/ld+json") == 0)
		json_ld(c, n);
	else if (dom_is(n, "title") && c->title_element == NULL)
		c->title_element = text_of(n, 1024);
	else if (dom_is(n, "h1") && c->h1_count++ == 0)
		c->h1 = text_of(n, 1024);
	else if (dom_is(n, "html"))
		offer(c, META_LANG, dom_attr(n, "lang"), FROM_JSON_LD);
	else if (dom_is(n, "time")) {
		const char *when = dom_attr(n, "datetime");
		int published = dom_attr(n, "pubdate") != NULL || (itemprop &&
		    strcasecmp(itemprop, "datePublished") == 0);
		offer_date(c, META_PUBLISHED, when, published ? FROM_META : FROM_TEXT);
	}
	if (itemprop != NULL && strcasecmp(itemprop, "author") == 0 &&
	    !dom_is(n, "meta") && !dom_is(n, "link"))
		byline_element(c, n);
	else if (dom_is(n, "a") && rel != NULL && strcasecmp(rel, "author") == 0)
		byline_element(c, n);
	else if ((names_say(n, "byline") || names_say(n, "author")) &&
	    c->meta->value[META_BYLINE] == NULL)
		byline_element(c, n);
}

static void
walk(struct collect *c, const xmlNode *n, int depth)
{
	for (; n != NULL && depth < WALK_DEPTH_MAX && !c->failed; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		element(c, n);
		if (!dom_is(n, "script") && !dom_is(n, "style"))
			walk(c, n->children, depth + 1);
	}
}

/* ---- the title, without the site's name ---- */

static const char *const separators[] = {
	" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xbb ",
	" / ", " \xc2\xb7 ", " \xe2\x80\xa2 ", NULL
};

static size_t
word_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]) && (i == 0 ||
		    isspace((unsigned char)s[i - 1])))
			n++;
	return n;
}

/* "Headline | Site" -> "Headline", when what is left still reads as one. */
static void
strip_site_name(struct page_meta *m)
{
	char *t = m->value[META_TITLE];
	const char *site = m->value[META_SITE_NAME];
	char *cut = NULL;

	if (t == NULL)
		return;
	for (size_t i = 0; separators[i] != NULL; i++) {
		char *p = t, *last = NULL;
		while ((p = strstr(p, separators[i])) != NULL)
			last = p++;
		if (last != NULL && (cut == NULL || last > cut))
			cut = last;
	}
	if (cut == NULL)
		return;
	const char *tail = cut + strcspn(cut + 1, " ") + 2;
	/* "useState – React": a name of a word or two after a separator. */
	if ((site != NULL && strcasestr(tail, site) != NULL) ||
	    word_count(t, (size_t)(cut - t)) >= 3 ||
	    (word_count(tail, strlen(tail)) <= 2 && cut > t) ||
	    ((unsigned char)t[0] >= 0xe0 && cut - t >= 12))
		*cut = '\0';
}

/* The share of a's words that b holds too. */
static double
overlap(const char *a, const char *b)
{
	char word[64];
	size_t n = 0, shared = 0;

	while (*a != '\0') {
		size_t len = 0;
		while (*a != '\0' && !isalnum((unsigned char)*a) &&
		    (unsigned char)*a < 0x80)
			a++;
		while (*a != '\0' && (isalnum((unsigned char)*a) ||
		    (unsigned char)*a >= 0x80) && len + 1 < sizeof(word))
			word[len++] = *a++;
		word[len] = '\0';
		if (len == 0)
			continue;
		n++;
		if (strcasestr(b, word) != NULL)
			shared++;
	}
	return n > 0 ? (double)shared / n : 0;
}

static void
choose_title(struct collect *c)
{
	struct page_meta *m = c->meta;

	/*
	 * The one headline shown on the page is what a reader takes for the
	 * title, when it is about what the metadata says.
	 */
	if (c->h1_count == 1 && m->value[META_TITLE] != NULL &&
	    word_count(c->h1, strlen(c->h1)) >= 2 &&
	    overlap(c->h1, m->value[META_TITLE]) >= H1_OVERLAP_MIN)
		offer(c, META_TITLE, c->h1, 0);

	offer(c, META_TITLE, c->title_element, FROM_MARKUP);
	offer(c, META_TITLE, c->h1, FROM_TEXT);
	/* A <title> that begins with the page's <h1> is that headline. */
	if (m->value[META_TITLE] != NULL && c->h1 != NULL && c->h1[0] != '\0' &&
	    m->rank[META_TITLE] >= FROM_OPEN_GRAPH &&
	    strncmp(m->value[META_TITLE], c->h1, strlen(c->h1)) == 0 &&
	    word_count(c->h1, strlen(c->h1)) >= 2) {
		free(m->value[META_TITLE]);
		m->value[META_TITLE] = strdup(c->h1);
		return;
	}
	strip_site_name(m);
}

/* Links the page gives relative to itself, made absolute by its url. */
static void
absolute(struct page_meta *m, enum meta_field f)
{
	xmlChar *abs;

	if (m->value[f] == NULL || m->value[META_URL] == NULL ||
	    strncmp(m->value[f], "http", 4) == 0)
		return;
	abs = xmlBuildURI((const xmlChar *)m->value[f],
	    (const xmlChar *)m->value[META_URL]);
	if (abs != NULL) {
		free(m->value[f]);
		m->value[f] = strdup((const char *)abs);
		xmlFree(abs);
	}
}

int
meta_collect(xmlDoc *doc, struct page_meta *meta)
{
	struct collect c = { .meta = meta };

	memset(meta, 0, sizeof(*meta));
	walk(&c, xmlDocGetRootElement(doc), 0);
	choose_title(&c);
	absolute(meta, META_IMAGE);
	if (meta->value[META_URL] != NULL && !looks_like_url(meta->value[META_URL])) {
		free(meta->value[META_URL]);
		meta->value[META_URL] = NULL;
	}
	free(c.title_element);
	free(c.h1);
	return c.failed ? -1 : 0;
}

void
meta_free(struct page_meta *meta)
{
	for (int i = 0; i < META_FIELDS; i++)
		free(meta->value[i]);
	memset(meta, 0, sizeof(*meta));
}

/* ---- the declared charset ---- */

static int
find_charset(const xmlNode *n, char *name, size_t cap, int depth)
{
	for (; n != NULL && depth < 32; n = n->next) {
		if (dom_is(n, "meta")) {
			const char *cs = dom_attr(n, "charset");
			const char *equiv = dom_attr(n, "http-equiv");
			const char *content = dom_attr(n, "content");
			if (cs != NULL && cs[0] != '\0') {
				snprintf(name, cap, "%s", cs);
				for (char *p = name; *p; p++)
					if (isspace((unsigned char)*p) || *p == ';')
						*p = '\0';
				if (name[0] != '\0')
					return 1;
			}
			if (equiv != NULL && content != NULL &&
			    strcasecmp(equiv, "content-type") == 0 &&
			    charset_from_content_type(content, name, cap))
				return 1;
		}
		if (n->type == XML_ELEMENT_NODE && !dom_is(n, "script") &&
		    find_charset(n->children, name, cap, depth + 1))
			return 1;
	}
	return 0;
}

/*
 * The page's own parser reads its first bytes as Latin-1, which keeps
 * every ASCII tag and attribute intact whatever the real encoding.
 */
int
meta_declared_charset(const char *bytes, size_t len, char *name, size_t cap)
{
	xmlDoc *doc;
	int found;

	doc = htmlReadMemory(bytes, (int)(len < SNIFF_BYTES ? len : SNIFF_BYTES),
	    NULL, "ISO-8859-1", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	if (doc == NULL)
		return 0;
	found = find_charset(xmlDocGetRootElement(doc), name, cap, 0);
	xmlFreeDoc(doc);
	return found;
}
