/*
 * netstep_shim.h — SPI glue between WIZnet ioLibrary and the NetStep virtual W5500.
 *
 * Register it exactly like real SPI glue:
 *   reg_wizchip_cs_cbfunc(netstep_cs_select, netstep_cs_deselect);
 *   reg_wizchip_spi_cbfunc(netstep_spi_readbyte, netstep_spi_writebyte);
 *   reg_wizchip_spiburst_cbfunc(netstep_spi_readburst, netstep_spi_writeburst);
 *
 * The shim talks to a NetStep target (the bridge of a session) over a Unix socket or
 * TCP on 127.0.0.1 (see docs/contracts.md). Writes are buffered until a read or chip
 * select high, so one chip-select frame costs one round trip. When no target answers or
 * the target goes away, the shim prints "netstep: ..." on stderr and exits with status 70.
 * All functions are thread-safe (one mutex around each request).
 */
#ifndef NETSTEP_SHIM_H
#define NETSTEP_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Exit status of a program whose NetStep target is missing or went away. */
#define NETSTEP_EXIT_NO_TARGET 70

/**
 * Connects to the target. endpoint: "unix:/path/bridge.sock", a bare path, or
 * "tcp:127.0.0.1:PORT" (token from NETSTEP_TOKEN); NULL = the NETSTEP_TARGET environment
 * variable. Returns 0 (also when already attached); exits with status 70 if no target answers.
 * Calling it is optional: the first SPI call attaches with NULL.
 */
int netstep_attach(const char *endpoint);

/* ioLibrary callbacks (reg_wizchip_cs_cbfunc / _spi_cbfunc / _spiburst_cbfunc). */
void netstep_cs_select(void);
void netstep_cs_deselect(void);
uint8_t netstep_spi_readbyte(void);
void netstep_spi_writebyte(uint8_t wb);
void netstep_spi_readburst(uint8_t *buf, uint16_t len);
void netstep_spi_writeburst(uint8_t *buf, uint16_t len);

/** The target's virtual clock in milliseconds (frozen while the session is paused). */
uint32_t netstep_millis(void);

/** Hands one NSS key log line (e.g. "CLIENT_RANDOM <hex> <hex>", no newline) to the target. */
void netstep_keylog(const char *nss_keylog_line);

/** The INTn level the target reported with its last SPI answer: 1 = asserted (low). */
int netstep_int_asserted(void);

#ifdef __cplusplus
}
#endif

#endif /* NETSTEP_SHIM_H */
