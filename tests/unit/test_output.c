/* Outputs written to a file descriptor: whole, and as jansson makes them. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "output.h"

/* All of fd from its start, NUL-terminated; *len its length. */
static char *
read_back(int fd, size_t *len)
{
	off_t end = lseek(fd, 0, SEEK_END);
	char *buf = malloc((size_t)end + 1);

	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, (size_t)end, 0), end);
	buf[end] = '\0';
	*len = (size_t)end;
	return buf;
}

/*
 * A text several times the writer's buffer, with characters that take
 * escapes, comes out as json_dumps makes it, and a newline after it.
 */
static void
test_large_output_is_written_whole(void **unused)
{
	size_t n = 300000, len;
	char *text = malloc(n + 1), *want, *got, path[] = "/tmp/lector-output-XXXXXX";
	json_t *doc;
	int fd;

	(void)unused;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		text[i] = "ab \"\\\n\t"[i % 7];
	text[n] = '\0';
	doc = json_pack("{s:s, s:s%, s:[i, f]}", "schema", "lector/1", "text",
	    text, n, "pipeline", 1, 2.5);
	assert_non_null(doc);
	want = json_dumps(doc, OUTPUT_FILE_FLAGS);
	assert_non_null(want);
	assert_true((fd = mkstemp(path)) >= 0);
	unlink(path);

	assert_int_equal(output_write_fd(fd, doc, OUTPUT_FILE_FLAGS), 0);
	got = read_back(fd, &len);
	assert_int_equal(len, strlen(want) + 1);
	assert_memory_equal(got, want, strlen(want));
	assert_int_equal(got[len - 1], '\n');

	close(fd);
	free(got);
	free(want);
	free(text);
	json_decref(doc);
}

static void
test_write_failure_is_reported_with_errno(void **unused)
{
	json_t *doc = json_pack("{s:s}", "schema", "lector/1");
	int fds[2];

	(void)unused;
	assert_int_equal(pipe(fds), 0);
	close(fds[1]);
	/* Reading end only: write(2) fails with EBADF. */
	errno = 0;
	assert_int_equal(output_write_fd(fds[0], doc, OUTPUT_JSON_FLAGS), -1);
	assert_int_equal(errno, EBADF);
	close(fds[0]);
	json_decref(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_large_output_is_written_whole),
		cmocka_unit_test(test_write_failure_is_reported_with_errno),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
