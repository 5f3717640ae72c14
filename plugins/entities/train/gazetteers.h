#ifndef ENTITIES_GAZETTEERS_H
#define ENTITIES_GAZETTEERS_H

#include <stdint.h>

struct gaz_table {
	uint64_t *slots;
	uint32_t nslots;
	uint32_t entries;	/* insertions, for the log */
};

/*
 * Reads DIR/gazetteers/... into nslots slots (a power of two); 0, or -1
 * with a message on stderr.
 */
int gaz_table_build(struct gaz_table *t, const char *dir, uint32_t nslots);

/*
 * Adds a word list of the language (one word a line, as Debian's
 * /usr/share/dict lists are) and the key that says the table has a
 * dictionary (features.h). 0, or -1 with a message on stderr (no word
 * read, or the table full).
 */
int gaz_table_add_dictionary(struct gaz_table *t, const char *path);

/*
 * Adds a list of place names (one a line: countries and their regions in
 * the language, scripts/places-from-iso-codes.py) as GAZ_COUNTRY. 0, or
 * -1 with a message on stderr (no name read, or the table full).
 */
int gaz_table_add_places(struct gaz_table *t, const char *path);

#endif /* ENTITIES_GAZETTEERS_H */
