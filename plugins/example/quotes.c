/*
 * quotes: an example annotator. Finds quotations and, when the sentence
 * says so ("...," he said; Pompeo said "..."), who said them:
 *
 *   "quotes": [{"start": 12, "end": 40, "text": "\"Sometimes...\"",
 *               "speaker": "he"}]
 */
#include <string.h>

#include <lector/plugin.h>

static const lector_host *host;
static const char *const verbs[] = { "said", "says", "told", "added", "asked",
    "wrote", NULL };

static int
is(const char *text, const lector_token *t, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == t->byte_end - t->byte_start &&
		    memcmp(text + t->byte_start, *words, strlen(*words)) == 0)
			return 1;
	return 0;
}

static int
is_quote(const char *text, const lector_token *t)
{
	static const char *const marks[] = { "\"", "\xe2\x80\x9c", "\xe2\x80\x9d", NULL };
	return t->kind == LECTOR_TOKEN_PUNCT && is(text, t, marks);
}

/* The word next to a speech verb near token i, in the same sentence. */
static json_t *
speaker(const char *text, const lector_token *t, size_t n, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < n; i++) {
		if (!is(text, &t[i], verbs))
			continue;
		size_t who = i + 1 < n && t[i + 1].sentence == t[i].sentence &&
		    t[i + 1].kind == LECTOR_TOKEN_WORD ? i + 1 : i - 1;
		return json_stringn(text + t[who].byte_start,
		    t[who].byte_end - t[who].byte_start);
	}
	return json_null();
}

static int
quotes_annotate(void *state, lector_doc *doc, const json_t *options,
    lector_error *err)
{
	size_t n, open = 0;
	int inside = 0;
	const lector_token *t = host->tokens(doc, &n);
	const char *text = host->text(doc, NULL);
	json_t *list = json_array();

	(void)state;
	(void)options;
	(void)err;
	for (size_t i = 0; i < n; i++) {
		if (!is_quote(text, &t[i]))
			continue;
		if (!inside) {
			open = i;
			inside = 1;
			continue;
		}
		inside = 0;
		json_t *who = speaker(text, t, n, i + 1, i + 4);	/* "...," he said */
		if (json_is_null(who))				/* Jones said "..." */
			who = speaker(text, t, n, open >= 3 ? open - 3 : 0, open);
		json_array_append_new(list, json_pack("{s:i, s:i, s:s%, s:o}",
		    "start", (int)t[open].start, "end", (int)t[i].end, "text",
		    text + t[open].byte_start, (size_t)(t[i].byte_end - t[open].byte_start),
		    "speaker", who));
	}
	return host->set_result(doc, list);	/* stolen by the host */
}

static int
quotes_init(const lector_host *h, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	(void)options;
	(void)data_dir;
	(void)err;
	host = h;
	*state = NULL;
	return LECTOR_OK;
}

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "quotes",
	.version = "1.0.0",
	.summary = "Example: quotations and who said them",
	.kind = LECTOR_ANNOTATOR,
	.key = "quotes",
	.init = quotes_init,
	.annotate = quotes_annotate,
};
