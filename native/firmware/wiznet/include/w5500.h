/*
 * w5500.h — W5500 register map, register accessors and SPI access functions.
 *
 * Register names, offsets and bits are the W5500 datasheet's; macro and function names are
 * those of WIZnet ioLibrary_Driver. A register address (AddrSel) is offset << 8 | BSB << 3,
 * the first three bytes of the SPI frame (offset MSB first, then the control byte).
 * 16-bit registers are read and written as one 2-byte SPI frame.
 */
#ifndef _W5500_H_
#define _W5500_H_

#include <stdint.h>
#include "wizchip_conf.h"

#ifdef __cplusplus
extern "C" {
#endif

#define _W5500_IO_BASE_            0x00000000

#define _W5500_SPI_READ_           (0x00 << 2)   /* RWB = 0 */
#define _W5500_SPI_WRITE_          (0x01 << 2)   /* RWB = 1 */
#define _W5500_SPI_VDM_OP_         0x00          /* OM 00: variable length, ends at SCSn high */
#define _W5500_SPI_FDM_OP_LEN1_    0x01
#define _W5500_SPI_FDM_OP_LEN2_    0x02
#define _W5500_SPI_FDM_OP_LEN4_    0x03

#define WIZCHIP_CREG_BLOCK         0x00
#define WIZCHIP_SREG_BLOCK(N)      (1 + 4 * (N))
#define WIZCHIP_TXBUF_BLOCK(N)     (2 + 4 * (N))
#define WIZCHIP_RXBUF_BLOCK(N)     (3 + 4 * (N))

#define WIZCHIP_OFFSET_INC(ADDR, N) ((ADDR) + ((N) << 8))

/* Common registers (block 0): address = offset << 8 | BSB << 3. */
#define MR               (_W5500_IO_BASE_ + (0x0000 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define GAR              (_W5500_IO_BASE_ + (0x0001 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define SUBR             (_W5500_IO_BASE_ + (0x0005 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define SHAR             (_W5500_IO_BASE_ + (0x0009 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define SIPR             (_W5500_IO_BASE_ + (0x000F << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define INTLEVEL         (_W5500_IO_BASE_ + (0x0013 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define IR               (_W5500_IO_BASE_ + (0x0015 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define _IMR_            (_W5500_IO_BASE_ + (0x0016 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define SIR              (_W5500_IO_BASE_ + (0x0017 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define SIMR             (_W5500_IO_BASE_ + (0x0018 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define _RTR_            (_W5500_IO_BASE_ + (0x0019 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define _RCR_            (_W5500_IO_BASE_ + (0x001B << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define PTIMER           (_W5500_IO_BASE_ + (0x001C << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define PMAGIC           (_W5500_IO_BASE_ + (0x001D << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define PHAR             (_W5500_IO_BASE_ + (0x001E << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define PSID             (_W5500_IO_BASE_ + (0x0024 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define PMRU             (_W5500_IO_BASE_ + (0x0026 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define UIPR             (_W5500_IO_BASE_ + (0x0028 << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define UPORTR           (_W5500_IO_BASE_ + (0x002C << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define PHYCFGR          (_W5500_IO_BASE_ + (0x002E << 8) + (WIZCHIP_CREG_BLOCK << 3))
#define VERSIONR         (_W5500_IO_BASE_ + (0x0039 << 8) + (WIZCHIP_CREG_BLOCK << 3))

/* Socket n registers (block 1 + 4n). */
#define Sn_MR(N)         (_W5500_IO_BASE_ + (0x0000 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_CR(N)         (_W5500_IO_BASE_ + (0x0001 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_IR(N)         (_W5500_IO_BASE_ + (0x0002 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_SR(N)         (_W5500_IO_BASE_ + (0x0003 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_PORT(N)       (_W5500_IO_BASE_ + (0x0004 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_DHAR(N)       (_W5500_IO_BASE_ + (0x0006 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_DIPR(N)       (_W5500_IO_BASE_ + (0x000C << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_DPORT(N)      (_W5500_IO_BASE_ + (0x0010 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_MSSR(N)       (_W5500_IO_BASE_ + (0x0012 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_TOS(N)        (_W5500_IO_BASE_ + (0x0015 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_TTL(N)        (_W5500_IO_BASE_ + (0x0016 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_RXBUF_SIZE(N) (_W5500_IO_BASE_ + (0x001E << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_TXBUF_SIZE(N) (_W5500_IO_BASE_ + (0x001F << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_TX_FSR(N)     (_W5500_IO_BASE_ + (0x0020 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_TX_RD(N)      (_W5500_IO_BASE_ + (0x0022 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_TX_WR(N)      (_W5500_IO_BASE_ + (0x0024 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_RX_RSR(N)     (_W5500_IO_BASE_ + (0x0026 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_RX_RD(N)      (_W5500_IO_BASE_ + (0x0028 << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_RX_WR(N)      (_W5500_IO_BASE_ + (0x002A << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_IMR(N)        (_W5500_IO_BASE_ + (0x002C << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_FRAG(N)       (_W5500_IO_BASE_ + (0x002D << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))
#define Sn_KPALVTR(N)    (_W5500_IO_BASE_ + (0x002F << 8) + (WIZCHIP_SREG_BLOCK(N) << 3))

/* MR bits */
#define MR_RST          0x80
#define MR_WOL          0x20
#define MR_PB           0x10
#define MR_PPPOE        0x08
#define MR_FARP         0x02

/* IR bits, IMR bits */
#define IR_CONFLICT     0x80
#define IR_UNREACH      0x40
#define IR_PPPoE        0x20
#define IR_MP           0x10
#define IM_IR7          0x80
#define IM_IR6          0x40
#define IM_IR5          0x20
#define IM_IR4          0x10

/* PHYCFGR bits: RST is active low (write 0 to reset), OPMD selects configuration by OPMDC. */
#define PHYCFGR_RST          ~(1 << 7)
#define PHYCFGR_OPMD         (1 << 6)
#define PHYCFGR_OPMDC_ALLA   (7 << 3)
#define PHYCFGR_OPMDC_PDOWN  (6 << 3)
#define PHYCFGR_OPMDC_NA     (5 << 3)
#define PHYCFGR_OPMDC_100FA  (4 << 3)
#define PHYCFGR_OPMDC_100F   (3 << 3)
#define PHYCFGR_OPMDC_100H   (2 << 3)
#define PHYCFGR_OPMDC_10F    (1 << 3)
#define PHYCFGR_OPMDC_10H    (0 << 3)
#define PHYCFGR_DPX_FULL     (1 << 2)
#define PHYCFGR_DPX_HALF     (0 << 2)
#define PHYCFGR_SPD_100      (1 << 1)
#define PHYCFGR_SPD_10       (0 << 1)
#define PHYCFGR_LNK_ON       (1 << 0)
#define PHYCFGR_LNK_OFF      (0 << 0)

/* Sn_MR: protocol in bits 3..0, options above */
#define Sn_MR_CLOSE     0x00
#define Sn_MR_TCP       0x01
#define Sn_MR_UDP       0x02
#define Sn_MR_IPRAW     0x03
#define Sn_MR_MACRAW    0x04
#define Sn_MR_MULTI     0x80   /* UDP: multicast */
#define Sn_MR_MFEN      0x80   /* MACRAW: MAC filter */
#define Sn_MR_BCASTB    0x40   /* UDP/MACRAW: block broadcast */
#define Sn_MR_ND        0x20   /* TCP: no delayed ACK */
#define Sn_MR_MC        0x20   /* UDP multicast: IGMP version 1 */
#define Sn_MR_MMB       0x20   /* MACRAW: block multicast */
#define Sn_MR_UCASTB    0x10   /* UDP multicast: block unicast */
#define Sn_MR_MIP6B     0x10   /* MACRAW: block IPv6 */

/* Sn_CR commands (the chip clears Sn_CR when it has taken the command) */
#define Sn_CR_OPEN      0x01
#define Sn_CR_LISTEN    0x02
#define Sn_CR_CONNECT   0x04
#define Sn_CR_DISCON    0x08
#define Sn_CR_CLOSE     0x10
#define Sn_CR_SEND      0x20
#define Sn_CR_SEND_MAC  0x21
#define Sn_CR_SEND_KEEP 0x22
#define Sn_CR_RECV      0x40

/* Sn_IR bits */
#define Sn_IR_SENDOK    0x10
#define Sn_IR_TIMEOUT   0x08
#define Sn_IR_RECV      0x04
#define Sn_IR_DISCON    0x02
#define Sn_IR_CON       0x01

/* Sn_SR values */
#define SOCK_CLOSED      0x00
#define SOCK_INIT        0x13
#define SOCK_LISTEN      0x14
#define SOCK_SYNSENT     0x15
#define SOCK_SYNRECV     0x16
#define SOCK_ESTABLISHED 0x17
#define SOCK_FIN_WAIT    0x18
#define SOCK_CLOSING     0x1A
#define SOCK_TIME_WAIT   0x1B
#define SOCK_CLOSE_WAIT  0x1C
#define SOCK_LAST_ACK    0x1D
#define SOCK_UDP         0x22
#define SOCK_IPRAW       0x32
#define SOCK_MACRAW      0x42

/* Critical section around every register access (see reg_wizchip_cris_cbfunc). */
#define WIZCHIP_CRITICAL_ENTER()  WIZCHIP.CRIS._enter()
#define WIZCHIP_CRITICAL_EXIT()   WIZCHIP.CRIS._exit()

/* Basic I/O: one chip-select frame each. */
uint8_t WIZCHIP_READ(uint32_t AddrSel);
void WIZCHIP_WRITE(uint32_t AddrSel, uint8_t wb);
void WIZCHIP_READ_BUF(uint32_t AddrSel, uint8_t *pBuf, uint16_t len);
void WIZCHIP_WRITE_BUF(uint32_t AddrSel, uint8_t *pBuf, uint16_t len);

/* 16-bit registers, big endian, as one 2-byte frame (NetStep helpers). */
uint16_t wiz_read16(uint32_t AddrSel);
void wiz_write16(uint32_t AddrSel, uint16_t value);

/* Register accessors by datasheet name. */
#define setMR(v)         WIZCHIP_WRITE(MR, (uint8_t)(v))
#define getMR()          WIZCHIP_READ(MR)
#define setGAR(p)        WIZCHIP_WRITE_BUF(GAR, (uint8_t *)(p), 4)
#define getGAR(p)        WIZCHIP_READ_BUF(GAR, (uint8_t *)(p), 4)
#define setSUBR(p)       WIZCHIP_WRITE_BUF(SUBR, (uint8_t *)(p), 4)
#define getSUBR(p)       WIZCHIP_READ_BUF(SUBR, (uint8_t *)(p), 4)
#define setSHAR(p)       WIZCHIP_WRITE_BUF(SHAR, (uint8_t *)(p), 6)
#define getSHAR(p)       WIZCHIP_READ_BUF(SHAR, (uint8_t *)(p), 6)
#define setSIPR(p)       WIZCHIP_WRITE_BUF(SIPR, (uint8_t *)(p), 4)
#define getSIPR(p)       WIZCHIP_READ_BUF(SIPR, (uint8_t *)(p), 4)
#define setINTLEVEL(v)   wiz_write16(INTLEVEL, (uint16_t)(v))
#define getINTLEVEL()    wiz_read16(INTLEVEL)
#define setIR(v)         WIZCHIP_WRITE(IR, (uint8_t)(v))
#define getIR()          WIZCHIP_READ(IR)
#define setIMR(v)        WIZCHIP_WRITE(_IMR_, (uint8_t)(v))
#define getIMR()         WIZCHIP_READ(_IMR_)
#define setSIR(v)        WIZCHIP_WRITE(SIR, (uint8_t)(v))
#define getSIR()         WIZCHIP_READ(SIR)
#define setSIMR(v)       WIZCHIP_WRITE(SIMR, (uint8_t)(v))
#define getSIMR()        WIZCHIP_READ(SIMR)
#define setRTR(v)        wiz_write16(_RTR_, (uint16_t)(v))
#define getRTR()         wiz_read16(_RTR_)
#define setRCR(v)        WIZCHIP_WRITE(_RCR_, (uint8_t)(v))
#define getRCR()         WIZCHIP_READ(_RCR_)
#define setPTIMER(v)     WIZCHIP_WRITE(PTIMER, (uint8_t)(v))
#define getPTIMER()      WIZCHIP_READ(PTIMER)
#define setPMAGIC(v)     WIZCHIP_WRITE(PMAGIC, (uint8_t)(v))
#define getPMAGIC()      WIZCHIP_READ(PMAGIC)
#define setPHAR(p)       WIZCHIP_WRITE_BUF(PHAR, (uint8_t *)(p), 6)
#define getPHAR(p)       WIZCHIP_READ_BUF(PHAR, (uint8_t *)(p), 6)
#define setPSID(v)       wiz_write16(PSID, (uint16_t)(v))
#define getPSID()        wiz_read16(PSID)
#define setPMRU(v)       wiz_write16(PMRU, (uint16_t)(v))
#define getPMRU()        wiz_read16(PMRU)
#define getUIPR(p)       WIZCHIP_READ_BUF(UIPR, (uint8_t *)(p), 4)
#define getUPORTR()      wiz_read16(UPORTR)
#define setPHYCFGR(v)    WIZCHIP_WRITE(PHYCFGR, (uint8_t)(v))
#define getPHYCFGR()     WIZCHIP_READ(PHYCFGR)
#define getVERSIONR()    WIZCHIP_READ(VERSIONR)

#define setSn_MR(sn, v)         WIZCHIP_WRITE(Sn_MR(sn), (uint8_t)(v))
#define getSn_MR(sn)            WIZCHIP_READ(Sn_MR(sn))
#define setSn_CR(sn, v)         WIZCHIP_WRITE(Sn_CR(sn), (uint8_t)(v))
#define getSn_CR(sn)            WIZCHIP_READ(Sn_CR(sn))
#define setSn_IR(sn, v)         WIZCHIP_WRITE(Sn_IR(sn), (uint8_t)(v))
#define getSn_IR(sn)            WIZCHIP_READ(Sn_IR(sn))
#define getSn_SR(sn)            WIZCHIP_READ(Sn_SR(sn))
#define setSn_PORT(sn, v)       wiz_write16(Sn_PORT(sn), (uint16_t)(v))
#define getSn_PORT(sn)          wiz_read16(Sn_PORT(sn))
#define setSn_DHAR(sn, p)       WIZCHIP_WRITE_BUF(Sn_DHAR(sn), (uint8_t *)(p), 6)
#define getSn_DHAR(sn, p)       WIZCHIP_READ_BUF(Sn_DHAR(sn), (uint8_t *)(p), 6)
#define setSn_DIPR(sn, p)       WIZCHIP_WRITE_BUF(Sn_DIPR(sn), (uint8_t *)(p), 4)
#define getSn_DIPR(sn, p)       WIZCHIP_READ_BUF(Sn_DIPR(sn), (uint8_t *)(p), 4)
#define setSn_DPORT(sn, v)      wiz_write16(Sn_DPORT(sn), (uint16_t)(v))
#define getSn_DPORT(sn)         wiz_read16(Sn_DPORT(sn))
#define setSn_MSSR(sn, v)       wiz_write16(Sn_MSSR(sn), (uint16_t)(v))
#define getSn_MSSR(sn)          wiz_read16(Sn_MSSR(sn))
#define setSn_TOS(sn, v)        WIZCHIP_WRITE(Sn_TOS(sn), (uint8_t)(v))
#define getSn_TOS(sn)           WIZCHIP_READ(Sn_TOS(sn))
#define setSn_TTL(sn, v)        WIZCHIP_WRITE(Sn_TTL(sn), (uint8_t)(v))
#define getSn_TTL(sn)           WIZCHIP_READ(Sn_TTL(sn))
#define setSn_RXBUF_SIZE(sn, v) WIZCHIP_WRITE(Sn_RXBUF_SIZE(sn), (uint8_t)(v))
#define getSn_RXBUF_SIZE(sn)    WIZCHIP_READ(Sn_RXBUF_SIZE(sn))
#define setSn_TXBUF_SIZE(sn, v) WIZCHIP_WRITE(Sn_TXBUF_SIZE(sn), (uint8_t)(v))
#define getSn_TXBUF_SIZE(sn)    WIZCHIP_READ(Sn_TXBUF_SIZE(sn))
#define getSn_TX_RD(sn)         wiz_read16(Sn_TX_RD(sn))
#define setSn_TX_WR(sn, v)      wiz_write16(Sn_TX_WR(sn), (uint16_t)(v))
#define getSn_TX_WR(sn)         wiz_read16(Sn_TX_WR(sn))
#define setSn_RX_RD(sn, v)      wiz_write16(Sn_RX_RD(sn), (uint16_t)(v))
#define getSn_RX_RD(sn)         wiz_read16(Sn_RX_RD(sn))
#define getSn_RX_WR(sn)         wiz_read16(Sn_RX_WR(sn))
#define setSn_IMR(sn, v)        WIZCHIP_WRITE(Sn_IMR(sn), (uint8_t)(v))
#define getSn_IMR(sn)           WIZCHIP_READ(Sn_IMR(sn))
#define setSn_FRAG(sn, v)       wiz_write16(Sn_FRAG(sn), (uint16_t)(v))
#define getSn_FRAG(sn)          wiz_read16(Sn_FRAG(sn))
#define setSn_KPALVTR(sn, v)    WIZCHIP_WRITE(Sn_KPALVTR(sn), (uint8_t)(v))
#define getSn_KPALVTR(sn)       WIZCHIP_READ(Sn_KPALVTR(sn))

/* Free TX / received RX size: the chip may update them between the two bytes, so they are
 * read until two reads agree. */
uint16_t getSn_TX_FSR(uint8_t sn);
uint16_t getSn_RX_RSR(uint8_t sn);

#define getSn_RxMAX(sn)  ((uint16_t)(getSn_RXBUF_SIZE(sn) << 10))
#define getSn_TxMAX(sn)  ((uint16_t)(getSn_TXBUF_SIZE(sn) << 10))

/* Copies len bytes into socket sn's TX buffer at Sn_TX_WR and advances Sn_TX_WR (no SEND). */
void wiz_send_data(uint8_t sn, uint8_t *wizdata, uint16_t len);
/* Copies len bytes from socket sn's RX buffer at Sn_RX_RD and advances Sn_RX_RD (no RECV). */
void wiz_recv_data(uint8_t sn, uint8_t *wizdata, uint16_t len);
/* Advances Sn_RX_RD by len without reading (no RECV). */
void wiz_recv_ignore(uint8_t sn, uint16_t len);

#ifdef __cplusplus
}
#endif

#endif /* _W5500_H_ */
