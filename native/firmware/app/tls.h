/*
 * tls.h — the firmware's TLS layer: tls_mbedtls.c (mbedTLS 2.28, TLS 1.2) or
 * tls_wolfssl.c (wolfSSL 5.5, TLS 1.3). Both move their records through netif.h, i.e.
 * through ioLibrary send()/recv() on the W5500 (or POSIX sockets in the benchmark build).
 */
#ifndef TLS_H
#define TLS_H

#include <stddef.h>

#include "app_config.h"

/* Returned by tls_read / tls_write when the library waits for the network. Outside
 * the error ranges of both libraries. */
#define TLS_WANT_IO (-0x10000)

/* Loads CA / client certificate / key and configures the session for server_name.
 * 0, or prints "FAIL tls-setup: ..." and returns the library's error. */
int tls_setup(const app_config *cfg, const char *server_name);

/* Runs the handshake to the end (or timeout_ms). 0, or the library's error code. */
int tls_handshake(int timeout_ms);

/* Application data: bytes (> 0), 0 = the peer closed (close_notify or TCP close),
 * TLS_WANT_IO, or a negative library error. */
int tls_read(unsigned char *buf, int len);
int tls_write(const unsigned char *buf, int len);

/* Sends close_notify (best effort) and frees the session. */
void tls_close(void);

/* The error as "-0x7200 (SSL - An invalid SSL record was received)". */
const char *tls_error_text(int err);

/* Certificate verification problems in words ("" when none). */
const char *tls_verify_text(void);

/* After the handshake: "TLSv1.2 TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256". */
const char *tls_session_text(void);

#endif /* TLS_H */
