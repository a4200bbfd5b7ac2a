/*
 * hal_stub.h — the two STM32 HAL calls the networking code uses, for host builds.
 * netstep builds: HAL_GetTick() is the virtual chip's clock (netstep_millis()), so
 * every timeout stops while the session is paused. POSIX build: CLOCK_MONOTONIC.
 */
#ifndef HAL_STUB_H
#define HAL_STUB_H

#include <stdint.h>

uint32_t HAL_GetTick(void);
void HAL_Delay(uint32_t ms);

#endif /* HAL_STUB_H */
