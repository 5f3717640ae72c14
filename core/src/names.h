/*
 * A set of file names, each with a pointer of the owner's choosing: the
 * watcher's files still settling, the master's names queued or in flight.
 */
#ifndef LECTOR_NAMES_H
#define LECTOR_NAMES_H

#include <stddef.h>

struct names;

struct names *names_new(void);

/* Frees the set; free_value (may be NULL) is called on each value. */
void names_free(struct names *set, void (*free_value)(void *value));

/* The value stored under name, or NULL; *found says whether it is there. */
void *names_get(const struct names *set, const char *name, int *found);

/* Adds or replaces; the name is copied. Returns 0 or -ENOMEM. */
int names_put(struct names *set, const char *name, void *value);

/* Removes name and returns its value (NULL when absent). */
void *names_del(struct names *set, const char *name);

size_t names_count(const struct names *set);

/*
 * Calls fn on each entry; fn may delete the entry it is given (and no
 * other). Stops early when fn returns non-zero.
 */
void names_each(struct names *set,
    int (*fn)(const char *name, void *value, void *arg), void *arg);

#endif
