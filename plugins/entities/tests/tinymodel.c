#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../features.h"
#include "../model.h"
#include "../scheme.h"
#include "tinymodel.h"

/* The word's features in a sentence of its own. */
static size_t
features_of(const char *word, int stages, uint64_t *f)
{
	struct ner_word w = { word, (uint32_t)strlen(word) };
	struct ner_winfo info;
	struct ner_sent s = { &w, 1, &info, 0 };

	ner_prepare(&s, NULL);
	size_t n = ner_features_static(&s, 0, NULL, f);
	if (stages == 2)
		n = ner_features_stage2(&s, 0, NULL, f, n);
	return n;
}

/* Same shape, other letters: "Paris" -> "Qqqqq". */
static void
dummy_of(const char *word, char *out, size_t max)
{
	size_t i = 0;

	for (; word[i] && i + 1 < max; i++) {
		char c = word[i];
		out[i] = c >= 'A' && c <= 'Z' ? 'Q' : c >= 'a' && c <= 'z' ?
		    'q' : c;
	}
	out[i] = 0;
}

static int
build(const struct tiny_rule *rules, size_t n, const char *language,
    int stages, unsigned char **buf, size_t *size)
{
	uint64_t keys[1024];
	int16_t w[1024 * 17];
	uint32_t rows = 0;
	int nl = scheme_nlabels(SCHEME_BILOU);
	char err[256];

	memset(w, 0, sizeof(w));
	for (size_t r = 0; r < n; r++) {
		uint64_t f[NER_FEATURES_MAX], g[NER_FEATURES_MAX];
		char dummy[64];
		size_t nf = features_of(rules[r].word, stages, f);
		dummy_of(rules[r].word, dummy, sizeof(dummy));
		size_t ng = features_of(dummy, stages, g);
		for (size_t i = 0; i < nf; i++) {
			int shared = 0;
			for (size_t j = 0; j < ng && !shared; j++)
				shared = f[i] == g[j];
			for (uint32_t k = 0; k < rows && !shared; k++)
				shared = keys[k] == f[i];
			if (shared || rows == 1024)
				continue;
			keys[rows] = f[i];
			w[rows * nl + rules[r].label] = 100;
			rows++;
		}
	}
	/* "test-tiny" for English, "test-tiny-de" for German, ... */
	char name[32];
	snprintf(name, sizeof(name), strcmp(language, "en") == 0 ? "test-tiny" :
	    "test-tiny-%s", language);
	struct model_spec sp = {
		.language = language, .name = name, .scheme = SCHEME_BILOU,
		.nlabels = nl, .stages = stages, .scale = 0.01f, .nrows = rows, .keys = keys,
		.weights = w
	};
	return model_build(&sp, buf, size, err, sizeof(err));
}

int
tiny_model_build(const struct tiny_rule *rules, size_t n,
    const char *language, unsigned char **buf, size_t *size)
{
	return build(rules, n, language, 1, buf, size);
}

int
tiny_model_build_stages(const struct tiny_rule *rules, size_t n, int stages,
    unsigned char **buf, size_t *size)
{
	return build(rules, n, "en", stages, buf, size);
}
