#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
cli_common_option(struct cli *cli, int argc, char **argv, int *i)
{
	const char *arg = argv[*i];

	if (strcmp(arg, "-c") == 0 || strcmp(arg, "--config") == 0) {
		if (*i + 1 >= argc) {
			fprintf(stderr, "lectord: %s needs a file name\n", arg);
			return -1;
		}
		cli->config_path = argv[++*i];
		return 1;
	}
	if (strcmp(arg, "--plugin-dir") == 0) {
		if (*i + 1 >= argc || cli->n_plugin_dirs == CLI_MAX_PLUGIN_DIRS) {
			fprintf(stderr, "lectord: --plugin-dir needs a folder "
			    "(%d at most)\n", CLI_MAX_PLUGIN_DIRS);
			return -1;
		}
		cli->plugin_dirs[cli->n_plugin_dirs++] = argv[++*i];
		return 1;
	}
	return 0;
}

/* The folder of the running binary: plugins built beside it come first. */
static int
exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) != NULL)
		*slash = '\0';
	return 0;
}

int
cli_load_config(const struct cli *cli, struct config *cfg, char *err,
    size_t errlen)
{
	char dir[PATH_MAX];

	if (config_load(cfg, cli->config_path,
	    exe_dir(dir, sizeof(dir)) == 0 ? dir : NULL, err, errlen) < 0)
		return -1;
	/* Given in order, each searched before the ones after it. */
	for (size_t i = cli->n_plugin_dirs; i > 0; i--) {
		if (config_add_plugin_dir(cfg, cli->plugin_dirs[i - 1]) < 0) {
			snprintf(err, errlen, "out of memory");
			config_free(cfg);
			return -1;
		}
	}
	return 0;
}
