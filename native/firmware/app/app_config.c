/*
 * app_config.c — command line of the reference firmware (docs/contracts.md,
 * "Reference firmware command line") plus a few switches of its own (see README.md).
 */
#include "app_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: %s [--broker HOST[:PORT]] [--ip A.B.C.D | --dhcp] [--dns A.B.C.D]\n"
    "          [--ca FILE] [--cert FILE] [--key FILE] [--client-id ID]\n"
    "          [--sni on|off] [--tls-in-buf BYTES] [--no-tls] [--tls12] [--tls-debug N]\n"
    "          [--topic T] [--message M] [--keepalive S] [--wait-message SECONDS]\n"
    "          [--command-timeout MS] [--bug-f1] [--bug-f2] [--bug-f5] [--bug-f6] [--bug-f10]\n"
    "          [--bug-f13] [--bug-f14] [--bug-f16] [--rtr N] [--rcr N]\n";

void app_fail(const char *step, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "FAIL %s: ", step);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

void app_info(const char *fmt, ...)
{
    va_list ap;
    fputs("INFO ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

int app_parse_ipv4(const char *s, uint8_t ip[4])
{
    unsigned a, b, c, d;
    char tail;
    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 || c > 255 || d > 255)
        return 0;
    ip[0] = (uint8_t)a;
    ip[1] = (uint8_t)b;
    ip[2] = (uint8_t)c;
    ip[3] = (uint8_t)d;
    return 1;
}

/* Parses a decimal integer in [min, max]. */
static int parse_int(const char *opt, const char *s, long min, long max, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "%s: expected a number from %ld to %ld, got '%s'\n", opt, min, max, s);
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* HOST or HOST:PORT (an IPv4 address or a name). */
static int parse_broker(const char *s, app_config *cfg)
{
    static char host[256];
    const char *colon = strrchr(s, ':');
    size_t len = colon ? (size_t)(colon - s) : strlen(s);
    if (len == 0 || len >= sizeof(host)) {
        fprintf(stderr, "--broker: bad host in '%s'\n", s);
        return 0;
    }
    memcpy(host, s, len);
    host[len] = '\0';
    cfg->broker_host = host;
    if (colon) {
        int port;
        if (!parse_int("--broker port", colon + 1, 1, 65535, &port))
            return 0;
        cfg->broker_port = (uint16_t)port;
    }
    return 1;
}

int app_parse_args(int argc, char **argv, app_config *cfg)
{
    int i;
    memset(cfg, 0, sizeof(*cfg));
    cfg->broker_host = "broker.netstep.test";
    cfg->use_dhcp = 1;
    cfg->client_id = "netstep-fw";
    cfg->sni = 1;
    cfg->topic = "netstep/test";
    cfg->message = "hello from netstep-fw";
    cfg->keepalive_s = 60;
    cfg->rcr = -1;
    cfg->wait_message_s = 5;
    cfg->command_timeout_ms = 5000;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        /* options that take a value */
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        int ok = 1, takes = 1;

        if (strcmp(a, "--dhcp") == 0) { cfg->use_dhcp = 1; takes = 0; }
        else if (strcmp(a, "--no-tls") == 0) { cfg->no_tls = 1; takes = 0; }
        else if (strcmp(a, "--tls12") == 0) { cfg->tls12_only = 1; takes = 0; }
        else if (strcmp(a, "--bug-f1") == 0) { cfg->bug_f1 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f2") == 0) { cfg->bug_f2 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f5") == 0) { cfg->bug_f5 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f6") == 0) { cfg->bug_f6 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f10") == 0) { cfg->bug_f10 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f13") == 0) { cfg->bug_f13 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f14") == 0) { cfg->bug_f14 = 1; takes = 0; }
        else if (strcmp(a, "--bug-f16") == 0) { cfg->bug_f16 = 1; takes = 0; }
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            printf(usage, argv[0]);
            exit(0);
        } else if (v == NULL) {
            fprintf(stderr, "%s: unknown option or missing value\n", a);
            ok = 0;
        }
        else if (strcmp(a, "--broker") == 0) ok = parse_broker(v, cfg);
        else if (strcmp(a, "--ip") == 0) {
            ok = app_parse_ipv4(v, cfg->ip);
            cfg->use_dhcp = 0;
            if (!ok) fprintf(stderr, "--ip: expected A.B.C.D, got '%s'\n", v);
        } else if (strcmp(a, "--dns") == 0) {
            ok = cfg->dns_given = app_parse_ipv4(v, cfg->dns);
            if (!ok) fprintf(stderr, "--dns: expected A.B.C.D, got '%s'\n", v);
        }
        else if (strcmp(a, "--ca") == 0) cfg->ca_file = v;
        else if (strcmp(a, "--cert") == 0) cfg->cert_file = v;
        else if (strcmp(a, "--key") == 0) cfg->key_file = v;
        else if (strcmp(a, "--client-id") == 0) cfg->client_id = v;
        else if (strcmp(a, "--topic") == 0) cfg->topic = v;
        else if (strcmp(a, "--message") == 0) cfg->message = v;
        else if (strcmp(a, "--sni") == 0) {
            if (strcmp(v, "on") == 0) cfg->sni = 1;
            else if (strcmp(v, "off") == 0) cfg->sni = 0;
            else { fprintf(stderr, "--sni: expected on or off, got '%s'\n", v); ok = 0; }
        }
        /* mbedTLS 2.28 allows MBEDTLS_SSL_IN_CONTENT_LEN up to 16384. */
        else if (strcmp(a, "--tls-in-buf") == 0) ok = parse_int(a, v, 512, 16384, &cfg->tls_in_buf);
        else if (strcmp(a, "--rtr") == 0) ok = parse_int(a, v, 1, 65535, &cfg->rtr);
        else if (strcmp(a, "--rcr") == 0) ok = parse_int(a, v, 0, 255, &cfg->rcr);
        else if (strcmp(a, "--tls-debug") == 0) ok = parse_int(a, v, 0, 4, &cfg->tls_debug);
        else if (strcmp(a, "--keepalive") == 0) ok = parse_int(a, v, 0, 65535, &cfg->keepalive_s);
        else if (strcmp(a, "--wait-message") == 0) ok = parse_int(a, v, 0, 86400, &cfg->wait_message_s);
        else if (strcmp(a, "--command-timeout") == 0) ok = parse_int(a, v, 100, 600000, &cfg->command_timeout_ms);
        else {
            fprintf(stderr, "%s: unknown option\n", a);
            ok = 0;
        }

        if (!ok) {
            fprintf(stderr, usage, argv[0]);
            return EXIT_USAGE;
        }
        i += takes;
    }

    if ((cfg->cert_file == NULL) != (cfg->key_file == NULL)) {
        fprintf(stderr, "--cert and --key go together\n");
        return EXIT_USAGE;
    }
    if (cfg->broker_port == 0)
        cfg->broker_port = cfg->no_tls ? 1883 : 8883;
    return 0;
}

long app_read_file(const char *path, unsigned char *buf, long cap)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f)
        return -1;
    n = (long)fread(buf, 1, (size_t)cap, f);
    fclose(f);
    return n;
}
