/*
 * Attempts that ended with the worker lost, counted on this node for a
 * pulling worker: a source redelivers an article whose worker died, and
 * without a count an article that crashes a plugin would crash workers for
 * ever. Empty files in the work folder, named by the article's content
 * hash and a number: one is added before the pipeline runs, all are
 * removed once the article is settled, so the files that stay are the
 * workers that died holding that article.
 */
#ifndef LECTOR_ATTEMPTS_H
#define LECTOR_ATTEMPTS_H

#include <stddef.h>

struct attempts {
	int fd;			/* the folder */
};

/* dir is created when missing. 0, or -1 with err filled. */
int attempts_open(struct attempts *a, const char *dir, char *err,
    size_t errlen);
void attempts_close(struct attempts *a);

/* Records one more attempt of key; returns how many earlier ones were lost. */
int attempts_begin(struct attempts *a, const char *key);

/* The attempt ended with an outcome: forget key. */
void attempts_end(struct attempts *a, const char *key);

#endif
