/*
 * A date is read from the end of a line backwards, as words: that is where
 * a dateline puts it ("Ben McGrath 1 March 2019"), and reading words rather
 * than characters keeps the patterns few.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

#define MAX_WORDS 8

struct word {
	size_t start, len;
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* Full name or an abbreviation of three or more letters ("Sept"). */
static int
name_index(const char *w, size_t len, const char *const *names, int n)
{
	if (len < 3)
		return -1;
	for (int i = 0; i < n; i++)
		if (len <= strlen(names[i]) && strncasecmp(w, names[i], len) == 0)
			return i;
	return -1;
}

static int
number(const char *w, size_t len, int min, int max)
{
	int v = 0;
	size_t i = 0;

	/* An ordinal suffix is fine: "1st", "22nd". */
	while (i < len && isdigit((unsigned char)w[i]) && i < 4)
		v = v * 10 + (w[i++] - '0');
	if (i == 0 || (i < len && !(len - i == 2 && isalpha((unsigned char)w[i]))))
		return -1;
	return v >= min && v <= max ? v : -1;
}

static int
days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

static int
iso_of(int y, int m, int d, char iso[11])
{
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 0;
}

/* Splits s into words of letters and digits; the last MAX_WORDS are kept. */
static int
words_of(const char *s, size_t len, struct word *w)
{
	int n = 0;

	for (size_t i = 0; i < len;) {
		while (i < len && !isalnum((unsigned char)s[i]) && s[i] != '-')
			i++;
		size_t start = i;
		while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i == start)
			continue;
		if (n == MAX_WORDS) {
			memmove(w, w + 1, (MAX_WORDS - 1) * sizeof(*w));
			n--;
		}
		w[n].start = start;
		w[n].len = i - start;
		n++;
	}
	return n;
}

/* Tries the patterns on the last words; returns how many words matched. */
static int
match_end(const char *s, const struct word *w, int n, char iso[11])
{
	const struct word *a = &w[n - 1];
	int y, m, d;

	if (a->len == 10 && sscanf(s + a->start, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    iso_of(y, m, d, iso) == 0)
		return 1;
	if (n < 3 || (y = number(s + a->start, a->len, 1000, 2999)) < 0)
		return 0;
	const struct word *b = &w[n - 2], *c = &w[n - 3];
	/* 1 March 2019 */
	if ((m = name_index(s + b->start, b->len, months, 12)) >= 0 &&
	    (d = number(s + c->start, c->len, 1, 31)) > 0 &&
	    iso_of(y, m + 1, d, iso) == 0)
		return 3;
	/* March 1, 2019 */
	if ((m = name_index(s + c->start, c->len, months, 12)) >= 0 &&
	    (d = number(s + b->start, b->len, 1, 31)) > 0 &&
	    iso_of(y, m + 1, d, iso) == 0)
		return 3;
	return 0;
}

long
date_find_at_end(const char *s, size_t len, char iso[11])
{
	struct word w[MAX_WORDS];
	int n = words_of(s, len, w), used;

	if (n == 0 || (used = match_end(s, w, n, iso)) == 0)
		return -1;
	size_t first = (size_t)(n - used);
	if (first > 0 && name_index(s + w[first - 1].start, w[first - 1].len,
	    weekdays, 7) >= 0)
		first--;
	/* The words must be all that ends the line. */
	for (size_t i = w[n - 1].start + w[n - 1].len; i < len; i++)
		if (isalnum((unsigned char)s[i]))
			return -1;
	return (long)w[first].start;
}

int
date_parse(const char *s, size_t len, char iso[11])
{
	long at = date_find_at_end(s, len, iso);

	if (at < 0)
		return 0;
	for (long i = 0; i < at; i++)
		if (isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

int
date_parse_timestamp(const char *s, char iso[11])
{
	size_t len = strlen(s);

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	if (len > 10 && s[4] == '-' && s[7] == '-' &&
	    (s[10] == 'T' || s[10] == ' ' || s[10] == 't'))
		len = 10;
	return date_parse(s, len, iso);
}
