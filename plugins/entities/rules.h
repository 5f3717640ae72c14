#ifndef ENTITIES_RULES_H
#define ENTITIES_RULES_H

#include <stddef.h>

#include <lector/plugin.h>

#include "mention.h"

/* Appends the rule types' mentions, in text order; 0 or -1 on no memory. */
int rules_find(const char *text, const lector_token *tok, size_t ntok,
    struct mentions *out);

#endif /* ENTITIES_RULES_H */
