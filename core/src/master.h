/*
 * The master process of `lectord run`: the loop that watches, claims,
 * hands articles to workers, moves results, and answers signals and
 * systemd. It never runs plugin code.
 */
#ifndef LECTOR_MASTER_H
#define LECTOR_MASTER_H

#include "cli.h"
#include "config.h"

struct master_args {
	struct cli cli;		/* -c and --plugin-dir, for workers and reloads */
	const char *spool;	/* --spool DIR, or NULL */
	const char *log_level;	/* --log-level NAME, or NULL */
};

/* Returns the exit status. */
int master_main(const struct master_args *args);

/* Loads the configuration args name, with --spool applied. */
int master_load_config(const struct master_args *args, struct config *cfg,
    char *err, size_t errlen);

#endif
