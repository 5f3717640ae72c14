/* What the commands of lectord share: options common to them all. */
#ifndef LECTOR_CLI_H
#define LECTOR_CLI_H

#include <stddef.h>

#include "config.h"

#define CLI_MAX_PLUGIN_DIRS 16

struct cli {
	const char *config_path;	/* -c, or NULL */
	const char *plugin_dirs[CLI_MAX_PLUGIN_DIRS];	/* --plugin-dir */
	size_t n_plugin_dirs;
};

/*
 * Takes -c FILE and --plugin-dir DIR at argv[*i] (advancing *i). Returns 1
 * when taken, 0 when argv[*i] is something else, -1 on a usage error.
 */
int cli_common_option(struct cli *cli, int argc, char **argv, int *i);

/* Loads the configuration the options name; 0, or -1 with err filled. */
int cli_load_config(const struct cli *cli, struct config *cfg, char *err,
    size_t errlen);

int process_main(int argc, char **argv);
int plugins_main(int argc, char **argv);
int check_config_main(int argc, char **argv);
int submit_main(int argc, char **argv);

#endif
