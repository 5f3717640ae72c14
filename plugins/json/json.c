/*
 * The JSON reader: one article as an object,
 *
 *   {"text": "...", "title": "...", "byline": "...", "published": "2019-03-01",
 *    "url": "...", "id": "...", "options": {"summary": {"sentences": 5}}}
 *
 * "text" is required, or instead "html": a web page, read by the html
 * reader into the same article (with "url" beside it, where it came from).
 * Fields given here win over what the page says. Fields lector does not
 * know are kept under source.meta, so nothing a producer sent is dropped.
 */
#include <stdio.h>
#include <string.h>

#include <lector/plugin.h>

#include "date/date.h"

static const lector_host *host;

static int
set_string_meta(lector_doc *doc, const char *key, json_t *v, lector_error *err)
{
	if (!json_is_string(v)) {
		snprintf(err->message, sizeof(err->message),
		    "\"%s\" must be a string", key);
		return LECTOR_EINVAL;
	}
	return host->set_meta(doc, key, json_string_value(v), err);
}

/* "2019-03-01", "2019-03-01T10:00:00Z" or "1 March 2019" -> "2019-03-01". */
static int
set_published(lector_doc *doc, json_t *v, lector_error *err)
{
	const char *s = json_string_value(v);
	char iso[11];

	if (s == NULL) {
		snprintf(err->message, sizeof(err->message),
		    "\"published\" must be a string");
		return LECTOR_EINVAL;
	}
	if (!date_parse_timestamp(s, iso)) {
		snprintf(err->message, sizeof(err->message),
		    "\"published\": not a date (%.40s)", s);
		return LECTOR_EINVAL;
	}
	return host->set_meta(doc, "published", iso, err);
}

static int
set_id(lector_doc *doc, json_t *v, lector_error *err)
{
	char buf[32];

	if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		return host->set_meta(doc, "id", buf, err);
	}
	return set_string_meta(doc, "id", v, err);
}

static int
read_field(lector_doc *doc, const char *key, json_t *v, lector_error *err)
{
	if (strcmp(key, "text") == 0 || strcmp(key, "html") == 0)
		return LECTOR_OK;
	if (strcmp(key, "title") == 0 || strcmp(key, "byline") == 0 ||
	    strcmp(key, "url") == 0)
		return set_string_meta(doc, key, v, err);
	if (strcmp(key, "published") == 0)
		return set_published(doc, v, err);
	if (strcmp(key, "id") == 0)
		return set_id(doc, v, err);
	if (strcmp(key, "options") == 0) {
		if (!json_is_object(v)) {
			snprintf(err->message, sizeof(err->message),
			    "\"options\" must be an object of plugin name -> options");
			return LECTOR_EINVAL;
		}
		return host->set_options(doc, json_incref(v));
	}
	return host->set_source_meta(doc, key, json_incref(v));
}

/* The page in "html", by the html reader; what the JSON gave stays. */
static int
read_page(lector_doc *doc, json_t *html, lector_error *err)
{
	if (!LECTOR_HOST_HAS(host, read_as)) {
		snprintf(err->message, sizeof(err->message),
		    "\"html\" needs a lectord of plugin ABI 1.1 or later");
		return LECTOR_EINVAL;
	}
	return host->read_as(doc, "html", json_string_value(html),
	    json_string_length(html), err);
}

static int
json_read(void *state, lector_doc *doc, const char *bytes, size_t len,
    lector_error *err)
{
	json_error_t jerr;
	json_t *root, *text, *html, *v;
	const char *key;
	int rc = LECTOR_OK;

	(void)state;
	if ((root = json_loadb(bytes, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		snprintf(err->message, sizeof(err->message),
		    "not valid JSON (line %d, column %d: %s)", jerr.line,
		    jerr.column, jerr.text);
		return LECTOR_EINVAL;
	}
	text = json_object_get(root, "text");
	html = json_object_get(root, "html");
	if (!json_is_object(root) || (!json_is_string(text) &&
	    !json_is_string(html))) {
		snprintf(err->message, sizeof(err->message),
		    "a JSON article must be an object with a string \"text\" "
		    "or \"html\"");
		json_decref(root);
		return LECTOR_EINVAL;
	}
	json_object_foreach(root, key, v)
		if (rc == LECTOR_OK)
			rc = read_field(doc, key, v, err);
	if (rc == LECTOR_OK && json_is_string(text))
		rc = host->set_text(doc, json_string_value(text),
		    json_string_length(text), err);
	else if (rc == LECTOR_OK)
		rc = read_page(doc, html, err);
	json_decref(root);
	return rc;
}

static int
json_init(const lector_host *h, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	(void)options;
	(void)data_dir;
	(void)err;
	host = h;
	*state = NULL;
	return LECTOR_OK;
}

static const char *const json_formats[] = { "json", NULL };

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "json",
	.version = "1.0.0",
	.summary = "JSON: an object with \"text\" (or a web page in \"html\") "
	    "and optional title, byline, published, url, id, options",
	.kind = LECTOR_READER,
	.formats = json_formats,
	.init = json_init,
	.read = json_read,
};
