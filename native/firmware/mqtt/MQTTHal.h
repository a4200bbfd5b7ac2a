/*
 * MQTTHal.h — the MQTT client's platform layer for an STM32-style target: a Timer on
 * the HAL millisecond tick (HAL_GetTick) and a Network with read/write function pointers.
 *
 * mqttread / mqttwrite contract: transfer up to len bytes, waiting at most timeout_ms
 * (at least one attempt even when timeout_ms is 0). Return the number of bytes moved
 * (0 = nothing within the time), or a negative value when the connection is gone.
 */
#ifndef MQTTHAL_H
#define MQTTHAL_H

#include <stdint.h>

/* Provided by the HAL (host builds: app/hal_stub.c). */
uint32_t HAL_GetTick(void);

typedef struct Timer {
    uint32_t start_ms;
    uint32_t timeout_ms;
} Timer;

void TimerInit(Timer *timer);
char TimerIsExpired(Timer *timer);
void TimerCountdownMS(Timer *timer, unsigned int timeout_ms);
void TimerCountdown(Timer *timer, unsigned int timeout_s);
int TimerLeftMS(Timer *timer);

typedef struct Network Network;
struct Network {
    int (*mqttread)(Network *n, unsigned char *buf, int len, int timeout_ms);
    int (*mqttwrite)(Network *n, unsigned char *buf, int len, int timeout_ms);
    void *context;          /* the transport's own state (TLS session, socket number, ...) */
};

#endif /* MQTTHAL_H */
