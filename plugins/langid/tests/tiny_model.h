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

/* The build parameters of the tiny model: everything it saw is kept. */
struct build_params tiny_params(void);

/* Returns a malloc'ed model image (*len bytes), or NULL. */
void *tiny_model(size_t *len);

#endif
