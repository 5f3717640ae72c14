/* The set of file names the watcher and the master keep. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "names.h"

static void
test_put_get_del(void **unused)
{
	struct names *set = names_new();
	int found = -1;
	int a = 1, b = 2;

	(void)unused;
	assert_non_null(set);
	assert_null(names_get(set, "a.txt", &found));
	assert_int_equal(found, 0);
	assert_int_equal(names_put(set, "a.txt", &a), 0);
	assert_int_equal(names_put(set, "b.txt", NULL), 0);
	assert_ptr_equal(names_get(set, "a.txt", &found), &a);
	assert_int_equal(found, 1);
	assert_null(names_get(set, "b.txt", &found));
	assert_int_equal(found, 1);	/* present, with a NULL value */
	assert_int_equal(names_put(set, "a.txt", &b), 0);	/* replaces */
	assert_int_equal(names_count(set), 2);
	assert_ptr_equal(names_del(set, "a.txt"), &b);
	assert_null(names_get(set, "a.txt", &found));
	assert_int_equal(found, 0);
	assert_int_equal(names_count(set), 1);
	names_free(set, NULL);
}

static int
delete_even(const char *name, void *value, void *arg)
{
	struct names *set = arg;
	int n = atoi(name);

	(void)value;
	if (n % 2 == 0)
		free(names_del(set, name));
	return 0;
}

static void
test_many_names_and_deleting_while_walking(void **unused)
{
	struct names *set = names_new();
	char name[32];

	(void)unused;
	for (int i = 0; i < 10000; i++) {
		snprintf(name, sizeof(name), "%d", i);
		int *v = malloc(sizeof(*v));
		*v = i;
		assert_int_equal(names_put(set, name, v), 0);
	}
	assert_int_equal(names_count(set), 10000);
	names_each(set, delete_even, set);
	assert_int_equal(names_count(set), 5000);
	for (int i = 0; i < 10000; i++) {
		int found;
		snprintf(name, sizeof(name), "%d", i);
		int *v = names_get(set, name, &found);
		assert_int_equal(found, i % 2);
		if (found)
			assert_int_equal(*v, i);
	}
	names_free(set, free);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_del),
		cmocka_unit_test(test_many_names_and_deleting_while_walking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
