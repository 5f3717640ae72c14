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
 * reconnects and runs the batch once more; if that fails too, the host
 * puts the articles back in line.
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

static int
exec_ok(PGconn *conn, const char *sql)
{
	PGresult *r = PQexec(conn, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;

	PQclear(r);
	return ok;
}

/* A statement that returns rows (the last of several, when several). */
static int
exec_tuples(PGconn *conn, const char *sql)
{
	PGresult *r = PQexec(conn, sql);
	int ok = PQresultStatus(r) == PGRES_TUPLES_OK;

	PQclear(r);
	return ok;
}

static int
create_table(struct sink *k, lector_error *err)
{
	static const char *const columns[] = { "received", "published",
	    "language" };
	char sql[512];

	/*
	 * Every worker of every node may start at once, and CREATE ... IF NOT
	 * EXISTS is not safe against itself: one lock, one creator.
	 */
	snprintf(sql, sizeof(sql), "BEGIN; SELECT pg_advisory_xact_lock("
	    "hashtext('lector table %s'))", k->table);
	if (!exec_tuples(k->conn, sql))
		return fail(err, "locking to create the table", k->conn);
	snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS %s (id text "
	    "PRIMARY KEY, doc jsonb NOT NULL, received timestamptz, published "
	    "date, language text)", k->table);
	if (!exec_ok(k->conn, sql))
		return fail(err, "creating the table", k->conn);
	for (size_t i = 0; i < 3; i++) {
		snprintf(sql, sizeof(sql), "CREATE INDEX IF NOT EXISTS %s_%s_idx "
		    "ON %s (%s)", k->index_prefix, columns[i], k->table,
		    columns[i]);
		if (!exec_ok(k->conn, sql))
			return fail(err, "creating an index", k->conn);
	}
	if (!exec_ok(k->conn, "COMMIT"))
		return fail(err, "creating the table", k->conn);
	return LECTOR_OK;
}

/* "relation already exists, skipping": nothing a reader of the log needs. */
static void
ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int
connect_db(struct sink *k, lector_error *err)
{
	char sql[512];
	PGresult *r;

	if (k->conn != NULL)
		PQfinish(k->conn);
	k->conn = PQconnectdb(k->conninfo);
	if (PQstatus(k->conn) != CONNECTION_OK)
		return fail(err, "cannot connect", k->conn);
	PQsetNoticeProcessor(k->conn, ignore_notice, NULL);
	snprintf(sql, sizeof(sql), "INSERT INTO %s (id, doc, received, "
	    "published, language) VALUES ($1, $2::jsonb, $3::timestamptz, "
	    "$4::date, $5) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, "
	    "received = EXCLUDED.received, published = EXCLUDED.published, "
	    "language = EXCLUDED.language", k->table);
	r = PQprepare(k->conn, "upsert", sql, 5, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		PQclear(r);
		return fail(err, "preparing the insert", k->conn);
	}
	PQclear(r);
	return LECTOR_OK;
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
	rc = connect_db(k, err);
	/* Creating the table prepares nothing: prepare again once it exists. */
	if (rc != LECTOR_OK && k->conn != NULL &&
	    PQstatus(k->conn) == CONNECTION_OK) {
		rc = create_table(k, err);
		if (rc == LECTOR_OK)
			rc = connect_db(k, err);
	} else if (rc == LECTOR_OK)
		rc = create_table(k, err);
	if (rc != LECTOR_OK) {
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
upsert(struct sink *k, const json_t *doc)
{
	const json_t *lang = json_object_get(doc, "language");
	const char *values[5];
	char *text = json_dumps(doc, JSON_COMPACT);
	PGresult *r;
	int ok;

	if (text == NULL)
		return 0;
	values[0] = json_string_value(json_object_get(doc, "id"));
	values[1] = text;
	values[2] = json_string_value(json_object_get(json_object_get(doc,
	    "source"), "received"));
	values[3] = date_or_null(json_string_value(json_object_get(doc,
	    "published")));
	values[4] = json_string_value(json_object_get(lang, "code"));
	r = PQexecPrepared(k->conn, "upsert", 5, values, NULL, NULL, 0);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	free(text);
	return ok;
}

static int
write_batch(struct sink *k)
{
	if (k->conn == NULL || PQstatus(k->conn) != CONNECTION_OK ||
	    !exec_ok(k->conn, "BEGIN"))
		return 0;
	for (size_t i = 0; i < k->n; i++)
		if (!upsert(k, k->batch[i])) {
			exec_ok(k->conn, "ROLLBACK");
			return 0;
		}
	return exec_ok(k->conn, "COMMIT");
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
	char first[LECTOR_ERROR_MAX];
	int rc = LECTOR_OK;

	if (k->n == 0)
		return LECTOR_OK;
	if (!write_batch(k)) {
		fail(err, "writing", k->conn);
		snprintf(first, sizeof(first), "%s", err->message);
		host->log(LECTOR_LOG_WARNING, "postgres", first);
		/* Once more on a new connection: the server may have restarted. */
		if (connect_db(k, err) != LECTOR_OK)
			rc = LECTOR_EFAIL;
		else if (!write_batch(k))
			rc = fail(err, "writing after reconnecting", k->conn);
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
