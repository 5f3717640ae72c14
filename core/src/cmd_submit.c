/*
 * `lectord submit`: puts articles in line through the configured source's
 * submit function, at the edge of a cluster. A file given on the command
 * line is left as it is; a file of a watched folder is deleted, but only
 * once the source's store has acknowledged it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ends.h"
#include "loader.h"

static const char usage[] =
"usage: lectord submit [-c CONFIG] [--name NAME] FILE... | -\n"
"       lectord submit [-c CONFIG] --watch DIR\n"
"\n"
"Publishes articles to the configured source (e.g. a NATS JetStream\n"
"stream). The message id is the article's content hash, so a resubmission\n"
"is recognised. Exits 0 only when every article was acknowledged.\n"
"With --watch, publishes each file that appears in DIR and deletes it\n"
"once acknowledged; stops on SIGTERM or SIGINT.\n"
"\n"
"  --name NAME   the file name of an article read from standard input\n"
"                (default stdin.txt); its extension chooses the reader\n";

static volatile sig_atomic_t stop_watch;

static void
on_stop(int sig)
{
	(void)sig;
	stop_watch = 1;
}

/* Reads all of fd, at most max bytes. 0, or -1 with err filled. */
static int
read_all(int fd, long long max, char **bytes, size_t *len, char *err,
    size_t errlen)
{
	size_t cap = 65536, got = 0;
	char *buf = malloc(cap), *grown;
	ssize_t n;

	while (buf != NULL) {
		if (got == cap) {
			if ((grown = realloc(buf, cap * 2)) == NULL)
				break;
			buf = grown;
			cap *= 2;
		}
		n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "cannot read: %s", strerror(errno));
			free(buf);
			return -1;
		}
		if (n == 0) {
			*bytes = buf;
			*len = got;
			return 0;
		}
		got += (size_t)n;
		if (max > 0 && (long long)got > max) {
			snprintf(err, errlen, "larger than max_bytes (%lld bytes)",
			    max);
			free(buf);
			return -1;
		}
	}
	free(buf);
	snprintf(err, errlen, "out of memory");
	return -1;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/*
 * One article from a path ("-": standard input). 0, or -1 said on stderr,
 * or LECTOR_EAGAIN when no server answers: the next would fail alike.
 */
static int
submit_one(struct ends *e, const struct config *cfg, const char *path,
    const char *name)
{
	char err[1024], *bytes;
	size_t len;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	rc = read_all(fd, cfg->max_bytes, &bytes, &len, err, sizeof(err));
	if (fd != 0)
		close(fd);
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	rc = ends_submit(e, name, bytes, len, NULL, err, sizeof(err));
	free(bytes);
	if (rc == LECTOR_EAGAIN) {
		fprintf(stderr, "lectord: submit: %s: not submitted: %s\n",
		    path, err);
		return LECTOR_EAGAIN;
	}
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	return 0;
}

/* A file still being written is left for a later scan. */
static int
settled(const struct stat *st, double settle_seconds)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (double)(now.tv_sec - st->st_mtim.tv_sec) +
	    (double)(now.tv_nsec - st->st_mtim.tv_nsec) / 1e9 >= settle_seconds;
}

static int
scan_once(struct ends *e, const struct config *cfg, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int failures = 0;

	if (d == NULL) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while (!stop_watch && (de = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		if (de->d_name[0] == '.')
			continue;	/* hidden, or still being written under a dot name */
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
		    !settled(&st, cfg->settle_seconds))
			continue;
		int rc = submit_one(e, cfg, path, de->d_name);
		if (rc == LECTOR_EAGAIN) {
			failures++;
			break;	/* no server: the rest waits with it */
		}
		if (rc != 0) {
			failures++;
			continue;	/* kept: tried again at the next scan */
		}
		if (unlink(path) < 0)
			fprintf(stderr, "%s: submitted, but cannot delete: %s\n",
			    path, strerror(errno));
		else
			printf("%s: submitted\n", path);
		fflush(stdout);
	}
	closedir(d);
	return failures;
}

static int
watch(struct ends *e, const struct config *cfg, const char *dir)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stop_watch) {
		if (scan_once(e, cfg, dir) < 0)
			return 2;
		usleep(200 * 1000);
	}
	return 0;
}

struct submit_args {
	struct cli cli;
	const char *watch_dir;
	const char *stdin_name;
	int first_file;		/* argv index of the first file */
};

static int
parse(int argc, char **argv, struct submit_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->stdin_name = "stdin.txt";
	for (i = 1; i < argc; i++) {
		int rc = cli_common_option(&a->cli, argc, argv, &i);
		if (rc < 0)
			return -1;
		if (rc > 0)
			continue;
		if (strcmp(argv[i], "--watch") == 0 && i + 1 < argc)
			a->watch_dir = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			a->stdin_name = argv[++i];
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "lectord: submit: unknown option '%s'\n%s",
			    argv[i], usage);
			return -1;
		} else
			break;
	}
	a->first_file = i;
	if ((a->watch_dir != NULL) == (i < argc)) {
		fprintf(stderr, "lectord: submit: give files or --watch DIR\n%s",
		    usage);
		return -1;
	}
	return 0;
}

int
submit_main(int argc, char **argv)
{
	struct submit_args a;
	struct config cfg;
	struct plugin_set set;
	struct ends *e = NULL;
	char err[1024];
	int rc, failures = 0;

	if ((rc = parse(argc, argv, &a)) != 0)
		return rc < 0 ? 2 : 0;
	if (cli_load_config(&a.cli, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "lectord: %s\n", err);
		return 2;
	}
	if (loader_scan(cfg.plugin_dirs, &set) < 0 ||
	    (e = ends_open(&cfg, &set, ENDS_SOURCE, err, sizeof(err))) == NULL ||
	    !ends_can_submit(e, err, sizeof(err))) {
		fprintf(stderr, "lectord: submit: %s\n", err);
		rc = 2;
		goto out;
	}
	if (a.watch_dir != NULL)
		rc = watch(e, &cfg, a.watch_dir);
	else {
		/* No server: said once, at once, rather than for every file. */
		rc = 0;
		for (int i = a.first_file; i < argc; i++) {
			const char *name = strcmp(argv[i], "-") == 0 ?
			    a.stdin_name : base_name(argv[i]);
			if ((rc = submit_one(e, &cfg, argv[i], name)) != 0)
				failures++;
			if (rc == LECTOR_EAGAIN)
				break;
		}
		rc = failures > 0 ? 1 : 0;
	}
out:
	ends_close(e);
	loader_free(&set);
	config_free(&cfg);
	return rc;
}
