/* wizchip_conf.c — callback registration, chip initialisation and network configuration. */
#include <string.h>
#include "wizchip_conf.h"
#include "wiz_clock.h"

static void nothing(void) { }
static uint8_t read_nothing(void) { return 0; }
static void write_nothing(uint8_t wb) { (void)wb; }

/* Until the application registers its callbacks, every access does nothing and reads 0. */
_WIZCHIP WIZCHIP = {
    .if_mode = _WIZCHIP_IO_MODE_,
    .id = _WIZCHIP_ID_,
    .CRIS = { nothing, nothing },
    .CS = { nothing, nothing },
    .IF.SPI = { read_nothing, write_nothing, NULL, NULL },
};

static uint32_t (*millis_clock)(void);

/* Not in a register: kept for wizchip_getnetinfo(). */
static uint8_t net_dns[4];
static dhcp_mode net_dhcp = NETINFO_STATIC;

void reg_wizchip_cris_cbfunc(void (*cris_en)(void), void (*cris_ex)(void))
{
    WIZCHIP.CRIS._enter = cris_en && cris_ex ? cris_en : nothing;
    WIZCHIP.CRIS._exit = cris_en && cris_ex ? cris_ex : nothing;
}

void reg_wizchip_cs_cbfunc(void (*cs_sel)(void), void (*cs_desel)(void))
{
    WIZCHIP.CS._select = cs_sel && cs_desel ? cs_sel : nothing;
    WIZCHIP.CS._deselect = cs_sel && cs_desel ? cs_desel : nothing;
}

void reg_wizchip_bus_cbfunc(iodata_t (*bus_rb)(uint32_t addr), void (*bus_wb)(uint32_t addr, iodata_t wb))
{
    /* The W5500 has no parallel bus; kept for source compatibility. */
    (void)bus_rb;
    (void)bus_wb;
}

void reg_wizchip_spi_cbfunc(uint8_t (*spi_rb)(void), void (*spi_wb)(uint8_t wb))
{
    WIZCHIP.IF.SPI._read_byte = spi_rb && spi_wb ? spi_rb : read_nothing;
    WIZCHIP.IF.SPI._write_byte = spi_rb && spi_wb ? spi_wb : write_nothing;
}

void reg_wizchip_spiburst_cbfunc(void (*spi_rb)(uint8_t *pBuf, uint16_t len),
                                 void (*spi_wb)(uint8_t *pBuf, uint16_t len))
{
    WIZCHIP.IF.SPI._read_burst = spi_rb && spi_wb ? spi_rb : NULL;
    WIZCHIP.IF.SPI._write_burst = spi_rb && spi_wb ? spi_wb : NULL;
}

void reg_wizchip_millis_cbfunc(uint32_t (*millis)(void))
{
    millis_clock = millis;
}

int wizchip_has_clock(void)
{
    return millis_clock != NULL;
}

unsigned wizchip_elapsed_seconds(uint32_t *mark)
{
    if (!millis_clock)
        return 0;
    uint32_t now = millis_clock();
    unsigned seconds = (now - *mark) / 1000u;
    *mark += seconds * 1000u;
    return seconds;
}

uint32_t wizchip_clock_ms(void)
{
    return millis_clock ? millis_clock() : 0;
}

/* MR RST clears the network settings too: keep them across the reset. */
void wizchip_sw_reset(void)
{
    uint8_t mac[6], gw[4], sn[4], ip[4];
    getSHAR(mac);
    getGAR(gw);
    getSUBR(sn);
    getSIPR(ip);
    setMR(MR_RST);
    getMR();
    setSHAR(mac);
    setGAR(gw);
    setSUBR(sn);
    setSIPR(ip);
}

static int8_t valid_sizes(const uint8_t *size)
{
    int sum = 0;
    for (int i = 0; i < _WIZCHIP_SOCK_NUM_; i++) {
        uint8_t s = size[i];
        if (s != 0 && s != 1 && s != 2 && s != 4 && s != 8 && s != 16)
            return 0;
        sum += s;
    }
    return sum <= 16;
}

int8_t wizchip_init(uint8_t *txsize, uint8_t *rxsize)
{
    if ((txsize && !valid_sizes(txsize)) || (rxsize && !valid_sizes(rxsize)))
        return -1;
    wizchip_sw_reset();
    for (int i = 0; i < _WIZCHIP_SOCK_NUM_; i++) {
        if (txsize)
            setSn_TXBUF_SIZE(i, txsize[i]);
        if (rxsize)
            setSn_RXBUF_SIZE(i, rxsize[i]);
    }
    return 0;
}

void wizchip_clrinterrupt(intr_kind intr)
{
    setIR((uint8_t)intr);
    setSIR((uint8_t)((uint16_t)intr >> 8));
}

intr_kind wizchip_getinterrupt(void)
{
    return (intr_kind)((getIR() & 0xF0) | getSIR() << 8);
}

void wizchip_setinterruptmask(intr_kind intr)
{
    setIMR((uint8_t)intr);
    setSIMR((uint8_t)((uint16_t)intr >> 8));
}

intr_kind wizchip_getinterruptmask(void)
{
    return (intr_kind)(getIMR() | getSIMR() << 8);
}

int8_t wizphy_getphylink(void)
{
    return (getPHYCFGR() & PHYCFGR_LNK_ON) ? PHY_LINK_ON : PHY_LINK_OFF;
}

int8_t wizphy_getphypmode(void)
{
    return (getPHYCFGR() & PHYCFGR_OPMDC_ALLA) == PHYCFGR_OPMDC_PDOWN ? PHY_POWER_DOWN : PHY_POWER_NORM;
}

/* RST is active low: write it 0, then 1. */
void wizphy_reset(void)
{
    uint8_t v = getPHYCFGR();
    setPHYCFGR(v & PHYCFGR_RST);
    setPHYCFGR(v | ~PHYCFGR_RST);
}

void wizphy_setphyconf(wiz_PhyConf *phyconf)
{
    uint8_t v = 0;
    if (phyconf->by == PHY_CONFBY_SW)
        v |= PHYCFGR_OPMD;
    if (phyconf->mode == PHY_MODE_AUTONEGO)
        v |= PHYCFGR_OPMDC_ALLA;
    else if (phyconf->speed == PHY_SPEED_100)
        v |= phyconf->duplex == PHY_DUPLEX_FULL ? PHYCFGR_OPMDC_100F : PHYCFGR_OPMDC_100H;
    else
        v |= phyconf->duplex == PHY_DUPLEX_FULL ? PHYCFGR_OPMDC_10F : PHYCFGR_OPMDC_10H;
    setPHYCFGR(v);
    wizphy_reset();
}

void wizphy_getphyconf(wiz_PhyConf *phyconf)
{
    uint8_t v = getPHYCFGR();
    uint8_t opmdc = v & PHYCFGR_OPMDC_ALLA;
    phyconf->by = (v & PHYCFGR_OPMD) ? PHY_CONFBY_SW : PHY_CONFBY_HW;
    phyconf->mode = (opmdc == PHYCFGR_OPMDC_ALLA || opmdc == PHYCFGR_OPMDC_100FA)
                    ? PHY_MODE_AUTONEGO : PHY_MODE_MANUAL;
    phyconf->speed = (opmdc == PHYCFGR_OPMDC_10F || opmdc == PHYCFGR_OPMDC_10H) ? PHY_SPEED_10 : PHY_SPEED_100;
    phyconf->duplex = (opmdc == PHYCFGR_OPMDC_100H || opmdc == PHYCFGR_OPMDC_10H) ? PHY_DUPLEX_HALF : PHY_DUPLEX_FULL;
}

void wizphy_getphystat(wiz_PhyConf *phyconf)
{
    uint8_t v = getPHYCFGR();
    phyconf->by = (v & PHYCFGR_OPMD) ? PHY_CONFBY_SW : PHY_CONFBY_HW;
    phyconf->mode = PHY_MODE_AUTONEGO;
    phyconf->speed = (v & PHYCFGR_SPD_100) ? PHY_SPEED_100 : PHY_SPEED_10;
    phyconf->duplex = (v & PHYCFGR_DPX_FULL) ? PHY_DUPLEX_FULL : PHY_DUPLEX_HALF;
}

/* Power down needs the PHY configured by software (OPMD); -1 when it did not take. */
int8_t wizphy_setphypmode(uint8_t pmode)
{
    uint8_t v = getPHYCFGR() & ~(PHYCFGR_OPMDC_ALLA | ~PHYCFGR_RST);
    v |= PHYCFGR_OPMD | (pmode == PHY_POWER_DOWN ? PHYCFGR_OPMDC_PDOWN : PHYCFGR_OPMDC_ALLA);
    setPHYCFGR(v);
    wizphy_reset();
    return wizphy_getphypmode() == (pmode == PHY_POWER_DOWN ? PHY_POWER_DOWN : PHY_POWER_NORM) ? 0 : -1;
}

void wizchip_setnetinfo(wiz_NetInfo *pnetinfo)
{
    setSHAR(pnetinfo->mac);
    setGAR(pnetinfo->gw);
    setSUBR(pnetinfo->sn);
    setSIPR(pnetinfo->ip);
    memcpy(net_dns, pnetinfo->dns, 4);
    net_dhcp = pnetinfo->dhcp;
}

void wizchip_getnetinfo(wiz_NetInfo *pnetinfo)
{
    getSHAR(pnetinfo->mac);
    getGAR(pnetinfo->gw);
    getSUBR(pnetinfo->sn);
    getSIPR(pnetinfo->ip);
    memcpy(pnetinfo->dns, net_dns, 4);
    pnetinfo->dhcp = net_dhcp;
}

/* Sets the mode bits of MR (WOL, ping block, PPPoE, force ARP) to exactly `netmode`. */
int8_t wizchip_setnetmode(netmode_type netmode)
{
    const uint8_t modes = MR_WOL | MR_PB | MR_PPPOE | MR_FARP;
    if ((uint8_t)netmode & ~modes)
        return -1;
    setMR((getMR() & ~modes) | (uint8_t)netmode);
    return 0;
}

netmode_type wizchip_getnetmode(void)
{
    return (netmode_type)getMR();
}

void wizchip_settimeout(wiz_NetTimeout *nettime)
{
    setRCR(nettime->retry_cnt);
    setRTR(nettime->time_100us);
}

void wizchip_gettimeout(wiz_NetTimeout *nettime)
{
    nettime->retry_cnt = getRCR();
    nettime->time_100us = getRTR();
}

int8_t ctlwizchip(ctlwizchip_type cwtype, void *arg)
{
    switch (cwtype) {
    case CW_RESET_WIZCHIP:
        wizchip_sw_reset();
        return 0;
    case CW_INIT_WIZCHIP: {
        uint8_t *sizes = arg;        /* uint8_t[2][8]: TX sizes, then RX sizes */
        return wizchip_init(sizes, sizes ? sizes + _WIZCHIP_SOCK_NUM_ : NULL);
    }
    default:
        break;
    }
    if (arg == NULL && cwtype != CW_RESET_PHY)
        return -1;
    switch (cwtype) {
    case CW_GET_INTERRUPT:
        *(intr_kind *)arg = wizchip_getinterrupt();
        return 0;
    case CW_CLR_INTERRUPT:
        wizchip_clrinterrupt(*(intr_kind *)arg);
        return 0;
    case CW_SET_INTRMASK:
        wizchip_setinterruptmask(*(intr_kind *)arg);
        return 0;
    case CW_GET_INTRMASK:
        *(intr_kind *)arg = wizchip_getinterruptmask();
        return 0;
    case CW_SET_INTRTIME:
        setINTLEVEL(*(uint16_t *)arg);
        return 0;
    case CW_GET_INTRTIME:
        *(uint16_t *)arg = getINTLEVEL();
        return 0;
    case CW_GET_ID:
        memcpy(arg, WIZCHIP.id, 6);
        return 0;
    case CW_RESET_PHY:
        wizphy_reset();
        return 0;
    case CW_SET_PHYCONF:
        wizphy_setphyconf(arg);
        return 0;
    case CW_GET_PHYCONF:
        wizphy_getphyconf(arg);
        return 0;
    case CW_GET_PHYSTATUS:
        wizphy_getphystat(arg);
        return 0;
    case CW_SET_PHYPOWMODE:
        return wizphy_setphypmode(*(uint8_t *)arg);
    case CW_GET_PHYPOWMODE:
        *(uint8_t *)arg = (uint8_t)wizphy_getphypmode();
        return 0;
    case CW_GET_PHYLINK:
        *(uint8_t *)arg = (uint8_t)wizphy_getphylink();
        return 0;
    default:
        return -1;
    }
}

int8_t ctlnetwork(ctlnetwork_type cntype, void *arg)
{
    if (arg == NULL)
        return -1;
    switch (cntype) {
    case CN_SET_NETINFO:
        wizchip_setnetinfo(arg);
        return 0;
    case CN_GET_NETINFO:
        wizchip_getnetinfo(arg);
        return 0;
    case CN_SET_NETMODE:
        return wizchip_setnetmode(*(netmode_type *)arg);
    case CN_GET_NETMODE:
        *(netmode_type *)arg = wizchip_getnetmode();
        return 0;
    case CN_SET_TIMEOUT:
        wizchip_settimeout(arg);
        return 0;
    case CN_GET_TIMEOUT:
        wizchip_gettimeout(arg);
        return 0;
    default:
        return -1;
    }
}
