/* Naming the plugin on the stack when a worker dies. */
#include <errno.h>
#include <execinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "crash.h"
#include "proto.h"

#define MAX_RANGES 256
#define NAME_LEN 64

struct range {
	uintptr_t start, end;
	char plugin[NAME_LEN];
};

static struct range ranges[MAX_RANGES];
static int nranges;
static int crash_fd = -1;
static volatile sig_atomic_t job_active;
static volatile uint64_t job_id;
static char alt_stack[65536];

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
    SIGABRT, SIGSYS, 0 };

/* Whether path is DIR/NAME.so for one of dirs; fills plugin with NAME. */
static int
plugin_of(const char *path, char *const *real_dirs, int ndirs,
    char plugin[NAME_LEN])
{
	const char *base = strrchr(path, '/');
	size_t n;

	if (base == NULL)
		return 0;
	base++;
	n = strlen(base);
	if (n < 4 || strcmp(base + n - 3, ".so") != 0 || n - 3 >= NAME_LEN)
		return 0;
	for (int i = 0; i < ndirs; i++) {
		size_t d = strlen(real_dirs[i]);
		if ((size_t)(base - path) == d + 1 &&
		    strncmp(path, real_dirs[i], d) == 0) {
			memcpy(plugin, base, n - 3);
			plugin[n - 3] = '\0';
			return 1;
		}
	}
	return 0;
}

/* Reads /proc/self/maps for the code of plugins, once they are loaded. */
static int
map_plugins(char *const *plugin_dirs)
{
	char *real[64], line[PATH_MAX + 256];
	int ndirs = 0;
	FILE *f;

	for (int i = 0; plugin_dirs != NULL && plugin_dirs[i] != NULL &&
	    ndirs < 64; i++)
		if ((real[ndirs] = realpath(plugin_dirs[i], NULL)) != NULL)
			ndirs++;
	f = fopen("/proc/self/maps", "re");
	if (f == NULL) {
		int rc = -errno;
		while (ndirs > 0)
			free(real[--ndirs]);
		return rc;
	}
	while (fgets(line, sizeof(line), f) != NULL && nranges < MAX_RANGES) {
		unsigned long start, end;
		char perms[8], path[PATH_MAX];
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095s", &start, &end,
		    perms, path) != 4 || perms[2] != 'x')
			continue;
		struct range *r = &ranges[nranges];
		if (plugin_of(path, real, ndirs, r->plugin)) {
			r->start = start;
			r->end = end;
			nranges++;
		}
	}
	fclose(f);
	while (ndirs > 0)
		free(real[--ndirs]);
	return 0;
}

static const char *
lookup(uintptr_t pc)
{
	for (int i = 0; i < nranges; i++)
		if (pc >= ranges[i].start && pc < ranges[i].end)
			return ranges[i].plugin;
	return NULL;
}

static const char *
blame(void *uc)
{
	void *frames[128];
	const char *p = NULL;
	int n;

#if defined(__x86_64__)
	p = lookup((uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP]);
#else
	(void)uc;
#endif
	if (p != NULL)
		return p;
	n = backtrace(frames, 128);
	for (int i = 0; i < n && p == NULL; i++)
		p = lookup((uintptr_t)frames[i]);
	return p != NULL ? p : "lectord";
}

/* Async-signal-safe appending. */
static size_t
put(char *buf, size_t at, size_t cap, const char *s)
{
	while (*s != '\0' && at + 1 < cap)
		buf[at++] = *s++;
	buf[at] = '\0';
	return at;
}

static size_t
put_u(char *buf, size_t at, size_t cap, uint64_t v)
{
	char digits[24];
	int i = 0;

	do {
		digits[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (i > 0 && at + 1 < cap)
		buf[at++] = digits[--i];
	buf[at] = '\0';
	return at;
}

static void
tell_master(const char *op, const char *plugin, int sig)
{
	char msg[256];
	size_t n = 0;

	n = put(msg, n, sizeof(msg), "{\"v\":");
	n = put_u(msg, n, sizeof(msg), PROTO_VERSION);
	n = put(msg, n, sizeof(msg), ",\"op\":\"");
	n = put(msg, n, sizeof(msg), op);
	n = put(msg, n, sizeof(msg), "\",\"id\":");
	n = put_u(msg, n, sizeof(msg), job_id);
	n = put(msg, n, sizeof(msg), ",\"plugin\":\"");
	n = put(msg, n, sizeof(msg), plugin);
	n = put(msg, n, sizeof(msg), "\",\"signal\":");
	n = put_u(msg, n, sizeof(msg), (uint64_t)sig);
	n = put(msg, n, sizeof(msg), "}\n");
	if (write(crash_fd, msg, n) < 0)
		return;	/* the master is gone; nothing left to tell */
}

static void
on_fatal(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	if (job_active)
		tell_master("crash", blame(uc), sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	if (!job_active)
		return;
	tell_master("timeout", blame(uc), sig);
	_exit(70);
}

int
crash_init(int fd, char *const *plugin_dirs)
{
	struct sigaction sa;
	stack_t ss;
	void *warm[4];
	int rc;

	crash_fd = fd;
	/* The first backtrace() loads the unwinder; not in a handler. */
	backtrace(warm, 4);
	rc = map_plugins(plugin_dirs);
	if (rc < 0)
		return rc;
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sa.sa_sigaction = on_fatal;
	for (int i = 0; fatal_signals[i] != 0; i++)
		if (sigaction(fatal_signals[i], &sa, NULL) < 0)
			return -errno;
	sa.sa_sigaction = on_alarm;
	return sigaction(SIGALRM, &sa, NULL) < 0 ? -errno : 0;
}

void
crash_job_start(uint64_t id, double timeout)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	job_id = id;
	job_active = 1;
	if (timeout > 0) {
		it.it_value.tv_sec = (time_t)timeout;
		it.it_value.tv_usec = (suseconds_t)((timeout -
		    (double)(time_t)timeout) * 1e6);
		setitimer(ITIMER_REAL, &it, NULL);
	}
}

void
crash_job_end(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	setitimer(ITIMER_REAL, &it, NULL);
	job_active = 0;
}
