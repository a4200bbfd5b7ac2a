/*
 * socket.h — the WIZnet socket API (ioLibrary names, arguments and return codes) over the W5500.
 *
 * Host builds (NETSTEP_HOST defined): ioLibrary names its functions socket, connect, send,
 * recv, close, ... like libc. Defined under those names in a host program they would replace
 * libc's for the WHOLE process (e.g. wolfSSL's close() of /dev/urandom would land here).
 * So with NETSTEP_HOST the names below are macros for wiz_-prefixed functions: code written
 * for ioLibrary compiles unchanged, libc keeps its own socket(), close(), ... A file that
 * includes this header must then not use the POSIX socket functions itself.
 * Without NETSTEP_HOST (target builds) the plain names are defined, as in ioLibrary.
 */
#ifndef _SOCKET_H_
#define _SOCKET_H_

#ifdef NETSTEP_HOST
/* libc's declarations are read first, under their own names and before the register macros;
 * including these headers again later (e.g. from a TLS library's headers) is then harmless. */
#include <sys/socket.h>
#include <unistd.h>
#endif
#include "wizchip_conf.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef NETSTEP_HOST
#define socket      wiz_socket
#define close       wiz_close
#define listen      wiz_listen
#define connect     wiz_connect
#define disconnect  wiz_disconnect
#define send        wiz_send
#define recv        wiz_recv
#define sendto      wiz_sendto
#define recvfrom    wiz_recvfrom
#define ctlsocket   wiz_ctlsocket
#define setsockopt  wiz_setsockopt
#define getsockopt  wiz_getsockopt
#endif

#define SOCKET                uint8_t

#define SOCK_OK               1
#define SOCK_BUSY             0
#define SOCK_FATAL            -1000

#define SOCK_ERROR            0
#define SOCKERR_SOCKNUM       (SOCK_ERROR - 1)    /* invalid socket number */
#define SOCKERR_SOCKOPT       (SOCK_ERROR - 2)    /* invalid socket option */
#define SOCKERR_SOCKINIT      (SOCK_ERROR - 3)    /* socket not initialized, or SIPR 0.0.0.0 for TCP */
#define SOCKERR_SOCKCLOSED    (SOCK_ERROR - 4)    /* socket closed unexpectedly */
#define SOCKERR_SOCKMODE      (SOCK_ERROR - 5)    /* operation not valid in this socket mode */
#define SOCKERR_SOCKFLAG      (SOCK_ERROR - 6)    /* invalid socket flag */
#define SOCKERR_SOCKSTATUS    (SOCK_ERROR - 7)    /* operation not valid in this socket state */
#define SOCKERR_ARG           (SOCK_ERROR - 10)   /* invalid argument */
#define SOCKERR_PORTZERO      (SOCK_ERROR - 11)   /* port 0 */
#define SOCKERR_IPINVALID     (SOCK_ERROR - 12)   /* address 0.0.0.0 or 255.255.255.255 */
#define SOCKERR_TIMEOUT       (SOCK_ERROR - 13)   /* Sn_IR TIMEOUT: RTR x (RCR + 1) passed */
#define SOCKERR_DATALEN       (SOCK_ERROR - 14)   /* zero length or larger than the buffer */
#define SOCKERR_BUFFER        (SOCK_ERROR - 15)   /* buffer too small */

#define SOCKFATAL_PACKLEN     (SOCK_FATAL - 1)

/* Socket flags for socket() */
#define SF_ETHER_OWN          (Sn_MR_MFEN)
#define SF_IGMP_VER2          (Sn_MR_MC)
#define SF_TCP_NODELAY        (Sn_MR_ND)
#define SF_MULTI_ENABLE       (Sn_MR_MULTI)
#define SF_BROAD_BLOCK        (Sn_MR_BCASTB)
#define SF_MULTI_BLOCK        (Sn_MR_MMB)
#define SF_IPv6_BLOCK         (Sn_MR_MIP6B)
#define SF_UNI_BLOCK          (Sn_MR_UCASTB)
#define SF_IO_NONBLOCK        0x01

/* Datagram reception state (getsockopt SO_PACKINFO) */
#define PACK_FIRST            0x80
#define PACK_REMAINED         0x01
#define PACK_COMPLETED        0x00

/*
 * Blocking mode (default): connect() waits for ESTABLISHED or Sn_IR TIMEOUT; send() waits
 * for TX space and for the previous SEND to complete; recv()/recvfrom() wait for data.
 * Non-blocking (SF_IO_NONBLOCK or CS_SET_IOMODE): they return SOCK_BUSY instead of waiting.
 */
int8_t socket(uint8_t sn, uint8_t protocol, uint16_t port, uint8_t flag);  /* sn or SOCKERR_* */
int8_t close(uint8_t sn);
int8_t listen(uint8_t sn);
int8_t connect(uint8_t sn, uint8_t *addr, uint16_t port);
int8_t disconnect(uint8_t sn);
int32_t send(uint8_t sn, uint8_t *buf, uint16_t len);       /* bytes taken, SOCK_BUSY or SOCKERR_* */
int32_t recv(uint8_t sn, uint8_t *buf, uint16_t len);       /* bytes read, SOCK_BUSY or SOCKERR_* */
int32_t sendto(uint8_t sn, uint8_t *buf, uint16_t len, uint8_t *addr, uint16_t port);
int32_t recvfrom(uint8_t sn, uint8_t *buf, uint16_t len, uint8_t *addr, uint16_t *port);

#define SOCK_IO_BLOCK         0
#define SOCK_IO_NONBLOCK      1

typedef enum {
    SIK_CONNECTED    = (1 << 0),
    SIK_DISCONNECTED = (1 << 1),
    SIK_RECEIVED     = (1 << 2),
    SIK_TIMEOUT      = (1 << 3),
    SIK_SENT         = (1 << 4),
    SIK_ALL          = 0x1F
} sockint_kind;

typedef enum {
    CS_SET_IOMODE,      /* uint8_t: SOCK_IO_BLOCK / SOCK_IO_NONBLOCK */
    CS_GET_IOMODE,      /* uint8_t */
    CS_GET_MAXTXBUF,    /* uint16_t */
    CS_GET_MAXRXBUF,    /* uint16_t */
    CS_CLR_INTERRUPT,   /* sockint_kind */
    CS_GET_INTERRUPT,   /* sockint_kind */
    CS_SET_INTMASK,     /* sockint_kind */
    CS_GET_INTMASK      /* sockint_kind */
} ctlsock_type;

typedef enum {
    SO_FLAG,            /* get: uint8_t */
    SO_TTL,             /* uint8_t, Sn_TTL */
    SO_TOS,             /* uint8_t, Sn_TOS */
    SO_MSS,             /* uint16_t, Sn_MSSR */
    SO_DESTIP,          /* uint8_t[4], Sn_DIPR */
    SO_DESTPORT,        /* uint16_t, Sn_DPORT */
    SO_KEEPALIVESEND,   /* set only: Sn_CR SEND_KEEP */
    SO_KEEPALIVEAUTO,   /* uint8_t, Sn_KPALVTR */
    SO_SENDBUF,         /* get: uint16_t, Sn_TX_FSR */
    SO_RECVBUF,         /* get: uint16_t, Sn_RX_RSR */
    SO_STATUS,          /* get: uint8_t, Sn_SR */
    SO_REMAINSIZE,      /* get: uint16_t, rest of the datagram (TCP: Sn_RX_RSR) */
    SO_PACKINFO         /* get: uint8_t, PACK_* */
} sockopt_type;

/* SOCK_OK or SOCKERR_* */
int8_t ctlsocket(uint8_t sn, ctlsock_type cstype, void *arg);
int8_t setsockopt(uint8_t sn, sockopt_type sotype, void *arg);
int8_t getsockopt(uint8_t sn, sockopt_type sotype, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _SOCKET_H_ */
