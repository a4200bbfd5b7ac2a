/*
 * MQTTClient.c — blocking MQTT 3.1.1 client (paho embedded-c MQTTClient-C API).
 *
 * Reading follows the embedded pattern users know from paho: one byte for the packet
 * type, then the Remaining Length one byte at a time, then the rest in one read. Every
 * read goes through Network.mqttread, so whatever the transport glue does (TLS, W5500
 * polling) decides what the client sees.
 */
#include "MQTTClient.h"

#include <string.h>

static void closeSession(MQTTClient *c)
{
    c->ping_outstanding = 0;
    c->isconnected = 0;
}

static unsigned short getNextPacketId(MQTTClient *c)
{
    c->next_packetid = (c->next_packetid == MAX_PACKET_ID) ? 1 : c->next_packetid + 1;
    return (unsigned short)c->next_packetid;
}

void MQTTClientInit(MQTTClient *c, Network *network, unsigned int command_timeout_ms,
                    unsigned char *sendbuf, size_t sendbuf_size,
                    unsigned char *readbuf, size_t readbuf_size)
{
    memset(c, 0, sizeof(*c));
    c->ipstack = network;
    c->command_timeout_ms = command_timeout_ms;
    c->buf = sendbuf;
    c->buf_size = sendbuf_size;
    c->readbuf = readbuf;
    c->readbuf_size = readbuf_size;
    c->next_packetid = 1;
    TimerInit(&c->last_sent);
    TimerInit(&c->last_received);
    TimerInit(&c->pingresp_timer);
}

/* Writes c->buf[0..length) completely or fails. */
static int sendPacket(MQTTClient *c, int length, Timer *timer)
{
    int sent = 0;
    while (sent < length) {
        int rc = c->ipstack->mqttwrite(c->ipstack, &c->buf[sent], length - sent, TimerLeftMS(timer));
        if (rc < 0)
            return FAILURE;
        sent += rc;
        if (sent < length && TimerIsExpired(timer))
            return FAILURE;
    }
    TimerCountdown(&c->last_sent, c->keepAliveInterval);
    return SUCCESS;
}

/* Throws away n bytes of a packet that does not fit the read buffer. */
static int discard(MQTTClient *c, int n, Timer *timer)
{
    unsigned char scratch[64];
    while (n > 0) {
        int chunk = n < (int)sizeof(scratch) ? n : (int)sizeof(scratch);
        int rc = c->ipstack->mqttread(c->ipstack, scratch, chunk, TimerLeftMS(timer));
        if (rc <= 0)
            return FAILURE;
        n -= rc;
    }
    return SUCCESS;
}

/*
 * Reads one control packet into readbuf. Returns its type, 0 if nothing arrived before
 * the timer expired, FAILURE (connection lost or malformed), or BUFFER_OVERFLOW.
 */
static int readPacket(MQTTClient *c, Timer *timer)
{
    Network *n = c->ipstack;
    int len = 1, rem_len = 0, multiplier = 1, i, rc;
    unsigned char b;
    Timer rest;

    rc = n->mqttread(n, c->readbuf, 1, TimerLeftMS(timer));
    if (rc == 0)
        return 0;
    if (rc != 1)
        return FAILURE;

    /* Once a packet has started, its remaining bytes get a full command timeout:
     * giving up in the middle would desynchronise the stream. */
    TimerCountdownMS(&rest, c->command_timeout_ms);

    /* Remaining Length, one byte at a time (at most 4 bytes, spec 2.2.3). */
    for (i = 0;; i++) {
        if (i == 4)
            goto incomplete;
        rc = n->mqttread(n, &b, 1, TimerLeftMS(&rest));
        if (rc != 1)
            goto incomplete;
        if ((size_t)len < c->readbuf_size)
            c->readbuf[len] = b;
        len++;
        rem_len += (b & 127) * multiplier;
        multiplier *= 128;
        if ((b & 128) == 0)
            break;
    }

    if ((size_t)(len + rem_len) > c->readbuf_size) {
        c->readbuf[0] = 0;
        return discard(c, rem_len, &rest) == SUCCESS ? BUFFER_OVERFLOW : FAILURE;
    }

    if (rem_len > 0) {
        rc = n->mqttread(n, c->readbuf + len, rem_len, TimerLeftMS(&rest));
        if (rc != rem_len)
            goto incomplete;
    }

    TimerCountdown(&c->last_received, c->keepAliveInterval);
    return c->readbuf[0] >> 4;

incomplete:
    c->readbuf[0] = 0;      /* readbuf holds complete packets only */
    return FAILURE;
}

static void deliverMessage(MQTTClient *c, MQTTString *topicName, MQTTMessage *message)
{
    MessageData md;
    int i, delivered = 0;

    md.topicName = topicName;
    md.message = message;
    for (i = 0; i < MAX_MESSAGE_HANDLERS; i++) {
        if (c->messageHandlers[i].topicFilter != NULL && c->messageHandlers[i].fp != NULL &&
            MQTTTopicMatches(c->messageHandlers[i].topicFilter, topicName)) {
            c->messageHandlers[i].fp(&md);
            delivered = 1;
        }
    }
    if (!delivered && c->defaultMessageHandler != NULL)
        c->defaultMessageHandler(&md);
}

static int sendAck(MQTTClient *c, unsigned char type, unsigned short id)
{
    Timer timer;
    int len = MQTTSerialize_ack(c->buf, (int)c->buf_size, type, 0, id);
    if (len <= 0)
        return FAILURE;
    TimerCountdownMS(&timer, c->command_timeout_ms);
    return sendPacket(c, len, &timer);
}

/* Sends PINGREQ when nothing was sent or received for a keepalive interval; fails when
 * a PINGRESP did not come back within one keepalive interval. */
static int keepalive(MQTTClient *c)
{
    Timer timer;
    int len;

    if (c->keepAliveInterval == 0 || !c->isconnected)
        return SUCCESS;     /* no PINGREQ before the CONNACK */
    if (c->ping_outstanding)
        return TimerIsExpired(&c->pingresp_timer) ? FAILURE : SUCCESS;
    if (!TimerIsExpired(&c->last_sent) && !TimerIsExpired(&c->last_received))
        return SUCCESS;

    TimerCountdownMS(&timer, 1000);
    len = MQTTSerialize_pingreq(c->buf, (int)c->buf_size);
    if (len <= 0 || sendPacket(c, len, &timer) != SUCCESS)
        return FAILURE;
    c->ping_outstanding = 1;
    TimerCountdown(&c->pingresp_timer, c->keepAliveInterval);
    return SUCCESS;
}

/* Reads at most one packet, handles what the client must answer, keeps alive.
 * Returns the packet type read (0 = none), or FAILURE / BUFFER_OVERFLOW. */
static int cycle(MQTTClient *c, Timer *timer)
{
    int packet_type = readPacket(c, timer);
    int rc = SUCCESS;

    if (packet_type == FAILURE) {
        rc = FAILURE;
        goto exit;
    }

    switch (packet_type) {
    case BUFFER_OVERFLOW:
    case 0:
    case CONNACK:
    case PUBACK:
    case SUBACK:
    case UNSUBACK:
    case PUBCOMP:
        break;              /* the waiting API call looks at these */
    case PUBLISH: {
        MQTTString topicName = MQTTString_initializer;
        MQTTMessage msg;
        unsigned char *payload;
        int qos, payloadlen;
        if (MQTTDeserialize_publish(&msg.dup, &qos, &msg.retained, &msg.id, &topicName,
                                    &payload, &payloadlen, c->readbuf, (int)c->readbuf_size) != 1) {
            rc = FAILURE;
            break;
        }
        msg.qos = (enum QoS)qos;
        msg.payload = payload;
        msg.payloadlen = (size_t)payloadlen;
        deliverMessage(c, &topicName, &msg);
        if (msg.qos == QOS1)
            rc = sendAck(c, PUBACK, msg.id);
        else if (msg.qos == QOS2)
            rc = sendAck(c, PUBREC, msg.id);
        break;
    }
    case PUBREC:
    case PUBREL: {
        unsigned char type, dup;
        unsigned short id;
        if (MQTTDeserialize_ack(&type, &dup, &id, c->readbuf, (int)c->readbuf_size) != 1)
            rc = FAILURE;
        else
            rc = sendAck(c, packet_type == PUBREC ? PUBREL : PUBCOMP, id);
        break;
    }
    case PINGRESP:
        c->ping_outstanding = 0;
        break;
    default:
        rc = FAILURE;       /* a packet only a client may send */
        break;
    }

    if (rc == SUCCESS && keepalive(c) != SUCCESS)
        rc = FAILURE;

exit:
    if (rc == SUCCESS)
        return packet_type;
    if (rc == FAILURE)
        closeSession(c);
    return rc;
}

static int waitfor(MQTTClient *c, int packet_type, Timer *timer)
{
    int rc = FAILURE;
    do {
        if (TimerIsExpired(timer))
            break;
        rc = cycle(c, timer);
    } while (rc != packet_type && rc >= 0);
    return rc;
}

int MQTTYield(MQTTClient *c, int timeout_ms)
{
    Timer timer;
    TimerCountdownMS(&timer, (unsigned)(timeout_ms > 0 ? timeout_ms : 0));
    do {
        if (cycle(c, &timer) < 0)
            return FAILURE;
    } while (!TimerIsExpired(&timer));
    return SUCCESS;
}

int MQTTIsConnected(MQTTClient *c)
{
    return c->isconnected;
}

int MQTTConnectWithResults(MQTTClient *c, MQTTPacket_connectData *options, MQTTConnackData *data)
{
    MQTTPacket_connectData default_options = MQTTPacket_connectData_initializer;
    Timer connect_timer;
    int len, rc = FAILURE;

    data->rc = 255;
    data->sessionPresent = 0;
    if (c->isconnected)
        return FAILURE;
    if (options == NULL)
        options = &default_options;

    TimerCountdownMS(&connect_timer, c->command_timeout_ms);
    c->keepAliveInterval = options->keepAliveInterval;
    c->cleansession = options->cleansession;
    c->ping_outstanding = 0;
    TimerCountdown(&c->last_received, c->keepAliveInterval);

    len = MQTTSerialize_connect(c->buf, (int)c->buf_size, options);
    if (len <= 0)
        return FAILURE;
    if (sendPacket(c, len, &connect_timer) != SUCCESS)
        return FAILURE;

    if (waitfor(c, CONNACK, &connect_timer) == CONNACK) {
        if (MQTTDeserialize_connack(&data->sessionPresent, &data->rc, c->readbuf, (int)c->readbuf_size) == 1)
            rc = data->rc;
        else
            rc = FAILURE;   /* F9: a CONNACK that is not one (remaining length != 2) */
    }

    if (rc == SUCCESS)
        c->isconnected = 1;
    return rc;
}

int MQTTConnect(MQTTClient *c, MQTTPacket_connectData *options)
{
    MQTTConnackData data;
    return MQTTConnectWithResults(c, options, &data);
}

int MQTTSetMessageHandler(MQTTClient *c, const char *topicFilter, messageHandler handler)
{
    int i, free_slot = -1;
    for (i = 0; i < MAX_MESSAGE_HANDLERS; i++) {
        if (c->messageHandlers[i].topicFilter != NULL &&
            strcmp(c->messageHandlers[i].topicFilter, topicFilter) == 0) {
            if (handler == NULL) {
                c->messageHandlers[i].topicFilter = NULL;
                c->messageHandlers[i].fp = NULL;
            } else {
                c->messageHandlers[i].fp = handler;
            }
            return SUCCESS;
        }
        if (c->messageHandlers[i].topicFilter == NULL && free_slot < 0)
            free_slot = i;
    }
    if (handler == NULL)
        return SUCCESS;
    if (free_slot < 0)
        return FAILURE;
    c->messageHandlers[free_slot].topicFilter = topicFilter;
    c->messageHandlers[free_slot].fp = handler;
    return SUCCESS;
}

int MQTTSubscribeWithResults(MQTTClient *c, const char *topicFilter, enum QoS qos,
                             messageHandler handler, MQTTSubackData *data)
{
    MQTTString topic = MQTTString_initializer;
    Timer timer;
    int len, rc = FAILURE, requested = (int)qos, got_suback = 0;

    data->grantedQoS = SUBFAIL;
    if (!c->isconnected)
        return FAILURE;
    topic.cstring = (char *)topicFilter;
    TimerCountdownMS(&timer, c->command_timeout_ms);

    len = MQTTSerialize_subscribe(c->buf, (int)c->buf_size, 0, getNextPacketId(c), 1, &topic, &requested);
    if (len <= 0)
        return FAILURE;
    if (sendPacket(c, len, &timer) != SUCCESS)
        goto exit;

    if (waitfor(c, SUBACK, &timer) == SUBACK) {
        unsigned short id;
        got_suback = 1;
        int count = 0, granted = SUBFAIL;
        if (MQTTDeserialize_suback(&id, 1, &count, &granted, c->readbuf, (int)c->readbuf_size) == 1) {
            data->grantedQoS = (enum QoS)granted;
            if (granted != SUBFAIL)
                rc = MQTTSetMessageHandler(c, topicFilter, handler);
        }
    }

exit:
    if (rc == FAILURE && !got_suback)
        closeSession(c);   /* a refused subscription (0x80) leaves the session up */
    return rc;
}

int MQTTSubscribe(MQTTClient *c, const char *topicFilter, enum QoS qos, messageHandler handler)
{
    MQTTSubackData data;
    return MQTTSubscribeWithResults(c, topicFilter, qos, handler, &data);
}

int MQTTUnsubscribe(MQTTClient *c, const char *topicFilter)
{
    MQTTString topic = MQTTString_initializer;
    Timer timer;
    int len;

    if (!c->isconnected)
        return FAILURE;
    topic.cstring = (char *)topicFilter;
    TimerCountdownMS(&timer, c->command_timeout_ms);
    len = MQTTSerialize_unsubscribe(c->buf, (int)c->buf_size, 0, getNextPacketId(c), 1, &topic);
    if (len <= 0 || sendPacket(c, len, &timer) != SUCCESS)
        return FAILURE;
    if (waitfor(c, UNSUBACK, &timer) != UNSUBACK)
        return FAILURE;
    MQTTSetMessageHandler(c, topicFilter, NULL);
    return SUCCESS;
}

int MQTTPublish(MQTTClient *c, const char *topicName, MQTTMessage *message)
{
    MQTTString topic = MQTTString_initializer;
    Timer timer;
    int len, rc = FAILURE;

    if (!c->isconnected)
        return FAILURE;
    topic.cstring = (char *)topicName;
    TimerCountdownMS(&timer, c->command_timeout_ms);

    if (message->qos == QOS1 || message->qos == QOS2)
        message->id = getNextPacketId(c);
    len = MQTTSerialize_publish(c->buf, (int)c->buf_size, 0, message->qos, message->retained,
                                message->id, topic, (const unsigned char *)message->payload,
                                (int)message->payloadlen);
    if (len <= 0)
        return FAILURE;
    if (sendPacket(c, len, &timer) != SUCCESS)
        goto exit;

    if (message->qos == QOS0) {
        rc = SUCCESS;
    } else {
        int want = message->qos == QOS1 ? PUBACK : PUBCOMP;
        if (waitfor(c, want, &timer) == want) {
            unsigned char type, dup;
            unsigned short id;
            if (MQTTDeserialize_ack(&type, &dup, &id, c->readbuf, (int)c->readbuf_size) == 1 &&
                id == message->id)
                rc = SUCCESS;
        }
    }

exit:
    if (rc == FAILURE)
        closeSession(c);
    return rc;
}

int MQTTDisconnect(MQTTClient *c)
{
    Timer timer;
    int len, rc = FAILURE;

    TimerCountdownMS(&timer, c->command_timeout_ms);
    len = MQTTSerialize_disconnect(c->buf, (int)c->buf_size);
    if (len > 0)
        rc = sendPacket(c, len, &timer);
    closeSession(c);
    return rc;
}
