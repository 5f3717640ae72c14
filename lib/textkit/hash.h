/*
 * FNV-1a, 32 bits, over bytes: the hash of words and stems that textkit
 * and its plugins key their tables by. The keywords plugin's specificity
 * table is written with it by scripts/train-keywords-specific.py, so it
 * must not change without that table being made again.
 */
#ifndef TEXTKIT_HASH_H
#define TEXTKIT_HASH_H

#include <stddef.h>
#include <stdint.h>

uint32_t textkit_hash(const char *s, size_t len);

#endif /* TEXTKIT_HASH_H */
