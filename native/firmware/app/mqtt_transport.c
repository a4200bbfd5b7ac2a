/*
 * mqtt_transport.c — the MQTT client's Network (mqttread / mqttwrite) over TLS, or over
 * the bare connection with --no-tls.
 *
 * The read is where F1 lives. Correct: call the TLS read whenever the socket is up and
 * let it answer WANT_READ — mbedTLS/wolfSSL may already hold decrypted bytes that the
 * chip no longer shows. --bug-f1 gates the TLS read on the chip's RX size
 * (getSn_RX_RSR(sn) > 0), the widespread glue that strands those bytes.
 */
#include "mqtt_transport.h"

#include <stdio.h>

#include "hal_stub.h"
#include "netif.h"
#include "tls.h"

static const app_config *config;
static char last_error[240];

const char *mqtt_transport_error(void)
{
    return last_error;
}

static void note_error(const char *what, int rc)
{
    if (rc == 0)
        snprintf(last_error, sizeof(last_error), "%s: connection closed by the peer", what);
    else if (config->no_tls)
        snprintf(last_error, sizeof(last_error), "%s: %s", what, net_last_error());
    else
        snprintf(last_error, sizeof(last_error), "%s returned %s", what, tls_error_text(rc));
}

/* One non-blocking read: bytes, TLS_WANT_IO, 0 = closed, < 0 error. */
static int read_once(unsigned char *buf, int len)
{
    if (!config->no_tls)
        return tls_read(buf, len);
    int n = net_recv(buf, len);
    if (n == NET_AGAIN) return TLS_WANT_IO;
    if (n == NET_CLOSED) return 0;
    return n;
}

static int write_once(const unsigned char *buf, int len)
{
    if (!config->no_tls)
        return tls_write(buf, len);
    int n = net_send(buf, len);
    if (n == NET_AGAIN) return TLS_WANT_IO;
    if (n == NET_CLOSED) return 0;
    return n;
}

static int transport_read(Network *n, unsigned char *buf, int len, int timeout_ms)
{
    Timer timer;
    int got = 0;
    (void)n;

    TimerCountdownMS(&timer, (unsigned)(timeout_ms > 0 ? timeout_ms : 0));
    do {
        int rc;
        if (config->bug_f1 && net_rx_waiting() <= 0) {
            /* F1: "nothing on the chip, so nothing to read" — wrong with TLS. */
            net_wait(0, TimerLeftMS(&timer));
            continue;
        }
        if (config->bug_f13) {
            /* F13: a read path that never reads — like a non-blocking recv() that always
             * answers SOCK_BUSY: it looks at Sn_RX_RSR and leaves the data where it is. */
            (void)net_rx_waiting();
            HAL_Delay(10);
            continue;
        }
        rc = read_once(buf + got, len - got);
        if (rc > 0) {
            got += rc;
        } else if (rc == TLS_WANT_IO) {
            net_wait(0, TimerLeftMS(&timer));
        } else {
            note_error(config->no_tls ? "recv" : "TLS read", rc);
            return -1;
        }
    } while (got < len && !TimerIsExpired(&timer));
    return got;
}

static int transport_write(Network *n, unsigned char *buf, int len, int timeout_ms)
{
    Timer timer;
    int sent = 0;
    (void)n;

    TimerCountdownMS(&timer, (unsigned)(timeout_ms > 0 ? timeout_ms : 0));
    do {
        int rc = write_once(buf + sent, len - sent);
        if (rc > 0) {
            sent += rc;
        } else if (rc == TLS_WANT_IO) {
            net_wait(1, TimerLeftMS(&timer));
        } else {
            note_error(config->no_tls ? "send" : "TLS write", rc);
            return -1;
        }
    } while (sent < len && !TimerIsExpired(&timer));
    return sent;
}

void mqtt_transport_init(Network *n, const app_config *cfg)
{
    config = cfg;
    last_error[0] = '\0';
    n->mqttread = transport_read;
    n->mqttwrite = transport_write;
    n->context = NULL;
}
