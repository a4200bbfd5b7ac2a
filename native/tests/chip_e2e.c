/*
 * The driver and the shim against the real virtual chip (run under `netstep run`):
 * DHCP, DNS, a blocking TCP echo (delivered in small chunks), a non-blocking connect/recv,
 * a refused and a timed-out connect, a UDP echo read in parts.
 * Usage: chip_e2e ECHO CLOSED BLACKHOLE UDP PORT (names the session maps). Prints one line
 * per step; FAIL <step> on error.
 */
#include "netstep_shim.h"
#include "socket.h"
#include "dhcp.h"
#include "dns.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t dhcp_buf[DHCP_MSG_SIZE], dns_buf[MAX_DNS_BUF_SIZE];

static void fail(const char *step, long code)
{
    printf("FAIL %s: %ld\n", step, code);
    exit(2);
}

static void print_ip(const char *what, const uint8_t *ip)
{
    printf("%s %u.%u.%u.%u\n", what, ip[0], ip[1], ip[2], ip[3]);
}

static void resolve(uint8_t *server, const char *name, uint8_t *ip)
{
    int8_t r = DNS_run(server, (uint8_t *)name, ip);
    if (r != 1)
        fail("dns", r);
    printf("DNS %s ", name);
    print_ip("->", ip);
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: chip_e2e ECHO CLOSED BLACKHOLE UDP PORT\n");
        return 64;
    }
    uint16_t port = (uint16_t)atoi(argv[5]);
    netstep_attach(NULL);
    reg_wizchip_cs_cbfunc(netstep_cs_select, netstep_cs_deselect);
    reg_wizchip_spi_cbfunc(netstep_spi_readbyte, netstep_spi_writebyte);
    reg_wizchip_spiburst_cbfunc(netstep_spi_readburst, netstep_spi_writeburst);
    reg_wizchip_millis_cbfunc(netstep_millis);

    if (getVERSIONR() != 0x04)
        fail("versionr", getVERSIONR());
    if (wizchip_init(NULL, NULL) != 0)
        fail("init", -1);
    uint8_t mac[6] = {0x00, 0x08, 0xDC, 0x4E, 0x53, 0x01};
    setSHAR(mac);

    DHCP_init(7, dhcp_buf);
    uint8_t r;
    while ((r = DHCP_run()) != DHCP_IP_ASSIGN && r != DHCP_IP_LEASED)
        if (r == DHCP_FAILED)
            fail("dhcp", r);
    uint8_t ip[4], gw[4], sn[4], dns[4], sipr[4];
    getIPfromDHCP(ip);
    getGWfromDHCP(gw);
    getSNfromDHCP(sn);
    getDNSfromDHCP(dns);
    getSIPR(sipr);
    if (memcmp(ip, sipr, 4) != 0)
        fail("dhcp-sipr", 0);
    print_ip("DHCP ip", ip);
    print_ip("DHCP gw", gw);
    print_ip("DHCP dns", dns);
    printf("DHCP lease %u\n", getDHCPLeasetime());

    DNS_init(6, dns_buf);
    uint8_t echo_ip[4], closed_ip[4];
    resolve(dns, argv[1], echo_ip);
    uint8_t nx[4];
    printf("DNS unknown %d\n", DNS_run(dns, (uint8_t *)"no-such-host.invalid", nx));

    /* blocking TCP echo */
    if (socket(0, Sn_MR_TCP, 0, 0) != 0)
        fail("socket", -1);
    int32_t c = connect(0, echo_ip, port);
    if (c != SOCK_OK)
        fail("connect", c);
    printf("CONNECTED sr=0x%02x\n", getSn_SR(0));
    const char *msg = "hello through the virtual W5500, a few bytes at a time\n";
    uint16_t len = (uint16_t)strlen(msg);
    int32_t s = send(0, (uint8_t *)msg, len);
    if (s != len)
        fail("send", s);
    uint8_t back[64];
    uint16_t got = 0;
    while (got < len) {
        int32_t n = recv(0, back + got, (uint16_t)(sizeof back - got));
        if (n <= 0)
            fail("recv", n);
        got += (uint16_t)n;
    }
    if (memcmp(back, msg, len) != 0)
        fail("echo", 0);
    printf("ECHO ok %u bytes\n", got);

    /* 6000 bytes: more than the 2 KB buffers, so both rings wrap several times */
    static uint8_t big[6000], big_back[6000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7 + 3);
    size_t out = 0, in = 0;
    while (in < sizeof big) {
        if (out < sizeof big) {
            size_t chunk = sizeof big - out > 1500 ? 1500 : sizeof big - out;
            int32_t k = send(0, big + out, (uint16_t)chunk);
            if (k <= 0)
                fail("send-big", k);
            out += (size_t)k;
        }
        if (getSn_RX_RSR(0) > 0 || out == sizeof big) {
            int32_t k = recv(0, big_back + in, (uint16_t)(sizeof big_back - in > 4000 ? 4000 : sizeof big_back - in));
            if (k <= 0)
                fail("recv-big", k);
            in += (size_t)k;
        }
    }
    if (memcmp(big, big_back, sizeof big) != 0)
        fail("echo-big", 0);
    printf("ECHO big ok %zu bytes\n", in);
    int8_t d = disconnect(0);
    printf("DISCONNECT %d sr=0x%02x\n", d, getSn_SR(0));
    close(0);

    /* non-blocking: connect and recv return SOCK_BUSY instead of waiting */
    socket(1, Sn_MR_TCP, 0, SF_IO_NONBLOCK);
    c = connect(1, echo_ip, port);
    printf("NB connect %d\n", (int)c);
    while (getSn_SR(1) != SOCK_ESTABLISHED)
        if (getSn_SR(1) == SOCK_CLOSED)
            fail("nb-connect", 0);
    int32_t n = recv(1, back, sizeof back);
    printf("NB recv %d\n", (int)n);
    close(1);

    /* refused */
    resolve(dns, argv[2], closed_ip);
    socket(2, Sn_MR_TCP, 0, 0);
    c = connect(2, closed_ip, port);
    printf("REFUSED connect %d\n", (int)c);
    close(2);

    /* never answered: the chip gives up after RTR x (RCR + 1) = 100 ms x 3 */
    wiz_NetTimeout quick = {2, 1000}, check;
    ctlnetwork(CN_SET_TIMEOUT, &quick);
    ctlnetwork(CN_GET_TIMEOUT, &check);
    uint8_t hole_ip[4];
    resolve(dns, argv[3], hole_ip);
    socket(2, Sn_MR_TCP, 0, 0);
    uint32_t t0 = netstep_millis();
    c = connect(2, hole_ip, port);
    uint32_t waited = netstep_millis() - t0;
    printf("BLACKHOLE connect %d rcr=%u rtr=%u waited>=300 %d\n", (int)c, check.retry_cnt,
           check.time_100us, waited >= 300);
    close(2);

    /* UDP: one datagram of 100 bytes, echoed, read in parts of 40 */
    uint8_t udp_ip[4], dgram[100], part[40], from[4];
    resolve(dns, argv[4], udp_ip);
    for (int i = 0; i < 100; i++)
        dgram[i] = (uint8_t)i;
    if (socket(3, Sn_MR_UDP, 4000, 0) != 3)
        fail("udp-socket", 0);
    int32_t sent = sendto(3, dgram, sizeof dgram, udp_ip, port);
    printf("UDP sendto %d\n", (int)sent);
    uint16_t from_port = 0, offset = 0;
    for (int i = 0; i < 3; i++) {
        int32_t n = recvfrom(3, part, sizeof part, from, &from_port);
        uint8_t info = 0;
        getsockopt(3, SO_PACKINFO, &info);
        if (n <= 0 || memcmp(part, dgram + offset, (size_t)n) != 0)
            fail("udp-recvfrom", n);
        offset += (uint16_t)n;
        printf("UDP part %d info 0x%02x\n", (int)n, info);
    }
    printf("UDP from %s port %u\n", memcmp(from, udp_ip, 4) == 0 ? "same" : "other", from_port);
    close(3);
    printf("DONE\n");
    return 0;
}
