/*
 * tls_mbedtls.c — mbedTLS 2.28 client over the firmware's network glue.
 *
 * The BIO callbacks are the part users get wrong (failures.md F2): mbedTLS reads 0
 * from f_recv as "connection closed", so "no data on the chip yet" must be reported as
 * MBEDTLS_ERR_SSL_WANT_READ (and "no room in the TX buffer" as WANT_WRITE).
 * --bug-f2 does what the common buggy glue does: it passes ioLibrary's non-blocking
 * recv() result through unchanged, and SOCK_BUSY is 0.
 */
#include "tls.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/debug.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>    /* MBEDTLS_ERR_NET_* codes only */
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_internal.h>   /* MBEDTLS_SSL_IN_BUFFER_LEN: the record buffer layout */
#include <mbedtls/x509_crt.h>

#include "MQTTHal.h"
#include "netif.h"

static mbedtls_ssl_context ssl;
static mbedtls_ssl_config conf;
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_x509_crt ca, own_cert;
static mbedtls_pk_context own_key;
static const app_config *config;
static int ready;

/* ---- small input buffer (--tls-in-buf) ---------------------------------------------
 * Debian's mbedTLS is built with MBEDTLS_SSL_IN_CONTENT_LEN = 16384 and the value is
 * compiled in, so a small MCU buffer is emulated at the BIO, at the same point and
 * with the same result as mbedTLS 2.28's record layer (library/ssl_msg.c):
 *  - mbedtls_ssl_fetch_input(): a record whose header announces more than fits in
 *    the input buffer is refused before its body is read: MBEDTLS_ERR_SSL_BAD_INPUT_DATA
 *    (-0x7100, "requesting more data than fits");
 *  - ssl_prepare_record_content(): a record that fits the buffer but whose content is
 *    longer than IN_CONTENT_LEN is read whole, then refused: MBEDTLS_ERR_SSL_INVALID_RECORD
 *    (-0x7200, "bad message length").
 * mbedTLS asks its BIO for exactly the rest of the 5-byte header, then exactly the rest
 * of the body, so the BIO can follow record boundaries. */
static struct {
    size_t content_len;         /* emulated MBEDTLS_SSL_IN_CONTENT_LEN; 0 = off */
    unsigned char hdr[5];
    size_t hdr_have;
    size_t body_left;
    int too_long;               /* this record's content exceeds content_len */
    int encrypted;              /* the server's ChangeCipherSpec has been read */
    int pending;                /* error to report on the next read */
} inbuf;

static void debug_print(void *ctx, int level, const char *file, int line, const char *str)
{
    const char *base = strrchr(file, '/');
    (void)ctx;
    fprintf(stderr, "%s:%04d: |%d| %s", base ? base + 1 : file, line, level, str);
    fflush(stderr);
}

static size_t emulated_room(void)
{
    /* Same layout as the library: header area (8 byte counter + 5 byte header) +
     * payload overhead + content; the record starts 8 bytes in. */
    size_t in_buf_len = MBEDTLS_SSL_IN_BUFFER_LEN - MBEDTLS_SSL_IN_CONTENT_LEN + inbuf.content_len;
    return in_buf_len - 8;
}

/* Reads from the network, following record boundaries when --tls-in-buf is set. */
static int recv_record_aware(unsigned char *buf, size_t len)
{
    int n;

    if (inbuf.content_len == 0)
        return net_recv(buf, (int)(len > 0x7fff ? 0x7fff : len));
    if (inbuf.pending)
        return inbuf.pending;

    if (inbuf.hdr_have < 5) {
        size_t want = 5 - inbuf.hdr_have;
        n = net_recv(buf, (int)(len < want ? len : want));
        if (n <= 0)
            return n;
        memcpy(inbuf.hdr + inbuf.hdr_have, buf, (size_t)n);
        inbuf.hdr_have += (size_t)n;
        if (inbuf.hdr_have == 5) {
            size_t rec_len = ((size_t)inbuf.hdr[3] << 8) | inbuf.hdr[4];
            size_t content = rec_len;
            inbuf.body_left = rec_len;
            if (inbuf.encrypted) {
                /* AEAD/CBC overhead of the current transform (header excluded) */
                int exp = mbedtls_ssl_get_record_expansion(&ssl);
                size_t overhead = exp > 5 ? (size_t)exp - 5 : 0;
                content = rec_len > overhead ? rec_len - overhead : 0;
            }
            if (5 + rec_len > emulated_room()) {
                mbedtls_debug_print_msg(&ssl, 1, __FILE__, __LINE__,
                    "requesting more data than fits (record of %u bytes, emulated "
                    "MBEDTLS_SSL_IN_CONTENT_LEN %u)", (unsigned)rec_len, (unsigned)inbuf.content_len);
                inbuf.pending = MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
            }
            inbuf.too_long = content > inbuf.content_len;
        }
        return n;
    }

    n = net_recv(buf, (int)(len < inbuf.body_left ? len : inbuf.body_left));
    if (n <= 0)
        return n;
    inbuf.body_left -= (size_t)n;
    if (inbuf.body_left == 0) {
        inbuf.hdr_have = 0;
        if (inbuf.hdr[0] == MBEDTLS_SSL_MSG_CHANGE_CIPHER_SPEC)
            inbuf.encrypted = 1;
        if (inbuf.too_long) {
            /* The whole record is off the wire; the library refuses it before parsing. */
            mbedtls_debug_print_msg(&ssl, 1, __FILE__, __LINE__,
                "bad message length (emulated MBEDTLS_SSL_IN_CONTENT_LEN %u)",
                (unsigned)inbuf.content_len);
            inbuf.pending = MBEDTLS_ERR_SSL_INVALID_RECORD;
            return inbuf.pending;
        }
    }
    return n;
}

/* ---- BIO callbacks ----------------------------------------------------------------- */

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    int n = recv_record_aware(buf, len);
    (void)ctx;
    if (n > 0)
        return n;
    if (n == NET_AGAIN)
        return config->bug_f2 ? 0 : MBEDTLS_ERR_SSL_WANT_READ;  /* F2: 0 means EOF to mbedTLS */
    if (n == NET_CLOSED)
        return 0;
    if (n == NET_ERROR)
        return MBEDTLS_ERR_NET_RECV_FAILED;
    return n;   /* an emulated record-layer error */
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    int n = net_send(buf, (int)(len > 0x7fff ? 0x7fff : len));
    (void)ctx;
    if (n > 0)
        return n;
    if (n == NET_AGAIN)
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    if (n == NET_CLOSED)
        return MBEDTLS_ERR_NET_CONN_RESET;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}

/* ---- key export (TLS 1.2): NSS key log "CLIENT_RANDOM <client_random> <master_secret>" */

static int export_keys(void *ctx, const unsigned char *ms, const unsigned char *kb,
                       size_t maclen, size_t keylen, size_t ivlen,
                       const unsigned char client_random[32],
                       const unsigned char server_random[32],
                       mbedtls_tls_prf_types tls_prf_type)
{
    static const char hex[] = "0123456789abcdef";
    char line[14 + 64 + 1 + 96 + 1];
    char *p = line;
    int i;
    (void)ctx; (void)kb; (void)maclen; (void)keylen; (void)ivlen; (void)server_random; (void)tls_prf_type;

    memcpy(p, "CLIENT_RANDOM ", 14);
    p += 14;
    for (i = 0; i < 32; i++) {
        *p++ = hex[client_random[i] >> 4];
        *p++ = hex[client_random[i] & 15];
    }
    *p++ = ' ';
    for (i = 0; i < 48; i++) {
        *p++ = hex[ms[i] >> 4];
        *p++ = hex[ms[i] & 15];
    }
    *p = '\0';
    net_keylog(line);
    mbedtls_platform_zeroize(line, sizeof(line));
    return 0;
}

/* ---- API ------------------------------------------------------------------------------- */

const char *tls_error_text(int err)
{
    static char text[200];
    char msg[140];
    if (err == TLS_WANT_IO) {
        snprintf(text, sizeof(text), "waiting for the network");
        return text;
    }
    mbedtls_strerror(err, msg, sizeof(msg));
    snprintf(text, sizeof(text), "%s0x%04x (%s)", err < 0 ? "-" : "", (unsigned)(err < 0 ? -err : err), msg);
    return text;
}

const char *tls_session_text(void)
{
    static char text[120];
    snprintf(text, sizeof(text), "%s %s", mbedtls_ssl_get_version(&ssl), mbedtls_ssl_get_ciphersuite(&ssl));
    return text;
}

int tls_setup(const app_config *cfg, const char *server_name)
{
    static const char pers[] = "netstep-fw";
    int ret;

    config = cfg;
    memset(&inbuf, 0, sizeof(inbuf));
    if (cfg->tls_in_buf > 0 && cfg->tls_in_buf < MBEDTLS_SSL_IN_CONTENT_LEN)
        inbuf.content_len = (size_t)cfg->tls_in_buf;

    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_x509_crt_init(&ca);
    mbedtls_x509_crt_init(&own_cert);
    mbedtls_pk_init(&own_key);
    ready = 1;

    ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *)pers, sizeof(pers) - 1);
    if (ret != 0) {
        app_fail("tls-setup", "mbedtls_ctr_drbg_seed returned %s", tls_error_text(ret));
        return ret;
    }
    if (cfg->ca_file && cfg->bug_f6) {
        /* F6: the CA "array" holds PEM text but is handed to the DER parser, as when a
         * PEM file is pasted into a C array and passed to mbedtls_x509_crt_parse_der(). */
        static unsigned char array[16384];
        long n = app_read_file(cfg->ca_file, array, (long)sizeof(array));
        ret = mbedtls_x509_crt_parse_der(&ca, array, n > 0 ? (size_t)n : 0);
        if (ret != 0) {
            app_fail("tls-setup", "mbedtls_x509_crt_parse_der(CA array, %ld bytes) returned %s", n, tls_error_text(ret));
            return ret;
        }
    } else if (cfg->ca_file && (ret = mbedtls_x509_crt_parse_file(&ca, cfg->ca_file)) != 0) {
        app_fail("tls-setup", "mbedtls_x509_crt_parse_file(%s) returned %s", cfg->ca_file, tls_error_text(ret));
        return ret;
    }
    if (cfg->cert_file) {
        if ((ret = mbedtls_x509_crt_parse_file(&own_cert, cfg->cert_file)) != 0) {
            app_fail("tls-setup", "mbedtls_x509_crt_parse_file(%s) returned %s", cfg->cert_file, tls_error_text(ret));
            return ret;
        }
        if ((ret = mbedtls_pk_parse_keyfile(&own_key, cfg->key_file, NULL)) != 0) {
            app_fail("tls-setup", "mbedtls_pk_parse_keyfile(%s) returned %s", cfg->key_file, tls_error_text(ret));
            return ret;
        }
    }

    ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        app_fail("tls-setup", "mbedtls_ssl_config_defaults returned %s", tls_error_text(ret));
        return ret;
    }
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    if (cfg->ca_file) {
        mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL);
        mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    } else {
        app_info("no --ca: the broker's certificate is not verified");
        mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);
    }
    if (cfg->cert_file && (ret = mbedtls_ssl_conf_own_cert(&conf, &own_cert, &own_key)) != 0) {
        app_fail("tls-setup", "mbedtls_ssl_conf_own_cert returned %s", tls_error_text(ret));
        return ret;
    }
    if (cfg->bug_f14) {
        /* F14: a config that offers only RSA key exchange (no ECDHE), as in MCU configs
         * trimmed for size; brokers that insist on forward secrecy refuse it. */
        static const int rsa_only[] = {
            MBEDTLS_TLS_RSA_WITH_AES_128_GCM_SHA256, MBEDTLS_TLS_RSA_WITH_AES_256_GCM_SHA384,
            MBEDTLS_TLS_RSA_WITH_AES_128_CBC_SHA256, MBEDTLS_TLS_RSA_WITH_AES_128_CBC_SHA, 0
        };
        mbedtls_ssl_conf_ciphersuites(&conf, rsa_only);
        app_info("--bug-f14: only RSA key exchange cipher suites offered");
    }
    mbedtls_ssl_conf_export_keys_ext_cb(&conf, export_keys, NULL);
    mbedtls_ssl_conf_dbg(&conf, debug_print, NULL);
    mbedtls_debug_set_threshold(cfg->tls_debug);

    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) {
        app_fail("tls-setup", "mbedtls_ssl_setup returned %s", tls_error_text(ret));
        return ret;
    }
    /* With --sni off the ClientHello has no server_name (F4); the name is still what the
     * certificate is checked against, so that part stays on. */
    if (cfg->sni) {
        ret = mbedtls_ssl_set_hostname(&ssl, server_name);
    } else {
        ret = mbedtls_ssl_set_hostname(&ssl, NULL);
        app_info("SNI off: ClientHello without server_name; certificate name not checked");
    }
    if (ret != 0) {
        app_fail("tls-setup", "mbedtls_ssl_set_hostname returned %s", tls_error_text(ret));
        return ret;
    }
    mbedtls_ssl_set_bio(&ssl, NULL, bio_send, bio_recv, NULL);
    if (inbuf.content_len)
        app_info("TLS input buffer emulated at %u bytes (MBEDTLS_SSL_IN_CONTENT_LEN)", (unsigned)inbuf.content_len);
    return 0;
}

int tls_handshake(int timeout_ms)
{
    Timer timer;
    int ret;

    TimerCountdownMS(&timer, (unsigned)timeout_ms);
    while ((ret = mbedtls_ssl_handshake(&ssl)) != 0) {
        if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE)
            return ret;
        if (TimerIsExpired(&timer))
            return MBEDTLS_ERR_SSL_TIMEOUT;
        net_wait(ret == MBEDTLS_ERR_SSL_WANT_WRITE, TimerLeftMS(&timer));
    }
    return 0;
}

int tls_read(unsigned char *buf, int len)
{
    int ret = mbedtls_ssl_read(&ssl, buf, (size_t)len);
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
        return TLS_WANT_IO;
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
        return 0;
    return ret;
}

int tls_write(const unsigned char *buf, int len)
{
    int ret = mbedtls_ssl_write(&ssl, buf, (size_t)len);
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
        return TLS_WANT_IO;
    return ret;
}

void tls_close(void)
{
    if (!ready)
        return;
    mbedtls_ssl_close_notify(&ssl);
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&ca);
    mbedtls_x509_crt_free(&own_cert);
    mbedtls_pk_free(&own_key);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    ready = 0;
}

/* Verification problems in words, for the FAIL line (empty when none). */
const char *tls_verify_text(void)
{
    static char text[256];
    uint32_t flags = mbedtls_ssl_get_verify_result(&ssl);
    text[0] = '\0';
    if (flags != 0 && flags != (uint32_t)-1) {
        int n = mbedtls_x509_crt_verify_info(text, sizeof(text), "", flags);
        /* one line: replace newlines between reasons */
        for (int i = 0; i < n && text[i]; i++)
            if (text[i] == '\n')
                text[i] = (text[i + 1] ? ';' : '\0');
    }
    return text;
}
