/*
 * postgres sink: one row per article id in a table of PostgreSQL (libpq),
 * the whole document in a jsonb column "doc", beside indexed columns
 * people filter on:
 *
 *   id text primary key, doc jsonb, received timestamptz, published date,
 *   language text
 *
 * write() only keeps a reference to the document; flush() writes the
 * batch in one transaction (INSERT ... ON CONFLICT (id) DO UPDATE, so a
 * redelivered article replaces its row) and commits. When that fails
 * because the server went away (a restart, a failover), the sink
 * reconnects and runs the batch once more.
 *
 * A failure says what it is, by its SQLSTATE: the data (class 22), a
 * constraint (23) or a limit (54) refuse a document for good
 * (LECTOR_EINVAL: the host fails that article); no connection, class 08,
 * 53 (out of resources), 57P01-57P03 (the server is going down or not yet
 * up) and 40 (a conflict between transactions) mean not now
 * (LECTOR_EAGAIN: the host waits and tries again). A server down when the
 * node starts is no error: the sink connects at its first flush.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include <lector/plugin.h>

#define BATCH_MAX 1024

static const lector_option options[] = {
	{ "conninfo", LECTOR_OPT_STRING, "\"dbname=lector\"",
	  "libpq connection string, e.g. \"host=db1 port=5432 dbname=lector "
	  "user=lector\"", 0, 0 },
	{ "table", LECTOR_OPT_STRING, "\"articles\"",
	  "the table, created when missing: [a-z_][a-z0-9_]*, or schema.table",
	  0, 0 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

struct sink {
	char *conninfo;
	char table[130];		/* checked: safe in SQL as is */
	char index_prefix[130];		/* the table's name with '_' for '.' */
	PGconn *conn;
	int ready;			/* conn has the table and the statement */
	int down;			/* said so in the log; say when it is back */
	json_t *batch[BATCH_MAX];	/* references, until committed */
	size_t n;
};

static const lector_host *host;

static int
fail(lector_error *err, const char *what, PGconn *conn)
{
	const char *msg = conn != NULL ? PQerrorMessage(conn) : "";
	size_t n = strlen(msg);

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	snprintf(err->message, sizeof(err->message), "%s: %.*s", what, (int)n,
	    msg);
	return LECTOR_EFAIL;
}

/* What a SQLSTATE means for the documents: never, or not now. */
static int
kind_of(const char *state)
{
	static const char *const never[] = { "22", "23", "54" };
	static const char *const later[] = { "08", "53", "40", "57P01",
	    "57P02", "57P03" };

	if (state == NULL)
		return LECTOR_EAGAIN;	/* libpq's own: the connection */
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (strncmp(state, never[i], strlen(never[i])) == 0)
			return LECTOR_EINVAL;
	for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++)
		if (strncmp(state, later[i], strlen(later[i])) == 0)
			return LECTOR_EAGAIN;
	return LECTOR_EFAIL;
}

/* A statement failed: err says what, with its SQLSTATE; returns its kind. */
static int
failed(struct sink *k, PGresult *r, const char *what, lector_error *err)
{
	const char *state = r != NULL ? PQresultErrorField(r,
	    PG_DIAG_SQLSTATE) : NULL;
	char with[128];

	if (PQstatus(k->conn) != CONNECTION_OK)
		state = NULL;	/* whatever the last words, the link is gone */
	snprintf(with, sizeof(with), "%s%s%s", what, state ? ", SQLSTATE " :
	    "", state ? state : "");
	fail(err, with, k->conn);
	return kind_of(state);
}

/* A plain name, or schema.name: lower case, digits and '_'. */
static int
valid_table(const char *t)
{
	int parts = 0;

	for (const char *p = t; ; p++) {
		if (!(*p >= 'a' && *p <= 'z') && *p != '_')
			return 0;
		while ((*p >= 'a' && *p <= 'z') || *p == '_' ||
		    (*p >= '0' && *p <= '9'))
			p++;
		parts++;
		if (*p == '\0')
			return strlen(t) < 128 && parts <= 2;
		if (*p != '.' || parts == 2)
			return 0;
	}
}

/* One statement: LECTOR_OK, or the kind of its failure with err filled. */
static int
run(struct sink *k, const char *sql, ExecStatusType want, const char *what,
    lector_error *err)
{
	PGresult *r = PQexec(k->conn, sql);
	int rc = LECTOR_OK;

	if (PQresultStatus(r) != want)
		rc = failed(k, r, what, err);
	PQclear(r);
	return rc;
}

static int
create_table(struct sink *k, lector_error *err)
{
	static const char *const columns[] = { "received", "published",
	    "language" };
	char sql[512];
	int rc;

	/*
	 * Every worker of every node may start at once, and CREATE ... IF NOT
	 * EXISTS is not safe against itself: one lock, one creator.
	 */
	snprintf(sql, sizeof(sql), "BEGIN; SELECT pg_advisory_xact_lock("
	    "hashtext('lector table %s'))", k->table);
	if ((rc = run(k, sql, PGRES_TUPLES_OK, "locking to create the table",
	    err)) != LECTOR_OK)
		return rc;
	snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS %s (id text "
	    "PRIMARY KEY, doc jsonb NOT NULL, received timestamptz, published "
	    "date, language text)", k->table);
	if ((rc = run(k, sql, PGRES_COMMAND_OK, "creating the table", err)) !=
	    LECTOR_OK)
		return rc;
	for (size_t i = 0; i < 3; i++) {
		snprintf(sql, sizeof(sql), "CREATE INDEX IF NOT EXISTS %s_%s_idx "
		    "ON %s (%s)", k->index_prefix, columns[i], k->table,
		    columns[i]);
		if ((rc = run(k, sql, PGRES_COMMAND_OK, "creating an index",
		    err)) != LECTOR_OK)
			return rc;
	}
	return run(k, "COMMIT", PGRES_COMMAND_OK, "creating the table", err);
}

/* "relation already exists, skipping": nothing a reader of the log needs. */
static void
ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* A new connection, the table made when missing, the insert prepared. */
static int
connect_db(struct sink *k, lector_error *err)
{
	char sql[512];
	PGresult *r;
	int rc;

	if (k->conn != NULL)
		PQfinish(k->conn);
	k->ready = 0;
	k->conn = PQconnectdb(k->conninfo);
	if (PQstatus(k->conn) != CONNECTION_OK) {
		fail(err, "cannot connect", k->conn);
		return LECTOR_EAGAIN;
	}
	PQsetNoticeProcessor(k->conn, ignore_notice, NULL);
	if ((rc = create_table(k, err)) != LECTOR_OK)
		return rc;
	snprintf(sql, sizeof(sql), "INSERT INTO %s (id, doc, received, "
	    "published, language) VALUES ($1, $2::jsonb, $3::timestamptz, "
	    "$4::date, $5) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, "
	    "received = EXCLUDED.received, published = EXCLUDED.published, "
	    "language = EXCLUDED.language", k->table);
	r = PQprepare(k->conn, "upsert", sql, 5, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = failed(k, r, "preparing the insert", err);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	k->ready = 1;
	return LECTOR_OK;
}

/* Connected, or why not; the log hears when the server goes and comes. */
static int
ensure_connected(struct sink *k, lector_error *err)
{
	char line[LECTOR_ERROR_MAX + 64];
	int rc;

	if (k->ready && PQstatus(k->conn) == CONNECTION_OK)
		return LECTOR_OK;
	rc = connect_db(k, err);
	if (rc == LECTOR_OK && k->down) {
		host->log(LECTOR_LOG_NOTICE, "postgres", "connected again; "
		    "the articles that waited are written now");
		k->down = 0;
	} else if (rc == LECTOR_EAGAIN && !k->down) {
		snprintf(line, sizeof(line), "%s; articles wait and are tried "
		    "again until it answers", err->message);
		host->log(LECTOR_LOG_WARNING, "postgres", line);
		k->down = 1;
	}
	return rc;
}

static int
pg_init(const lector_host *h, const json_t *opts, const char *data_dir,
    void **state, lector_error *err)
{
	const char *table = json_string_value(json_object_get(opts, "table"));
	struct sink *k;
	int rc;

	(void)data_dir;
	host = h;
	if (!valid_table(table)) {
		snprintf(err->message, sizeof(err->message), "table: '%s' is not "
		    "a plain name ([a-z_][a-z0-9_]*, or schema.name)", table);
		return LECTOR_EINVAL;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL ||
	    (k->conninfo = strdup(json_string_value(json_object_get(opts,
	    "conninfo")))) == NULL) {
		free(k);
		return LECTOR_ENOMEM;
	}
	snprintf(k->table, sizeof(k->table), "%s", table);
	snprintf(k->index_prefix, sizeof(k->index_prefix), "%s",
	    strchr(table, '.') ? strchr(table, '.') + 1 : table);
	/* A server not up yet is met again at the first flush. */
	rc = ensure_connected(k, err);
	if (rc != LECTOR_OK && rc != LECTOR_EAGAIN) {
		PQfinish(k->conn);
		free(k->conninfo);
		free(k);
		return rc;
	}
	*state = k;
	return LECTOR_OK;
}

/* "YYYY-MM-DD" or nothing: a date PostgreSQL would refuse fails no batch. */
static const char *
date_or_null(const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return NULL;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return NULL;
	return s;
}

static int
upsert(struct sink *k, const json_t *doc, lector_error *err)
{
	const json_t *lang = json_object_get(doc, "language");
	const char *values[5];
	char *text = json_dumps(doc, JSON_COMPACT);
	PGresult *r;
	int rc = LECTOR_OK;

	if (text == NULL)
		return LECTOR_ENOMEM;
	values[0] = json_string_value(json_object_get(doc, "id"));
	values[1] = text;
	values[2] = json_string_value(json_object_get(json_object_get(doc,
	    "source"), "received"));
	values[3] = date_or_null(json_string_value(json_object_get(doc,
	    "published")));
	values[4] = json_string_value(json_object_get(lang, "code"));
	r = PQexecPrepared(k->conn, "upsert", 5, values, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = failed(k, r, "writing", err);
	PQclear(r);
	free(text);
	return rc;
}

/* The batch in one transaction: LECTOR_OK, or the kind of the failure. */
static int
write_batch(struct sink *k, lector_error *err)
{
	int rc = ensure_connected(k, err);

	if (rc == LECTOR_OK)
		rc = run(k, "BEGIN", PGRES_COMMAND_OK, "writing", err);
	for (size_t i = 0; rc == LECTOR_OK && i < k->n; i++)
		rc = upsert(k, k->batch[i], err);
	if (rc == LECTOR_OK)
		return run(k, "COMMIT", PGRES_COMMAND_OK, "committing", err);
	if (PQstatus(k->conn) == CONNECTION_OK) {
		PGresult *r = PQexec(k->conn, "ROLLBACK");
		PQclear(r);
	}
	return rc;
}

static void
drop_batch(struct sink *k)
{
	for (size_t i = 0; i < k->n; i++)
		json_decref(k->batch[i]);
	k->n = 0;
}

static int
pg_flush(void *state, lector_error *err)
{
	struct sink *k = state;
	int rc;

	if (k->n == 0)
		return LECTOR_OK;
	rc = write_batch(k, err);
	/* Once more on a new connection: the server may have restarted. */
	if (rc == LECTOR_EAGAIN && k->ready) {
		host->log(LECTOR_LOG_WARNING, "postgres", err->message);
		k->ready = 0;
		rc = write_batch(k, err);
	}
	drop_batch(k);
	return rc;
}

static int
pg_write(void *state, const json_t *doc, lector_error *err)
{
	struct sink *k = state;
	int rc;

	if (json_string_value(json_object_get(doc, "id")) == NULL) {
		snprintf(err->message, sizeof(err->message), "the document has "
		    "no id");
		return LECTOR_EINVAL;
	}
	if (k->n == BATCH_MAX && (rc = pg_flush(k, err)) != LECTOR_OK)
		return rc;
	k->batch[k->n++] = json_incref((json_t *)doc);
	return LECTOR_OK;
}

static void
pg_fini(void *state)
{
	struct sink *k = state;

	drop_batch(k);	/* not flushed: not acknowledged, so delivered again */
	PQfinish(k->conn);
	free(k->conninfo);
	free(k);
}

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "postgres",
	.version = "1.0.0",
	.summary = "one row per article in a PostgreSQL table, the document as jsonb",
	.kind = LECTOR_SINK,
	.options = options,
	.init = pg_init,
	.fini = pg_fini,
	.write = pg_write,
	.flush = pg_flush,
};
