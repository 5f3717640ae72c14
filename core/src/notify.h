/*
 * The systemd notification protocol, spoken directly: datagrams of
 * "KEY=VALUE\n" lines to the socket named by NOTIFY_SOCKET. Without that
 * variable every call does nothing.
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
void notify_close(void);

/* Sends one message, e.g. "READY=1\nSTATUS=idle". Returns 0 or -errno. */
int notify_send(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sends RELOADING=1 with MONOTONIC_USEC, as Type=notify-reload wants. */
int notify_reloading(void);

/* The watchdog interval in microseconds, or 0 when systemd wants none. */
uint64_t notify_watchdog_usec(void);

#endif
