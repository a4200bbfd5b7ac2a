/*
 * spi_roundtrip.c — SPI frame round trip through the NetStep shim (benchmark, not a test).
 *
 * Run under `netstep run -- spi_roundtrip [K]`. Performs K frames of each typical ioLibrary
 * kind, interleaved, through the same shim callbacks firmware registers, and times each
 * frame (cs_select .. cs_deselect) with CLOCK_MONOTONIC (host time, not the virtual clock):
 *   read1   1-byte register read: 3-byte header + 1 byte read (VERSIONR, common block)
 *   write2  2-byte register write: 3-byte header + 2 bytes (Sn_PORT of socket 0)
 *   burst1k 1 KB burst read of socket 0's RX buffer (what recv() does per chunk)
 * Prints one line per kind: "SPI kind=<k> n=<K> median_us=.. p90_us=.. p99_us=.. max_us=..
 * mean_us=..". Over a Unix socket the shim does not wait for a write frame's answer (it
 * collects it before the next answer), so write2 is what firmware waits for, not a full
 * round trip; over TCP every frame waits for its answer.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netstep_shim.h"

/* W5500 SPI control byte: BSB[4:0] << 3 | RWB << 2 | OM (00 = variable length). */
#define CTRL(bsb, write) ((uint8_t)(((bsb) << 3) | ((write) << 2)))
#define BSB_COMMON   0x00
#define BSB_S0_REG   0x01
#define BSB_S0_RXBUF 0x03
#define VERSIONR     0x0039
#define SN_PORT      0x0004

enum { READ1, WRITE2, BURST1K, KINDS };
static const char *const kind_name[KINDS] = {"read1", "write2", "burst1k"};

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void header(uint8_t h[3], uint16_t addr, uint8_t ctrl)
{
    h[0] = (uint8_t)(addr >> 8);
    h[1] = (uint8_t)addr;
    h[2] = ctrl;
}

/* One chip-select frame of the given kind, the way ioLibrary's WIZCHIP_READ/WRITE(_BUF) do it. */
static uint8_t do_frame(int kind, uint16_t i)
{
    static uint8_t rx[1024];
    uint8_t h[3], data[2];
    uint8_t result = 0;

    netstep_cs_select();
    switch (kind) {
    case READ1:
        header(h, VERSIONR, CTRL(BSB_COMMON, 0));
        netstep_spi_writeburst(h, 3);
        result = netstep_spi_readbyte();
        break;
    case WRITE2:
        header(h, SN_PORT, CTRL(BSB_S0_REG, 1));
        data[0] = (uint8_t)(i >> 8);
        data[1] = (uint8_t)i;
        netstep_spi_writeburst(h, 3);
        netstep_spi_writeburst(data, 2);
        break;
    default:
        header(h, 0x0000, CTRL(BSB_S0_RXBUF, 0));
        netstep_spi_writeburst(h, 3);
        netstep_spi_readburst(rx, sizeof rx);
        result = rx[0];
        break;
    }
    netstep_cs_deselect();
    return result;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted values. */
static double pct_us(const uint64_t *v, long n, double p)
{
    long rank = (long)(p * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return (double)v[rank - 1] / 1000.0;
}

int main(int argc, char **argv)
{
    long k = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
    long warmup = argc > 2 ? strtol(argv[2], NULL, 10) : 2000;
    uint64_t *t[KINDS];

    if (k < 1 || warmup < 0) {
        fprintf(stderr, "usage: %s [K frames per kind] [warm-up frames per kind]\n", argv[0]);
        return 1;
    }
    netstep_attach(NULL);

    /* The chip model answers VERSIONR = 0x04; anything else means we are not talking to it. */
    uint8_t version = do_frame(READ1, 0);
    if (version != 0x04) {
        fprintf(stderr, "spi_roundtrip: VERSIONR is 0x%02X, expected 0x04\n", version);
        return 2;
    }
    /* Warm-up (JIT of the chip model and bridge), not measured. */
    for (long i = 0; i < warmup; i++)
        for (int kind = 0; kind < KINDS; kind++)
            do_frame(kind, (uint16_t)i);

    for (int kind = 0; kind < KINDS; kind++) {
        t[kind] = malloc(sizeof(uint64_t) * (size_t)k);
        if (!t[kind]) {
            fprintf(stderr, "spi_roundtrip: out of memory\n");
            return 2;
        }
    }
    uint64_t start = now_ns();
    for (long i = 0; i < k; i++) {
        for (int kind = 0; kind < KINDS; kind++) {
            uint64_t t0 = now_ns();
            do_frame(kind, (uint16_t)i);
            t[kind][i] = now_ns() - t0;
        }
    }
    /* The last write's answer is still owed on a Unix socket: one read collects it. */
    do_frame(READ1, 0);
    double wall_s = (double)(now_ns() - start) / 1e9;

    for (int kind = 0; kind < KINDS; kind++) {
        uint64_t sum = 0;
        for (long i = 0; i < k; i++)
            sum += t[kind][i];
        qsort(t[kind], (size_t)k, sizeof(uint64_t), cmp_u64);
        printf("SPI kind=%s n=%ld median_us=%.1f p90_us=%.1f p99_us=%.1f max_us=%.1f mean_us=%.1f\n",
               kind_name[kind], k, pct_us(t[kind], k, 0.5), pct_us(t[kind], k, 0.9),
               pct_us(t[kind], k, 0.99), (double)t[kind][k - 1] / 1000.0, (double)sum / (double)k / 1000.0);
        free(t[kind]);
    }
    printf("SPI frames=%ld wall_s=%.3f frames_per_s=%.0f\n", k * KINDS, wall_s, (double)(k * KINDS) / wall_s);
    return 0;
}
