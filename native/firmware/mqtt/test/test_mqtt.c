/*
 * test_mqtt.c — MQTT packet encoding against the bytes the 3.1.1 spec defines, and the
 * client's behaviour over a scripted in-memory Network with a manual clock.
 */
#include <stdio.h>
#include <string.h>

#include "MQTTClient.h"

static int failures;

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

/* ---- manual clock (the HAL tick) ------------------------------------------------------ */
static uint32_t now_ms;
uint32_t HAL_GetTick(void) { return now_ms; }

/* ---- scripted network --------------------------------------------------------------------
 * inbound: bytes the "broker" has sent, consumed by mqttread; outbound: what the client
 * wrote. Each read records its requested length. A read with nothing left advances the
 * clock by its timeout (as a real blocking read would) and returns 0. */
static unsigned char inbound[512];
static int in_len, in_pos;
static unsigned char outbound[512];
static int out_len;
static int read_sizes[32], n_reads;

static void net_reset(void)
{
    in_len = in_pos = out_len = n_reads = 0;
}

static void broker_sends(const unsigned char *b, int n)
{
    memcpy(inbound + in_len, b, (size_t)n);
    in_len += n;
}

static int fake_read(Network *n, unsigned char *buf, int len, int timeout_ms)
{
    int avail = in_len - in_pos;
    (void)n;
    if (n_reads < 32) read_sizes[n_reads++] = len;
    if (avail == 0) {
        now_ms += (uint32_t)(timeout_ms > 0 ? timeout_ms : 1);
        return 0;
    }
    if (len > avail) len = avail;
    memcpy(buf, inbound + in_pos, (size_t)len);
    in_pos += len;
    return len;
}

static int fake_write(Network *n, unsigned char *buf, int len, int timeout_ms)
{
    (void)n; (void)timeout_ms;
    memcpy(outbound + out_len, buf, (size_t)len);
    out_len += len;
    return len;
}

/* ---- packet encoding ------------------------------------------------------------------ */

static void test_remaining_length(void)
{
    /* spec 2.2.3, Table 2.4: boundaries of 1..4 byte encodings */
    unsigned char b[4];
    CHECK(MQTTPacket_encode(b, 0) == 1 && b[0] == 0x00);
    CHECK(MQTTPacket_encode(b, 127) == 1 && b[0] == 0x7F);
    CHECK(MQTTPacket_encode(b, 128) == 2 && b[0] == 0x80 && b[1] == 0x01);
    CHECK(MQTTPacket_encode(b, 16383) == 2 && b[0] == 0xFF && b[1] == 0x7F);
    CHECK(MQTTPacket_encode(b, 16384) == 3 && b[0] == 0x80 && b[1] == 0x80 && b[2] == 0x01);
    CHECK(MQTTPacket_encode(b, 268435455) == 4 && b[0] == 0xFF && b[3] == 0x7F);
}

static void test_connect_bytes(void)
{
    MQTTPacket_connectData o = MQTTPacket_connectData_initializer;
    unsigned char buf[64];
    static const unsigned char expected[] = {
        0x10, 14,                                   /* CONNECT, remaining length */
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,       /* protocol name, level 4 */
        0x02, 0x00, 0x3C,                           /* flags: clean session; keep alive 60 */
        0x00, 0x02, 'i', 'd'                        /* client identifier */
    };
    o.clientID.cstring = "id";
    CHECK(MQTTSerialize_connect(buf, sizeof(buf), &o) == (int)sizeof(expected));
    CHECK(memcmp(buf, expected, sizeof(expected)) == 0);
    CHECK(MQTTSerialize_connect(buf, 10, &o) == MQTTPACKET_BUFFER_TOO_SHORT);
}

static void test_publish_subscribe_bytes(void)
{
    MQTTString topic = MQTTString_initializer;
    unsigned char buf[64];
    int qos = 1;
    static const unsigned char pub[] = { 0x32, 7, 0x00, 0x01, 't', 0x00, 0x05, 'h', 'i' };
    static const unsigned char sub[] = { 0x82, 6, 0x00, 0x07, 0x00, 0x01, 't', 0x01 };
    topic.cstring = "t";
    CHECK(MQTTSerialize_publish(buf, sizeof(buf), 0, 1, 0, 5, topic, (const unsigned char *)"hi", 2) == (int)sizeof(pub));
    CHECK(memcmp(buf, pub, sizeof(pub)) == 0);
    CHECK(MQTTSerialize_subscribe(buf, sizeof(buf), 0, 7, 1, &topic, &qos) == (int)sizeof(sub));
    CHECK(memcmp(buf, sub, sizeof(sub)) == 0);
    /* PUBREL carries the reserved flags 0010 */
    CHECK(MQTTSerialize_ack(buf, sizeof(buf), PUBREL, 0, 9) == 4 && buf[0] == 0x62);
}

static void test_connack_checks(void)
{
    unsigned char sp, rc;
    unsigned char good[] = { 0x20, 0x02, 0x01, 0x05 };
    unsigned char long_rl[] = { 0x20, 0x03, 0x00, 0x00, 0x00 };   /* F9: remaining length 3 */
    CHECK(MQTTDeserialize_connack(&sp, &rc, good, sizeof(good)) == 1 && sp == 1 && rc == 5);
    CHECK(MQTTDeserialize_connack(&sp, &rc, long_rl, sizeof(long_rl)) == 0);
}

static void test_topic_match(void)
{
    MQTTString t = MQTTString_initializer;
    t.cstring = "a/b/c";
    CHECK(MQTTTopicMatches("a/b/c", &t));
    CHECK(MQTTTopicMatches("a/+/c", &t));
    CHECK(MQTTTopicMatches("a/#", &t));
    CHECK(MQTTTopicMatches("#", &t));
    CHECK(!MQTTTopicMatches("a/b", &t));
    CHECK(!MQTTTopicMatches("a/+", &t));
    t.cstring = "a";
    CHECK(MQTTTopicMatches("a/#", &t));
}

/* ---- client behaviour ------------------------------------------------------------------ */

static unsigned char sendbuf[256], readbuf[256];
static int delivered;
static void on_msg(MessageData *md) { delivered += (int)md->message->payloadlen; }

static void connect_client(MQTTClient *c, Network *n, unsigned short keepalive)
{
    MQTTPacket_connectData o = MQTTPacket_connectData_initializer;
    MQTTConnackData ack;
    static const unsigned char connack[] = { 0x20, 0x02, 0x00, 0x00 };
    n->mqttread = fake_read;
    n->mqttwrite = fake_write;
    MQTTClientInit(c, n, 1000, sendbuf, sizeof(sendbuf), readbuf, sizeof(readbuf));
    o.clientID.cstring = "id";
    o.keepAliveInterval = keepalive;
    net_reset();
    broker_sends(connack, sizeof(connack));
    CHECK(MQTTConnectWithResults(c, &o, &ack) == SUCCESS);
    CHECK(ack.rc == 0);
    CHECK(MQTTIsConnected(c));
}

static void test_reads_header_byte_by_byte(void)
{
    MQTTClient c;
    Network n;
    connect_client(&c, &n, 60);
    /* the embedded reading pattern: type byte, remaining length byte, then the rest */
    CHECK(n_reads >= 3 && read_sizes[0] == 1 && read_sizes[1] == 1 && read_sizes[2] == 2);
}

static void test_refused_connack(void)
{
    MQTTClient c;
    Network n = { fake_read, fake_write, NULL };
    MQTTPacket_connectData o = MQTTPacket_connectData_initializer;
    MQTTConnackData ack;
    static const unsigned char refused[] = { 0x20, 0x02, 0x00, 0x05 };
    MQTTClientInit(&c, &n, 1000, sendbuf, sizeof(sendbuf), readbuf, sizeof(readbuf));
    net_reset();
    broker_sends(refused, sizeof(refused));
    CHECK(MQTTConnectWithResults(&c, &o, &ack) == 5);
    CHECK(ack.rc == 5 && !MQTTIsConnected(&c));
}

static void test_no_connack(void)
{
    MQTTClient c;
    Network n = { fake_read, fake_write, NULL };
    MQTTPacket_connectData o = MQTTPacket_connectData_initializer;
    MQTTConnackData ack;
    MQTTClientInit(&c, &n, 1000, sendbuf, sizeof(sendbuf), readbuf, sizeof(readbuf));
    net_reset();
    CHECK(MQTTConnectWithResults(&c, &o, &ack) == FAILURE);
    CHECK(ack.rc == 255 && !MQTTIsConnected(&c));
}

static void test_malformed_and_partial_connack(void)
{
    MQTTClient c;
    Network n = { fake_read, fake_write, NULL };
    MQTTPacket_connectData o = MQTTPacket_connectData_initializer;
    MQTTConnackData ack;
    static const unsigned char long_connack[] = { 0x20, 0x03, 0x00, 0x00, 0x00 };
    static const unsigned char first_byte[] = { 0x20 };

    /* F9: a whole packet of type CONNACK that is not valid stays in readbuf */
    MQTTClientInit(&c, &n, 1000, sendbuf, sizeof(sendbuf), readbuf, sizeof(readbuf));
    net_reset();
    broker_sends(long_connack, sizeof(long_connack));
    CHECK(MQTTConnectWithResults(&c, &o, &ack) == FAILURE);
    CHECK(ack.rc == 255 && readbuf[0] == 0x20 && readbuf[1] == 0x03);

    /* only the first byte arrives (e.g. the rest stranded below): no packet in readbuf */
    MQTTClientInit(&c, &n, 1000, sendbuf, sizeof(sendbuf), readbuf, sizeof(readbuf));
    net_reset();
    broker_sends(first_byte, sizeof(first_byte));
    CHECK(MQTTConnectWithResults(&c, &o, &ack) == FAILURE);
    CHECK(ack.rc == 255 && readbuf[0] == 0);
}

static void test_incoming_qos1_publish_is_acked(void)
{
    MQTTClient c;
    Network n;
    static const unsigned char pub[] = { 0x32, 8, 0x00, 0x01, 't', 0x12, 0x34, 'a', 'b', 'c' };
    connect_client(&c, &n, 60);
    CHECK(MQTTSetMessageHandler(&c, "t", on_msg) == SUCCESS);
    net_reset();
    delivered = 0;
    broker_sends(pub, sizeof(pub));
    CHECK(MQTTYield(&c, 10) == SUCCESS);
    CHECK(delivered == 3);
    CHECK(out_len == 4 && outbound[0] == 0x40 && outbound[1] == 2 && outbound[2] == 0x12 && outbound[3] == 0x34);
}

static void test_keepalive(void)
{
    MQTTClient c;
    Network n;
    static const unsigned char pingresp[] = { 0xD0, 0x00 };
    connect_client(&c, &n, 2);

    /* idle for a keepalive interval: PINGREQ */
    net_reset();
    now_ms += 2000;
    CHECK(MQTTYield(&c, 10) == SUCCESS);
    CHECK(out_len == 2 && outbound[0] == 0xC0 && outbound[1] == 0x00);

    /* PINGRESP clears it; a further interval sends the next PINGREQ */
    net_reset();
    broker_sends(pingresp, sizeof(pingresp));
    CHECK(MQTTYield(&c, 10) == SUCCESS);
    CHECK(out_len == 0);
    now_ms += 2000;
    CHECK(MQTTYield(&c, 10) == SUCCESS);
    CHECK(out_len == 2 && outbound[0] == 0xC0);

    /* no PINGRESP within another interval: the connection is given up */
    net_reset();
    now_ms += 2001;
    CHECK(MQTTYield(&c, 10) == FAILURE);
    CHECK(!MQTTIsConnected(&c));
}

static void test_oversized_packet_is_skipped(void)
{
    MQTTClient c;
    Network n;
    unsigned char big[300];
    static const unsigned char pingresp[] = { 0xD0, 0x00 };
    connect_client(&c, &n, 60);
    memset(big, 'x', sizeof(big));
    big[0] = 0x30;              /* PUBLISH QoS 0 */
    big[1] = 0xA8;              /* remaining length 296 = 0x28 + 2*128 */
    big[2] = 0x02;
    big[3] = 0x00;
    big[4] = 0x01;
    net_reset();
    broker_sends(big, 3 + 296);
    broker_sends(pingresp, sizeof(pingresp));
    CHECK(MQTTYield(&c, 10) == FAILURE);     /* BUFFER_OVERFLOW is reported... */
    CHECK(in_pos == 3 + 296);                /* ...and the stream stays in step */
}

int main(void)
{
    test_remaining_length();
    test_connect_bytes();
    test_publish_subscribe_bytes();
    test_connack_checks();
    test_topic_match();
    test_reads_header_byte_by_byte();
    test_refused_connack();
    test_no_connack();
    test_malformed_and_partial_connack();
    test_incoming_qos1_publish_is_acked();
    test_keepalive();
    test_oversized_packet_is_skipped();
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("mqtt: all checks passed\n");
    return 0;
}
