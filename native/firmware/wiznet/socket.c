/*
 * socket.c — the ioLibrary socket API on W5500 socket registers and commands.
 * With NETSTEP_HOST, socket.h renames these functions to wiz_socket, wiz_close, ...
 */
#include <stddef.h>
#include "socket.h"

#define ANY_PORT_FIRST 0xC000              /* local ports picked for port 0 */
#define ANY_PORT_LAST  0xFFEF

static uint16_t any_port = ANY_PORT_FIRST;
static uint8_t nonblocking;                /* bit n: socket n in SOCK_IO_NONBLOCK mode */
static uint8_t sending;                    /* bit n: a SEND is on its way (SENDOK pending) */
static uint16_t remained[_WIZCHIP_SOCK_NUM_];   /* rest of the datagram being read */
static uint8_t packinfo[_WIZCHIP_SOCK_NUM_];

#define CHECK_SOCKNUM(sn) do { if ((sn) >= _WIZCHIP_SOCK_NUM_) return SOCKERR_SOCKNUM; } while (0)
#define PROTOCOL(sn)      (getSn_MR(sn) & 0x0F)
#define IS_NONBLOCK(sn)   (nonblocking & (1 << (sn)))

/* Gives a command and waits until the chip has taken it (Sn_CR back to 0). */
static void command(uint8_t sn, uint8_t cr)
{
    setSn_CR(sn, cr);
    while (getSn_CR(sn) != 0)
        ;
}

static int all_bytes(const uint8_t *ip, uint8_t value)
{
    return ip[0] == value && ip[1] == value && ip[2] == value && ip[3] == value;
}

int8_t socket(uint8_t sn, uint8_t protocol, uint16_t port, uint8_t flag)
{
    CHECK_SOCKNUM(sn);
    switch (protocol) {
    case Sn_MR_TCP: {
        uint8_t ip[4];
        getSIPR(ip);
        if (all_bytes(ip, 0))
            return SOCKERR_SOCKINIT;
        if (flag & ~(SF_TCP_NODELAY | SF_IO_NONBLOCK))
            return SOCKERR_SOCKFLAG;
        break;
    }
    case Sn_MR_UDP:
        /* IGMP version and unicast blocking only mean something for multicast */
        if ((flag & (SF_IGMP_VER2 | SF_UNI_BLOCK)) && !(flag & SF_MULTI_ENABLE))
            return SOCKERR_SOCKFLAG;
        break;
    case Sn_MR_MACRAW:
        if (sn != 0)
            return SOCKERR_SOCKNUM;
        break;
    case Sn_MR_IPRAW:
        break;
    default:
        return SOCKERR_SOCKMODE;
    }
    if (flag & 0x04)                       /* Sn_MR bit 2 is not an option */
        return SOCKERR_SOCKFLAG;

    close(sn);
    setSn_MR(sn, protocol | (flag & 0xF0));
    if (port == 0) {
        port = any_port;
        any_port = any_port == ANY_PORT_LAST ? ANY_PORT_FIRST : any_port + 1;
    }
    setSn_PORT(sn, port);
    command(sn, Sn_CR_OPEN);
    if (flag & SF_IO_NONBLOCK)
        nonblocking |= 1 << sn;
    else
        nonblocking &= ~(1 << sn);
    sending &= ~(1 << sn);
    remained[sn] = 0;
    packinfo[sn] = PACK_COMPLETED;
    while (getSn_SR(sn) == SOCK_CLOSED)
        ;
    return (int8_t)sn;
}

int8_t close(uint8_t sn)
{
    CHECK_SOCKNUM(sn);
    command(sn, Sn_CR_CLOSE);
    setSn_IR(sn, 0xFF);                    /* clear all interrupts of the socket */
    nonblocking &= ~(1 << sn);
    sending &= ~(1 << sn);
    remained[sn] = 0;
    packinfo[sn] = PACK_COMPLETED;
    while (getSn_SR(sn) != SOCK_CLOSED)
        ;
    return SOCK_OK;
}

int8_t listen(uint8_t sn)
{
    CHECK_SOCKNUM(sn);
    if (PROTOCOL(sn) != Sn_MR_TCP)
        return SOCKERR_SOCKMODE;
    if (getSn_SR(sn) != SOCK_INIT)
        return SOCKERR_SOCKINIT;
    command(sn, Sn_CR_LISTEN);
    if (getSn_SR(sn) != SOCK_LISTEN) {
        close(sn);
        return SOCKERR_SOCKCLOSED;
    }
    return SOCK_OK;
}

int8_t connect(uint8_t sn, uint8_t *addr, uint16_t port)
{
    CHECK_SOCKNUM(sn);
    if (PROTOCOL(sn) != Sn_MR_TCP)
        return SOCKERR_SOCKMODE;
    if (addr == NULL || all_bytes(addr, 0) || all_bytes(addr, 0xFF))
        return SOCKERR_IPINVALID;
    if (port == 0)
        return SOCKERR_PORTZERO;
    if (getSn_SR(sn) != SOCK_INIT)
        return SOCKERR_SOCKINIT;
    setSn_DIPR(sn, addr);
    setSn_DPORT(sn, port);
    command(sn, Sn_CR_CONNECT);
    if (IS_NONBLOCK(sn))
        return SOCK_BUSY;
    for (;;) {
        uint8_t sr = getSn_SR(sn);
        if (sr == SOCK_ESTABLISHED)
            return SOCK_OK;
        if (getSn_IR(sn) & Sn_IR_TIMEOUT) {
            setSn_IR(sn, Sn_IR_TIMEOUT);
            return SOCKERR_TIMEOUT;
        }
        if (sr == SOCK_CLOSED)             /* refused (RST) */
            return SOCKERR_SOCKCLOSED;
    }
}

int8_t disconnect(uint8_t sn)
{
    CHECK_SOCKNUM(sn);
    if (PROTOCOL(sn) != Sn_MR_TCP)
        return SOCKERR_SOCKMODE;
    command(sn, Sn_CR_DISCON);
    sending &= ~(1 << sn);
    if (IS_NONBLOCK(sn))
        return SOCK_BUSY;
    while (getSn_SR(sn) != SOCK_CLOSED) {
        if (getSn_IR(sn) & Sn_IR_TIMEOUT) {
            close(sn);
            return SOCKERR_TIMEOUT;
        }
    }
    return SOCK_OK;
}

/*
 * The previous SEND must be complete (Sn_IR SENDOK) before the next: blocking mode waits
 * for it, non-blocking mode returns SOCK_BUSY. A TIMEOUT closes the socket.
 */
static int32_t previous_send_done(uint8_t sn)
{
    while (sending & (1 << sn)) {
        uint8_t ir = getSn_IR(sn);
        if (ir & Sn_IR_SENDOK) {
            setSn_IR(sn, Sn_IR_SENDOK);
            sending &= ~(1 << sn);
        } else if (ir & Sn_IR_TIMEOUT) {
            close(sn);
            return SOCKERR_TIMEOUT;
        } else if (getSn_TX_FSR(sn) == getSn_TxMAX(sn)) {
            /* all acknowledged although SENDOK is not set (an ISR cleared Sn_IR): done too */
            setSn_IR(sn, Sn_IR_SENDOK);
            sending &= ~(1 << sn);
        } else if (IS_NONBLOCK(sn)) {
            return SOCK_BUSY;
        } else if (getSn_SR(sn) == SOCK_CLOSED) {
            close(sn);
            return SOCKERR_SOCKCLOSED;
        }
    }
    return SOCK_OK;
}

int32_t send(uint8_t sn, uint8_t *buf, uint16_t len)
{
    CHECK_SOCKNUM(sn);
    if (PROTOCOL(sn) != Sn_MR_TCP)
        return SOCKERR_SOCKMODE;
    if (len == 0)
        return SOCKERR_DATALEN;
    uint8_t sr = getSn_SR(sn);
    if (sr != SOCK_ESTABLISHED && sr != SOCK_CLOSE_WAIT)
        return SOCKERR_SOCKSTATUS;
    int32_t r = previous_send_done(sn);
    if (r != SOCK_OK)
        return r;
    uint16_t max = getSn_TxMAX(sn);
    if (len > max)
        len = max;                          /* the rest is the caller's to send again */
    for (;;) {
        uint16_t space = getSn_TX_FSR(sn);
        sr = getSn_SR(sn);
        if (sr != SOCK_ESTABLISHED && sr != SOCK_CLOSE_WAIT) {
            close(sn);
            return SOCKERR_SOCKSTATUS;
        }
        if (len <= space)
            break;
        if (IS_NONBLOCK(sn))
            return SOCK_BUSY;
    }
    wiz_send_data(sn, buf, len);
    command(sn, Sn_CR_SEND);
    sending |= 1 << sn;
    return len;
}

int32_t recv(uint8_t sn, uint8_t *buf, uint16_t len)
{
    CHECK_SOCKNUM(sn);
    if (PROTOCOL(sn) != Sn_MR_TCP)
        return SOCKERR_SOCKMODE;
    if (len == 0)
        return SOCKERR_DATALEN;
    uint16_t max = getSn_RxMAX(sn);
    if (len > max)
        len = max;
    uint16_t size;
    for (;;) {
        size = getSn_RX_RSR(sn);
        uint8_t sr = getSn_SR(sn);
        if (sr != SOCK_ESTABLISHED) {
            if (sr == SOCK_CLOSE_WAIT && size != 0)
                break;                      /* the peer closed: deliver what is left first */
            if (sr == SOCK_CLOSE_WAIT && getSn_TX_FSR(sn) != getSn_TxMAX(sn)) {
                if (IS_NONBLOCK(sn))        /* our data is still going out: wait, then close */
                    return SOCK_BUSY;
                continue;
            }
            close(sn);
            return SOCKERR_SOCKSTATUS;
        }
        if (size != 0)
            break;
        if (IS_NONBLOCK(sn))
            return SOCK_BUSY;
    }
    if (len > size)
        len = size;
    wiz_recv_data(sn, buf, len);
    command(sn, Sn_CR_RECV);
    return len;
}

int32_t sendto(uint8_t sn, uint8_t *buf, uint16_t len, uint8_t *addr, uint16_t port)
{
    CHECK_SOCKNUM(sn);
    uint8_t protocol = PROTOCOL(sn);
    if (protocol != Sn_MR_UDP && protocol != Sn_MR_MACRAW && protocol != Sn_MR_IPRAW)
        return SOCKERR_SOCKMODE;
    if (len == 0)
        return SOCKERR_DATALEN;
    if (protocol != Sn_MR_MACRAW) {
        if (addr == NULL || all_bytes(addr, 0))
            return SOCKERR_IPINVALID;
        if (protocol == Sn_MR_UDP && port == 0)
            return SOCKERR_PORTZERO;
    }
    uint8_t sr = getSn_SR(sn);
    if (sr != SOCK_UDP && sr != SOCK_MACRAW && sr != SOCK_IPRAW)
        return SOCKERR_SOCKSTATUS;
    if (protocol != Sn_MR_MACRAW) {
        setSn_DIPR(sn, addr);
        setSn_DPORT(sn, port);
    }
    uint16_t max = getSn_TxMAX(sn);
    if (len > max)
        len = max;
    for (;;) {
        uint16_t space = getSn_TX_FSR(sn);
        if (getSn_SR(sn) == SOCK_CLOSED)
            return SOCKERR_SOCKCLOSED;
        if (len <= space)
            break;
        if (IS_NONBLOCK(sn))
            return SOCK_BUSY;
    }
    wiz_send_data(sn, buf, len);
    command(sn, Sn_CR_SEND);
    /* A datagram goes out at once (or fails ARP): wait for the outcome in both modes. */
    for (;;) {
        uint8_t ir = getSn_IR(sn);
        if (ir & Sn_IR_SENDOK) {
            setSn_IR(sn, Sn_IR_SENDOK);
            return len;
        }
        if (ir & Sn_IR_TIMEOUT) {
            setSn_IR(sn, Sn_IR_TIMEOUT);
            return SOCKERR_TIMEOUT;
        }
        if (getSn_SR(sn) == SOCK_CLOSED)
            return SOCKERR_SOCKCLOSED;
    }
}

/*
 * Datagrams sit in the RX buffer behind a header: UDP 8 bytes (source IP, port, length),
 * IPRAW 6 (IP, length), MACRAW 2 (frame length including these 2). A datagram longer than
 * len is handed out over several calls (SO_PACKINFO = PACK_REMAINED); addr/port are set on
 * the first.
 */
int32_t recvfrom(uint8_t sn, uint8_t *buf, uint16_t len, uint8_t *addr, uint16_t *port)
{
    CHECK_SOCKNUM(sn);
    uint8_t protocol = PROTOCOL(sn);
    if (protocol != Sn_MR_UDP && protocol != Sn_MR_MACRAW && protocol != Sn_MR_IPRAW)
        return SOCKERR_SOCKMODE;
    if (len == 0)
        return SOCKERR_DATALEN;
    if (remained[sn] == 0) {
        for (;;) {
            uint16_t size = getSn_RX_RSR(sn);
            if (getSn_SR(sn) == SOCK_CLOSED)
                return SOCKERR_SOCKCLOSED;
            if (size != 0)
                break;
            if (IS_NONBLOCK(sn))
                return SOCK_BUSY;
        }
        uint8_t head[8];
        switch (protocol) {
        case Sn_MR_UDP:
            wiz_recv_data(sn, head, 8);
            command(sn, Sn_CR_RECV);
            if (addr)
                for (int i = 0; i < 4; i++)
                    addr[i] = head[i];
            if (port)
                *port = (uint16_t)(head[4] << 8 | head[5]);
            remained[sn] = (uint16_t)(head[6] << 8 | head[7]);
            break;
        case Sn_MR_IPRAW:
            wiz_recv_data(sn, head, 6);
            command(sn, Sn_CR_RECV);
            if (addr)
                for (int i = 0; i < 4; i++)
                    addr[i] = head[i];
            remained[sn] = (uint16_t)(head[4] << 8 | head[5]);
            break;
        default:
            wiz_recv_data(sn, head, 2);
            command(sn, Sn_CR_RECV);
            remained[sn] = (uint16_t)((head[0] << 8 | head[1]) - 2);
            if (remained[sn] > 1514) {       /* a corrupt length would wedge the buffer */
                close(sn);
                return SOCKFATAL_PACKLEN;
            }
            break;
        }
        packinfo[sn] = PACK_FIRST;
    }
    uint16_t n = len < remained[sn] ? len : remained[sn];
    wiz_recv_data(sn, buf, n);
    command(sn, Sn_CR_RECV);
    remained[sn] -= n;
    packinfo[sn] = remained[sn] ? (uint8_t)(packinfo[sn] | PACK_REMAINED) : PACK_COMPLETED;
    return n;
}

int8_t ctlsocket(uint8_t sn, ctlsock_type cstype, void *arg)
{
    CHECK_SOCKNUM(sn);
    if (arg == NULL)
        return SOCKERR_ARG;
    uint8_t v = *(uint8_t *)arg;
    switch (cstype) {
    case CS_SET_IOMODE:
        if (v == SOCK_IO_NONBLOCK)
            nonblocking |= 1 << sn;
        else if (v == SOCK_IO_BLOCK)
            nonblocking &= ~(1 << sn);
        else
            return SOCKERR_ARG;
        return SOCK_OK;
    case CS_GET_IOMODE:
        *(uint8_t *)arg = IS_NONBLOCK(sn) ? SOCK_IO_NONBLOCK : SOCK_IO_BLOCK;
        return SOCK_OK;
    case CS_GET_MAXTXBUF:
        *(uint16_t *)arg = getSn_TxMAX(sn);
        return SOCK_OK;
    case CS_GET_MAXRXBUF:
        *(uint16_t *)arg = getSn_RxMAX(sn);
        return SOCK_OK;
    case CS_CLR_INTERRUPT:
        if (v > SIK_ALL)
            return SOCKERR_ARG;
        setSn_IR(sn, v);
        return SOCK_OK;
    case CS_GET_INTERRUPT:
        *(uint8_t *)arg = getSn_IR(sn) & SIK_ALL;
        return SOCK_OK;
    case CS_SET_INTMASK:
        if (v > SIK_ALL)
            return SOCKERR_ARG;
        setSn_IMR(sn, v);
        return SOCK_OK;
    case CS_GET_INTMASK:
        *(uint8_t *)arg = getSn_IMR(sn) & SIK_ALL;
        return SOCK_OK;
    default:
        return SOCKERR_ARG;
    }
}

int8_t setsockopt(uint8_t sn, sockopt_type sotype, void *arg)
{
    CHECK_SOCKNUM(sn);
    if (arg == NULL && sotype != SO_KEEPALIVESEND)
        return SOCKERR_ARG;
    switch (sotype) {
    case SO_TTL:
        setSn_TTL(sn, *(uint8_t *)arg);
        return SOCK_OK;
    case SO_TOS:
        setSn_TOS(sn, *(uint8_t *)arg);
        return SOCK_OK;
    case SO_MSS:
        setSn_MSSR(sn, *(uint16_t *)arg);
        return SOCK_OK;
    case SO_DESTIP:
        setSn_DIPR(sn, (uint8_t *)arg);
        return SOCK_OK;
    case SO_DESTPORT:
        setSn_DPORT(sn, *(uint16_t *)arg);
        return SOCK_OK;
    case SO_KEEPALIVESEND:
        if (PROTOCOL(sn) != Sn_MR_TCP)
            return SOCKERR_SOCKMODE;
        if (getSn_KPALVTR(sn) != 0)         /* automatic keep-alive is on */
            return SOCKERR_SOCKOPT;
        setSn_CR(sn, Sn_CR_SEND_KEEP);
        while (getSn_CR(sn) != 0) {
            if (getSn_IR(sn) & Sn_IR_TIMEOUT) {
                setSn_IR(sn, Sn_IR_TIMEOUT);
                return SOCKERR_TIMEOUT;
            }
        }
        return SOCK_OK;
    case SO_KEEPALIVEAUTO:
        if (PROTOCOL(sn) != Sn_MR_TCP)
            return SOCKERR_SOCKMODE;
        setSn_KPALVTR(sn, *(uint8_t *)arg);
        return SOCK_OK;
    default:
        return SOCKERR_ARG;
    }
}

int8_t getsockopt(uint8_t sn, sockopt_type sotype, void *arg)
{
    CHECK_SOCKNUM(sn);
    if (arg == NULL)
        return SOCKERR_ARG;
    switch (sotype) {
    case SO_FLAG:
        *(uint8_t *)arg = (uint8_t)((getSn_MR(sn) & 0xF0) | (IS_NONBLOCK(sn) ? SF_IO_NONBLOCK : 0));
        return SOCK_OK;
    case SO_TTL:
        *(uint8_t *)arg = getSn_TTL(sn);
        return SOCK_OK;
    case SO_TOS:
        *(uint8_t *)arg = getSn_TOS(sn);
        return SOCK_OK;
    case SO_MSS:
        *(uint16_t *)arg = getSn_MSSR(sn);
        return SOCK_OK;
    case SO_DESTIP:
        getSn_DIPR(sn, (uint8_t *)arg);
        return SOCK_OK;
    case SO_DESTPORT:
        *(uint16_t *)arg = getSn_DPORT(sn);
        return SOCK_OK;
    case SO_KEEPALIVEAUTO:
        if (PROTOCOL(sn) != Sn_MR_TCP)
            return SOCKERR_SOCKMODE;
        *(uint8_t *)arg = getSn_KPALVTR(sn);
        return SOCK_OK;
    case SO_SENDBUF:
        *(uint16_t *)arg = getSn_TX_FSR(sn);
        return SOCK_OK;
    case SO_RECVBUF:
        *(uint16_t *)arg = getSn_RX_RSR(sn);
        return SOCK_OK;
    case SO_STATUS:
        *(uint8_t *)arg = getSn_SR(sn);
        return SOCK_OK;
    case SO_REMAINSIZE:
        *(uint16_t *)arg = PROTOCOL(sn) == Sn_MR_TCP ? getSn_RX_RSR(sn) : remained[sn];
        return SOCK_OK;
    case SO_PACKINFO:
        if (PROTOCOL(sn) == Sn_MR_TCP)
            return SOCKERR_SOCKMODE;
        *(uint8_t *)arg = packinfo[sn];
        return SOCK_OK;
    default:
        return SOCKERR_ARG;
    }
}
