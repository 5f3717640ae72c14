/*
 * The systemd notification protocol, spoken directly: datagrams of
 * "KEY=VALUE\n" lines to the socket named by NOTIFY_SOCKET. Without that
 * variable every call does nothing.
 *
 * Nothing here ever blocks: a reader that is slow or gone must not stop
 * the daemon. What cannot be sent now waits for notify_flush(): state
 * changes (READY, RELOADING, STOPPING) in their order, until sent; of
 * STATUS only the latest; WATCHDOG once, however often it was asked for.
 */
#ifndef LECTOR_NOTIFY_H
#define LECTOR_NOTIFY_H

#include <stdint.h>

/*
 * Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID, then removes them
 * from the environment so that workers (and plugins) never see them.
 * Returns 0, or -errno when the socket is named but unusable.
 */
int notify_init(void);

/* Tries once more to send what waits (STOPPING above all), then closes. */
void notify_close(void);

/*
 * Each returns 0 when everything, this message included, has been sent,
 * or 1 when something still waits for notify_flush().
 */
int notify_ready(void);
int notify_stopping(void);
/* RELOADING=1 with MONOTONIC_USEC, as Type=notify-reload wants. */
int notify_reloading(void);
int notify_watchdog(void);
int notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sends what waits, as far as the socket takes it: 0 or 1 as above. */
int notify_flush(void);

/* The watchdog interval in microseconds, or 0 when systemd wants none. */
uint64_t notify_watchdog_usec(void);

#endif
