/*
 * A small model built by the real training code from a few sentences, so
 * tests need neither the shipped model nor any corpus.
 */
#ifndef LANGID_TINY_MODEL_H
#define LANGID_TINY_MODEL_H

#include <stddef.h>

#include "../train/train.h"

/* Loads the few sentences, every one for training; 0 or negative. */
int tiny_corpus(struct corpus *c);

/* A word list for German and one for French, over c's languages; 0 or <0. */
int tiny_lexicons(struct train_lexicons *lx, const struct corpus *c);

/* The build parameters of the tiny model: everything it saw is kept. */
struct build_params tiny_params(void);

/* Returns a malloc'ed model image (*len bytes), word lists included, or NULL. */
void *tiny_model(size_t *len);

#endif
