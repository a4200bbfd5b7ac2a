/*
 * MQTTClient.h — a small blocking MQTT 3.1.1 client with the paho.mqtt.embedded-c
 * MQTTClient-C API (MQTTClientInit, MQTTConnect, MQTTSubscribe, MQTTPublish, MQTTYield,
 * MQTTDisconnect, MQTTIsConnected), so firmware written against paho reads the same.
 * Own implementation. Single-threaded: call MQTTYield() often enough for the keepalive.
 */
#ifndef MQTTCLIENT_H
#define MQTTCLIENT_H

#include <stddef.h>

#include "MQTTHal.h"
#include "MQTTPacket.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef MAX_PACKET_ID
#define MAX_PACKET_ID 65535
#endif
#ifndef MAX_MESSAGE_HANDLERS
#define MAX_MESSAGE_HANDLERS 5
#endif

enum QoS { QOS0, QOS1, QOS2, SUBFAIL = 0x80 };

/* All API functions return one of these (MQTTConnect: or a refused CONNACK return code). */
enum returnCode { BUFFER_OVERFLOW = -2, FAILURE = -1, SUCCESS = 0 };

typedef struct MQTTMessage {
    enum QoS qos;
    unsigned char retained;
    unsigned char dup;
    unsigned short id;
    void *payload;
    size_t payloadlen;
} MQTTMessage;

typedef struct MessageData {
    MQTTMessage *message;
    MQTTString *topicName;
} MessageData;

typedef struct MQTTConnackData {
    unsigned char rc;               /* CONNACK return code; 255 = no valid CONNACK */
    unsigned char sessionPresent;
} MQTTConnackData;

typedef struct MQTTSubackData {
    enum QoS grantedQoS;
} MQTTSubackData;

typedef void (*messageHandler)(MessageData *);

typedef struct MQTTClient {
    unsigned int next_packetid;
    unsigned int command_timeout_ms;
    size_t buf_size, readbuf_size;
    unsigned char *buf;
    unsigned char *readbuf;
    unsigned int keepAliveInterval;     /* seconds */
    char ping_outstanding;
    int isconnected;
    int cleansession;

    struct MessageHandlers {
        const char *topicFilter;
        void (*fp)(MessageData *);
    } messageHandlers[MAX_MESSAGE_HANDLERS];

    void (*defaultMessageHandler)(MessageData *);

    Network *ipstack;
    Timer last_sent, last_received;
    Timer pingresp_timer;               /* PINGRESP due before this expires */
} MQTTClient;

#define DefaultClient {0, 0, 0, 0, NULL, NULL, 0, 0, 0}

void MQTTClientInit(MQTTClient *client, Network *network, unsigned int command_timeout_ms,
                    unsigned char *sendbuf, size_t sendbuf_size,
                    unsigned char *readbuf, size_t readbuf_size);

/* CONNECT, then wait for CONNACK. SUCCESS, FAILURE (no valid CONNACK in time), or the
 * refusing CONNACK return code (1..5). */
int MQTTConnectWithResults(MQTTClient *client, MQTTPacket_connectData *options,
                           MQTTConnackData *data);
int MQTTConnect(MQTTClient *client, MQTTPacket_connectData *options);

/* QoS 0: returns once sent; QoS 1: after PUBACK; QoS 2: after PUBCOMP. */
int MQTTPublish(MQTTClient *client, const char *topicName, MQTTMessage *message);

int MQTTSetMessageHandler(MQTTClient *client, const char *topicFilter, messageHandler handler);
int MQTTSubscribeWithResults(MQTTClient *client, const char *topicFilter, enum QoS qos,
                             messageHandler handler, MQTTSubackData *data);
int MQTTSubscribe(MQTTClient *client, const char *topicFilter, enum QoS qos,
                  messageHandler handler);
int MQTTUnsubscribe(MQTTClient *client, const char *topicFilter);
int MQTTDisconnect(MQTTClient *client);

/* Reads and dispatches incoming packets and keeps the connection alive for timeout_ms. */
int MQTTYield(MQTTClient *client, int timeout_ms);

int MQTTIsConnected(MQTTClient *client);

#ifdef __cplusplus
}
#endif

#endif /* MQTTCLIENT_H */
