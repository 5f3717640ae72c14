/*
 * entities: people, organisations, places and other names from a trained
 * tagger, and dates, times, amounts, percentages, quantities, e-mail
 * addresses and URLs from rules, grouped into entities with their aliases.
 *
 * Result, under "entities", a list in order of first appearance:
 *   [ { "text", "type", "count", "mentions": [ { "start", "end", "text" } ],
 *       "aliases": [...], "source": "en-conll2003" | "rules" } ]
 * "source" says which model found the entity; where the article's language
 * has no model, every entity comes from "rules".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lector/plugin.h>

#include "group.h"
#include "mention.h"
#include "model.h"
#include "rules.h"
#include "scheme.h"
#include "tagger.h"
#include "words.h"

#define MODEL_FILE "entities.model"

struct state {
	const lector_host *host;
	struct model model;
	struct tagger_docs docs;
};

static const lector_option options[] = {
	{ "max_entities", LECTOR_OPT_INT, "0",
	    "return at most this many entities, in order of appearance (0: all)",
	    0, 1000000 },
	{ "max_mentions", LECTOR_OPT_INT, "100",
	    "list at most this many mentions of an entity, the first ones; "
	    "count counts them all (0: all)", 0, 100000000 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static int
init(const lector_host *host, const json_t *opts, const char *data_dir,
    void **state, lector_error *err)
{
	char path[4096], why[LECTOR_ERROR_MAX - 64];
	struct state *st;

	(void)opts;
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		snprintf(err->message, sizeof(err->message), "out of memory");
		return LECTOR_ENOMEM;
	}
	st->host = host;
	snprintf(path, sizeof(path), "%s/%s", data_dir, MODEL_FILE);
	if (model_open(&st->model, path, why, sizeof(why)) != 0) {
		snprintf(err->message, sizeof(err->message),
		    "cannot load the entity model: %s", why);
		free(st);
		return LECTOR_EIO;
	}
	if (tagger_docs_init(&st->docs) != 0) {
		model_close(&st->model);
		free(st);
		snprintf(err->message, sizeof(err->message), "out of memory");
		return LECTOR_ENOMEM;
	}
	*state = st;
	return LECTOR_OK;
}

/* The language langid found, or NULL when it did not run or is unsure. */
static const char *
doc_language(const lector_host *host, lector_doc *doc)
{
	const json_t *lang = host->result(doc, "language");
	const char *code = json_string_value(json_object_get(lang, "code"));

	if (code == NULL || *code == 0 || strcmp(code, "und") == 0)
		return NULL;
	return code;
}

static int
add_spans(const struct state *st, const struct words *ws, size_t k,
    struct span *spans, struct mentions *out)
{
	const struct ner_sent *s = &ws->sents[k];
	const struct word *w = ws->w + (s->w - ws->nw);
	size_t n = scheme_decode(st->model.scheme, ws->sent_labels[k], s->n,
	    spans, s->n);

	for (size_t i = 0; i < n; i++) {
		const struct word *a = &w[spans[i].first];
		const struct word *z = &w[spans[i].last];
		struct mention m = { a->start, z->end, a->byte_start,
		    z->byte_end, spans[i].type };
		if (mentions_add(out, &m) != 0)
			return -1;
	}
	return 0;
}

/* The tagger's spans in some sentences, as mentions in text order. */
static int
tag_window(struct state *st, const char *text, const lector_token *tok,
    size_t ntok, const lector_span *sent, size_t nsent, struct mentions *out)
{
	struct words ws;
	struct span *spans = NULL;
	size_t longest = 1;
	int rc = -1;

	if (words_build(&ws, text, tok, ntok, sent, nsent, &st->model) != 0)
		return -1;
	for (size_t k = 0; k < ws.nsents; k++)
		if (ws.sents[k].n > longest)
			longest = ws.sents[k].n;
	/* A sentence has at most one span a word. */
	spans = malloc(longest * sizeof(*spans));
	if (spans == NULL || tagger_tag(&st->model, &st->docs, ws.sents,
	    ws.nsents, ws.sent_labels) != 0)
		goto done;
	for (size_t k = 0; k < ws.nsents; k++)
		if (add_spans(st, &ws, k, spans, out) != 0)
			goto done;
	rc = 0;
done:
	free(spans);
	words_free(&ws);
	return rc;
}

/*
 * The tagger reads a long article a window of sentences at a time, each
 * window a document of its own: what it holds for every word (some 100
 * bytes) then stays bounded, and an article shorter than a window is read
 * whole as before.
 */
#define WINDOW_TOKENS 65536

/* The tagger's spans, as mentions in text order. */
static int
tag_mentions(struct state *st, const char *text, const lector_token *tok,
    size_t ntok, const lector_span *sent, size_t nsent, struct mentions *out)
{
	size_t k = 0;

	while (k < nsent) {
		size_t end = k + 1, tokens = sent[k].count;
		while (end < nsent && tokens + sent[end].count <= WINDOW_TOKENS)
			tokens += sent[end++].count;
		if (tag_window(st, text, tok, ntok, sent + k, end - k, out) != 0)
			return -1;
		k = end;
	}
	return 0;
}

static int
annotate(void *state, lector_doc *doc, const json_t *opts, lector_error *err)
{
	struct state *st = state;
	const lector_host *host = st->host;
	struct mentions ms = { 0 }, model_ms = { 0 };
	size_t bytes, ntok = 0, nsent = 0;
	const char *text = host->text(doc, &bytes);
	const lector_token *tok = host->tokens(doc, &ntok);
	const lector_span *sent = host->sentences(doc, &nsent);
	const char *lang = doc_language(host, doc);
	int use_model = lang == NULL || strcmp(lang, st->model.hdr->language) == 0;
	json_int_t max = json_integer_value(json_object_get(opts, "max_entities"));
	json_int_t max_mentions = json_integer_value(json_object_get(opts,
	    "max_mentions"));
	int rc = -1;

	if (tok == NULL || sent == NULL)
		ntok = nsent = 0;
	if (use_model &&
	    tag_mentions(st, text, tok, ntok, sent, nsent, &model_ms) != 0)
		goto done;
	if (rules_find(text, tok, ntok, &ms) != 0)
		goto done;
	/* Where both speak, the tagger wins: "May" in "Theresa May". */
	mentions_drop_overlaps(&ms, &model_ms);
	for (size_t i = 0; i < model_ms.n; i++)
		if (mentions_add(&ms, &model_ms.m[i]) != 0)
			goto done;
	mentions_sort(&ms);
	json_t *items = group_entities(text, &ms, max > 0 ? (size_t)max : 0,
	    max_mentions > 0 ? (size_t)max_mentions : 0,
	    use_model ? st->model.hdr->name : NULL);
	if (items != NULL)
		rc = host->set_result(doc, items);
done:
	mentions_free(&ms);
	mentions_free(&model_ms);
	if (rc != 0) {
		snprintf(err->message, sizeof(err->message),
		    "out of memory while building the entity list");
		return LECTOR_ENOMEM;
	}
	return LECTOR_OK;
}

static void
fini(void *state)
{
	struct state *st = state;

	if (st == NULL)
		return;
	tagger_docs_free(&st->docs);
	model_close(&st->model);
	free(st);
}

/* Needs nothing; reads "language" when an earlier plugin set it. */
LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "entities",
	.version = "1.0.0",
	.summary = "People, organisations, places, dates, amounts and more",
	.kind = LECTOR_ANNOTATOR,
	.key = "entities",
	.options = options,
	.init = init,
	.annotate = annotate,
	.fini = fini,
};
