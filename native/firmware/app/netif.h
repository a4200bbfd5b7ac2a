/*
 * netif.h — the firmware's network glue, one TCP connection to the broker.
 *
 * Two implementations, each in its own executable:
 *   net_w5500.c  WIZnet ioLibrary on the (virtual) W5500: DHCP, DNS, socket 0 in
 *                non-blocking mode — what the firmware on the board does;
 *   net_posix.c  plain POSIX sockets (benchmark baseline; no chip).
 * They must not share a translation unit: ioLibrary's socket API uses libc's names.
 */
#ifndef NETIF_H
#define NETIF_H

#include <stdint.h>

#include "app_config.h"

#define NET_AGAIN  (-1000)  /* nothing received yet / no room to send: try again later */
#define NET_CLOSED (-1001)  /* the peer closed and everything it sent has been read */
#define NET_ERROR  (-1002)  /* the connection failed (reset, timeout) */

/* Brings the interface up (chip, link, DHCP or static address). 0, or prints FAIL. */
int net_up(const app_config *cfg);

/* Resolves host to an IPv4 address (DNS). 0, or prints FAIL. */
int net_resolve(const app_config *cfg, const char *host, uint8_t ip[4]);

/* Opens the TCP connection. 0, or prints FAIL. Afterwards all I/O is non-blocking. */
int net_connect(const app_config *cfg, const uint8_t ip[4], uint16_t port);

/* Non-blocking I/O: bytes moved (> 0), or NET_AGAIN / NET_CLOSED / NET_ERROR. */
int net_recv(uint8_t *buf, int len);
int net_send(const uint8_t *buf, int len);

/* Bytes waiting in the receive buffer of the chip (W5500: Sn_RX_RSR). */
int net_rx_waiting(void);

/* Waits a little (at most max_ms) for the connection to become readable / writable.
 * W5500: the next poll is a round trip to the chip anyway, so this only paces it. */
void net_wait(int for_write, int max_ms);

/* Text of the last transport problem, for FAIL lines ("" if none). */
const char *net_last_error(void);

void net_close(void);

/* One NSS key log line (TLS secrets) to wherever this platform keeps them. */
void net_keylog(const char *line);

/* "w5500" or "posix" — for INFO lines. */
const char *net_name(void);

#endif /* NETIF_H */
