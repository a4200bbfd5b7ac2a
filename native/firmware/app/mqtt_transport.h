/*
 * mqtt_transport.h — Network for the MQTT client over TLS (or the bare connection).
 */
#ifndef MQTT_TRANSPORT_H
#define MQTT_TRANSPORT_H

#include "MQTTClient.h"
#include "app_config.h"

void mqtt_transport_init(Network *n, const app_config *cfg);

/* What went wrong below MQTT last ("" if nothing), e.g. "TLS read returned -0x7280 (...)". */
const char *mqtt_transport_error(void);

#endif /* MQTT_TRANSPORT_H */
