#ifndef ENTITIES_GROUP_H
#define ENTITIES_GROUP_H

#include <stddef.h>

#include <jansson.h>

#include "mention.h"

/*
 * The entity list of the result: mentions (sorted by start) grouped into
 * entities with aliases, in order of first appearance, at most max of them
 * (0: all), each listing its first max_mentions mentions (0: all; "count"
 * counts them all). Each names its source: the model that tagged its first
 * named mention (a mention from another model names its own), or "rules".
 * A new reference, or NULL on no memory.
 */
json_t *group_entities(const char *text, const struct mentions *ms,
    size_t max, size_t max_mentions);

#endif /* ENTITIES_GROUP_H */
