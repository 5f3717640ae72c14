/* The master-worker protocol: framing, versions, refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "proto.h"

struct seen {
	int count;
	char ops[8][16];
};

static int
collect(json_t *msg, void *arg)
{
	struct seen *s = arg;

	snprintf(s->ops[s->count++], sizeof(s->ops[0]), "%s",
	    json_string_value(json_object_get(msg, "op")));
	json_decref(msg);
	return 0;
}

static void
test_messages_split_across_reads_are_joined(void **unused)
{
	struct proto_reader r = { 0 };
	struct seen s = { 0 };
	char err[128];
	const char *stream = "{\"v\":1,\"op\":\"hello\",\"pid\":7}\n"
	    "{\"v\":1,\"op\":\"done\",\"id\":3,\"ok\":true}\n{\"v\":1,\"op\":\"cr";

	(void)unused;
	/* One byte at a time: the worst a socket can do. */
	for (size_t i = 0; i < strlen(stream); i++)
		assert_int_equal(proto_feed(&r, stream + i, 1, collect, &s, err,
		    sizeof(err)), 0);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.ops[0], "hello");
	assert_string_equal(s.ops[1], "done");
	assert_int_equal(proto_feed(&r, "ash\"}\n", 6, collect, &s, err,
	    sizeof(err)), 0);
	assert_int_equal(s.count, 3);
	assert_string_equal(s.ops[2], "crash");
	proto_reader_free(&r);
}

static void
test_other_versions_and_garbage_are_refused(void **unused)
{
	struct proto_reader r = { 0 };
	struct seen s = { 0 };
	char err[128];
	const char *v2 = "{\"v\":2,\"op\":\"hello\"}\n";
	const char *junk = "hello\n";

	(void)unused;
	assert_int_equal(proto_feed(&r, v2, strlen(v2), collect, &s, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "version 1"));
	proto_reader_free(&r);
	assert_int_equal(proto_feed(&r, junk, strlen(junk), collect, &s, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "not JSON"));
	assert_int_equal(s.count, 0);
	proto_reader_free(&r);
}

static void
test_a_line_without_end_is_bounded(void **unused)
{
	struct proto_reader r = { 0 };
	struct seen s = { 0 };
	char err[128], *big = malloc(PROTO_LINE_MAX + 2);

	(void)unused;
	memset(big, 'x', PROTO_LINE_MAX + 1);
	assert_int_equal(proto_feed(&r, big, PROTO_LINE_MAX + 1, collect, &s,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than"));
	free(big);
	proto_reader_free(&r);
}

static void
test_send_writes_one_line_a_reader_takes(void **unused)
{
	int fds[2];
	char buf[256], err[128];
	struct proto_reader r = { 0 };
	struct seen s = { 0 };
	json_t *msg = json_pack("{s:i, s:s, s:s}", "v", PROTO_VERSION, "op",
	    "job", "path", "work/a b\nc.txt");

	(void)unused;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(proto_send(fds[1], msg), 0);
	ssize_t n = read(fds[0], buf, sizeof(buf));
	assert_true(n > 0);
	assert_int_equal(buf[n - 1], '\n');
	assert_null(memchr(buf, '\n', (size_t)n - 1));	/* the newline in the path is escaped */
	assert_int_equal(proto_feed(&r, buf, (size_t)n, collect, &s, err,
	    sizeof(err)), 0);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.ops[0], "job");
	json_decref(msg);
	proto_reader_free(&r);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages_split_across_reads_are_joined),
		cmocka_unit_test(test_other_versions_and_garbage_are_refused),
		cmocka_unit_test(test_a_line_without_end_is_bounded),
		cmocka_unit_test(test_send_writes_one_line_a_reader_takes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
