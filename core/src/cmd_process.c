/*
 * `lectord process`: the pipeline in one process, for people trying it,
 * batch jobs, plugin authors and tests. One failed article does not stop
 * the others; it is reported on stderr as "FILE: reason".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "escape.h"
#include "output.h"
#include "pipeline.h"

struct process_opts {
	struct cli cli;
	char *only[32];
	int pretty, jsonl;
	const char *format;
	char **files;
	int n_files;
};

static int
parse_only(struct process_opts *o, char *list)
{
	size_t n = 0;

	for (char *save = NULL, *name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		if (n + 1 >= sizeof(o->only) / sizeof(o->only[0]))
			return -1;
		o->only[n++] = name;
	}
	o->only[n] = NULL;
	return 0;
}

static int
parse(struct process_opts *o, int argc, char **argv)
{
	int i, rc;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		const char *a = argv[i];
		if ((rc = cli_common_option(&o->cli, argc, argv, &i)) != 0) {
			if (rc < 0)
				return -1;
		} else if (strcmp(a, "--pretty") == 0)
			o->pretty = 1;
		else if (strcmp(a, "--jsonl") == 0)
			o->jsonl = 1;
		else if (strcmp(a, "--only") == 0 && i + 1 < argc) {
			if (parse_only(o, argv[++i]) < 0) {
				fprintf(stderr, "lectord: --only: too many names\n");
				return -1;
			}
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc)
			o->format = argv[++i];
		else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "lectord: process: unknown option '%s' "
			    "(see lectord --help)\n", a);
			return -1;
		}
	}
	o->files = argv + i;
	o->n_files = argc - i;
	if (o->n_files == 0) {
		fprintf(stderr, "lectord: process: no file given (use - for "
		    "standard input)\n");
		return -1;
	}
	return 0;
}

/* Reads all of f into a new buffer; at most max bytes. */
static int
slurp(FILE *f, long long max, char **buf, size_t *len)
{
	size_t cap = 1 << 16, n = 0, got;
	char *b = malloc(cap);

	if (b == NULL)
		return -ENOMEM;
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if ((long long)n > max) {
			free(b);
			return -EFBIG;
		}
		if (n == cap) {
			char *nb = realloc(b, cap *= 2);
			if (nb == NULL) {
				free(b);
				return -ENOMEM;
			}
			b = nb;
		}
	}
	if (ferror(f)) {
		free(b);
		return -EIO;
	}
	*buf = b;
	*len = n;
	return 0;
}

/*
 * One line on stderr about one file. File names and reasons come from
 * outside: a newline in them must not make a second line.
 */
static void __attribute__((format(printf, 1, 2)))
complain(const char *fmt, ...)
{
	char raw[4400], line[4 * sizeof(raw)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	escape_line(raw, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}

static void
emit(const struct process_opts *o, json_t *out)
{
	json_dumpf(out, stdout, o->pretty ? JSON_INDENT(2) | JSON_REAL_PRECISION(6) :
	    OUTPUT_JSON_FLAGS);
	fputc('\n', stdout);
}

/* owned: NULL, or bytes when they are ours to free (then freed early). */
static int
run_one(struct pipeline *p, const struct process_opts *o, const char *name,
    const char *format, const char *bytes, size_t len, char *owned)
{
	struct pipeline_failure why;
	double now = (double)time(NULL);
	json_t *out;
	int rc;

	if (owned != NULL)
		rc = pipeline_run_owned(p, name, format, owned, len, now, &out,
		    &why);
	else
		rc = pipeline_run(p, name, format, bytes, len, now, &out, &why);
	if (rc < 0) {
		complain("%s: %s%s%s", name,
		    strcmp(why.plugin, "lectord") != 0 ? why.plugin : "",
		    strcmp(why.plugin, "lectord") != 0 ? ": " : "", why.reason);
		if (o->jsonl) {
			/* Keep the lines of output in step with the input. */
			out = json_pack("{s:s, s:s, s:{s:s, s:s}}", "schema",
			    "lector/1", "file", name, "error", "plugin", why.plugin,
			    "reason", why.reason);
			emit(o, out);
			json_decref(out);
		}
		return -1;
	}
	emit(o, out);
	json_decref(out);
	return 0;
}

/* Each non-empty line is one article for the json reader. */
static int
run_lines(struct pipeline *p, const struct process_opts *o, const char *name,
    FILE *f)
{
	char *line = NULL, label[4200];
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int failed = 0;

	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;
		snprintf(label, sizeof(label), "%s:%zu", name, lineno);
		failed |= run_one(p, o, label, "json", line, (size_t)n, NULL) < 0;
	}
	free(line);
	return failed ? -1 : 0;
}

static int
run_file(struct pipeline *p, const struct process_opts *o,
    const struct config *cfg, const char *name)
{
	int is_stdin = strcmp(name, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(name, "rb");
	char *bytes;
	size_t len;
	int rc;

	if (f == NULL) {
		complain("%s: cannot open: %s", name, strerror(errno));
		return -1;
	}
	if (o->jsonl) {
		rc = run_lines(p, o, is_stdin ? "stdin" : name, f);
	} else if ((rc = slurp(f, cfg->max_bytes, &bytes, &len)) < 0) {
		if (rc == -EFBIG)
			complain("%s: too large (over max_bytes, %lld)",
			    name, cfg->max_bytes);
		else
			complain("%s: cannot read: %s", name, strerror(-rc));
	} else {
		rc = run_one(p, o, is_stdin ? "stdin" : name,
		    o->format ? o->format : (is_stdin ? "txt" : NULL), bytes, len,
		    bytes);
	}
	if (!is_stdin)
		fclose(f);
	return rc;
}

int
process_main(int argc, char **argv)
{
	struct process_opts o;
	struct config cfg;
	struct pipeline *p;
	char err[1024];
	int failed = 0;

	memset(&o, 0, sizeof(o));
	if (parse(&o, argc, argv) < 0)
		return 2;
	if (cli_load_config(&o.cli, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "lectord: %s\n", err);
		return 2;
	}
	p = pipeline_open(&cfg, o.only[0] != NULL ? (const char *const *)o.only :
	    NULL, err, sizeof(err));
	if (p == NULL) {
		fprintf(stderr, "lectord: %s\n", err);
		config_free(&cfg);
		return 2;
	}
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	for (int i = 0; i < o.n_files; i++)
		failed |= run_file(p, &o, &cfg, o.files[i]) < 0;
	fflush(stdout);
	pipeline_close(p);
	config_free(&cfg);
	return failed ? 1 : 0;
}
