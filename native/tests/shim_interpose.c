/*
 * Firmware that defines ioLibrary's socket API under the libc names (as ioLibrary does):
 * these definitions replace libc's for the whole process. The shim must not call them.
 * No <sys/socket.h> / <unistd.h> here: their declarations would clash, as in real firmware.
 */
#include "netstep_shim.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void hijacked(const char *name)
{
    fprintf(stderr, "firmware's %s() was called by the shim\n", name);
    abort();
}

int8_t socket(uint8_t sn, uint8_t protocol, uint16_t port, uint8_t flag)
{ (void)sn; (void)protocol; (void)port; (void)flag; hijacked("socket"); return 0; }
int8_t connect(uint8_t sn, uint8_t *addr, uint16_t port)
{ (void)sn; (void)addr; (void)port; hijacked("connect"); return 0; }
int32_t send(uint8_t sn, uint8_t *buf, uint16_t len)
{ (void)sn; (void)buf; (void)len; hijacked("send"); return 0; }
int32_t recv(uint8_t sn, uint8_t *buf, uint16_t len)
{ (void)sn; (void)buf; (void)len; hijacked("recv"); return 0; }
int8_t close(uint8_t sn)
{ (void)sn; hijacked("close"); return 0; }
int8_t setsockopt(uint8_t sn, int sotype, void *arg)
{ (void)sn; (void)sotype; (void)arg; hijacked("setsockopt"); return 0; }

int main(void)
{
    uint8_t hdr[3] = {0x00, 0x39, 0x00};
    netstep_cs_select();
    netstep_spi_writeburst(hdr, 3);
    uint8_t v = netstep_spi_readbyte();
    netstep_cs_deselect();
    printf("%02x %u\n", v, netstep_millis());
    return 0;                                 /* exit sends BYE and closes: still no libc close() */
}
