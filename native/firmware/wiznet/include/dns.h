/*
 * dns.h — DNS client (A record) over a W5500 UDP socket (ioLibrary API).
 *
 * DNS_init(socket, buffer of MAX_DNS_BUF_SIZE bytes), then DNS_run(server, name, ip), which
 * blocks until an answer or MAX_DNS_RETRY resends of DNS_WAIT_TIME seconds each. Time: a
 * timer calling DNS_time_handler() once per second, or (single-threaded host programs) a
 * millisecond clock registered with reg_wizchip_millis_cbfunc() (NetStep extension).
 */
#ifndef _DNS_H_
#define _DNS_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MAX_DNS_BUF_SIZE   256      /* answer bytes kept; the rest of a longer answer is skipped */
#define MAX_DOMAIN_NAME    128      /* longest name + 1 */
#define MAX_DNS_RETRY      2        /* resends after the first query */
#define DNS_WAIT_TIME      3        /* seconds per try */
#define IPPORT_DOMAIN      53
#define DNS_MSG_ID         0x1122   /* first query ID; later queries count up */

void DNS_init(uint8_t s, uint8_t *buf);
/* 1 = resolved (ip_from_dns set), 0 = no answer / error answer / no A record, -1 = name too long. */
int8_t DNS_run(uint8_t *dns_ip, uint8_t *name, uint8_t *ip_from_dns);
void DNS_time_handler(void);

#ifdef __cplusplus
}
#endif

#endif /* _DNS_H_ */
