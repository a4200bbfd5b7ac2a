/*
 * dhcp.h — DHCP client over a W5500 UDP socket (ioLibrary API).
 *
 * DHCP_init(socket, buffer) once, then call DHCP_run() from the main loop until it returns
 * DHCP_IP_ASSIGN / DHCP_IP_LEASED (or DHCP_FAILED), and keep calling it to renew the lease.
 * Time: call DHCP_time_handler() once per second, or register a millisecond clock with
 * reg_wizchip_millis_cbfunc() (NetStep extension). The buffer must hold DHCP_MSG_SIZE bytes.
 */
#ifndef _DHCP_H_
#define _DHCP_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MAX_DHCP_RETRY     2           /* resends before DHCP_FAILED */
#define DHCP_WAIT_TIME     10          /* seconds to wait for an answer */

#define DHCP_SERVER_PORT   67
#define DHCP_CLIENT_PORT   68

#define MAGIC_COOKIE       0x63825363
#define DCHP_HOST_NAME     "WIZnet\0"  /* ioLibrary's spelling; the MAC's last 3 bytes are appended */

#define DHCP_MSG_SIZE      548         /* BOOTP header (236) + options (312): the buffer's minimum */

/* DHCP_run() results */
enum {
    DHCP_FAILED = 0,     /* no answer after MAX_DHCP_RETRY resends, or NAK: starts over on the next call */
    DHCP_RUNNING,        /* in progress */
    DHCP_IP_ASSIGN,      /* the first lease: address set (ip_assign callback) */
    DHCP_IP_CHANGED,     /* a renewal gave another address (ip_update callback) */
    DHCP_IP_LEASED,      /* holding the lease */
    DHCP_STOPPED         /* DHCP_stop() was called */
};

void DHCP_init(uint8_t s, uint8_t *buf);
void DHCP_time_handler(void);
void DHCP_set_xid_entropy_hook(uint32_t (*entropy)(void));
/* Callbacks for a new, changed or conflicting address; NULL = the default (write SIPR/GAR/SUBR). */
void reg_dhcp_cbfunc(void (*ip_assign)(void), void (*ip_update)(void), void (*ip_conflict)(void));
uint8_t DHCP_run(void);
void DHCP_stop(void);

void getIPfromDHCP(uint8_t *ip);
void getGWfromDHCP(uint8_t *ip);
void getSNfromDHCP(uint8_t *ip);
void getDNSfromDHCP(uint8_t *ip);
uint32_t getDHCPLeasetime(void);   /* seconds */

#ifdef __cplusplus
}
#endif

#endif /* _DHCP_H_ */
