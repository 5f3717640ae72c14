/*
 * The plain-text reader. Articles saved as text usually open with a title
 * line, sometimes a byline and a date under it, then the body:
 *
 *   Kim and Trump meet again in Hanoi
 *   Ben McGrath 1 March 2019
 *
 *   The second summit ...
 *
 * A first line is a title only when it reads like one (short, not ending
 * like a sentence) and something follows it; otherwise the whole file is
 * the body, and nothing is lost either way.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <lector/plugin.h>

#include "date/date.h"

#define TITLE_MAX 200
#define BYLINE_MAX 100
#define NAME_WORDS_MAX 8

static const lector_host *host;

struct line {
	const char *s;
	size_t len;		/* without the newline or a CR before it */
	size_t next;		/* offset of the line after it */
};

static int
line_at(const char *text, size_t len, size_t at, struct line *l)
{
	const char *nl;

	if (at >= len)
		return 0;
	l->s = text + at;
	nl = memchr(l->s, '\n', len - at);
	l->len = nl != NULL ? (size_t)(nl - l->s) : len - at;
	l->next = at + l->len + (nl != NULL);
	while (l->len > 0 && isspace((unsigned char)l->s[l->len - 1]))
		l->len--;
	while (l->len > 0 && isspace((unsigned char)l->s[0])) {
		l->s++;
		l->len--;
	}
	return 1;
}

static int
looks_like_title(const struct line *l)
{
	int letters = 0;

	if (l->len == 0 || l->len > TITLE_MAX || strchr(".,;:", l->s[l->len - 1]))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		letters += isalpha((unsigned char)l->s[i]) ||
		    (unsigned char)l->s[i] >= 0x80;
	return letters > 0;
}

static int
is_name_word(const char *w, size_t len)
{
	static const char *const joiners[] = { "and", "de", "van", "von", "der",
	    "da", "di", "del", "la", "le", "bin", "al" };

	if (isupper((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80)
		return 1;
	for (size_t i = 0; i < sizeof(joiners) / sizeof(joiners[0]); i++)
		if (strlen(joiners[i]) == len && strncmp(w, joiners[i], len) == 0)
			return 1;
	return 0;
}

/* Whether s is a short run of capitalised words, as a name is. */
static int
is_name_list(const char *s, size_t len)
{
	int words = 0;

	for (size_t i = 0; i < len;) {
		while (i < len && strchr(" ,&", s[i]))
			i++;
		size_t start = i;
		while (i < len && !strchr(" ,&", s[i]))
			i++;
		if (i == start)
			break;
		if (!is_name_word(s + start, i - start) || ++words > NAME_WORDS_MAX)
			return 0;
	}
	return words > 0;
}

/* Splits "By Ben McGrath, 1 March 2019" into a byline and an ISO date. */
static int
parse_byline(const struct line *l, char *byline, size_t cap, char iso[11])
{
	size_t len = l->len;
	const char *s = l->s;
	long at;

	byline[0] = iso[0] = '\0';
	if (len == 0 || len > BYLINE_MAX)
		return 0;
	if ((at = date_find_at_end(s, len, iso)) >= 0)
		len = (size_t)at;
	else
		iso[0] = '\0';
	while (len > 0 && strchr(" ,-|/\t", s[len - 1]))
		len--;
	if (len >= 3 && strncasecmp(s, "by ", 3) == 0) {
		s += 3;
		len -= 3;
	} else if (len > 0 && iso[0] == '\0')
		return 0;	/* a bare name line without a date is too unsure */
	if (len > 0 && !is_name_list(s, len))
		return 0;
	if (len >= cap)
		return 0;
	memcpy(byline, s, len);
	byline[len] = '\0';
	return byline[0] != '\0' || iso[0] != '\0';
}

/* Sets title, byline and published; returns where the body starts. */
static size_t
read_head(lector_doc *doc, const char *text, size_t len, lector_error *err)
{
	struct line first, second;
	size_t at = 0, body;
	char byline[BYLINE_MAX + 1], iso[11], title[TITLE_MAX + 1];

	while (line_at(text, len, at, &first) && first.len == 0)
		at = first.next;
	if (at >= len || !looks_like_title(&first))
		return 0;
	body = first.next;
	if (!line_at(text, len, body, &second))
		return 0;	/* one line: it is the body */
	int blank_after = second.len == 0;
	while (second.len == 0 && line_at(text, len, second.next, &second))
		;
	if (second.len == 0)
		return 0;
	if (parse_byline(&second, byline, sizeof(byline), iso)) {
		if (byline[0] && host->set_meta(doc, "byline", byline, err) != LECTOR_OK)
			return (size_t)-1;
		if (iso[0] && host->set_meta(doc, "published", iso, err) != LECTOR_OK)
			return (size_t)-1;
		body = second.next;
	} else if (!blank_after)
		return 0;
	memcpy(title, first.s, first.len);
	title[first.len] = '\0';
	if (host->set_meta(doc, "title", title, err) != LECTOR_OK)
		return (size_t)-1;
	return body;
}

static int
text_init(const lector_host *h, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	(void)options;
	(void)data_dir;
	(void)err;
	host = h;
	*state = NULL;
	return LECTOR_OK;
}

static int
text_read(void *state, lector_doc *doc, const char *bytes, size_t len,
    lector_error *err)
{
	size_t body;

	(void)state;
	if ((body = read_head(doc, bytes, len, err)) == (size_t)-1)
		return LECTOR_EINVAL;
	while (body < len && (bytes[body] == '\n' || bytes[body] == '\r'))
		body++;
	return host->set_text(doc, bytes + body, len - body, err);
}

static const char *const text_formats[] = { "txt", "text", NULL };

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "text",
	.version = "1.0.0",
	.summary = "Plain text: a title line, a byline and date, then the body",
	.kind = LECTOR_READER,
	.formats = text_formats,
	.init = text_init,
	.read = text_read,
};
