/*
 * app_config.h — the reference firmware's settings (command line, docs/contracts.md)
 * and the exit codes / failure report shared by all of its parts.
 */
#ifndef APP_CONFIG_H
#define APP_CONFIG_H

#include <stdint.h>

/* Exit codes (docs/contracts.md). */
#define EXIT_USAGE   1
#define EXIT_NETWORK 2
#define EXIT_TLS     3
#define EXIT_MQTT    4

typedef struct app_config {
    const char *broker_host;
    uint16_t broker_port;       /* 0 = 8883 with TLS, 1883 without */
    int use_dhcp;               /* 1 unless --ip */
    uint8_t ip[4];
    int dns_given;
    uint8_t dns[4];
    const char *ca_file, *cert_file, *key_file;
    const char *client_id;
    int sni;                    /* send server_name (RFC 6066) */
    int tls_in_buf;             /* emulated MBEDTLS_SSL_IN_CONTENT_LEN; 0 = the library's */
    int tls12_only;             /* wolfSSL: TLS 1.2 instead of the highest version */
    int tls_debug;              /* mbedTLS debug threshold 0..4 */
    int no_tls;
    const char *topic, *message;
    int keepalive_s;
    int wait_message_s;
    int command_timeout_ms;
    int bug_f1, bug_f2;
    /* More failures of failures.md on demand (README "The bug switches"). */
    int bug_f5, bug_f6, bug_f10, bug_f13, bug_f14, bug_f16;
    int rtr;                    /* W5500 RTR in 100 us units; 0 = the chip's reset value (2000) */
    int rcr;                    /* W5500 RCR; -1 = the chip's reset value (8) */
} app_config;

/* Parses argv into cfg. Returns 0, or prints the problem and returns EXIT_USAGE. */
int app_parse_args(int argc, char **argv, app_config *cfg);

/* Reads a whole file into buf (at most cap bytes). Returns the length, or -1. */
long app_read_file(const char *path, unsigned char *buf, long cap);

/* Parses "A.B.C.D". Returns 1 on success. */
int app_parse_ipv4(const char *s, uint8_t ip[4]);

/* Prints "FAIL <step>: <detail>" on stderr. */
void app_fail(const char *step, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Progress for humans on stderr ("INFO ..."); stdout carries only the contract lines. */
void app_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* APP_CONFIG_H */
