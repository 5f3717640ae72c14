/*
 * Under systemd (JOURNAL_STREAM naming our stderr) lines carry a "<N>"
 * priority prefix that journald reads; elsewhere a local timestamp for a
 * person reading.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "escape.h"
#include "log.h"

static int log_max = LECTOR_LOG_NOTICE;
static int log_journal;

/*
 * JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected. It is
 * inherited by whatever the service starts, so it counts only when it
 * names our stderr still.
 */
static int
stderr_is_journal(void)
{
	const char *v = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (v == NULL || sscanf(v, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(2, &st) < 0)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

void
log_init(int level)
{
	log_max = level;
	log_journal = stderr_is_journal();
}

int
log_level_parse(const char *name)
{
	static const char *const names[] = {
		[LECTOR_LOG_ERR] = "error", [LECTOR_LOG_WARNING] = "warning",
		[LECTOR_LOG_NOTICE] = "notice", [LECTOR_LOG_INFO] = "info",
		[LECTOR_LOG_DEBUG] = "debug"
	};
	for (int i = LECTOR_LOG_ERR; i <= LECTOR_LOG_DEBUG; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

void
log_msg(int level, const char *fmt, ...)
{
	char raw[2048], line[4 * sizeof(raw)];
	va_list ap;

	if (level > log_max)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* Names and reasons come from outside: one message, one line. */
	escape_line(raw, line, sizeof(line));

	if (log_journal) {
		fprintf(stderr, "<%d>%s\n", level, line);
		return;
	}
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "%s lectord: %s\n", stamp, line);
}
