/*
 * Everything that can be checked before the first article is checked in
 * pipeline_open: which plugins exist, their options, and whether each
 * annotator's needs come earlier. An article can then fail only for
 * reasons of its own.
 */
#include <ctype.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "document.h"
#include "loader.h"
#include "options.h"
#include "output.h"
#include "pipeline.h"
#include "utf8.h"

struct stage {
	struct plugin *plugin;		/* in the pipeline's set */
	json_t *options;		/* resolved from the configuration */
	void *state;
	int ready;			/* init succeeded: fini is owed */
};

struct pipeline {
	struct plugin_set set;
	struct stage *readers;
	size_t n_readers;
	struct stage *annotators;
	size_t n_annotators;
};

static void
fail(struct pipeline_failure *why, const char *plugin, const char *fmt, ...)
{
	va_list ap;

	snprintf(why->plugin, sizeof(why->plugin), "%s", plugin);
	va_start(ap, fmt);
	vsnprintf(why->reason, sizeof(why->reason), fmt, ap);
	va_end(ap);
}

static int
stage_init(struct stage *st, const struct config *cfg, char *err, size_t errlen)
{
	const lector_plugin *d = st->plugin->desc;
	char path[128], why[512];
	lector_error lerr = { "" };

	snprintf(path, sizeof(path), "plugins.%s", d->name);
	if (options_check_declarations(d->options, st->plugin->path, why,
	    sizeof(why)) < 0) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	st->options = options_resolve(d->options, NULL,
	    json_object_get(cfg->plugin_options, d->name), path, why, sizeof(why));
	if (st->options == NULL) {
		snprintf(err, errlen, "%s%s%s", cfg->path ? cfg->path : "",
		    cfg->path ? ": " : "", why);
		return -1;
	}
	if (d->init != NULL && d->init(&document_host, st->options,
	    st->plugin->data_dir, &st->state, &lerr) != LECTOR_OK) {
		snprintf(err, errlen, "%s: cannot start: %s", d->name,
		    lerr.message[0] ? lerr.message : "init failed");
		return -1;
	}
	st->ready = 1;
	return 0;
}

static int
add_annotators(struct pipeline *p, const char *const *names, char *err,
    size_t errlen)
{
	size_t n = 0;

	while (names[n] != NULL)
		n++;
	if ((p->annotators = calloc(n ? n : 1, sizeof(*p->annotators))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct plugin *pl = loader_find_kind(&p->set, names[i],
		    LECTOR_ANNOTATOR);
		if (pl == NULL && loader_find(&p->set, names[i]) != NULL) {
			snprintf(err, errlen, "pipeline: '%s' is not an annotator; "
			    "readers are chosen by file type, sources and sinks "
			    "by \"source\" and \"sinks\"", names[i]);
			return -1;
		}
		if (pl == NULL) {
			snprintf(err, errlen, "pipeline: no plugin named '%s' was "
			    "found (see `lectord plugins`)", names[i]);
			return -1;
		}
		if (pl->desc->kind != LECTOR_ANNOTATOR) {
			snprintf(err, errlen, "pipeline: '%s' is a reader, not an "
			    "annotator; readers are chosen by file type", names[i]);
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (p->annotators[j].plugin == pl) {
				snprintf(err, errlen, "pipeline: '%s' is listed twice",
				    names[i]);
				return -1;
			}
		for (size_t k = 0; pl->desc->needs && pl->desc->needs[k]; k++) {
			size_t j = 0;
			while (j < i && strcmp(p->annotators[j].plugin->desc->key,
			    pl->desc->needs[k]) != 0)
				j++;
			if (j == i) {
				snprintf(err, errlen, "pipeline: %s needs '%s', which "
				    "no plugin before it provides", names[i],
				    pl->desc->needs[k]);
				return -1;
			}
		}
		p->annotators[p->n_annotators++].plugin = pl;
	}
	return 0;
}

static int
check_option_names(struct pipeline *p, const struct config *cfg, char *err,
    size_t errlen)
{
	const char *name;
	json_t *v;

	json_object_foreach(cfg->plugin_options, name, v) {
		if (loader_find(&p->set, name) == NULL) {
			snprintf(err, errlen, "%s%splugins.%s: no plugin of that name "
			    "is loaded", cfg->path ? cfg->path : "",
			    cfg->path ? ": " : "", name);
			return -1;
		}
	}
	return 0;
}

struct pipeline *
pipeline_open(const struct config *cfg, const char *const *only, char *err,
    size_t errlen)
{
	struct pipeline *p = calloc(1, sizeof(*p));

	if (p == NULL || loader_scan(cfg->plugin_dirs, &p->set) < 0) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (p->set.n_refused > 0) {
		snprintf(err, errlen, "%s%s", p->set.refused[0],
		    p->set.n_refused > 1 ? " (and more: see `lectord plugins`)" : "");
		goto fail;
	}
	if (check_option_names(p, cfg, err, errlen) < 0 ||
	    add_annotators(p, only ? only : (const char *const *)cfg->pipeline,
	    err, errlen) < 0)
		goto fail;
	if ((p->readers = calloc(p->set.n + 1, sizeof(*p->readers))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < p->set.n; i++)
		if (p->set.v[i].desc->kind == LECTOR_READER)
			p->readers[p->n_readers++].plugin = &p->set.v[i];
	for (size_t i = 0; i < p->n_readers; i++)
		if (stage_init(&p->readers[i], cfg, err, errlen) < 0)
			goto fail;
	for (size_t i = 0; i < p->n_annotators; i++)
		if (stage_init(&p->annotators[i], cfg, err, errlen) < 0)
			goto fail;
	return p;
fail:
	pipeline_close(p);
	return NULL;
}

static void
stages_close(struct stage *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		if (v[i].ready && v[i].plugin->desc->fini != NULL)
			v[i].plugin->desc->fini(v[i].state);
		json_decref(v[i].options);
	}
	free(v);
}

struct plugin_set *
pipeline_plugins(struct pipeline *p)
{
	return &p->set;
}

void
pipeline_close(struct pipeline *p)
{
	if (p == NULL)
		return;
	stages_close(p->annotators, p->n_annotators);
	stages_close(p->readers, p->n_readers);
	loader_free(&p->set);
	free(p);
}

/* The extension of a file name, lower-cased, or "" when it has none. */
static void
extension(const char *name, char *ext, size_t len)
{
	const char *base = strrchr(name, '/');
	const char *dot = strrchr(base ? base + 1 : name, '.');
	size_t i = 0;

	if (dot != NULL && dot != (base ? base + 1 : name))
		for (dot++; *dot && i + 1 < len; dot++)
			ext[i++] = (char)tolower((unsigned char)*dot);
	ext[i] = '\0';
}

static struct stage *
reader_for(const struct pipeline *p, const char *format)
{
	for (size_t i = 0; i < p->n_readers; i++) {
		const char *const *f = p->readers[i].plugin->desc->formats;
		for (; *f != NULL; f++)
			if (strcmp(*f, format) == 0)
				return &p->readers[i];
	}
	return NULL;
}

static void
format_of(const char *file_name, const char *format, char *buf, size_t len)
{
	if (format != NULL) {
		snprintf(buf, len, "%s", format);
		return;
	}
	extension(file_name, buf, len);
	if (buf[0] == '\0')
		snprintf(buf, len, "txt");	/* no extension: plain text */
}

static int
only_space(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		utf8_next(s, len, &i, &cp);
		if (!uc_is_space(cp))
			return 0;
	}
	return 1;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static json_t *
ran(const lector_plugin *d, double ms)
{
	return json_pack("{s:s, s:s, s:f}", "plugin", d->name, "version",
	    d->version, "ms", (double)(long long)(ms * 1000) / 1000);
}

/*
 * Calls a reader on bytes: decoded to UTF-8 first, unless the reader takes
 * them raw. A decoding failure is the host's: *by_host is set then. The
 * first decoding names the article's encoding: bytes handed on by read_as
 * after that are what the outer reader made of them.
 */
static int
reader_call(struct stage *reader, struct lector_doc *doc, const void *bytes,
    size_t len, int *by_host, lector_error *err)
{
	const lector_plugin *d = reader->plugin->desc;
	const char *encoding;
	char *text;
	size_t text_len;
	int rc;

	*by_host = 0;
	if (d->flags & LECTOR_READ_RAW)
		return d->read(reader->state, doc, bytes, len, err);
	if (decode_text(bytes, len, &text, &text_len, &encoding,
	    err->message, sizeof(err->message)) < 0) {
		*by_host = 1;
		return LECTOR_EINVAL;
	}
	if (!doc->encoding_known) {
		doc->encoding = encoding;
		doc->encoding_known = 1;
	}
	rc = d->read(reader->state, doc, text, text_len, err);
	free(text);
	return rc;
}

/* Nested readers: a JSON article holding a page is two; more is a loop. */
#define READ_AS_DEPTH_MAX 4

/* host->read_as: the reader of another format, on the same document. */
static int
pipeline_read_as(void *ctx, struct lector_doc *doc, const char *format,
    const void *bytes, size_t len, lector_error *err)
{
	struct stage *reader = reader_for(ctx, format);
	int by_host, rc;

	if (reader == NULL) {
		snprintf(err->message, sizeof(err->message),
		    "read_as: no reader takes .%s", format);
		return LECTOR_EINVAL;
	}
	if (doc->read_depth >= READ_AS_DEPTH_MAX) {
		snprintf(err->message, sizeof(err->message),
		    "read_as: readers nested more than %d deep", READ_AS_DEPTH_MAX);
		return LECTOR_EINVAL;
	}
	doc->read_depth++;
	rc = reader_call(reader, doc, bytes, len, &by_host, err);
	doc->read_depth--;
	if (rc != LECTOR_OK && err->message[0] == '\0')
		snprintf(err->message, sizeof(err->message), "%s: cannot read",
		    reader->plugin->desc->name);
	return rc;
}

static int
read_article(struct pipeline *p, struct stage *reader, struct lector_doc *doc,
    const void *bytes, size_t len, struct pipeline_failure *why)
{
	const char *name = reader->plugin->desc->name;
	lector_error lerr = { "" };
	int by_host, rc;

	doc->read_as = pipeline_read_as;
	doc->read_as_ctx = p;
	doc->phase = DOC_PHASE_READ;
	rc = reader_call(reader, doc, bytes, len, &by_host, &lerr);
	doc->phase = DOC_PHASE_NONE;
	doc->read_as = NULL;
	if (rc != LECTOR_OK) {
		fail(why, by_host ? "lectord" : name, "%s",
		    lerr.message[0] ? lerr.message : "cannot read");
		return -1;
	}
	if (doc->text == NULL || only_space(doc->text, doc->text_bytes)) {
		fail(why, name, "empty article: no text to process");
		return -1;
	}
	return 0;
}

/* The options of annotator i for this article, with its overrides; new. */
static json_t *
article_options(struct pipeline *p, size_t i, const struct lector_doc *doc,
    struct pipeline_failure *why)
{
	const struct stage *st = &p->annotators[i];
	const char *name = st->plugin->desc->name;
	char path[96], msg[512];
	json_t *given = json_object_get(doc->options, name), *out;

	if (given == NULL)
		return json_incref(st->options);
	snprintf(path, sizeof(path), "options.%s", name);
	out = options_resolve(st->plugin->desc->options, st->options, given,
	    path, msg, sizeof(msg));
	if (out == NULL)
		fail(why, "lectord", "%s", msg);
	return out;
}

static int
check_override_names(struct pipeline *p, const struct lector_doc *doc,
    struct pipeline_failure *why)
{
	const char *name;
	json_t *v;

	json_object_foreach(doc->options, name, v) {
		size_t i = 0;
		while (i < p->n_annotators &&
		    strcmp(p->annotators[i].plugin->desc->name, name) != 0)
			i++;
		if (i == p->n_annotators) {
			fail(why, "lectord", "options.%s: no plugin of that name "
			    "in the pipeline", name);
			return -1;
		}
	}
	return 0;
}

/*
 * What a plugin freed of a large article goes back to the system before
 * the next one runs: glibc keeps the pages of small blocks (a page's
 * tree, a tagger's window) where the next plugin's large arrays, mapped
 * afresh, would come on top of them. A reader's article is the bytes it
 * read, an annotator's the text. Small articles are not worth the walk
 * of the heap.
 */
#define GIVE_BACK_BYTES (1 << 20)

static void
give_back(size_t article_bytes)
{
	if (article_bytes >= GIVE_BACK_BYTES)
		malloc_trim(0);
}

static int
annotate(struct pipeline *p, struct lector_doc *doc, json_t *steps,
    struct pipeline_failure *why)
{
	if (doc->options != NULL && check_override_names(p, doc, why) < 0)
		return -1;
	for (size_t i = 0; i < p->n_annotators; i++) {
		struct stage *st = &p->annotators[i];
		const lector_plugin *d = st->plugin->desc;
		lector_error lerr = { "" };
		json_t *opts = article_options(p, i, doc, why);
		double t0 = now_ms();
		int rc;

		if (opts == NULL)
			return -1;
		doc->phase = DOC_PHASE_ANNOTATE;
		doc->result_key = d->key;
		rc = d->annotate(st->state, doc, opts, &lerr);
		doc->phase = DOC_PHASE_NONE;
		doc->result_key = NULL;
		json_decref(opts);
		if (rc != LECTOR_OK) {
			fail(why, d->name, "%s", lerr.message[0] ? lerr.message :
			    "failed");
			return -1;
		}
		if (doc->segment_failed) {
			fail(why, "lectord", "out of memory splitting %zu bytes of "
			    "text into tokens for %s", doc->text_bytes, d->name);
			return -1;
		}
		json_array_append_new(steps, ran(d, now_ms() - t0));
		give_back(doc->text_bytes);
	}
	return 0;
}

/*
 * One article through the pipeline. owned: NULL, or bytes themselves when
 * they came from malloc: they are freed here once the reader is done with
 * them. The document holds its own text by then, and a large article
 * need not be held twice while the annotators run.
 */
static int
run(struct pipeline *p, const char *file_name, const char *format,
    const void *bytes, size_t len, char *owned, double received,
    json_t **out, struct pipeline_failure *why)
{
	char fmt[32];
	struct stage *reader;
	struct lector_doc *doc = NULL;
	json_t *steps = NULL;
	double t0 = now_ms();

	*out = NULL;
	format_of(file_name, format, fmt, sizeof(fmt));
	if ((reader = reader_for(p, fmt)) == NULL) {
		fail(why, "lectord", "no reader takes .%s files", fmt);
		goto fail;
	}
	if ((doc = document_new(file_name, fmt, bytes, len, received)) == NULL ||
	    (steps = json_array()) == NULL) {
		fail(why, "lectord", "out of memory");
		goto fail;
	}
	if (read_article(p, reader, doc, bytes, len, why) < 0)
		goto fail;
	free(owned);
	owned = NULL;
	give_back(len > doc->text_bytes ? len : doc->text_bytes);
	json_array_append_new(steps, ran(reader->plugin->desc, now_ms() - t0));
	if (annotate(p, doc, steps, why) < 0)
		goto fail;
	/* The output holds a copy of the text: the tokens make way for it. */
	document_unsegment(doc);
	if ((*out = output_document(doc, steps)) == NULL) {
		fail(why, "lectord", "out of memory");
		document_free(doc);
		return -1;
	}
	document_free(doc);
	return 0;
fail:
	free(owned);
	json_decref(steps);
	document_free(doc);
	return -1;
}

int
pipeline_run(struct pipeline *p, const char *file_name, const char *format,
    const void *bytes, size_t len, double received, json_t **out,
    struct pipeline_failure *why)
{
	return run(p, file_name, format, bytes, len, NULL, received, out, why);
}

int
pipeline_run_owned(struct pipeline *p, const char *file_name,
    const char *format, char *bytes, size_t len, double received,
    json_t **out, struct pipeline_failure *why)
{
	return run(p, file_name, format, bytes, len, bytes, received, out, why);
}
