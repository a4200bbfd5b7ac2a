/*
 * MQTTHal.c — Timer on the HAL millisecond tick. Unsigned arithmetic keeps it right
 * across the 32-bit tick wrap (every 49.7 days).
 */
#include "MQTTHal.h"

void TimerInit(Timer *timer)
{
    timer->start_ms = HAL_GetTick();
    timer->timeout_ms = 0;
}

void TimerCountdownMS(Timer *timer, unsigned int timeout_ms)
{
    timer->start_ms = HAL_GetTick();
    timer->timeout_ms = timeout_ms;
}

void TimerCountdown(Timer *timer, unsigned int timeout_s)
{
    TimerCountdownMS(timer, timeout_s * 1000u);
}

int TimerLeftMS(Timer *timer)
{
    uint32_t elapsed = HAL_GetTick() - timer->start_ms;
    return elapsed >= timer->timeout_ms ? 0 : (int)(timer->timeout_ms - elapsed);
}

char TimerIsExpired(Timer *timer)
{
    return TimerLeftMS(timer) == 0;
}
