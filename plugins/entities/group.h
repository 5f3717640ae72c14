#ifndef ENTITIES_GROUP_H
#define ENTITIES_GROUP_H

#include <stddef.h>

#include <jansson.h>

#include "mention.h"

/*
 * The entity list of the result: mentions (sorted by start) grouped into
 * entities with aliases, in order of first appearance. At most max of
 * them (0: all): those with the most mentions, the first to appear on a
 * tie. Each lists its first max_mentions mentions (0: all; "count" counts
 * them all), and the list at most max_listed mentions in all (0: no cap),
 * the first entities' first: an entity past that lists none. Each names
 * its source: the model that tagged its first named mention (a mention
 * from another model names its own), or "rules".
 * The mentions of the entities left out are dropped from ms (the others
 * keep their order), so that they are not held while the list is built.
 * A new reference, or NULL on no memory.
 */
json_t *group_entities(const char *text, struct mentions *ms,
    size_t max, size_t max_mentions, size_t max_listed);

/* The size of the record grouping keeps for each entity (kept small). */
size_t group_record_size(void);

#endif /* ENTITIES_GROUP_H */
