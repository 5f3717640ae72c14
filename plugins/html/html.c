/*
 * The HTML reader: a saved web page becomes the article a person would
 * read on it, with the metadata the page carries.
 *
 * It takes the page's bytes raw (LECTOR_READ_RAW), since only the page
 * knows its encoding; decodes them (charset.c); parses them with
 * libxml2's HTML parser, which recovers from broken markup as browsers
 * do and never fetches anything; reads the metadata (meta.c); and keeps
 * the main text (blocks.c, extract.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <lector/plugin.h>

#include "blocks.h"
#include "charset.h"
#include "extract.h"
#include "meta.h"

#define PARSE_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | \
	HTML_PARSE_COMPACT)

/* Less main text than this: look again, trusting class names less. */
#define RETRY_BELOW_BYTES 500

struct html_state {
	size_t max_bytes;		/* parsed of one page; the rest is cut */
};

static const lector_host *host;

static void
error(lector_error *err, const char *fmt, const char *file)
{
	const char *base = file != NULL ? strrchr(file, '/') : NULL;

	snprintf(err->message, sizeof(err->message), fmt,
	    base != NULL ? base + 1 : file != NULL ? file : "the page");
}

/* Metadata the document does not have yet (a JSON article may give it). */
static int
set_missing(lector_doc *doc, const char *key, const char *value,
    lector_error *err)
{
	if (value == NULL || host->meta(doc, key) != NULL)
		return LECTOR_OK;
	return host->set_meta(doc, key, value, err);
}

static int
set_source_meta(lector_doc *doc, const char *key, const char *value)
{
	json_t *v;

	if (value == NULL)
		return LECTOR_OK;
	if ((v = json_string(value)) == NULL)
		return LECTOR_OK;	/* not UTF-8 after all: leave it out */
	return host->set_source_meta(doc, key, v);
}

static int
set_metadata(lector_doc *doc, const struct page_meta *m, lector_error *err)
{
	static const struct { enum meta_field field; const char *key; } core[] = {
		{ META_TITLE, "title" }, { META_BYLINE, "byline" },
		{ META_PUBLISHED, "published" }, { META_URL, "url" }
	}, source[] = {
		{ META_LANG, "lang" }, { META_SITE_NAME, "site_name" },
		{ META_DESCRIPTION, "description" }, { META_IMAGE, "image" },
		{ META_MODIFIED, "modified" }, { META_PUBLISHER, "publisher" }
	};
	int rc;

	for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		if ((rc = set_missing(doc, core[i].key, m->value[core[i].field],
		    err)) != LECTOR_OK)
			return rc;
	for (size_t i = 0; i < sizeof(source) / sizeof(source[0]); i++)
		if ((rc = set_source_meta(doc, source[i].key,
		    m->value[source[i].field])) != LECTOR_OK)
			return rc;
	return LECTOR_OK;
}

/* The main text and metadata of a parsed page into doc. */
static int
read_tree(lector_doc *doc, xmlDoc *tree, lector_error *err)
{
	struct page_meta meta;
	struct page page;
	xmlNode *root = xmlDocGetRootElement(tree);
	char *text = NULL;
	size_t len = 0;
	int rc = LECTOR_ENOMEM;

	memset(&page, 0, sizeof(page));
	if (meta_collect(tree, &meta) < 0)
		goto done;
	if (root != NULL && (blocks_collect(root, &page) < 0 ||
	    (text = extract_main_text(&page, meta.value[META_TITLE], &len)) == NULL))
		goto done;
	/*
	 * Class names mislead at times ("two-col-sidebar-right" around the
	 * article): with too little text found, look again without them, as
	 * Readability does.
	 */
	if (root != NULL && len < RETRY_BELOW_BYTES) {
		char *again;
		size_t again_len;
		page_reset(&page, root);
		page.keep_named = 1;
		if (blocks_collect(root, &page) < 0 || (again = extract_main_text(
		    &page, meta.value[META_TITLE], &again_len)) == NULL)
			goto done;
		if (again_len > len) {
			free(text);
			text = again;
			len = again_len;
		} else
			free(again);
	}
	if (len == 0) {
		error(err, "no article text found in %s", host->meta(doc, "file"));
		rc = LECTOR_EINVAL;
		goto done;
	}
	if ((rc = host->set_text(doc, text, len, err)) == LECTOR_OK)
		rc = set_metadata(doc, &meta, err);
done:
	if (rc == LECTOR_ENOMEM)
		snprintf(err->message, sizeof(err->message), "out of memory");
	free(text);
	page_free(&page);
	meta_free(&meta);
	return rc;
}

static int
html_read(void *state, lector_doc *doc, const char *bytes, size_t len,
    lector_error *err)
{
	struct html_state *st = state;
	char declared[64], how[96], *utf8;
	size_t utf8_len;
	xmlDoc *tree;
	int rc, cut = len > st->max_bytes;

	if (cut)
		len = st->max_bytes;
	if (!meta_declared_charset(bytes, len, declared, sizeof(declared)))
		declared[0] = '\0';
	if (charset_decode(bytes, len, declared[0] ? declared : NULL, &utf8,
	    &utf8_len, how, sizeof(how), err->message, sizeof(err->message)) < 0)
		return LECTOR_EINVAL;
	tree = htmlReadMemory(utf8, (int)utf8_len, NULL, "UTF-8", PARSE_OPTIONS);
	free(utf8);
	if (tree == NULL) {
		error(err, "no article text found in %s (not an HTML page)",
		    host->meta(doc, "file"));
		return LECTOR_EINVAL;
	}
	rc = read_tree(doc, tree, err);
	xmlFreeDoc(tree);
	if (rc == LECTOR_OK)
		rc = host->set_meta(doc, "encoding", how, err);
	if (rc == LECTOR_OK && cut)
		rc = host->set_source_meta(doc, "html_cut_at_bytes",
		    json_integer((json_int_t)len));
	return rc;
}

static int
html_init(const lector_host *h, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	struct html_state *st;

	(void)data_dir;
	if (!LECTOR_HOST_HAS(h, read_as)) {
		snprintf(err->message, sizeof(err->message),
		    "needs a lectord of plugin ABI 1.1 or later");
		return LECTOR_EFAIL;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return LECTOR_ENOMEM;
	st->max_bytes = (size_t)json_integer_value(json_object_get(options,
	    "max_page_mb")) * 1024 * 1024;
	xmlInitParser();
	host = h;
	*state = st;
	return LECTOR_OK;
}

static void
html_fini(void *state)
{
	free(state);
}

static const lector_option html_options[] = {
	{ "max_page_mb", LECTOR_OPT_INT, "16", "pages are parsed up to this "
	    "size; the rest is cut (and said so in source.meta)", 1, 1024 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static const char *const html_formats[] = { "html", "htm", "xhtml", NULL };

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "html",
	.version = "1.0.0",
	.summary = "web pages: the main text, title, byline, date and the "
	    "page's metadata",
	.kind = LECTOR_READER,
	.formats = html_formats,
	.options = html_options,
	.init = html_init,
	.read = html_read,
	.fini = html_fini,
	.flags = LECTOR_READ_RAW,
};
