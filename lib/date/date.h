/*
 * Dates as people write them in English, to ISO 8601: one parser for every
 * reader that finds a date (text, json, html).
 */
#ifndef LECTOR_LIB_DATE_H
#define LECTOR_LIB_DATE_H

#include <stddef.h>

/*
 * Finds a date that ends the string s (trailing spaces and punctuation
 * allowed): "1 March 2019", "March 1, 2019", "Mar. 1 2019", "Friday 1
 * March 2019", "2019-03-01". On success writes "YYYY-MM-DD" into iso and
 * returns the offset where the date (with a weekday before it) starts;
 * otherwise returns -1.
 */
long date_find_at_end(const char *s, size_t len, char iso[11]);

/* Whether the whole of s is such a date; writes iso. */
int date_parse(const char *s, size_t len, char iso[11]);

/*
 * Like date_parse, but also takes an ISO 8601 timestamp, of which the day
 * is kept: "2019-03-01T10:00:00+01:00" -> "2019-03-01". s: NUL-terminated.
 */
int date_parse_timestamp(const char *s, char iso[11]);

#endif
