/*
 * tls_wolfssl.c — wolfSSL client (TLS 1.3, or 1.2 with --tls12) over the firmware's
 * network glue, with the custom I/O callbacks (wolfSSL_SetIORecv / SetIOSend) users
 * write for the W5500.
 *
 * Callbacks: "no data yet" must be WOLFSSL_CBIO_ERR_WANT_READ; 0 means the peer closed.
 * --bug-f2 returns ioLibrary's SOCK_BUSY (0) unchanged, like the common buggy glue.
 *
 * Secrets go to net_keylog() only (the chip's key log, or $SSLKEYLOGFILE in the POSIX
 * build), never to stdout. wolfSSL hands them over through wolfSSL_CTX_set_keylog_callback
 * only when built with HAVE_SECRET_CALLBACK: TLS 1.3 gives CLIENT/SERVER_HANDSHAKE_TRAFFIC_SECRET,
 * CLIENT/SERVER_TRAFFIC_SECRET_0 and EXPORTER_SECRET lines, TLS 1.2 CLIENT_RANDOM. Debian's
 * libwolfssl 5.5.4 lacks it (native/third_party/wolfssl-keylog.sh rebuilds it with it); then
 * only TLS 1.2 sessions (--tls12) can be decrypted: the master secret is read after the
 * handshake (wolfSSL_KeepArrays).
 */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfio.h>
#include <wolfssl/error-ssl.h>

#include "tls.h"

#include <stdio.h>
#include <string.h>

#include "MQTTHal.h"
#include "netif.h"

static WOLFSSL_CTX *ctx;
static WOLFSSL *ssl;
static const app_config *config;

static int io_recv(WOLFSSL *s, char *buf, int sz, void *c)
{
    int n = net_recv((uint8_t *)buf, sz);
    (void)s; (void)c;
    if (n > 0)
        return n;
    if (n == NET_AGAIN)
        return config->bug_f2 ? 0 : WOLFSSL_CBIO_ERR_WANT_READ;
    if (n == NET_CLOSED)
        return WOLFSSL_CBIO_ERR_CONN_CLOSE;
    return WOLFSSL_CBIO_ERR_GENERAL;
}

static int io_send(WOLFSSL *s, char *buf, int sz, void *c)
{
    int n = net_send((const uint8_t *)buf, sz);
    (void)s; (void)c;
    if (n > 0)
        return n;
    if (n == NET_AGAIN)
        return WOLFSSL_CBIO_ERR_WANT_WRITE;
    if (n == NET_CLOSED)
        return WOLFSSL_CBIO_ERR_CONN_CLOSE;
    return WOLFSSL_CBIO_ERR_GENERAL;
}

/* Key log lines the library handed over during this handshake. */
static int keylog_lines;

#ifdef HAVE_SECRET_CALLBACK
/* A wolfSSL built with HAVE_SECRET_CALLBACK hands over every secret as a key log line. */
static void keylog_line(const WOLFSSL *s, const char *line)
{
    (void)s;
    net_keylog(line);
    keylog_lines++;
}
#endif

/* TLS 1.2: "CLIENT_RANDOM <client_random> <master_secret>" from the kept arrays. */
static void export_tls12_secret(void)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char cr[32], ms[48];
    char line[14 + 64 + 1 + 96 + 1], *p = line;
    WOLFSSL_SESSION *session = wolfSSL_get_session(ssl);
    int i;

    if (session == NULL || wolfSSL_get_client_random(ssl, cr, sizeof(cr)) != sizeof(cr) ||
        wolfSSL_SESSION_get_master_key(session, ms, sizeof(ms)) != (int)sizeof(ms))
        return;
    memcpy(p, "CLIENT_RANDOM ", 14);
    p += 14;
    for (i = 0; i < 32; i++) {
        *p++ = hex[cr[i] >> 4];
        *p++ = hex[cr[i] & 15];
    }
    *p++ = ' ';
    for (i = 0; i < 48; i++) {
        *p++ = hex[ms[i] >> 4];
        *p++ = hex[ms[i] & 15];
    }
    *p = '\0';
    net_keylog(line);
    memset(line, 0, sizeof(line));
    memset(ms, 0, sizeof(ms));
}

const char *tls_error_text(int err)
{
    static char text[200];
    char msg[WOLFSSL_MAX_ERROR_SZ];
    if (err == TLS_WANT_IO) {
        snprintf(text, sizeof(text), "waiting for the network");
        return text;
    }
    wolfSSL_ERR_error_string_n((unsigned long)err, msg, sizeof(msg));
    snprintf(text, sizeof(text), "%d (%s)", err, msg);
    return text;
}

const char *tls_session_text(void)
{
    static char text[120];
    snprintf(text, sizeof(text), "%s %s", wolfSSL_get_version(ssl), wolfSSL_get_cipher_name(ssl));
    return text;
}

const char *tls_verify_text(void)
{
    return "";
}

int tls_setup(const app_config *cfg, const char *server_name)
{
    int ret;

    config = cfg;
    if (cfg->tls_in_buf)
        app_info("--tls-in-buf applies to mbedTLS only; wolfSSL grows its input buffer");
    if (cfg->bug_f14)
        app_info("--bug-f14 applies to mbedTLS only; ignored");
    if (cfg->tls_debug && wolfSSL_Debugging_ON() != 0)
        app_info("wolfSSL debug output is not compiled into this libwolfssl");

    wolfSSL_Init();
    ctx = wolfSSL_CTX_new(cfg->tls12_only ? wolfTLSv1_2_client_method() : wolfSSLv23_client_method());
    if (ctx == NULL) {
        app_fail("tls-setup", "wolfSSL_CTX_new failed");
        return -1;
    }
    if (!cfg->tls12_only)
        wolfSSL_CTX_SetMinVersion(ctx, WOLFSSL_TLSV1_2);

    if (cfg->ca_file && cfg->bug_f6) {
        /* F6: PEM text in the CA array, loaded as DER (ASN.1) */
        static unsigned char array[16384];
        long n = app_read_file(cfg->ca_file, array, (long)sizeof(array));
        ret = wolfSSL_CTX_load_verify_buffer(ctx, array, n > 0 ? n : 0, WOLFSSL_FILETYPE_ASN1);
        if (ret != WOLFSSL_SUCCESS) {
            app_fail("tls-setup", "wolfSSL_CTX_load_verify_buffer(CA array, %ld bytes, ASN1) returned %s", n, tls_error_text(ret));
            return ret;
        }
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    } else if (cfg->ca_file) {
        ret = wolfSSL_CTX_load_verify_locations(ctx, cfg->ca_file, NULL);
        if (ret != WOLFSSL_SUCCESS) {
            app_fail("tls-setup", "wolfSSL_CTX_load_verify_locations(%s) returned %s", cfg->ca_file, tls_error_text(ret));
            return ret;
        }
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    } else {
        app_info("no --ca: the broker's certificate is not verified");
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);
    }
    if (cfg->cert_file) {
        ret = wolfSSL_CTX_use_certificate_chain_file(ctx, cfg->cert_file);
        if (ret != WOLFSSL_SUCCESS) {
            app_fail("tls-setup", "wolfSSL_CTX_use_certificate_chain_file(%s) returned %s", cfg->cert_file, tls_error_text(ret));
            return ret;
        }
        ret = wolfSSL_CTX_use_PrivateKey_file(ctx, cfg->key_file, WOLFSSL_FILETYPE_PEM);
        if (ret != WOLFSSL_SUCCESS) {
            app_fail("tls-setup", "wolfSSL_CTX_use_PrivateKey_file(%s) returned %s", cfg->key_file, tls_error_text(ret));
            return ret;
        }
    }
#ifdef HAVE_SECRET_CALLBACK
    wolfSSL_CTX_set_keylog_callback(ctx, keylog_line);
#endif
    wolfSSL_SetIORecv(ctx, io_recv);
    wolfSSL_SetIOSend(ctx, io_send);

    keylog_lines = 0;
    ssl = wolfSSL_new(ctx);
    if (ssl == NULL) {
        app_fail("tls-setup", "wolfSSL_new failed");
        return -1;
    }
    if (cfg->sni) {
        ret = wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, server_name, (unsigned short)strlen(server_name));
        if (ret != WOLFSSL_SUCCESS) {
            app_fail("tls-setup", "wolfSSL_UseSNI returned %s", tls_error_text(ret));
            return ret;
        }
        if (cfg->ca_file)
            wolfSSL_check_domain_name(ssl, server_name);
    } else {
        app_info("SNI off: ClientHello without server_name; certificate name not checked");
    }
    wolfSSL_KeepArrays(ssl);    /* TLS 1.2 client random + master secret for the key log */
    return 0;
}

int tls_handshake(int timeout_ms)
{
    Timer timer;
    int ret, err;

    TimerCountdownMS(&timer, (unsigned)timeout_ms);
    while ((ret = wolfSSL_connect(ssl)) != WOLFSSL_SUCCESS) {
        err = wolfSSL_get_error(ssl, ret);
        if (err != WOLFSSL_ERROR_WANT_READ && err != WOLFSSL_ERROR_WANT_WRITE)
            return err;
        if (TimerIsExpired(&timer))
            return WOLFSSL_CBIO_ERR_TIMEOUT;
        net_wait(err == WOLFSSL_ERROR_WANT_WRITE, TimerLeftMS(&timer));
    }
    if (wolfSSL_version(ssl) == TLS1_2_VERSION) {
        if (keylog_lines == 0)      /* the callback already gave CLIENT_RANDOM when it could */
            export_tls12_secret();
    } else if (keylog_lines == 0) {
#ifdef HAVE_SECRET_CALLBACK
        app_info("%s: wolfSSL handed over no session secrets", wolfSSL_get_version(ssl));
#else
        app_info("%s: this libwolfssl has no HAVE_SECRET_CALLBACK, the session secrets cannot be exported",
                 wolfSSL_get_version(ssl));
#endif
    }
    wolfSSL_FreeArrays(ssl);
    return 0;
}

int tls_read(unsigned char *buf, int len)
{
    int ret = wolfSSL_read(ssl, buf, len);
    int err;
    if (ret > 0)
        return ret;
    err = wolfSSL_get_error(ssl, ret);
    if (err == WOLFSSL_ERROR_WANT_READ || err == WOLFSSL_ERROR_WANT_WRITE)
        return TLS_WANT_IO;
    if (err == WOLFSSL_ERROR_ZERO_RETURN || err == SOCKET_PEER_CLOSED_E)
        return 0;
    return err < 0 ? err : -err;
}

int tls_write(const unsigned char *buf, int len)
{
    int ret = wolfSSL_write(ssl, buf, len);
    int err;
    if (ret > 0)
        return ret;
    err = wolfSSL_get_error(ssl, ret);
    if (err == WOLFSSL_ERROR_WANT_READ || err == WOLFSSL_ERROR_WANT_WRITE)
        return TLS_WANT_IO;
    return err < 0 ? err : -err;
}

void tls_close(void)
{
    if (ssl) {
        wolfSSL_shutdown(ssl);
        wolfSSL_free(ssl);
        ssl = NULL;
    }
    if (ctx) {
        wolfSSL_CTX_free(ctx);
        ctx = NULL;
    }
    wolfSSL_Cleanup();
}
