/*
 * dhcp.c — DHCP client (RFC 2131: DISCOVER, OFFER, REQUEST, ACK; renewal at half the lease)
 * on one W5500 UDP socket. Driven by DHCP_run() from the main loop; timeouts count 1 s ticks.
 */
#include <string.h>
#include "socket.h"
#include "dhcp.h"
#include "wiz_clock.h"

enum { DHCPDISCOVER = 1, DHCPOFFER, DHCPREQUEST, DHCPDECLINE, DHCPACK, DHCPNAK, DHCPRELEASE };
enum {
    OPT_PAD = 0, OPT_SUBNET_MASK = 1, OPT_ROUTER = 3, OPT_DNS = 6, OPT_HOST_NAME = 12,
    OPT_REQUESTED_IP = 50, OPT_LEASE_TIME = 51, OPT_MSG_TYPE = 53, OPT_SERVER_ID = 54,
    OPT_PARAM_LIST = 55, OPT_CLIENT_ID = 61, OPT_END = 255,
};
enum state { S_INIT, S_DISCOVER, S_REQUEST, S_LEASED, S_RENEW, S_STOPPED };

#define BOOTP_REQUEST   1
#define BOOTP_REPLY     2
#define OPTIONS_AT      240             /* after the fixed BOOTP fields and the magic cookie */
#define MIN_MESSAGE     300             /* BOOTP's minimum message size */
#define INFINITE_LEASE  0xFFFFFFFFu

static uint8_t sock;
static uint8_t *msg;                    /* the application's buffer, DHCP_MSG_SIZE bytes */
static enum state state = S_STOPPED;
static uint8_t mac[6];
static uint32_t xid, xid_counter;
static uint32_t (*xid_entropy)(void);

static volatile uint32_t tick;          /* seconds, from DHCP_time_handler() or the clock */
static uint32_t clock_mark;
static uint32_t sent_at, leased_at;
static uint8_t retries;

static uint8_t server_id[4], offered_ip[4];
static uint8_t my_ip[4], my_gw[4], my_sn[4], my_dns[4];
static uint32_t lease = INFINITE_LEASE;
static int assigned;                    /* an address from DHCP is in SIPR */

static const uint8_t zero_ip[4];
static uint8_t broadcast_ip[4] = { 255, 255, 255, 255 };

static void default_ip_assign(void)
{
    setSIPR(my_ip);
    setSUBR(my_sn);
    setGAR(my_gw);
}

static void default_ip_conflict(void) { }

static void (*ip_assign)(void) = default_ip_assign;
static void (*ip_update)(void) = default_ip_assign;
/* Kept for the API; this client does not probe the leased address, so it is never called. */
static void (*ip_conflict)(void) = default_ip_conflict;

struct reply {
    uint8_t type, yiaddr[4], server[4], sn[4], gw[4], dns[4];
    uint32_t lease;
};

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void reg_dhcp_cbfunc(void (*assign)(void), void (*update)(void), void (*conflict)(void))
{
    ip_assign = assign ? assign : default_ip_assign;
    ip_update = update ? update : default_ip_assign;
    ip_conflict = conflict ? conflict : default_ip_conflict;
}

void DHCP_set_xid_entropy_hook(uint32_t (*entropy)(void))
{
    xid_entropy = entropy;
}

static void new_xid(void)
{
    uint32_t e = xid_entropy ? xid_entropy() : wizchip_clock_ms() ^ (++xid_counter * 0x9E3779B9u);
    xid = e ^ get32(mac + 2) ^ (uint32_t)mac[1] << 8;
}

void DHCP_init(uint8_t s, uint8_t *buf)
{
    sock = s;
    msg = buf;
    getSHAR(mac);
    if (mac[0] == 0 && mac[1] == 0 && mac[2] == 0 && mac[3] == 0 && mac[4] == 0 && mac[5] == 0) {
        static const uint8_t wiznet_oui[6] = { 0x00, 0x08, 0xDC, 0x00, 0x00, 0x00 };
        memcpy(mac, wiznet_oui, 6);     /* DHCP needs a hardware address */
        setSHAR(mac);
    }
    /* Until the lease, the chip must send from 0.0.0.0. */
    setSIPR(zero_ip);
    setGAR(zero_ip);
    setSUBR(zero_ip);
    memset(my_ip, 0, 4);
    assigned = 0;
    retries = 0;
    tick = 0;
    clock_mark = wizchip_clock_ms();
    new_xid();
    state = S_INIT;
}

void DHCP_time_handler(void)
{
    tick++;
}

static void option(uint8_t **p, uint8_t code, const void *data, uint8_t len)
{
    (*p)[0] = code;
    (*p)[1] = len;
    memcpy(*p + 2, data, len);
    *p += 2 + len;
}

static void send_message(uint8_t type)
{
    static const char hex[] = "0123456789ABCDEF";
    static const uint8_t params[] = { OPT_SUBNET_MASK, OPT_ROUTER, OPT_DNS, OPT_LEASE_TIME };
    int renewing = state == S_RENEW;

    memset(msg, 0, DHCP_MSG_SIZE);
    msg[0] = BOOTP_REQUEST;
    msg[1] = 1;                         /* htype Ethernet */
    msg[2] = 6;                         /* hlen */
    put32(msg + 4, xid);
    if (renewing)
        memcpy(msg + 12, my_ip, 4);     /* ciaddr */
    else
        msg[10] = 0x80;                 /* broadcast flag: no address to unicast to yet */
    memcpy(msg + 28, mac, 6);           /* chaddr */
    put32(msg + 236, MAGIC_COOKIE);

    uint8_t *p = msg + OPTIONS_AT;
    option(&p, OPT_MSG_TYPE, &type, 1);
    uint8_t client_id[7] = { 1 };       /* hardware type + MAC */
    memcpy(client_id + 1, mac, 6);
    option(&p, OPT_CLIENT_ID, client_id, 7);
    char host[16] = "WIZnet";
    size_t hl = strlen(host);
    for (int i = 3; i < 6; i++) {
        host[hl++] = hex[mac[i] >> 4];
        host[hl++] = hex[mac[i] & 15];
    }
    option(&p, OPT_HOST_NAME, host, (uint8_t)hl);
    if (type == DHCPREQUEST && !renewing) {
        option(&p, OPT_REQUESTED_IP, offered_ip, 4);
        option(&p, OPT_SERVER_ID, server_id, 4);
    }
    option(&p, OPT_PARAM_LIST, params, sizeof params);
    *p++ = OPT_END;

    uint16_t len = (uint16_t)(p - msg);
    if (len < MIN_MESSAGE)
        len = MIN_MESSAGE;
    sendto(sock, msg, len, broadcast_ip, DHCP_SERVER_PORT);
    sent_at = tick;
}

/* Reads one waiting datagram; returns its DHCP message type if it is a reply to us, else 0. */
static uint8_t receive(struct reply *r)
{
    if (getSn_RX_RSR(sock) == 0)
        return 0;
    uint8_t from[4];
    uint16_t port = 0, rest = 0;
    int32_t n = recvfrom(sock, msg, DHCP_MSG_SIZE, from, &port);
    getsockopt(sock, SO_REMAINSIZE, &rest);
    while (rest > 0) {                  /* longer than a DHCP message: drop the rest */
        uint8_t scrap[64];
        recvfrom(sock, scrap, rest < sizeof scrap ? rest : sizeof scrap, NULL, NULL);
        getsockopt(sock, SO_REMAINSIZE, &rest);
    }
    if (n < OPTIONS_AT || port != DHCP_SERVER_PORT || msg[0] != BOOTP_REPLY
        || get32(msg + 4) != xid || memcmp(msg + 28, mac, 6) != 0 || get32(msg + 236) != MAGIC_COOKIE)
        return 0;

    memset(r, 0, sizeof *r);
    r->lease = INFINITE_LEASE;
    memcpy(r->yiaddr, msg + 16, 4);
    memcpy(r->server, from, 4);         /* unless option 54 says otherwise */
    for (int32_t i = OPTIONS_AT; i < n;) {
        uint8_t code = msg[i];
        if (code == OPT_END)
            break;
        if (code == OPT_PAD) {
            i++;
            continue;
        }
        if (i + 1 >= n || i + 2 + msg[i + 1] > n)
            return 0;                   /* option runs past the message */
        uint8_t len = msg[i + 1];
        const uint8_t *v = msg + i + 2;
        switch (code) {
        case OPT_MSG_TYPE:    if (len >= 1) r->type = v[0]; break;
        case OPT_SUBNET_MASK: if (len >= 4) memcpy(r->sn, v, 4); break;
        case OPT_ROUTER:      if (len >= 4) memcpy(r->gw, v, 4); break;
        case OPT_DNS:         if (len >= 4) memcpy(r->dns, v, 4); break;
        case OPT_SERVER_ID:   if (len >= 4) memcpy(r->server, v, 4); break;
        case OPT_LEASE_TIME:  if (len >= 4) r->lease = get32(v); break;
        default: break;
        }
        i += 2 + len;
    }
    return r->type;
}

/* No answer in DHCP_WAIT_TIME: resend up to MAX_DHCP_RETRY times, then start over. */
static uint8_t check_timeout(uint8_t waiting)
{
    if (tick - sent_at < DHCP_WAIT_TIME)
        return waiting;
    if (retries < MAX_DHCP_RETRY) {
        retries++;
        send_message(state == S_DISCOVER ? DHCPDISCOVER : DHCPREQUEST);
        return waiting;
    }
    retries = 0;
    state = S_INIT;
    return DHCP_FAILED;
}

static uint8_t take_lease(const struct reply *r)
{
    int changed = assigned && memcmp(my_ip, r->yiaddr, 4) != 0;
    memcpy(my_ip, r->yiaddr, 4);
    memcpy(my_sn, r->sn, 4);
    memcpy(my_gw, r->gw, 4);
    memcpy(my_dns, r->dns, 4);
    lease = r->lease;
    leased_at = tick;
    retries = 0;
    state = S_LEASED;
    if (!assigned) {
        assigned = 1;
        ip_assign();
        return DHCP_IP_ASSIGN;
    }
    if (changed) {
        ip_update();
        return DHCP_IP_CHANGED;
    }
    return DHCP_IP_LEASED;
}

uint8_t DHCP_run(void)
{
    struct reply r;

    if (state == S_STOPPED)
        return DHCP_STOPPED;
    tick += wizchip_elapsed_seconds(&clock_mark);
    if (getSn_SR(sock) != SOCK_UDP)
        socket(sock, Sn_MR_UDP, DHCP_CLIENT_PORT, 0);
    uint8_t type = receive(&r);

    switch (state) {
    case S_INIT:
        if (assigned) {                 /* starting over: give the address back to 0.0.0.0 */
            assigned = 0;
            memset(my_ip, 0, 4);
            setSIPR(zero_ip);
        }
        new_xid();
        state = S_DISCOVER;
        retries = 0;
        send_message(DHCPDISCOVER);
        return DHCP_RUNNING;
    case S_DISCOVER:
        if (type == DHCPOFFER) {
            memcpy(offered_ip, r.yiaddr, 4);
            memcpy(server_id, r.server, 4);
            state = S_REQUEST;
            retries = 0;
            send_message(DHCPREQUEST);
            return DHCP_RUNNING;
        }
        return check_timeout(DHCP_RUNNING);
    case S_REQUEST:
    case S_RENEW:
        if ((type == DHCPACK || type == DHCPNAK) && memcmp(r.server, server_id, 4) == 0) {
            if (type == DHCPACK)
                return take_lease(&r);
            state = S_INIT;             /* NAK: start over */
            return DHCP_RUNNING;
        }
        return check_timeout(state == S_RENEW ? DHCP_IP_LEASED : DHCP_RUNNING);
    case S_LEASED:
        if (lease != INFINITE_LEASE && tick - leased_at >= lease / 2) {
            state = S_RENEW;
            retries = 0;
            new_xid();
            send_message(DHCPREQUEST);
        }
        return DHCP_IP_LEASED;
    default:
        return DHCP_STOPPED;
    }
}

void DHCP_stop(void)
{
    close(sock);
    state = S_STOPPED;
}

void getIPfromDHCP(uint8_t *ip) { memcpy(ip, my_ip, 4); }
void getGWfromDHCP(uint8_t *ip) { memcpy(ip, my_gw, 4); }
void getSNfromDHCP(uint8_t *ip) { memcpy(ip, my_sn, 4); }
void getDNSfromDHCP(uint8_t *ip) { memcpy(ip, my_dns, 4); }
uint32_t getDHCPLeasetime(void) { return lease; }
