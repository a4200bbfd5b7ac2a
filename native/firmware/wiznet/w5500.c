/* w5500.c — SPI frames for register and buffer access (W5500 datasheet, "SPI frame"). */
#include "w5500.h"

/*
 * Every access is one chip-select frame: 3 header bytes (offset MSB, offset LSB, control
 * BSB | RWB | OM=00 variable length), then the data. With burst callbacks the header goes out
 * as one 3-byte burst and the data as one burst; without them, byte by byte.
 */
static void frame_header(uint32_t AddrSel, uint8_t rwb)
{
    uint8_t h[3] = {
        (uint8_t)(AddrSel >> 16),
        (uint8_t)(AddrSel >> 8),
        (uint8_t)((AddrSel & 0xF8) | rwb | _W5500_SPI_VDM_OP_),
    };
    if (WIZCHIP.IF.SPI._write_burst) {
        WIZCHIP.IF.SPI._write_burst(h, 3);
    } else {
        for (int i = 0; i < 3; i++)
            WIZCHIP.IF.SPI._write_byte(h[i]);
    }
}

void WIZCHIP_READ_BUF(uint32_t AddrSel, uint8_t *pBuf, uint16_t len)
{
    WIZCHIP_CRITICAL_ENTER();
    WIZCHIP.CS._select();
    frame_header(AddrSel, _W5500_SPI_READ_);
    if (WIZCHIP.IF.SPI._read_burst) {
        WIZCHIP.IF.SPI._read_burst(pBuf, len);
    } else {
        for (uint16_t i = 0; i < len; i++)
            pBuf[i] = WIZCHIP.IF.SPI._read_byte();
    }
    WIZCHIP.CS._deselect();
    WIZCHIP_CRITICAL_EXIT();
}

void WIZCHIP_WRITE_BUF(uint32_t AddrSel, uint8_t *pBuf, uint16_t len)
{
    WIZCHIP_CRITICAL_ENTER();
    WIZCHIP.CS._select();
    frame_header(AddrSel, _W5500_SPI_WRITE_);
    if (WIZCHIP.IF.SPI._write_burst) {
        WIZCHIP.IF.SPI._write_burst(pBuf, len);
    } else {
        for (uint16_t i = 0; i < len; i++)
            WIZCHIP.IF.SPI._write_byte(pBuf[i]);
    }
    WIZCHIP.CS._deselect();
    WIZCHIP_CRITICAL_EXIT();
}

uint8_t WIZCHIP_READ(uint32_t AddrSel)
{
    uint8_t b;
    WIZCHIP_READ_BUF(AddrSel, &b, 1);
    return b;
}

void WIZCHIP_WRITE(uint32_t AddrSel, uint8_t wb)
{
    WIZCHIP_WRITE_BUF(AddrSel, &wb, 1);
}

uint16_t wiz_read16(uint32_t AddrSel)
{
    uint8_t b[2];
    WIZCHIP_READ_BUF(AddrSel, b, 2);
    return (uint16_t)(b[0] << 8 | b[1]);
}

void wiz_write16(uint32_t AddrSel, uint16_t value)
{
    uint8_t b[2] = { (uint8_t)(value >> 8), (uint8_t)value };
    WIZCHIP_WRITE_BUF(AddrSel, b, 2);
}

/* A zero is taken at once (the idle poll costs one frame); other values must repeat. */
static uint16_t read_counter(uint32_t AddrSel)
{
    uint16_t first, second = wiz_read16(AddrSel);
    if (second == 0)
        return 0;
    do {
        first = second;
        second = wiz_read16(AddrSel);
    } while (first != second);
    return second;
}

uint16_t getSn_TX_FSR(uint8_t sn)
{
    return read_counter(Sn_TX_FSR(sn));
}

uint16_t getSn_RX_RSR(uint8_t sn)
{
    return read_counter(Sn_RX_RSR(sn));
}

/*
 * The pointers are free-running 16-bit counters. The buffer is addressed with the whole
 * pointer as offset: the chip maps it into the socket's buffer (offset mod size) and wraps
 * at the end, so one frame always suffices.
 */
void wiz_send_data(uint8_t sn, uint8_t *wizdata, uint16_t len)
{
    if (len == 0)
        return;
    uint16_t ptr = getSn_TX_WR(sn);
    WIZCHIP_WRITE_BUF(((uint32_t)ptr << 8) + (WIZCHIP_TXBUF_BLOCK(sn) << 3), wizdata, len);
    setSn_TX_WR(sn, (uint16_t)(ptr + len));
}

void wiz_recv_data(uint8_t sn, uint8_t *wizdata, uint16_t len)
{
    if (len == 0)
        return;
    uint16_t ptr = getSn_RX_RD(sn);
    WIZCHIP_READ_BUF(((uint32_t)ptr << 8) + (WIZCHIP_RXBUF_BLOCK(sn) << 3), wizdata, len);
    setSn_RX_RD(sn, (uint16_t)(ptr + len));
}

void wiz_recv_ignore(uint8_t sn, uint16_t len)
{
    setSn_RX_RD(sn, (uint16_t)(getSn_RX_RD(sn) + len));
}
