/* Internal: the optional millisecond clock (reg_wizchip_millis_cbfunc) for DHCP and DNS. */
#ifndef WIZ_CLOCK_H
#define WIZ_CLOCK_H

#include <stdint.h>

int wizchip_has_clock(void);
uint32_t wizchip_clock_ms(void);                  /* 0 without a clock */
unsigned wizchip_elapsed_seconds(uint32_t *mark); /* whole seconds since *mark, which advances */

#endif
