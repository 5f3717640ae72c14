#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "log.h"
#include "run.h"

static const char usage[] =
"usage: lectord COMMAND [OPTIONS]\n"
"\n"
"Turns articles into enriched JSON: language, entities, summary, keywords.\n"
"\n"
"Commands:\n"
"  run [-c CONFIG] [--spool DIR]      watch the inbox and process what arrives\n"
"  process [OPTIONS] FILE...          process files now; JSON on standard output\n"
"  plugins [-c CONFIG] [--json]       list the plugins that load, and why others do not\n"
"  check-config [-c CONFIG]           check a configuration and its pipeline\n"
"  submit [-c CONFIG] FILE... | -     publish articles to the configured source\n"
"  submit [-c CONFIG] --watch DIR     publish each file that appears in DIR\n"
"\n"
"Options of process:\n"
"  -c, --config FILE     configuration (default: built-in, see configs/lectord.json)\n"
"  --plugin-dir DIR      search DIR for plugins first (repeatable)\n"
"  --only a,b            run only these annotators, in this order\n"
"  --pretty              indent the JSON\n"
"  --jsonl               inputs are JSON Lines of articles; outputs in the same order\n"
"  --format FMT          read the files as FMT (txt, json) whatever their names\n"
"  -                     read standard input\n"
"\n"
"Examples:\n"
"  lectord process story.txt\n"
"  lectord process --only langid,stats --pretty story.txt\n"
"  cat articles.jsonl | lectord process --jsonl - > results.jsonl\n"
"  lectord run --spool /var/spool/lector\n"
"\n"
"Exit status: 0 all articles done; 1 some failed (reasons on stderr);\n"
"2 usage or configuration error.\n";

int
main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	log_init(LECTOR_LOG_INFO);
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("lectord %s (plugin ABI %d.%d)\n", LECTOR_VERSION,
		    LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR);
		return 0;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "process") == 0)
		return process_main(argc - 1, argv + 1);
	if (strcmp(cmd, "run") == 0)
		return run_main(argc - 1, argv + 1);
	if (strcmp(cmd, "plugins") == 0)
		return plugins_main(argc - 1, argv + 1);
	if (strcmp(cmd, "check-config") == 0)
		return check_config_main(argc - 1, argv + 1);
	if (strcmp(cmd, "submit") == 0)
		return submit_main(argc - 1, argv + 1);
	fprintf(stderr, "lectord: %s%s%s\n%s", *cmd ? "unknown command '" : "no command",
	    cmd, *cmd ? "'" : "", usage);
	return 2;
}
