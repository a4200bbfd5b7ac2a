/*
 * dns.c — DNS stub resolver (RFC 1035): one A query over a W5500 UDP socket, resent after
 * DNS_WAIT_TIME seconds up to MAX_DNS_RETRY times.
 */
#include <string.h>
#include "socket.h"
#include "dns.h"
#include "wiz_clock.h"

#define HEADER      12
#define TYPE_A      1
#define CLASS_IN    1
#define ANSWER_NONE (-1)                /* not an answer to our query */

static uint8_t sock;
static uint8_t *buf;
static uint16_t next_id = DNS_MSG_ID;
static volatile uint32_t tick;
static uint32_t clock_mark;

void DNS_init(uint8_t s, uint8_t *b)
{
    sock = s;
    buf = b;
}

void DNS_time_handler(void)
{
    tick++;
}

/* Header + QNAME + QTYPE A + QCLASS IN; 0 if the name is not a valid host name. */
static uint16_t build_query(uint16_t id, const char *name)
{
    memset(buf, 0, HEADER);
    buf[0] = (uint8_t)(id >> 8);
    buf[1] = (uint8_t)id;
    buf[2] = 0x01;                      /* RD: recursion desired */
    buf[5] = 1;                         /* QDCOUNT */
    uint16_t p = HEADER;
    const char *label = name;
    for (;;) {
        const char *dot = strchr(label, '.');
        size_t len = dot ? (size_t)(dot - label) : strlen(label);
        if (len == 0 && !dot && label != name)
            break;                      /* a trailing dot */
        if (len == 0 || len > 63)
            return 0;
        buf[p++] = (uint8_t)len;
        memcpy(buf + p, label, len);
        p += (uint16_t)len;
        if (!dot)
            break;
        label = dot + 1;
    }
    buf[p++] = 0;
    buf[p++] = 0;
    buf[p++] = TYPE_A;
    buf[p++] = 0;
    buf[p++] = CLASS_IN;
    return p;
}

static int skip_name(const uint8_t *m, int n, int p)
{
    while (p < n) {
        uint8_t len = m[p];
        if (len == 0)
            return p + 1;
        if ((len & 0xC0) == 0xC0)       /* compression pointer ends the name */
            return p + 2;
        p += 1 + len;
    }
    return -1;
}

/* 1 = A record found, 0 = an error answer or none, ANSWER_NONE = not the answer to `id`. */
static int parse_answer(const uint8_t *m, int n, uint16_t id, uint8_t *ip)
{
    if (n < HEADER || (m[0] << 8 | m[1]) != id || !(m[2] & 0x80))
        return ANSWER_NONE;
    if ((m[3] & 0x0F) != 0)             /* RCODE: e.g. NXDOMAIN */
        return 0;
    int questions = m[4] << 8 | m[5], answers = m[6] << 8 | m[7];
    int p = HEADER;
    for (int i = 0; i < questions && p >= 0; i++) {
        p = skip_name(m, n, p);
        if (p >= 0)
            p += 4;
    }
    for (int i = 0; i < answers && p >= 0; i++) {
        p = skip_name(m, n, p);
        if (p < 0 || p + 10 > n)
            return 0;
        int type = m[p] << 8 | m[p + 1], cls = m[p + 2] << 8 | m[p + 3];
        int rdlen = m[p + 8] << 8 | m[p + 9];
        p += 10;
        if (p + rdlen > n)
            return 0;
        if (type == TYPE_A && cls == CLASS_IN && rdlen == 4) {
            memcpy(ip, m + p, 4);
            return 1;
        }
        p += rdlen;                     /* e.g. the CNAME before the A record */
    }
    return 0;
}

static int receive(uint16_t id, uint8_t *ip)
{
    uint8_t from[4];
    uint16_t port = 0, rest = 0;
    int32_t n = recvfrom(sock, buf, MAX_DNS_BUF_SIZE, from, &port);
    getsockopt(sock, SO_REMAINSIZE, &rest);
    while (rest > 0) {                  /* longer than the buffer: the A record may be lost */
        uint8_t scrap[64];
        recvfrom(sock, scrap, rest < sizeof scrap ? rest : sizeof scrap, NULL, NULL);
        getsockopt(sock, SO_REMAINSIZE, &rest);
    }
    if (n <= 0 || port != IPPORT_DOMAIN)
        return ANSWER_NONE;
    return parse_answer(buf, (int)n, id, ip);
}

int8_t DNS_run(uint8_t *dns_ip, uint8_t *name, uint8_t *ip_from_dns)
{
    if (strlen((const char *)name) >= MAX_DOMAIN_NAME)
        return -1;
    uint16_t id = next_id++;
    uint16_t len = build_query(id, (const char *)name);
    if (len == 0)
        return 0;
    if (socket(sock, Sn_MR_UDP, 0, 0) != sock)
        return 0;

    int result = 0;
    uint8_t tries = 0;
    clock_mark = wizchip_clock_ms();
    sendto(sock, buf, len, dns_ip, IPPORT_DOMAIN);
    uint32_t sent_at = tick;
    for (;;) {
        tick += wizchip_elapsed_seconds(&clock_mark);
        if (getSn_RX_RSR(sock) > 0) {
            int r = receive(id, ip_from_dns);
            if (r != ANSWER_NONE) {
                result = r;
                break;
            }
        }
        if (tick - sent_at >= DNS_WAIT_TIME) {
            if (tries++ >= MAX_DNS_RETRY)
                break;
            build_query(id, (const char *)name);   /* the buffer may hold a stray datagram */
            sendto(sock, buf, len, dns_ip, IPPORT_DOMAIN);
            sent_at = tick;
        }
    }
    close(sock);
    return (int8_t)result;
}
