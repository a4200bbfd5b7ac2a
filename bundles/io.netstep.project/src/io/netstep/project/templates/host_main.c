/*
 * host_main.c — the host build's main (NetStep "Host" configuration): the same networking
 * code as on the board, run against NetStep's virtual W5500. Generated for @@PROJECT@@.
 *
 * Starts, publishes once, waits up to NETSTEP_HOST_WAIT_MS for messages on the subscribed
 * topics (its own publish comes back when the topic is subscribed), then disconnects.
 * Exit: 0 when at least one message came back, 2 on a network/TLS/MQTT failure, 3 when
 * nothing arrived in time.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "mqtt_app.h"
#include "netstep_app_config.h"
#include "netstep_shim.h"

/* The two HAL calls the networking code uses, on NetStep's virtual clock (frozen while
 * the NetStep session is paused). */
uint32_t HAL_GetTick(void)
{
    return netstep_millis();
}

void HAL_Delay(uint32_t ms)
{
    static const struct timespec pace = { 0, 200000 };
    uint32_t start = HAL_GetTick();
    while (HAL_GetTick() - start < ms)
        nanosleep(&pace, NULL);
}

int main(void)
{
    uint32_t start;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (mqtt_app_start() != 0) {
        mqtt_app_stop();
        return 2;
    }
    start = HAL_GetTick();
    while (mqtt_app_received() == 0 && HAL_GetTick() - start < NETSTEP_HOST_WAIT_MS) {
        if (mqtt_app_poll(100) != 0) {
            mqtt_app_stop();
            return 2;
        }
    }
    mqtt_app_stop();
    if (mqtt_app_received() == 0) {
        printf("FAIL mqtt-wait: no message within %u ms\n", (unsigned)NETSTEP_HOST_WAIT_MS);
        return 3;
    }
    return 0;
}
