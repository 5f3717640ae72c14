/* Grouping mentions into entities: short forms, acronyms, order, cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../group.h"

static struct mentions ms;

/* Adds the n-th occurrence of `surface` in an ASCII text as a mention. */
static void
add(const char *text, const char *surface, int nth, int type)
{
	const char *at = text;

	for (int i = 0; i <= nth; i++) {
		at = strstr(i ? at + 1 : at, surface);
		assert_non_null(at);
	}
	struct mention m = { (uint32_t)(at - text),
	    (uint32_t)(at - text + strlen(surface)), (uint32_t)(at - text),
	    (uint32_t)(at - text + strlen(surface)), type,
	    type <= E_MISC ? "test-model" : NULL };
	assert_int_equal(mentions_add(&ms, &m), 0);
}

static json_t *
group_capped(const char *text, size_t max, size_t max_mentions,
    size_t max_listed)
{
	mentions_sort(&ms);
	json_t *list = group_entities(text, &ms, max, max_mentions, max_listed);
	assert_non_null(list);
	return list;
}

static json_t *
group(const char *text, size_t max)
{
	return group_capped(text, max, 0, 0);
}

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	assert_non_null(s);
	return s;
}

static void
surname_joins_full_name(void **unused)
{
	(void)unused;
	const char *t = "Donald Trump met Kim Jong-un. Trump said Kim smiled.";
	add(t, "Donald Trump", 0, E_PERSON);
	add(t, "Kim Jong-un", 0, E_PERSON);
	add(t, "Trump", 1, E_PERSON);
	add(t, "Kim", 1, E_PERSON);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 2);
	json_t *trump = json_array_get(list, 0);
	assert_string_equal(str(trump, "text"), "Donald Trump");
	assert_string_equal(str(trump, "type"), "PERSON");
	assert_int_equal(json_integer_value(json_object_get(trump, "count")), 2);
	json_t *aliases = json_object_get(trump, "aliases");
	assert_int_equal(json_array_size(aliases), 1);
	assert_string_equal(json_string_value(json_array_get(aliases, 0)),
	    "Trump");
	json_t *m = json_array_get(json_object_get(trump, "mentions"), 1);
	assert_int_equal(json_integer_value(json_object_get(m, "start")), 30);
	assert_int_equal(json_integer_value(json_object_get(m, "end")), 35);
	assert_string_equal(str(m, "text"), "Trump");
	assert_string_equal(str(json_array_get(list, 1), "text"), "Kim Jong-un");
	json_decref(list);
}

static void
short_form_first_still_joins(void **unused)
{
	(void)unused;
	const char *t = "Pompeo lands. Mike Pompeo, the secretary, spoke.";
	add(t, "Pompeo", 0, E_PERSON);
	add(t, "Mike Pompeo", 0, E_PERSON);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 1);
	json_t *e = json_array_get(list, 0);
	assert_string_equal(str(e, "text"), "Mike Pompeo");
	/* The first mention is the short one: the entity starts there. */
	json_t *m = json_array_get(json_object_get(e, "mentions"), 0);
	assert_int_equal(json_integer_value(json_object_get(m, "start")), 0);
	json_decref(list);
}

static void
acronym_joins_its_expansion(void **unused)
{
	(void)unused;
	const char *t = "The North Atlantic Treaty Organization (NATO) met. "
	    "NATO and the European Union agreed; the EU said so.";
	add(t, "North Atlantic Treaty Organization", 0, E_ORG);
	add(t, "NATO", 0, E_ORG);
	add(t, "NATO", 1, E_ORG);
	add(t, "European Union", 0, E_ORG);
	add(t, "EU", 0, E_ORG);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 2);
	json_t *nato = json_array_get(list, 0);
	assert_string_equal(str(nato, "text"),
	    "North Atlantic Treaty Organization");
	assert_int_equal(json_integer_value(json_object_get(nato, "count")), 3);
	json_t *eu = json_array_get(list, 1);
	assert_string_equal(str(eu, "text"), "European Union");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(eu, "aliases"), 0)), "EU");
	json_decref(list);
}

static void
one_name_is_one_entity_whatever_its_types(void **unused)
{
	(void)unused;
	const char *t = "The US said US troops and the U.S. navy left on Monday.";
	add(t, "US", 0, E_LOC);
	add(t, "US", 1, E_ORG);
	add(t, "U.S.", 0, E_ORG);
	add(t, "Monday", 0, E_DATE);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 2);
	json_t *us = json_array_get(list, 0);
	/* Two mentions of three say ORG: the weight of the evidence. */
	assert_string_equal(str(us, "type"), "ORG");
	assert_int_equal(json_integer_value(json_object_get(us, "count")), 3);
	/* Each mention keeps the type it was given. */
	json_t *first = json_array_get(json_object_get(us, "mentions"), 0);
	assert_string_equal(str(first, "type"), "LOC");
	assert_string_equal(str(json_array_get(list, 1), "type"), "DATE");
	/* The tagger's entities name the model; the rest come from rules. */
	assert_string_equal(str(us, "source"), "test-model");
	assert_string_equal(str(json_array_get(list, 1), "source"), "rules");
	json_decref(list);
}

static void
variants_of_a_name_fold_together(void **unused)
{
	(void)unused;
	const char *t = "Kim Jong-un and Kim Jong Un; KIM JONG UN; Muller, M\xc3\xbcller.";
	add(t, "Kim Jong-un", 0, E_PERSON);
	add(t, "Kim Jong Un", 0, E_PERSON);
	add(t, "KIM JONG UN", 0, E_ORG);
	add(t, "Muller", 0, E_PERSON);
	add(t, "M\xc3\xbcller", 0, E_PERSON);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 2);
	json_t *kim = json_array_get(list, 0);
	assert_string_equal(str(kim, "type"), "PERSON");
	assert_int_equal(json_integer_value(json_object_get(kim, "count")), 3);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(list, 1), "count")), 2);
	json_decref(list);
}

static void
a_tie_keeps_the_first_type(void **unused)
{
	(void)unused;
	const char *t = "Jordan visited Jordan.";
	add(t, "Jordan", 0, E_PERSON);
	add(t, "Jordan", 1, E_LOC);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(str(json_array_get(list, 0), "type"), "PERSON");
	json_decref(list);
}

/* The busiest are kept, listed in order of appearance. */
static void
max_keeps_the_busiest_entities(void **unused)
{
	(void)unused;
	const char *t = "Paris, London and Rome, then Rome and Paris, Rome.";
	add(t, "Paris", 0, E_LOC);
	add(t, "London", 0, E_LOC);
	add(t, "Rome", 0, E_LOC);
	add(t, "Rome", 1, E_LOC);
	add(t, "Paris", 1, E_LOC);
	add(t, "Rome", 2, E_LOC);
	json_t *list = group(t, 2);

	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(str(json_array_get(list, 0), "text"), "Paris");
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(list, 0), "count")), 2);
	assert_string_equal(str(json_array_get(list, 1), "text"), "Rome");
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(list, 1), "count")), 3);
	json_decref(list);
}

/* On a tie, the first to appear is kept. */
static void
max_keeps_the_first_on_a_tie(void **unused)
{
	(void)unused;
	const char *t = "Paris, London and Rome, then Rome.";
	add(t, "Paris", 0, E_LOC);
	add(t, "London", 0, E_LOC);
	add(t, "Rome", 0, E_LOC);
	add(t, "Rome", 1, E_LOC);
	json_t *list = group(t, 2);

	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(str(json_array_get(list, 0), "text"), "Paris");
	assert_string_equal(str(json_array_get(list, 1), "text"), "Rome");
	json_decref(list);
}

/*
 * The list holds at most max_listed mentions, the first entities' first;
 * each count still counts them all.
 */
static void
max_listed_caps_the_mentions_in_all(void **unused)
{
	(void)unused;
	const char *t = "Paris, Rome, Paris, Rome, Paris, Oslo, Rome, Oslo.";
	for (int i = 0; i < 3; i++) {
		add(t, "Paris", i, E_LOC);
		add(t, "Rome", i, E_LOC);
	}
	add(t, "Oslo", 0, E_LOC);
	add(t, "Oslo", 1, E_LOC);
	json_t *list = group_capped(t, 0, 2, 3);
	size_t listed[3], count[3];

	assert_int_equal(json_array_size(list), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *e = json_array_get(list, i);
		listed[i] = json_array_size(json_object_get(e, "mentions"));
		count[i] = (size_t)json_integer_value(json_object_get(e, "count"));
	}
	assert_int_equal(listed[0], 2);		/* max_mentions */
	assert_int_equal(listed[1], 1);		/* what is left of 3 */
	assert_int_equal(listed[2], 0);
	assert_int_equal(count[0], 3);
	assert_int_equal(count[1], 3);
	assert_int_equal(count[2], 2);
	assert_string_equal(str(json_array_get(list, 2), "text"), "Oslo");
	json_decref(list);
}

/*
 * A long article of distinct names holds tens of thousands of entities
 * while they are grouped: each is kept small (it was 490 bytes, then
 * 68 with a vote for every type).
 */
static void
grouping_record_is_small(void **unused)
{
	(void)unused;
	assert_true(group_record_size() <= 40);
}

/*
 * The mentions of the entities left out by max are not held while the
 * list is built: only the kept entities' stay, in order, in an array of
 * their size.
 */
static void
left_out_mentions_are_dropped(void **unused)
{
	(void)unused;
	const char *t = "Paris, Rome, Paris, Oslo, Rome, Paris, Bern.";
	for (int i = 0; i < 3; i++)
		add(t, "Paris", i, E_LOC);
	add(t, "Rome", 0, E_LOC);
	add(t, "Rome", 1, E_LOC);
	add(t, "Oslo", 0, E_LOC);
	add(t, "Bern", 0, E_LOC);
	json_t *list = group(t, 2);

	assert_int_equal(json_array_size(list), 2);
	assert_int_equal(ms.n, 5);
	assert_int_equal(ms.cap, 5);
	for (size_t i = 0; i < ms.n; i++) {
		const char *s = t + ms.m[i].byte_start;
		assert_true(strncmp(s, "Paris", 5) == 0 ||
		    strncmp(s, "Rome", 4) == 0);
		if (i > 0)
			assert_true(ms.m[i - 1].start < ms.m[i].start);
	}
	json_decref(list);
}

/* Mentions merged from two lists are held in an array of their size. */
static void
reserve_and_fit_are_exact(void **unused)
{
	(void)unused;
	const char *t = "Paris and Rome and Oslo.";
	assert_int_equal(mentions_reserve(&ms, 3), 0);
	assert_int_equal(ms.cap, 3);
	add(t, "Paris", 0, E_LOC);
	add(t, "Rome", 0, E_LOC);
	add(t, "Oslo", 0, E_LOC);
	assert_int_equal(ms.cap, 3);
	assert_int_equal(mentions_reserve(&ms, 40), 0);
	mentions_fit(&ms);
	assert_int_equal(ms.cap, 3);
	assert_int_equal(ms.n, 3);
	assert_int_equal(ms.m[2].byte_start, 19);
}

/* Two lists in text order merge in place, into an array of their size. */
static void
merge_keeps_text_order(void **unused)
{
	(void)unused;
	const char *t = "Paris, Rome, Oslo, Bern and Kyiv.";
	struct mentions more = { 0 };
	static const char *const mine[] = { "Paris", "Oslo", "Kyiv" };
	static const char *const theirs[] = { "Rome", "Bern" };

	for (size_t i = 0; i < 3; i++)
		add(t, mine[i], 0, E_LOC);
	for (size_t i = 0; i < 2; i++) {
		const char *at = strstr(t, theirs[i]);
		uint32_t a = (uint32_t)(at - t), z = a + 4;
		struct mention m = { a, z, a, z, E_DATE, NULL };
		assert_int_equal(mentions_add(&more, &m), 0);
	}
	assert_int_equal(mentions_merge(&ms, &more), 0);
	assert_int_equal(ms.n, 5);
	assert_int_equal(ms.cap, 5);
	for (size_t i = 1; i < ms.n; i++)
		assert_true(ms.m[i - 1].start < ms.m[i].start);
	assert_int_equal(ms.m[1].type, E_DATE);
	assert_int_equal(ms.m[3].type, E_DATE);
	/* Out of order: sorted all the same. */
	struct mention late = ms.m[0];
	more.m[0] = ms.m[4];
	more.m[1] = ms.m[2];
	ms.n = 1;
	ms.m[0] = late;
	assert_int_equal(mentions_merge(&ms, &more), 0);
	assert_int_equal(ms.n, 3);
	assert_true(ms.m[0].start < ms.m[1].start &&
	    ms.m[1].start < ms.m[2].start);
	mentions_free(&more);
}

static void
fullest_form_prefers_mixed_case(void **unused)
{
	(void)unused;
	const char *t = "PARIS - Paris was calm.";
	add(t, "PARIS", 0, E_LOC);
	add(t, "Paris", 0, E_LOC);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(str(json_array_get(list, 0), "text"), "Paris");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_array_get(list, 0), "aliases"), 0)), "PARIS");
	json_decref(list);
}

static void
overlapping_rule_mentions_give_way(void **unused)
{
	(void)unused;
	struct mentions keep = { 0 };
	struct mention tagger[] = { { 10, 22, 10, 22, E_PERSON, NULL },
		{ 40, 45, 40, 45, E_ORG, NULL } };
	struct mention rules[] = { { 0, 5, 0, 5, E_DATE, NULL },
		{ 18, 22, 18, 22, E_DATE, NULL }, { 30, 35, 30, 35, E_MONEY, NULL },
		{ 44, 50, 44, 50, E_PERCENT, NULL }, { 60, 61, 60, 61, E_TIME, NULL } };

	for (size_t i = 0; i < 2; i++)
		assert_int_equal(mentions_add(&keep, &tagger[i]), 0);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(mentions_add(&ms, &rules[i]), 0);
	mentions_drop_overlaps(&ms, &keep);
	assert_int_equal(ms.n, 3);
	assert_int_equal(ms.m[0].start, 0);
	assert_int_equal(ms.m[1].start, 30);
	assert_int_equal(ms.m[2].start, 60);
	mentions_free(&keep);
}

static void
no_mentions_no_entities(void **unused)
{
	(void)unused;
	json_t *list = group("", 0);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
}

/*
 * A long article lists tens of thousands of mentions: those that read
 * alike share one string with their entity's name or alias, and every
 * type name is made once, so the list grows by the mention, not by the
 * string.
 */
static void
mentions_share_their_strings(void **unused)
{
	(void)unused;
	const char *t = "Mike Pompeo spoke. Pompeo left. Pompeo and "
	    "Kim Jong-un met. Kim smiled.";
	add(t, "Mike Pompeo", 0, E_PERSON);
	add(t, "Pompeo", 1, E_PERSON);
	add(t, "Pompeo", 2, E_PERSON);
	add(t, "Kim Jong-un", 0, E_PERSON);
	add(t, "Kim", 1, E_PERSON);
	json_t *list = group(t, 0);

	assert_int_equal(json_array_size(list), 2);
	json_t *pompeo = json_array_get(list, 0);
	json_t *kim = json_array_get(list, 1);
	json_t *pm = json_object_get(pompeo, "mentions");
	json_t *km = json_object_get(kim, "mentions");
	assert_int_equal(json_array_size(pm), 3);
	assert_int_equal(json_array_size(km), 2);
	/* Same text, same string: the name's, then the alias's. */
	assert_ptr_equal(json_object_get(json_array_get(pm, 0), "text"),
	    json_object_get(pompeo, "text"));
	json_t *alias = json_array_get(json_object_get(pompeo, "aliases"), 0);
	assert_string_equal(json_string_value(alias), "Pompeo");
	assert_ptr_equal(json_object_get(json_array_get(pm, 1), "text"), alias);
	assert_ptr_equal(json_object_get(json_array_get(pm, 2), "text"), alias);
	/* One "PERSON" for the entities and all their mentions. */
	json_t *person = json_object_get(pompeo, "type");
	assert_string_equal(json_string_value(person), "PERSON");
	assert_ptr_equal(json_object_get(kim, "type"), person);
	assert_ptr_equal(json_object_get(json_array_get(km, 1), "type"), person);
	assert_ptr_equal(json_object_get(kim, "source"),
	    json_object_get(pompeo, "source"));
	json_decref(list);
}

static int
reset(void **unused)
{
	(void)unused;
	mentions_free(&ms);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(surname_joins_full_name, reset),
		cmocka_unit_test_teardown(short_form_first_still_joins, reset),
		cmocka_unit_test_teardown(acronym_joins_its_expansion, reset),
		cmocka_unit_test_teardown(one_name_is_one_entity_whatever_its_types, reset),
		cmocka_unit_test_teardown(variants_of_a_name_fold_together, reset),
		cmocka_unit_test_teardown(a_tie_keeps_the_first_type, reset),
		cmocka_unit_test_teardown(max_keeps_the_busiest_entities, reset),
		cmocka_unit_test_teardown(max_keeps_the_first_on_a_tie, reset),
		cmocka_unit_test_teardown(max_listed_caps_the_mentions_in_all,
		    reset),
		cmocka_unit_test_teardown(grouping_record_is_small, reset),
		cmocka_unit_test_teardown(left_out_mentions_are_dropped, reset),
		cmocka_unit_test_teardown(reserve_and_fit_are_exact, reset),
		cmocka_unit_test_teardown(merge_keeps_text_order, reset),
		cmocka_unit_test_teardown(fullest_form_prefers_mixed_case, reset),
		cmocka_unit_test_teardown(overlapping_rule_mentions_give_way,
		    reset),
		cmocka_unit_test_teardown(no_mentions_no_entities, reset),
		cmocka_unit_test_teardown(mentions_share_their_strings, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
