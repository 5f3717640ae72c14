/*
 * stats: the smallest annotator, and the one to read first when writing a
 * plugin. It asks the host for the shared segmentation (computed once per
 * article, whoever asks first) and returns counts under the key "stats":
 *
 *   {"characters": 5120, "words": 870, "sentences": 41, "paragraphs": 12,
 *    "reading_seconds": 219}
 */
#include <math.h>
#include <stdio.h>

#include <lector/plugin.h>

static const lector_host *host;

static int
stats_init(const lector_host *h, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	(void)data_dir;
	(void)err;
	(void)options;		/* read per article: they may be overridden */
	host = h;
	*state = NULL;		/* nothing to keep between articles */
	return LECTOR_OK;
}

static int
stats_annotate(void *state, lector_doc *doc, const json_t *options,
    lector_error *err)
{
	size_t n_tokens, n_sentences, n_paragraphs, words = 0;
	const lector_token *tokens = host->tokens(doc, &n_tokens);
	double wpm = json_number_value(json_object_get(options, "words_per_minute"));
	json_t *result;

	(void)state;
	host->sentences(doc, &n_sentences);
	host->paragraphs(doc, &n_paragraphs);
	for (size_t i = 0; i < n_tokens; i++) {
		if (tokens[i].kind == LECTOR_TOKEN_IDEOGRAPH)
			words += tokens[i].end - tokens[i].start;  /* a word a character */
		else if (tokens[i].kind != LECTOR_TOKEN_PUNCT &&
		    tokens[i].kind != LECTOR_TOKEN_SYMBOL)
			words++;
	}
	result = json_pack("{s:I, s:I, s:I, s:I, s:I}",
	    "characters", (json_int_t)host->text_length(doc),
	    "words", (json_int_t)words,
	    "sentences", (json_int_t)n_sentences,
	    "paragraphs", (json_int_t)n_paragraphs,
	    "reading_seconds", (json_int_t)ceil(words * 60.0 / wpm));
	if (result == NULL) {
		snprintf(err->message, sizeof(err->message), "out of memory");
		return LECTOR_ENOMEM;
	}
	/* The host steals the result: no decref here. */
	return host->set_result(doc, result);
}

static const lector_option stats_options[] = {
	{ "words_per_minute", LECTOR_OPT_NUMBER, "238",
	    "reading speed for reading_seconds (238: adults, silent reading)",
	    1, 2000 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "stats",
	.version = "1.0.0",
	.summary = "Counts characters, words, sentences, paragraphs; reading time",
	.kind = LECTOR_ANNOTATOR,
	.key = "stats",
	.options = stats_options,
	.init = stats_init,
	.annotate = stats_annotate,
};
