/*
 * The protocol between the master and its workers: one JSON object per
 * line on a socket pair (fd 3 in the worker). Every message carries "v",
 * the protocol version; a worker whose hello names another version is
 * refused. Messages, by "op":
 *
 *   worker -> master  hello   {pid}                  pipeline loaded, ready
 *                     refuse  {reason}               pipeline refused; exits
 *                     done    {id, ok:true, retire}  output in the tmp file;
 *                                                    retire: near its memory
 *                                                    limit, wants replacing
 *                     done    {id, ok:false, plugin, reason}
 *                     crash   {id, plugin, signal}   from a signal handler
 *                     timeout {id, plugin}           from the alarm handler
 *   master -> worker  job     {id, path, file, tmp, received}
 *
 * Closing the socket tells a worker to exit once its article is done.
 */
#ifndef LECTOR_PROTO_H
#define LECTOR_PROTO_H

#include <stddef.h>

#include <jansson.h>

#define PROTO_VERSION 1
#define PROTO_LINE_MAX 65536

/* Collects bytes from a stream and cuts them into messages. */
struct proto_reader {
	char *buf;
	size_t len, cap;
};

void proto_reader_free(struct proto_reader *r);

/*
 * Appends n bytes and calls on_msg with each complete message (a new
 * reference the callee owns). Returns 0, or -1 with err filled when a
 * line is too long, not JSON, or of another version; on_msg returning
 * non-zero stops and is returned.
 */
int proto_feed(struct proto_reader *r, const char *data, size_t n,
    int (*on_msg)(json_t *msg, void *arg), void *arg, char *err,
    size_t errlen);

/* A message as one line with its newline; malloc'ed, or NULL. */
char *proto_encode(const json_t *msg, size_t *len);

/* Blocking write of a whole message (the worker side). Returns 0 or -errno. */
int proto_send(int fd, const json_t *msg);

#endif
