/*
 * A worker that pulls from a source plugin: the next article, the
 * pipeline, every sink, and only once every sink has flushed, the outcome
 * to the source. Articles are taken one at a time; those that arrive
 * together are flushed together, so that sinks commit in batches.
 */
#ifndef LECTOR_PULL_H
#define LECTOR_PULL_H

#include "config.h"
#include "ends.h"
#include "pipeline.h"

/*
 * Runs until the master closes fd (its socket) or max_jobs articles are
 * done. Returns the worker's exit status.
 */
int pull_run(const struct config *cfg, struct pipeline *p, struct ends *e,
    int fd);

#endif
