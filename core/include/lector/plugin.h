/*
 * lector plugin ABI.
 *
 * The one header a plugin needs. A plugin is a shared object that exports
 * one symbol, LECTOR_PLUGIN_SYMBOL ("lector_plugin_entry"), a const lector_plugin
 * whose first three fields are the ABI major, the ABI minor and the size of
 * the descriptor as the plugin was built. The host checks them before it
 * calls any function of the plugin:
 *
 *   - another major is refused: the layout or meaning of something changed;
 *   - a minor newer than the host's is refused: the plugin may rely on host
 *     functions this host does not have;
 *   - an older minor loads: minors only add, at the end of structures.
 *
 * Ownership of every json_t crossing the boundary is stated in Jansson's
 * words: a value handed to the host is *stolen* (the host now owns the
 * reference, even when the call fails); a value the host hands out is
 * *borrowed* (valid until the plugin's callback returns; take a reference
 * with json_incref to keep it longer).
 *
 * Each worker calls a plugin for one article at a time: plugins need not be
 * thread-safe, but must not keep pointers into a document after the call
 * that gave them.
 */
#ifndef LECTOR_PLUGIN_H
#define LECTOR_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LECTOR_ABI_MAJOR 1
#define LECTOR_ABI_MINOR 1

#define LECTOR_PLUGIN_SYMBOL "lector_plugin_entry"

/* What a plugin's functions return. */
enum lector_status {
	LECTOR_OK = 0,
	LECTOR_EINVAL = -1,	/* the input is not something this plugin takes */
	LECTOR_ENOMEM = -2,
	LECTOR_EIO = -3,	/* a file the plugin needs could not be read */
	LECTOR_EFAIL = -4,	/* anything else; the message says what */
	LECTOR_EAGAIN = -5	/* 1.1, sources: nothing came within the wait */
};

/* A message for a human: one sentence, no trailing newline. */
#define LECTOR_ERROR_MAX 512
typedef struct lector_error {
	char message[LECTOR_ERROR_MAX];
} lector_error;

enum lector_kind {
	LECTOR_READER = 1,	/* bytes of one format -> document */
	LECTOR_ANNOTATOR = 2,	/* document -> one result under its key */
	LECTOR_SOURCE = 3,	/* 1.1: yields articles, then learns their outcome */
	LECTOR_SINK = 4		/* 1.1: keeps enriched documents durably */
};

/* Reader flags (1.1), in lector_plugin.flags. */
#define LECTOR_READ_RAW 0x1u	/* read() gets the bytes as they arrived */

/*
 * 1.1, sources: one delivery of an article. The host zeroes it and sets
 * `size` before calling next(); a source fills the fields it knows.
 * name and bytes stay valid, owned by the source, until the host settles
 * the receipt; meta is stolen by the host.
 */
typedef struct lector_article {
	uint32_t size;		/* sizeof(lector_article) as the host built it */
	const char *name;	/* a file name: its extension chooses the reader */
	const void *bytes;
	size_t len;
	json_t *meta;		/* an object kept under source.meta, or NULL */
	uint64_t receipt;	/* the source's token for this delivery */
} lector_article;

/* 1.1, sources: what became of an article. */
enum lector_outcome {
	LECTOR_OUTCOME_DONE = 1,	/* every sink holds it durably: acknowledge */
	LECTOR_OUTCOME_FAILED = 2,	/* it can never succeed: never redeliver */
	LECTOR_OUTCOME_RETRY = 3	/* not this time (a worker died): redeliver */
};

enum lector_log_level {
	LECTOR_LOG_ERR = 3,
	LECTOR_LOG_WARNING = 4,
	LECTOR_LOG_NOTICE = 5,
	LECTOR_LOG_INFO = 6,
	LECTOR_LOG_DEBUG = 7
};

/*
 * Options. Each plugin declares its options; the host fills in defaults,
 * refuses unknown names and ill-typed values (naming the JSON path) before
 * init, and passes the result to init and, with per-article overrides
 * applied, to each call of annotate.
 */
enum lector_option_type {
	LECTOR_OPT_BOOL = 1,
	LECTOR_OPT_INT = 2,	/* a whole number in [min, max] when min < max */
	LECTOR_OPT_NUMBER = 3,	/* a real number in [min, max] when min < max */
	LECTOR_OPT_STRING = 4,
	LECTOR_OPT_STRINGS = 5	/* an array of strings */
};

typedef struct lector_option {
	const char *name;
	enum lector_option_type type;
	const char *default_json;	/* the default as JSON text: "3", "true", "[]" */
	const char *description;	/* one line, for `lectord plugins` */
	double min, max;		/* range for numbers, when min < max */
} lector_option;

/* Opaque to plugins. */
typedef struct lector_doc lector_doc;

/*
 * Shared text services, computed by the host once per document and only
 * when a plugin asks. Offsets are code points into the document's text
 * (end exclusive), with the same span in bytes of its UTF-8.
 */
enum lector_token_kind {
	LECTOR_TOKEN_WORD = 1,		/* letters, digits, inner - and ' */
	LECTOR_TOKEN_NUMBER = 2,	/* 42, 3.5, 1,000, 1.13bn */
	LECTOR_TOKEN_PUNCT = 3,
	LECTOR_TOKEN_SYMBOL = 4,	/* $ % & + and other symbols */
	LECTOR_TOKEN_URL = 5,
	LECTOR_TOKEN_EMAIL = 6,
	LECTOR_TOKEN_IDEOGRAPH = 7	/* a run of Han, Kana or Thai-like script */
};

typedef struct lector_token {
	uint32_t start, end;		/* code points */
	uint32_t byte_start, byte_end;
	uint32_t kind;			/* enum lector_token_kind */
	uint32_t sentence;		/* index of its sentence */
} lector_token;

typedef struct lector_span {
	uint32_t start, end;		/* code points */
	uint32_t byte_start, byte_end;
	uint32_t first, count;		/* sentences: its tokens; paragraphs: its sentences */
} lector_span;

/*
 * The services the host gives a plugin. The table only grows at its end:
 * before using a member added after ABI 1.0, check that `size` reaches it
 * (LECTOR_HOST_HAS(host, member)).
 */
typedef struct lector_host {
	uint32_t size;
	uint16_t abi_major, abi_minor;

	void (*log)(enum lector_log_level level, const char *plugin,
	    const char *message);

	/* The text: valid UTF-8, newlines "\n", borrowed. */
	const char *(*text)(const lector_doc *doc, size_t *bytes);
	size_t (*text_length)(const lector_doc *doc);	/* in code points */

	/*
	 * Metadata: "title", "byline", "published" (YYYY-MM-DD), "url", "id",
	 * "file", "format", "encoding". NULL when absent; borrowed.
	 */
	const char *(*meta)(const lector_doc *doc, const char *key);

	/* Another plugin's result by its key; NULL when absent; borrowed. */
	const json_t *(*result)(const lector_doc *doc, const char *key);

	/* Segmentation, computed on first use; NULL with *count 0 on no memory. */
	const lector_span *(*paragraphs)(lector_doc *doc, size_t *count);
	const lector_span *(*sentences)(lector_doc *doc, size_t *count);
	const lector_token *(*tokens)(lector_doc *doc, size_t *count);

	/* Readers only. The text is copied, validated and normalised. */
	int (*set_text)(lector_doc *doc, const char *utf8, size_t bytes,
	    lector_error *err);
	/* Readers only: a metadata key above; the value is copied. */
	int (*set_meta)(lector_doc *doc, const char *key, const char *value,
	    lector_error *err);
	/* Readers only: a field kept under source.meta; value stolen. */
	int (*set_source_meta)(lector_doc *doc, const char *key, json_t *value);
	/*
	 * Readers only: per-article option overrides, an object of plugin
	 * name -> options object; stolen. Checked like the configuration.
	 */
	int (*set_options)(lector_doc *doc, json_t *options);

	/* Annotators only: the result under the plugin's key; stolen. */
	int (*set_result)(lector_doc *doc, json_t *value);

	/* ---- ABI 1.1 ---- */

	/*
	 * Readers only: read bytes with the reader of another format into
	 * this document, as if the article had been a file of that format
	 * (an HTML page inside a JSON article). Bytes borrowed.
	 */
	int (*read_as)(lector_doc *doc, const char *format, const void *bytes,
	    size_t len, lector_error *err);
} lector_host;

#define LECTOR_HOST_HAS(host, member) \
	((host)->size >= offsetof(lector_host, member) + sizeof((host)->member))

typedef struct lector_plugin {
	uint16_t abi_major, abi_minor;	/* LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR */
	uint32_t size;			/* sizeof(lector_plugin) */

	const char *name;		/* unique; [a-z0-9_-]+ */
	const char *version;		/* semantic version of the plugin */
	const char *summary;		/* one line */
	enum lector_kind kind;

	/* Readers: file extensions taken, without dot, NULL-terminated. */
	const char *const *formats;
	/* Annotators: the key of its result, e.g. "language". */
	const char *key;
	/* Annotators: result keys that must come earlier, NULL-terminated. */
	const char *const *needs;

	/* Declared options, terminated by an entry whose name is NULL. */
	const lector_option *options;

	/*
	 * Called once per process. options: borrowed, every declared option
	 * present. data_dir: the folder of the plugin's data files (models),
	 * borrowed. *state is passed back to the other functions.
	 */
	int (*init)(const lector_host *host, const json_t *options,
	    const char *data_dir, void **state, lector_error *err);

	/*
	 * Readers: bytes are UTF-8 (the host decodes other encodings), or,
	 * with LECTOR_READ_RAW, the bytes as they arrived: the reader then
	 * decodes them itself and says how with set_meta("encoding").
	 */
	int (*read)(void *state, lector_doc *doc, const char *bytes,
	    size_t len, lector_error *err);

	/* Annotators: options borrowed, with this article's overrides. */
	int (*annotate)(void *state, lector_doc *doc, const json_t *options,
	    lector_error *err);

	void (*fini)(void *state);

	/*
	 * ---- ABI 1.1 ----
	 * A 1.0 plugin's descriptor ends before here; the host reads these
	 * fields as zero for it.
	 */

	uint32_t flags;			/* readers: LECTOR_READ_RAW */

	/*
	 * Sources: the next article, waiting at most timeout_ms for one.
	 * LECTOR_OK with *article filled, LECTOR_EAGAIN when none came.
	 */
	int (*next)(void *state, lector_article *article, int timeout_ms,
	    lector_error *err);
	/*
	 * Sources: the outcome of a delivery, by its receipt, in the process
	 * that received it. report (borrowed) is what failed/NAME.error.json
	 * would hold, given with LECTOR_OUTCOME_FAILED, otherwise NULL.
	 */
	int (*settle)(void *state, uint64_t receipt, enum lector_outcome outcome,
	    const json_t *report, lector_error *err);
	/*
	 * Sources, optional: put an article in line (`lectord submit`);
	 * returns LECTOR_OK only once the source's store has acknowledged it.
	 * meta borrowed, may be NULL.
	 */
	int (*submit)(void *state, const char *name, const void *bytes,
	    size_t len, const json_t *meta, lector_error *err);

	/*
	 * Sinks: take an enriched document (borrowed). Writing the same "id"
	 * again replaces what was there: a redelivery changes nothing.
	 * A failure of write or flush says its kind: LECTOR_EINVAL, the sink
	 * refuses the document for good (flush: one of the batch; the host
	 * then writes them one by one and fails the one refused);
	 * LECTOR_EAGAIN, the sink cannot be reached now (the host waits and
	 * tries again; the article never fails for it). Any other code is
	 * taken as LECTOR_EAGAIN. A sink should start without its server and
	 * connect when it answers.
	 */
	int (*write)(void *state, const json_t *doc, lector_error *err);
	/* Sinks: make every document written so far durable. */
	int (*flush)(void *state, lector_error *err);
} lector_plugin;

/* Declares the entry symbol with the visibility the host looks up. */
#if defined(__GNUC__)
#define LECTOR_EXPORT __attribute__((visibility("default")))
#else
#define LECTOR_EXPORT
#endif

/* Usage: LECTOR_PLUGIN_DEFINE = { LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR, ... }; */
#define LECTOR_PLUGIN_DEFINE \
	LECTOR_EXPORT extern const lector_plugin lector_plugin_entry; \
	const lector_plugin lector_plugin_entry

#ifdef __cplusplus
}
#endif

#endif /* LECTOR_PLUGIN_H */
