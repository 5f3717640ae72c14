/* A mention: a typed span of the text, the unit rules and tagger produce. */
#ifndef ENTITIES_MENTION_H
#define ENTITIES_MENTION_H

#include <stddef.h>
#include <stdint.h>

enum etype {
	E_PERSON = 0, E_ORG, E_LOC, E_MISC,	/* the tagger's, model order */
	E_DATE, E_TIME, E_MONEY, E_PERCENT, E_QUANTITY, E_EMAIL, E_URL,
	E_NTYPES
};

struct mention {
	uint32_t start, end;		/* code points, end exclusive */
	uint32_t byte_start, byte_end;
	int type;			/* enum etype */
	const char *source;		/* the model's name; NULL: rules */
};

struct mentions {
	struct mention *m;
	size_t n, cap;
};

const char *etype_name(int type);
int mentions_add(struct mentions *ms, const struct mention *m);
/* Room for n mentions in all, exactly; 0, or -1 on no memory. */
int mentions_reserve(struct mentions *ms, size_t n);
/* Gives back the room beyond the mentions held. */
void mentions_fit(struct mentions *ms);
/* Drops the mentions that overlap one of keep's (both in text order). */
void mentions_drop_overlaps(struct mentions *ms, const struct mentions *keep);
/* Sorts by start. */
void mentions_sort(struct mentions *ms);
/*
 * Adds more's mentions to ms, in an array of the size of both, and sorts
 * them by start (in place when both are sorted). 0, or -1 on no memory.
 */
int mentions_merge(struct mentions *ms, const struct mentions *more);
void mentions_free(struct mentions *ms);

#endif /* ENTITIES_MENTION_H */
