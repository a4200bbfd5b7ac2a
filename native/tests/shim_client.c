/* Drives the shim through the ioLibrary access patterns; test_shim.py checks the wire. */
#define _DEFAULT_SOURCE
#include "netstep_shim.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint8_t hdr_read_versionr[3] = {0x00, 0x39, 0x00};   /* VERSIONR, common block, read, VDM */
static uint8_t hdr_read_shar[3] = {0x00, 0x09, 0x00};       /* SHAR */

static void print_hex(const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static void *millis_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++)
        netstep_millis();
    return NULL;
}

int main(int argc, char **argv)
{
    const char *s = argc > 1 ? argv[1] : "";
    if (!strcmp(s, "read-byte")) {            /* WIZCHIP_READ: 3 x writebyte, readbyte */
        netstep_cs_select();
        for (int i = 0; i < 3; i++)
            netstep_spi_writebyte(hdr_read_versionr[i]);
        uint8_t b = netstep_spi_readbyte();
        netstep_cs_deselect();
        print_hex(&b, 1);
    } else if (!strcmp(s, "read-burst")) {    /* WIZCHIP_READ_BUF with the burst callbacks */
        uint8_t mac[6];
        netstep_cs_select();
        netstep_spi_writeburst(hdr_read_shar, 3);
        netstep_spi_readburst(mac, 6);
        netstep_cs_deselect();
        print_hex(mac, 6);
    } else if (!strcmp(s, "read-bytes")) {    /* WIZCHIP_READ_BUF without burst callbacks */
        uint8_t mac[6];
        netstep_cs_select();
        for (int i = 0; i < 3; i++)
            netstep_spi_writebyte(hdr_read_shar[i]);
        for (int i = 0; i < 6; i++)
            mac[i] = netstep_spi_readbyte();
        netstep_cs_deselect();
        print_hex(mac, 6);
    } else if (!strcmp(s, "write-burst")) {   /* WIZCHIP_WRITE_BUF: header + data, one burst each */
        uint8_t hdr[3] = {0x00, 0x09, 0x04}, mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
        netstep_cs_select();
        netstep_spi_writeburst(hdr, 3);
        netstep_spi_writeburst(mac, 6);
        netstep_cs_deselect();
        uint8_t back[6];                      /* read it back through the peer's store */
        netstep_cs_select();
        netstep_spi_writeburst(hdr_read_shar, 3);
        netstep_spi_readburst(back, 6);
        netstep_cs_deselect();
        print_hex(back, 6);
    } else if (!strcmp(s, "write-bytes")) {   /* WIZCHIP_WRITE: 4 x writebyte */
        uint8_t w[4] = {0x00, 0x19, 0x04, 0x0f};
        netstep_cs_select();
        for (int i = 0; i < 4; i++)
            netstep_spi_writebyte(w[i]);
        netstep_cs_deselect();
        netstep_millis();                     /* a round trip, so the peer saw everything */
    } else if (!strcmp(s, "empty-frame")) {
        netstep_cs_select();
        netstep_cs_deselect();
        netstep_millis();
    } else if (!strcmp(s, "millis")) {
        printf("%u\n", netstep_millis());
    } else if (!strcmp(s, "keylog")) {
        netstep_keylog("CLIENT_RANDOM 0011 2233\n");
        netstep_millis();
    } else if (!strcmp(s, "int")) {
        netstep_cs_select();
        netstep_spi_writeburst(hdr_read_versionr, 3);
        netstep_spi_readbyte();
        netstep_cs_deselect();
        printf("%d\n", netstep_int_asserted());
    } else if (!strcmp(s, "attach")) {        /* explicit endpoint, NETSTEP_TARGET unset */
        printf("%d\n", netstep_attach(argv[2]));
        printf("%u\n", netstep_millis());
    } else if (!strcmp(s, "keylog-after-close")) {
        netstep_millis();                     /* the peer closes after answering this */
        for (int i = 0; i < 5000; i++) {
            netstep_keylog("CLIENT_RANDOM 00 11");
            usleep(1000);
        }
        printf("still alive\n");
    } else if (!strcmp(s, "threads")) {
        pthread_t t[4];
        for (int i = 0; i < 4; i++)
            pthread_create(&t[i], NULL, millis_thread, NULL);
        for (int i = 0; i < 4; i++)
            pthread_join(t[i], NULL);
        printf("ok\n");
    } else {
        fprintf(stderr, "unknown scenario %s\n", s);
        return 1;
    }
    return 0;
}
