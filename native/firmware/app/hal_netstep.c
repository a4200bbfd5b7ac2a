/*
 * hal_netstep.c — HAL_GetTick / HAL_Delay on the NetStep virtual clock.
 */
#define _POSIX_C_SOURCE 199309L
#include "hal_stub.h"

#include <time.h>

#include "netstep_shim.h"

uint32_t HAL_GetTick(void)
{
    return netstep_millis();
}

void HAL_Delay(uint32_t ms)
{
    /* Each HAL_GetTick() is a round trip to the target; sleep a little in between so
     * the wait does not keep a host core busy. */
    static const struct timespec pace = { 0, 200000 };
    uint32_t start = HAL_GetTick();
    while (HAL_GetTick() - start < ms)
        nanosleep(&pace, NULL);
}
