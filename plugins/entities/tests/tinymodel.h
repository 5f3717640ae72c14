/*
 * Tiny hand-built models for tests: each rule makes a word, wherever it
 * stands, score high for one label.
 */
#ifndef ENTITIES_TINYMODEL_H
#define ENTITIES_TINYMODEL_H

#include <stddef.h>

struct tiny_rule {
	const char *word;
	int label;
};

/*
 * A model image in *buf (caller frees); 0 or -1. With stages 2, the
 * weights are on the second stage's features only, so the words are found
 * only if the second pass runs.
 */
int tiny_model_build(const struct tiny_rule *rules, size_t n,
    const char *language, unsigned char **buf, size_t *size);
int tiny_model_build_stages(const struct tiny_rule *rules, size_t n,
    int stages, unsigned char **buf, size_t *size);

#endif
