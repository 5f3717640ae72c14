/*
 * Canonical composition (the C of Unicode NFC) while reading UTF-8: a base
 * letter followed by combining marks is handed out as the precomposed
 * letter where Unicode has one. Web text often writes Yoruba, Vietnamese
 * or Polish with combining marks (NFD: "e" U+0301 rather than "é"), and
 * an n-gram with a mark in it is not the n-gram of the composed letter the
 * model learnt: the letter would be unseen. Training reads through the
 * same code, so both sides see one form.
 */
#ifndef LANGID_COMPOSE_H
#define LANGID_COMPOSE_H

#include <stddef.h>
#include <stdint.h>

struct compose_pair {
	uint32_t first, second, composed;
};

struct compose_class {
	uint32_t lo, hi;
	uint8_t ccc;
};

/* Generated tables (compose-table.c), sorted. */
extern const struct compose_pair compose_pairs[];
extern const size_t compose_n_pairs;
extern const struct compose_class compose_classes[];
extern const size_t compose_n_classes;
extern const uint32_t compose_letter_seconds[];	/* class 0, not Hangul */
extern const size_t compose_n_letter_seconds;

/* Canonical combining class of cp; 0 for base letters and most others. */
int compose_class_of(uint32_t cp);

/* The precomposed character of first + second, 0 when there is none. */
uint32_t compose_two(uint32_t first, uint32_t second);

/*
 * Marks a base letter took with it but could not absorb ("ẹ́" is "ẹ" and
 * U+0301: Unicode has no single letter for it), handed out next. At most
 * COMPOSE_MAX_MARKS marks are read with a letter; more are taken one by one
 * as they come, uncomposed (stacks of dozens are decoration, not spelling).
 */
#define COMPOSE_MAX_MARKS 8

typedef struct compose_state {
	uint32_t mark[COMPOSE_MAX_MARKS];
	int n, next;
} compose_state;

/*
 * Like langid_utf8_next: decodes the code point at s[*pos], advances *pos,
 * and composes it with the combining marks that follow. st starts zeroed.
 */
uint32_t compose_next(const char *s, size_t len, size_t *pos,
    compose_state *st);

#endif
