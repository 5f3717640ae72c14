/* The systemd notification protocol, heard on a test socket. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "notify.h"

static int
listen_at(const char *path, int abstract)
{
	struct sockaddr_un a;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	socklen_t len;

	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	strcpy(a.sun_path + (abstract ? 1 : 0), path);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    strlen(path) + (abstract ? 1 : 0));
	unlink(path);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, len), 0);
	return fd;
}

static void
receive(int fd, char *buf, size_t len)
{
	ssize_t n = recv(fd, buf, len - 1, MSG_DONTWAIT);

	assert_true(n > 0);
	buf[n] = '\0';
}

static void
test_messages_reach_a_path_socket(void **unused)
{
	char path[64], buf[256];
	int fd;

	(void)unused;
	snprintf(path, sizeof(path), "/tmp/lector-notify-%d", (int)getpid());
	fd = listen_at(path, 0);
	setenv("NOTIFY_SOCKET", path, 1);
	setenv("WATCHDOG_USEC", "2000000", 1);
	unsetenv("WATCHDOG_PID");
	assert_int_equal(notify_init(), 0);
	assert_null(getenv("NOTIFY_SOCKET"));	/* children never see it */
	assert_null(getenv("WATCHDOG_USEC"));
	assert_int_equal(notify_watchdog_usec(), 2000000);
	assert_int_equal(notify_ready(), 0);
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "READY=1");
	assert_int_equal(notify_status("%d done", 3), 0);
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "STATUS=3 done");

	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	unsigned long long before = (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000;
	assert_int_equal(notify_reloading(), 0);
	receive(fd, buf, sizeof(buf));
	unsigned long long usec = 0;
	assert_int_equal(sscanf(buf, "RELOADING=1\nMONOTONIC_USEC=%llu", &usec), 1);
	assert_true(usec >= before && usec < before + 1000000);
	notify_close();
	close(fd);
	unlink(path);
}

static void
test_abstract_socket_and_watchdog_of_another_pid(void **unused)
{
	char name[64], buf[256];
	int fd;

	(void)unused;
	snprintf(name, sizeof(name), "lector-notify-abstract-%d", (int)getpid());
	fd = listen_at(name, 1);
	char env[80];
	snprintf(env, sizeof(env), "@%s", name);
	setenv("NOTIFY_SOCKET", env, 1);
	setenv("WATCHDOG_USEC", "5000", 1);
	setenv("WATCHDOG_PID", "1", 1);	/* meant for another process */
	assert_int_equal(notify_init(), 0);
	assert_int_equal(notify_watchdog_usec(), 0);
	assert_int_equal(notify_stopping(), 0);
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "STOPPING=1");
	notify_close();
	close(fd);
}

static void
test_without_socket_nothing_happens(void **unused)
{
	(void)unused;
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	assert_int_equal(notify_init(), 0);
	assert_int_equal(notify_ready(), 0);
	assert_int_equal(notify_status("idle"), 0);
	assert_int_equal(notify_flush(), 0);
	assert_int_equal(notify_watchdog_usec(), 0);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	assert_int_equal(notify_init(), -EINVAL);
	notify_close();
}

/* Fills the reader's queue from another socket, as a slow systemd would. */
static int
fill_queue(const char *path)
{
	struct sockaddr_un a;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	int n = 0;

	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	strcpy(a.sun_path, path);
	while (sendto(fd, "X=1", 3, 0, (struct sockaddr *)&a, sizeof(a)) == 3)
		n++;
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(fd);
	return n;
}

static void
test_a_full_queue_never_blocks_and_loses_no_state(void **unused)
{
	char path[64], buf[256];
	int fd, queued;

	(void)unused;
	snprintf(path, sizeof(path), "/tmp/lector-notify-full-%d", (int)getpid());
	fd = listen_at(path, 0);
	setenv("NOTIFY_SOCKET", path, 1);
	unsetenv("WATCHDOG_USEC");
	assert_int_equal(notify_init(), 0);
	queued = fill_queue(path);
	assert_true(queued > 0);

	/* Each returns at once, saying something waits. */
	assert_int_equal(notify_ready(), 1);
	for (int i = 0; i < 100; i++)
		assert_int_equal(notify_status("%d done", i), 1);
	assert_int_equal(notify_watchdog(), 1);
	assert_int_equal(notify_watchdog(), 1);
	assert_int_equal(notify_stopping(), 1);
	assert_int_equal(notify_flush(), 1);

	/* The reader catches up: the states in order, then the last status. */
	for (int i = 0; i < queued; i++)
		receive(fd, buf, sizeof(buf));
	assert_int_equal(notify_flush(), 0);
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "READY=1");
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "STOPPING=1");
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "STATUS=99 done");
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "WATCHDOG=1");
	assert_true(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0);
	notify_close();
	close(fd);
	unlink(path);
}

static void
test_close_tries_what_waits(void **unused)
{
	char path[64], buf[256];
	int fd, queued;

	(void)unused;
	snprintf(path, sizeof(path), "/tmp/lector-notify-close-%d", (int)getpid());
	fd = listen_at(path, 0);
	setenv("NOTIFY_SOCKET", path, 1);
	assert_int_equal(notify_init(), 0);
	queued = fill_queue(path);
	assert_int_equal(notify_stopping(), 1);
	for (int i = 0; i < queued; i++)
		receive(fd, buf, sizeof(buf));
	notify_close();
	receive(fd, buf, sizeof(buf));
	assert_string_equal(buf, "STOPPING=1");
	close(fd);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages_reach_a_path_socket),
		cmocka_unit_test(test_abstract_socket_and_watchdog_of_another_pid),
		cmocka_unit_test(test_without_socket_nothing_happens),
		cmocka_unit_test(test_a_full_queue_never_blocks_and_loses_no_state),
		cmocka_unit_test(test_close_tries_what_waits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
