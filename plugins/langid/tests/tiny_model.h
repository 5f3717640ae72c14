/*
 * A small model built by the real training code from a few sentences, so
 * tests need neither the shipped model nor any corpus.
 */
#ifndef LANGID_TINY_MODEL_H
#define LANGID_TINY_MODEL_H

#include <stddef.h>

struct corpus;

/* Loads the few sentences, every one for training; 0 or negative. */
int tiny_corpus(struct corpus *c);

/* Returns a malloc'ed model image (*len bytes), or NULL. */
void *tiny_model(size_t *len);

#endif
