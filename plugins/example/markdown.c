/*
 * markdown: an example reader, for .md files. The first "# " heading is
 * the title; the body keeps its paragraphs and loses its markup:
 * "**bold**" -> "bold", "[text](url)" -> "text", "## Heading" -> "Heading".
 */
#include <stdlib.h>
#include <string.h>

#include <lector/plugin.h>

static const lector_host *host;

/* Copies s to out without markup; returns the bytes written. */
static size_t
strip(const char *s, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (i == 0 || s[i - 1] == '\n') {	/* "## Heading", "> quote" */
			while (i < len && (s[i] == '#' || s[i] == '>'))
				i++;
			if (i < len && s[i] == ' ')
				i++;
			if (i >= len)
				break;
		}
		if (s[i] == '*' || s[i] == '_' || s[i] == '`')
			continue;
		if (s[i] == '!' && i + 1 < len && s[i + 1] == '[')
			continue;
		if (s[i] == ']' && i + 1 < len && s[i + 1] == '(') {
			const char *close = memchr(s + i, ')', len - i);
			i = close != NULL ? (size_t)(close - s) : i;
			continue;
		}
		if (s[i] != '[')
			out[n++] = s[i];
	}
	return n;
}

static int
markdown_read(void *state, lector_doc *doc, const char *bytes, size_t len,
    lector_error *err)
{
	char *out = malloc(len + 1);
	int rc;

	(void)state;
	if (out == NULL)
		return LECTOR_ENOMEM;
	if (len > 2 && memcmp(bytes, "# ", 2) == 0) {
		const char *nl = memchr(bytes, '\n', len);
		size_t tlen = nl != NULL ? (size_t)(nl - bytes) : len;
		memcpy(out, bytes + 2, tlen - 2);
		out[tlen - 2] = '\0';
		if ((rc = host->set_meta(doc, "title", out, err)) != LECTOR_OK) {
			free(out);
			return rc;
		}
		bytes += tlen;
		len -= tlen;
	}
	while (len > 0 && (*bytes == '\n' || *bytes == '\r')) {
		bytes++;
		len--;
	}
	rc = host->set_text(doc, out, strip(bytes, len, out), err);
	free(out);
	return rc;
}

static int
markdown_init(const lector_host *h, const json_t *options, const char *data_dir,
    void **state, lector_error *err)
{
	(void)options;
	(void)data_dir;
	(void)err;
	host = h;
	*state = NULL;
	return LECTOR_OK;
}

static const char *const markdown_formats[] = { "md", "markdown", NULL };

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "markdown",
	.version = "1.0.0",
	.summary = "Example: Markdown files, title from the first heading",
	.kind = LECTOR_READER,
	.formats = markdown_formats,
	.init = markdown_init,
	.read = markdown_read,
};
