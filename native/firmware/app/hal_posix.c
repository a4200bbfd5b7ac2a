/*
 * hal_posix.c — HAL_GetTick / HAL_Delay on CLOCK_MONOTONIC (POSIX benchmark build).
 */
#define _POSIX_C_SOURCE 199309L
#include "hal_stub.h"

#include <time.h>

uint32_t HAL_GetTick(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

void HAL_Delay(uint32_t ms)
{
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    nanosleep(&ts, NULL);
}
