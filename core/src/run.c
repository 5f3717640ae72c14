/*
 * `lectord run`: the daemon's command line. The same command, with the
 * hidden --worker flag, is how the master starts its workers.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cluster.h"
#include "config.h"
#include "log.h"
#include "master.h"
#include "run.h"
#include "worker.h"

static const char usage[] =
"usage: lectord run [-c CONFIG] [--spool DIR] [--plugin-dir DIR]...\n"
"                   [--log-level error|warning|notice|info|debug]\n"
"\n"
"Watches DIR/inbox and turns each article dropped there into JSON in\n"
"DIR/outbox, or moves it with a report to DIR/failed. With a source plugin\n"
"(\"source\": \"nats\"), workers take articles from it instead and write\n"
"results to the configured sinks. Stop with SIGTERM or SIGINT; reload the\n"
"configuration and plugins with SIGHUP.\n";

static int
parse(int argc, char **argv, struct master_args *a, int *worker)
{
	for (int i = 1; i < argc; i++) {
		int rc = cli_common_option(&a->cli, argc, argv, &i);
		if (rc < 0)
			return -1;
		if (rc > 0)
			continue;
		if (strcmp(argv[i], "--worker") == 0) {
			*worker = 1;
		} else if (strcmp(argv[i], "--spool") == 0 && i + 1 < argc) {
			a->spool = argv[++i];
		} else if (strcmp(argv[i], "--log-level") == 0 && i + 1 < argc) {
			a->log_level = argv[++i];
			if (log_level_parse(a->log_level) < 0) {
				fprintf(stderr, "lectord: --log-level: expected "
				    "error, warning, notice, info or debug\n");
				return -1;
			}
		} else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 1;
		} else {
			fprintf(stderr, "lectord: run: unexpected '%s'\n%s",
			    argv[i], usage);
			return -1;
		}
	}
	return 0;
}

static int
run_worker(const struct master_args *a)
{
	struct config cfg;
	char err[1024];
	int rc;

	if (a->log_level != NULL)
		log_init(log_level_parse(a->log_level));
	if (cli_load_config(&a->cli, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "lectord: worker: %s\n", err);
		return 2;
	}
	rc = worker_main(&cfg);
	config_free(&cfg);
	return rc;
}

/*
 * The spool source keeps the master that claims files from the inbox; a
 * plugin source gets a master whose workers pull for themselves.
 */
static int
run_master(const struct master_args *a)
{
	struct config cfg;
	char err[1024];

	if (master_load_config(a, &cfg, err, sizeof(err)) < 0) {
		log_err("%s", err);
		return 2;
	}
	if (!config_source_is_spool(&cfg))
		return cluster_main(a, &cfg);
	config_free(&cfg);
	return master_main(a);
}

int
run_main(int argc, char **argv)
{
	struct master_args a;
	int worker = 0, rc;

	memset(&a, 0, sizeof(a));
	rc = parse(argc, argv, &a, &worker);
	if (rc != 0)
		return rc < 0 ? 2 : 0;
	if (worker)
		return run_worker(&a);
	return run_master(&a);
}
