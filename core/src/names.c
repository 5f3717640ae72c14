/*
 * Chained hash table of strings. Small and boring: the sets hold at most a
 * few thousand names, and every operation is one bucket walk.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

struct entry {
	struct entry *next;
	void *value;
	char name[];
};

struct names {
	struct entry **buckets;
	size_t nbuckets;	/* a power of two */
	size_t count;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct names *
names_new(void)
{
	struct names *set = calloc(1, sizeof(*set));

	if (set == NULL)
		return NULL;
	set->nbuckets = 64;
	set->buckets = calloc(set->nbuckets, sizeof(*set->buckets));
	if (set->buckets == NULL) {
		free(set);
		return NULL;
	}
	return set;
}

void
names_free(struct names *set, void (*free_value)(void *value))
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct entry *e = set->buckets[i];
		while (e != NULL) {
			struct entry *next = e->next;
			if (free_value != NULL)
				free_value(e->value);
			free(e);
			e = next;
		}
	}
	free(set->buckets);
	free(set);
}

static struct entry **
find(const struct names *set, const char *name)
{
	struct entry **slot = &set->buckets[hash(name) & (set->nbuckets - 1)];

	while (*slot != NULL && strcmp((*slot)->name, name) != 0)
		slot = &(*slot)->next;
	return slot;
}

void *
names_get(const struct names *set, const char *name, int *found)
{
	struct entry *e = *find(set, name);

	if (found != NULL)
		*found = e != NULL;
	return e != NULL ? e->value : NULL;
}

/* Doubles the table; on no memory keeps the old one (only slower). */
static void
grow(struct names *set)
{
	size_t n = set->nbuckets * 2;
	struct entry **b = calloc(n, sizeof(*b));

	if (b == NULL)
		return;
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct entry *e = set->buckets[i];
		while (e != NULL) {
			struct entry *next = e->next;
			size_t j = hash(e->name) & (n - 1);
			e->next = b[j];
			b[j] = e;
			e = next;
		}
	}
	free(set->buckets);
	set->buckets = b;
	set->nbuckets = n;
}

int
names_put(struct names *set, const char *name, void *value)
{
	struct entry **slot = find(set, name);
	size_t len;

	if (*slot != NULL) {
		(*slot)->value = value;
		return 0;
	}
	len = strlen(name);
	struct entry *e = malloc(sizeof(*e) + len + 1);
	if (e == NULL)
		return -ENOMEM;
	memcpy(e->name, name, len + 1);
	e->value = value;
	e->next = NULL;
	*slot = e;
	set->count++;
	if (set->count > set->nbuckets)
		grow(set);
	return 0;
}

void *
names_del(struct names *set, const char *name)
{
	struct entry **slot = find(set, name);
	struct entry *e = *slot;
	void *value;

	if (e == NULL)
		return NULL;
	*slot = e->next;
	value = e->value;
	free(e);
	set->count--;
	return value;
}

size_t
names_count(const struct names *set)
{
	return set->count;
}

void
names_each(struct names *set,
    int (*fn)(const char *name, void *value, void *arg), void *arg)
{
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct entry *e = set->buckets[i];
		while (e != NULL) {
			struct entry *next = e->next;
			if (fn(e->name, e->value, arg) != 0)
				return;
			e = next;
		}
	}
}
