#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "dom.h"

int
dom_is(const xmlNode *node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	    node->name != NULL && strcmp((const char *)node->name, name) == 0;
}

const char *
dom_attr(const xmlNode *node, const char *name)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	/* The HTML parser gives attribute names in lower case, as asked. */
	for (const xmlAttr *a = node->properties; a != NULL; a = a->next)
		if (a->name != NULL && a->name[0] == name[0] &&
		    strcmp((const char *)a->name, name) == 0) {
			const xmlNode *t = a->children;
			return t != NULL && t->type == XML_TEXT_NODE && t->content ?
			    (const char *)t->content : "";
		}
	return NULL;
}

static size_t
append_collapsed(const char *s, char *buf, size_t len, size_t cap)
{
	for (; *s != '\0' && len + 1 < cap; s++) {
		if (isspace((unsigned char)*s)) {
			if (len > 0 && buf[len - 1] != ' ')
				buf[len++] = ' ';
		} else
			buf[len++] = *s;
	}
	buf[len] = '\0';
	return len;
}

/* Depth-limited: a page of 100,000 nested tags must not exhaust the stack. */
static size_t
text_of(const xmlNode *node, char *buf, size_t len, size_t cap, int depth)
{
	for (const xmlNode *n = node; n != NULL && depth < 64; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			len = append_collapsed((const char *)n->content, buf, len, cap);
		else if (n->type == XML_ELEMENT_NODE && !dom_is(n, "script") &&
		    !dom_is(n, "style")) {
			if (dom_is(n, "br") || dom_is(n, "p") || dom_is(n, "div"))
				len = append_collapsed(" ", buf, len, cap);
			len = text_of(n->children, buf, len, cap, depth + 1);
		}
	}
	return len;
}

size_t
dom_text(const xmlNode *node, char *buf, size_t len, size_t cap)
{
	if (cap == 0)
		return 0;
	if (len == 0)
		buf[0] = '\0';
	if (node == NULL)
		return len;
	if (node->type == XML_TEXT_NODE)
		return append_collapsed((const char *)node->content, buf, len, cap);
	return text_of(node->children, buf, len, cap, 0);
}

/*
 * One pass over names, trying at each letter the words that begin with
 * it: called for every element's class and id against lists of dozens of
 * words, where a strcasestr per word cost more than parsing the page.
 * The words are lower case.
 */
int
dom_names_match(const char *names, const char *const *words)
{
	uint64_t firsts = 0;

	if (names == NULL || names[0] == '\0')
		return 0;
	/* A filter on first letters: most positions start no word at all. */
	for (size_t i = 0; words[i] != NULL; i++)
		firsts |= (uint64_t)1 << ((unsigned char)words[i][0] & 63);
	for (const char *s = names; *s != '\0'; s++) {
		int c = tolower((unsigned char)*s);
		if (!(firsts & (uint64_t)1 << (c & 63)))
			continue;
		for (size_t i = 0; words[i] != NULL; i++) {
			const char *w = words[i];
			size_t k = 1;
			if (w[0] != c)
				continue;
			while (w[k] != '\0' && tolower((unsigned char)s[k]) == w[k])
				k++;
			if (w[k] == '\0')
				return 1;
		}
	}
	return 0;
}
