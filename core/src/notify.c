/*
 * sd_notify without libsystemd: the protocol is one datagram on an
 * AF_UNIX socket, a path or, with a leading '@', an abstract name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"

#define STATES_MAX 8	/* READY, RELOADING, STOPPING waiting their turn */
#define MESSAGE_MAX 512

static int notify_fd = -1;
static struct sockaddr_un notify_addr;
static socklen_t notify_addrlen;
static uint64_t watchdog_usec;

/* What the socket has not taken yet. */
static char states[STATES_MAX][MESSAGE_MAX];
static int n_states;
static char status[MESSAGE_MAX];
static int status_waits, watchdog_waits;

static void
read_watchdog(void)
{
	const char *usec = getenv("WATCHDOG_USEC");
	const char *pid = getenv("WATCHDOG_PID");

	watchdog_usec = 0;
	if (usec == NULL)
		return;
	if (pid != NULL && strtol(pid, NULL, 10) != (long)getpid())
		return;
	watchdog_usec = strtoull(usec, NULL, 10);
}

int
notify_init(void)
{
	const char *path = getenv("NOTIFY_SOCKET");
	size_t len;

	read_watchdog();
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	if (path == NULL || path[0] == '\0') {
		unsetenv("NOTIFY_SOCKET");
		return 0;
	}
	len = strlen(path);
	if ((path[0] != '/' && path[0] != '@') ||
	    len >= sizeof(notify_addr.sun_path)) {
		unsetenv("NOTIFY_SOCKET");
		return -EINVAL;
	}
	memset(&notify_addr, 0, sizeof(notify_addr));
	notify_addr.sun_family = AF_UNIX;
	memcpy(notify_addr.sun_path, path, len);
	if (path[0] == '@')
		notify_addr.sun_path[0] = '\0';
	notify_addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	unsetenv("NOTIFY_SOCKET");

	n_states = status_waits = watchdog_waits = 0;
	notify_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);
	return notify_fd < 0 ? -errno : 0;
}

void
notify_close(void)
{
	if (notify_fd >= 0) {
		notify_flush();	/* STOPPING, if the socket takes it now */
		close(notify_fd);
	}
	notify_fd = -1;
}

/* One datagram, or -errno; EAGAIN when the reader's queue is full. */
static int
send_one(const char *msg)
{
	if (sendto(notify_fd, msg, strlen(msg), MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&notify_addr, notify_addrlen) < 0)
		return -errno;
	return 0;
}

int
notify_flush(void)
{
	if (notify_fd < 0)
		return 0;
	while (n_states > 0) {
		if (send_one(states[0]) < 0)
			return 1;
		n_states--;
		memmove(states[0], states[1], (size_t)n_states * MESSAGE_MAX);
	}
	if (status_waits) {
		if (send_one(status) < 0)
			return 1;
		status_waits = 0;
	}
	if (watchdog_waits) {
		if (send_one("WATCHDOG=1") < 0)
			return 1;
		watchdog_waits = 0;
	}
	return 0;
}

/*
 * A state change waits behind the earlier ones. The same change twice in
 * a row is one (the later RELOADING keeps its newer time); past
 * STATES_MAX the oldest goes, as systemd has given up on it long since.
 */
static int
push_state(const char *msg)
{
	size_t key = strcspn(msg, "=");

	if (notify_fd < 0)
		return 0;
	if (n_states > 0 && strncmp(states[n_states - 1], msg, key + 1) == 0)
		n_states--;
	else if (n_states == STATES_MAX) {
		n_states--;
		memmove(states[0], states[1], (size_t)n_states * MESSAGE_MAX);
	}
	snprintf(states[n_states++], MESSAGE_MAX, "%s", msg);
	return notify_flush();
}

int
notify_ready(void)
{
	return push_state("READY=1");
}

int
notify_stopping(void)
{
	return push_state("STOPPING=1");
}

int
notify_reloading(void)
{
	struct timespec ts;
	char msg[MESSAGE_MAX];

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL);
	return push_state(msg);
}

int
notify_watchdog(void)
{
	if (notify_fd < 0)
		return 0;
	watchdog_waits = 1;
	return notify_flush();
}

/* Only the latest STATUS matters: a newer one replaces one not yet sent. */
int
notify_status(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (notify_fd < 0)
		return 0;
	n = snprintf(status, sizeof(status), "STATUS=");
	va_start(ap, fmt);
	vsnprintf(status + n, sizeof(status) - (size_t)n, fmt, ap);
	va_end(ap);
	status_waits = 1;
	return notify_flush();
}

uint64_t
notify_watchdog_usec(void)
{
	return watchdog_usec;
}
