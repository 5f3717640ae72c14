/*
 * Tokens and sentences of a test text, as lectord's core makes them, in
 * fixed arrays the rule tests can index.
 */
#ifndef ENTITIES_TOKTEST_H
#define ENTITIES_TOKTEST_H

#include <stddef.h>

#include <lector/plugin.h>

struct toktest {
	lector_token tok[1024];
	size_t ntok;
	lector_span sent[128];
	size_t nsent;
};

void toktest_run(struct toktest *t, const char *text);

#endif
