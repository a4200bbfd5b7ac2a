/* Drives the W5500 driver through the shim; test_driver.py checks the SPI frames on the wire. */
#include "netstep_shim.h"
#include "socket.h"
#include "dhcp.h"
#include "dns.h"
/* After socket.h in a host build: libc's headers must still compile (see socket.h). */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void print_hex(const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static void attach(int burst)
{
    netstep_attach(NULL);
    reg_wizchip_cs_cbfunc(netstep_cs_select, netstep_cs_deselect);
    reg_wizchip_spi_cbfunc(netstep_spi_readbyte, netstep_spi_writebyte);
    if (burst)
        reg_wizchip_spiburst_cbfunc(netstep_spi_readburst, netstep_spi_writeburst);
}

static void netinfo(void)
{
    wiz_NetInfo in = {
        .mac = {0x00, 0x08, 0xdc, 0x01, 0x02, 0x03}, .ip = {192, 168, 1, 20},
        .sn = {255, 255, 255, 0}, .gw = {192, 168, 1, 1}, .dns = {8, 8, 8, 8}, .dhcp = NETINFO_STATIC,
    }, out;
    wizchip_setnetinfo(&in);
    memset(&out, 0, sizeof out);
    wizchip_getnetinfo(&out);
    print_hex((uint8_t *)&out, 22);
    printf("%d\n", out.dhcp);
}

int main(int argc, char **argv)
{
    const char *s = argc > 1 ? argv[1] : "";
    attach(strcmp(s, "netinfo-bytewise") != 0);
    if (!strcmp(s, "netinfo") || !strcmp(s, "netinfo-bytewise")) {
        netinfo();
    } else if (!strcmp(s, "version")) {
        printf("%02x\n", getVERSIONR());
    } else if (!strcmp(s, "counters")) {
        unsigned fsr = getSn_TX_FSR(1);
        unsigned rsr = getSn_RX_RSR(1);
        printf("%u %u\n", fsr, rsr);
    } else if (!strcmp(s, "send-data")) {
        wiz_send_data(2, (uint8_t *)"hello", 5);
        printf("%04x\n", getSn_TX_WR(2));
    } else if (!strcmp(s, "recv-data")) {
        uint8_t b[4];
        wiz_recv_data(3, b, 4);
        print_hex(b, 4);
        printf("%04x\n", getSn_RX_RD(3));
    } else if (!strcmp(s, "init")) {
        uint8_t tx[8] = {4, 4, 2, 2, 1, 1, 1, 1}, rx[8] = {8, 2, 2, 1, 1, 1, 1, 0};
        uint8_t bad[8] = {16, 1, 0, 0, 0, 0, 0, 0};
        printf("%d %d\n", wizchip_init(bad, rx), wizchip_init(tx, rx));
        printf("%u %u\n", getSn_TxMAX(0), getSn_RxMAX(0));
    } else if (!strcmp(s, "errors")) {
        uint8_t zero[4] = {0}, ip[4] = {10, 0, 0, 1}, buf[4];
        int r[8], i = 0;
        r[i++] = socket(8, Sn_MR_TCP, 1000, 0);
        r[i++] = socket(0, Sn_MR_TCP, 1000, 0);   /* SIPR is 0.0.0.0 */
        r[i++] = socket(1, 0x07, 1000, 0);
        setSn_MR(0, Sn_MR_TCP);
        r[i++] = connect(0, zero, 1883);
        r[i++] = connect(0, ip, 0);
        r[i++] = (int)recv(0, buf, 0);
        setSn_MR(1, Sn_MR_UDP);
        r[i++] = (int)send(1, buf, 4);
        r[i++] = listen(1);
        for (i = 0; i < 8; i++)
            printf("%d ", r[i]);
        printf("\n");
    } else if (!strcmp(s, "ctl")) {
        uint8_t id[6];
        wiz_NetTimeout t = {3, 1000}, back;
        ctlwizchip(CW_GET_ID, id);
        ctlnetwork(CN_SET_TIMEOUT, &t);
        ctlnetwork(CN_GET_TIMEOUT, &back);
        int bad = ctlwizchip(CW_GET_ID, NULL);
        printf("%s %u %u %d\n", (char *)id, back.retry_cnt, back.time_100us, bad);
    } else {
        fprintf(stderr, "unknown scenario %s\n", s);
        return 1;
    }
    return 0;
}
