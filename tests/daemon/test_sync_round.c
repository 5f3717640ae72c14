/* A round of fsyncs: every item flushed once, each failure its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sync_round.h"

#define N_FILES 100
#define UNSET 1		/* no flush returns it */

struct folder {
	char path[64];
	int fd;
	char names[N_FILES][16];
};

static int
setup(void **state)
{
	struct folder *f = calloc(1, sizeof(*f));

	snprintf(f->path, sizeof(f->path), "/tmp/lector-sync-XXXXXX");
	if (mkdtemp(f->path) == NULL)
		abort();
	f->fd = open(f->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (int i = 0; i < N_FILES; i++) {
		snprintf(f->names[i], sizeof(f->names[i]), "f%03d", i);
		int fd = openat(f->fd, f->names[i], O_WRONLY | O_CREAT, 0644);
		if (fd < 0 || write(fd, "output", 6) != 6)
			abort();
		close(fd);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct folder *f = *state;

	for (int i = 0; i < N_FILES; i++)
		unlinkat(f->fd, f->names[i], 0);
	close(f->fd);
	rmdir(f->path);
	free(f);
	return 0;
}

static void
fill(struct folder *f, struct sync_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		items[i].dirfd = f->fd;
		items[i].name = f->names[i];
		items[i].rc = UNSET;
	}
}

static void
round_of(void **state, int threads)
{
	struct folder *f = *state;
	struct sync_item items[N_FILES + 1];

	fill(f, items, N_FILES);
	items[N_FILES].dirfd = f->fd;	/* the folder itself */
	items[N_FILES].name = NULL;
	items[N_FILES].rc = UNSET;
	assert_int_equal(sync_round(items, N_FILES + 1, threads), 0);
	for (size_t i = 0; i <= N_FILES; i++)
		assert_int_equal(items[i].rc, 0);
}

static void
test_every_item_is_flushed_by_many_threads(void **state)
{
	round_of(state, SYNC_ROUND_THREADS);
}

static void
test_more_threads_than_allowed_are_capped(void **state)
{
	round_of(state, 1000);
}

static void
test_one_thread_or_none_runs_in_the_caller(void **state)
{
	round_of(state, 1);
	round_of(state, 0);
}

static void
test_failures_stay_with_their_item(void **state)
{
	struct folder *f = *state;
	struct sync_item items[N_FILES];

	fill(f, items, N_FILES);
	items[7].name = "missing";
	items[42].dirfd = -1;
	items[42].name = NULL;
	assert_int_equal(sync_round(items, N_FILES, 4), 2);
	assert_int_equal(items[7].rc, -ENOENT);
	assert_int_equal(items[42].rc, -EBADF);
	for (size_t i = 0; i < N_FILES; i++)
		if (i != 7 && i != 42)
			assert_int_equal(items[i].rc, 0);
}

static void
test_an_empty_round_does_nothing(void **state)
{
	(void)state;
	assert_int_equal(sync_round(NULL, 0, SYNC_ROUND_THREADS), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_every_item_is_flushed_by_many_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_more_threads_than_allowed_are_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_one_thread_or_none_runs_in_the_caller, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_failures_stay_with_their_item, setup, teardown),
		cmocka_unit_test(test_an_empty_round_does_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
