/*
 * The built-in outbox sink of a worker that pulls from a source plugin:
 * each output becomes outbox/ID.json, written beside it under a hidden
 * name, flushed and renamed over any earlier copy, so a redelivered
 * article replaces its file rather than adding one. (With the spool source
 * the master publishes outputs itself, named after the article's file.)
 */
#ifndef LECTOR_OUTBOX_SINK_H
#define LECTOR_OUTBOX_SINK_H

#include <stddef.h>

#include <jansson.h>

struct outbox_sink;

/* dir is created when missing. NULL with err filled. */
struct outbox_sink *outbox_sink_open(const char *dir, char *err,
    size_t errlen);

/* doc borrowed; its "id" names the file. 0, or -1 with err filled. */
int outbox_sink_write(struct outbox_sink *o, const json_t *doc, char *err,
    size_t errlen);

/* Makes the renames durable. 0, or -1 with err filled. */
int outbox_sink_flush(struct outbox_sink *o, char *err, size_t errlen);

void outbox_sink_close(struct outbox_sink *o);

#endif
