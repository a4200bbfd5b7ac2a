/*
 * net_w5500.c — network glue on the W5500 with the WIZnet ioLibrary API, as on the
 * board: SPI callbacks, wizchip_init with 2 KB socket buffers, MAC, PHY link, DHCP or a
 * static address, DNS, one TCP socket in non-blocking mode for TLS.
 * In the host build the SPI callbacks are the NetStep shim's, which talk to the
 * virtual chip; HAL_GetTick() is the virtual clock.
 */
#define _POSIX_C_SOURCE 199309L
#include "netif.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dhcp.h"
#include "dns.h"
#include "hal_stub.h"
#include "netstep_shim.h"
#include "socket.h"
#include "w5500.h"
#include "wizchip_conf.h"

#define SOCK_TCP  0
#define SOCK_DNS  6
#define SOCK_DHCP 7

#define LINK_TIMEOUT_MS 5000
#define DHCP_TIMEOUT_MS 30000

/* WIZnet's OUI; the rest spells "NS" + 1. */
static uint8_t mac[6] = { 0x00, 0x08, 0xDC, 0x4E, 0x53, 0x01 };
static uint8_t dns_server[4];
static uint8_t dhcp_buf[DHCP_MSG_SIZE];
static uint8_t dns_buf[MAX_DNS_BUF_SIZE];
static char last_error[160];
static int tcp_open;

const char *net_name(void) { return "w5500"; }
const char *net_last_error(void) { return last_error; }

static void print_ip(const char *what, const uint8_t ip[4])
{
    app_info("%s %u.%u.%u.%u", what, ip[0], ip[1], ip[2], ip[3]);
}

static int run_dhcp(wiz_NetInfo *info)
{
    uint32_t start = HAL_GetTick();
    uint8_t state;

    DHCP_init(SOCK_DHCP, dhcp_buf);
    for (;;) {
        state = DHCP_run();
        if (state == DHCP_IP_ASSIGN || state == DHCP_IP_CHANGED || state == DHCP_IP_LEASED)
            break;
        if (state == DHCP_FAILED) {
            app_fail("dhcp", "DHCP_run returned DHCP_FAILED (no OFFER/ACK after %d tries of %d s, or NAK)",
                     MAX_DHCP_RETRY + 1, DHCP_WAIT_TIME);
            return -1;
        }
        if (HAL_GetTick() - start > DHCP_TIMEOUT_MS) {
            app_fail("dhcp", "no lease within %d ms", DHCP_TIMEOUT_MS);
            return -1;
        }
    }
    getIPfromDHCP(info->ip);
    getGWfromDHCP(info->gw);
    getSNfromDHCP(info->sn);
    getDNSfromDHCP(info->dns);
    info->dhcp = NETINFO_DHCP;
    wizchip_setnetinfo(info);
    print_ip("DHCP lease: address", info->ip);
    return 0;
}

int net_up(const app_config *cfg)
{
    uint8_t bufsize[2][8] = { { 2, 2, 2, 2, 2, 2, 2, 2 }, { 2, 2, 2, 2, 2, 2, 2, 2 } };
    wiz_NetInfo info;
    uint32_t start;
    uint8_t version;

    netstep_attach(NULL);
    reg_wizchip_cs_cbfunc(netstep_cs_select, netstep_cs_deselect);
    reg_wizchip_spi_cbfunc(netstep_spi_readbyte, netstep_spi_writebyte);
    reg_wizchip_spiburst_cbfunc(netstep_spi_readburst, netstep_spi_writeburst);
    /* DHCP/DNS count seconds on the virtual clock (NetStep extension of the driver). */
    reg_wizchip_millis_cbfunc(HAL_GetTick);

    if (wizchip_init(bufsize[0], bufsize[1]) != 0) {
        app_fail("chip", "wizchip_init failed");
        return -1;
    }
    if (cfg->rtr > 0 || cfg->rcr >= 0) {
        /* --rtr/--rcr: the TCP retransmission time and count (a connect to a silent host
         * gives up after the sum of the doubling waits; 31.8 s at the reset values). */
        wiz_NetTimeout to = { (uint8_t)(cfg->rcr >= 0 ? cfg->rcr : 8), (uint16_t)(cfg->rtr > 0 ? cfg->rtr : 2000) };
        ctlnetwork(CN_SET_TIMEOUT, &to);
    }
    version = getVERSIONR();
    if (version != 0x04) {
        app_fail("chip", "VERSIONR is 0x%02X, a W5500 answers 0x04 (SPI wiring?)", version);
        return -1;
    }

    start = HAL_GetTick();
    while (wizphy_getphylink() != PHY_LINK_ON) {
        if (HAL_GetTick() - start > LINK_TIMEOUT_MS) {
            app_fail("link", "PHY link down for %d ms (PHYCFGR LNK = 0)", LINK_TIMEOUT_MS);
            return -1;
        }
        HAL_Delay(10);
    }

    memset(&info, 0, sizeof(info));
    memcpy(info.mac, mac, sizeof(mac));
    setSHAR(mac);
    if (cfg->use_dhcp) {
        if (run_dhcp(&info) != 0)
            return -1;
    } else {
        memcpy(info.ip, cfg->ip, 4);
        info.sn[0] = info.sn[1] = info.sn[2] = 255;
        memcpy(info.gw, cfg->ip, 3);
        info.gw[3] = 1;
        info.dhcp = NETINFO_STATIC;
        wizchip_setnetinfo(&info);
        print_ip("static address", info.ip);
    }
    if (cfg->dns_given)
        memcpy(dns_server, cfg->dns, 4);
    else
        memcpy(dns_server, info.dns, 4);
    return 0;
}

int net_resolve(const app_config *cfg, const char *host, uint8_t ip[4])
{
    char name[MAX_DOMAIN_NAME];
    int8_t rc;

    if (dns_server[0] == 0 && dns_server[1] == 0 && dns_server[2] == 0 && dns_server[3] == 0) {
        app_fail("dns", "no DNS server to resolve %s (%s)", host,
                 cfg->use_dhcp ? "the DHCP lease named none; give --dns" : "static address: give --dns");
        return -1;
    }
    if (strlen(host) >= sizeof(name)) {
        app_fail("dns", "name too long: %s", host);
        return -1;
    }
    strcpy(name, host);
    DNS_init(SOCK_DNS, dns_buf);
    rc = DNS_run(dns_server, (uint8_t *)name, ip);
    if (rc != 1) {
        app_fail("dns", "DNS_run(%u.%u.%u.%u, %s) returned %d (%s)", dns_server[0], dns_server[1],
                 dns_server[2], dns_server[3], host, rc,
                 rc == 0 ? "no answer, error answer or no A record" : "bad name");
        return -1;
    }
    return 0;
}

/* F16: "reconnect" on the next free socket each time and never close the old one, until
 * socket() has nothing left. */
static int connect_without_close(uint8_t addr[4], uint16_t port, uint16_t local_port)
{
    for (int attempt = 1;; attempt++) {
        int sn = -1;
        for (int i = 0; i < _WIZCHIP_SOCK_NUM_; i++) {
            if (getSn_SR(i) == SOCK_CLOSED) {
                sn = i;
                break;
            }
        }
        if (sn < 0) {
            app_fail("connect", "socket(): no free socket after %d connects (all %d sockets in use)",
                     attempt - 1, _WIZCHIP_SOCK_NUM_);
            return -1;
        }
        int8_t rc = socket((uint8_t)sn, Sn_MR_TCP, (uint16_t)(local_port + attempt), 0);
        if (rc != sn || connect((uint8_t)sn, addr, port) != SOCK_OK) {
            app_fail("connect", "socket/connect on socket %d failed (%d)", sn, rc);
            return -1;
        }
        app_info("--bug-f16: connected on socket %d; \"reconnecting\" without close()", sn);
    }
}

int net_connect(const app_config *cfg, const uint8_t ip[4], uint16_t port)
{
    uint8_t addr[4];
    uint8_t mode = SOCK_IO_NONBLOCK;
    uint16_t local_port = (uint16_t)(50000u + (HAL_GetTick() & 0x3FFu));
    int8_t rc;
    (void)cfg;

    memcpy(addr, ip, 4);
    if (cfg->bug_f16)
        return connect_without_close(addr, port, local_port);
    rc = socket(SOCK_TCP, Sn_MR_TCP, local_port, 0);
    if (rc != SOCK_TCP) {
        app_fail("connect", "socket(%d, Sn_MR_TCP, %u) returned %d", SOCK_TCP, local_port, rc);
        return -1;
    }
    /* Blocking connect: waits for ESTABLISHED, Sn_IR TIMEOUT or a refused SYN. */
    rc = connect(SOCK_TCP, addr, port);
    if (rc != SOCK_OK) {
        const char *why = rc == SOCKERR_TIMEOUT ? "SOCKERR_TIMEOUT: no answer within RTR x (RCR+1)"
                        : rc == SOCKERR_IPINVALID ? "SOCKERR_IPINVALID: bad destination address"
                        : rc == SOCKERR_SOCKCLOSED ? "SOCKERR_SOCKCLOSED: refused or reset"
                        : "error";
        app_fail("connect", "connect(%d, %u.%u.%u.%u, %u) returned %d (%s)", SOCK_TCP,
                 ip[0], ip[1], ip[2], ip[3], port, rc, why);
        close(SOCK_TCP);
        return -1;
    }
    ctlsocket(SOCK_TCP, CS_SET_IOMODE, &mode);
    tcp_open = 1;
    return 0;
}

int net_recv(uint8_t *buf, int len)
{
    int32_t n = recv(SOCK_TCP, buf, (uint16_t)(len > 0xFFFF ? 0xFFFF : len));
    if (n > 0)
        return (int)n;
    if (n == SOCK_BUSY)
        return NET_AGAIN;       /* ESTABLISHED, Sn_RX_RSR = 0 */
    if (n == SOCKERR_SOCKSTATUS || n == SOCKERR_SOCKCLOSED) {
        snprintf(last_error, sizeof(last_error), "recv() returned %d (%s): the connection was closed or reset",
                 (int)n, n == SOCKERR_SOCKSTATUS ? "SOCKERR_SOCKSTATUS" : "SOCKERR_SOCKCLOSED");
        tcp_open = 0;
        return NET_CLOSED;
    }
    snprintf(last_error, sizeof(last_error), "recv() returned %d", (int)n);
    return NET_ERROR;
}

int net_send(const uint8_t *buf, int len)
{
    int32_t n = send(SOCK_TCP, (uint8_t *)buf, (uint16_t)(len > 0xFFFF ? 0xFFFF : len));
    if (n > 0)
        return (int)n;
    if (n == SOCK_BUSY)
        return NET_AGAIN;       /* TX buffer full or the previous SEND not done */
    snprintf(last_error, sizeof(last_error), "send() returned %d%s", (int)n,
             n == SOCKERR_TIMEOUT ? " (SOCKERR_TIMEOUT: no ACK within RTR x (RCR+1))"
             : n == SOCKERR_SOCKSTATUS ? " (socket no longer ESTABLISHED)" : "");
    if (n == SOCKERR_SOCKSTATUS || n == SOCKERR_SOCKCLOSED) {
        tcp_open = 0;
        return NET_CLOSED;
    }
    return NET_ERROR;
}

int net_rx_waiting(void)
{
    return getSn_RX_RSR(SOCK_TCP);
}

void net_wait(int for_write, int max_ms)
{
    /* Polling the chip is the wait: each poll is an SPI round trip. Pace it a little
     * so a long wait does not keep a host core busy. */
    static const struct timespec pace = { 0, 100000 };
    (void)for_write;
    if (max_ms > 0)
        nanosleep(&pace, NULL);
}

void net_close(void)
{
    uint32_t start;
    if (!tcp_open)
        return;
    tcp_open = 0;
    if (getSn_SR(SOCK_TCP) == SOCK_ESTABLISHED || getSn_SR(SOCK_TCP) == SOCK_CLOSE_WAIT) {
        disconnect(SOCK_TCP);   /* non-blocking: FIN after the queued data */
        start = HAL_GetTick();
        while (getSn_SR(SOCK_TCP) != SOCK_CLOSED && HAL_GetTick() - start < 1000)
            net_wait(0, 1);
    }
    close(SOCK_TCP);
}

void net_keylog(const char *line)
{
    netstep_keylog(line);
}
