/*
 * `lectord run` when the source is a plugin: a master that supervises
 * workers which pull from the source themselves (see pull.h).
 */
#ifndef LECTOR_CLUSTER_H
#define LECTOR_CLUSTER_H

#include "config.h"
#include "master.h"

/* cfg, loaded from args, is taken over. Returns the exit status. */
int cluster_main(const struct master_args *args, struct config *cfg);

#endif
