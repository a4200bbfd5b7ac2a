/*
 * MQTTPacket.c — MQTT 3.1.1 packet serialization, written from the OASIS specification.
 */
#include "MQTTPacket.h"

#include <string.h>

/* ---- primitives -------------------------------------------------------------------- */

/* A bounded cursor over a packet buffer. */
typedef struct {
    unsigned char *p;
    unsigned char *end;
} cursor;

static int cur_left(const cursor *c) { return (int)(c->end - c->p); }

static void put_u8(cursor *c, unsigned char v) { *c->p++ = v; }

static void put_u16(cursor *c, unsigned int v)
{
    *c->p++ = (unsigned char)(v >> 8);
    *c->p++ = (unsigned char)v;
}

static void put_bytes(cursor *c, const void *data, int len)
{
    if (len > 0) {
        memcpy(c->p, data, (size_t)len);
        c->p += len;
    }
}

/* UTF-8 encoded string (spec 1.5.3): 2-byte length then the bytes. */
static void put_string(cursor *c, MQTTString s)
{
    int len = MQTTstrlen(s);
    put_u16(c, (unsigned)len);
    put_bytes(c, s.cstring ? s.cstring : s.lenstring.data, len);
}

static int get_u8(cursor *c, unsigned char *v)
{
    if (cur_left(c) < 1) return 0;
    *v = *c->p++;
    return 1;
}

static int get_u16(cursor *c, unsigned short *v)
{
    if (cur_left(c) < 2) return 0;
    *v = (unsigned short)((c->p[0] << 8) | c->p[1]);
    c->p += 2;
    return 1;
}

static int get_lenstring(cursor *c, MQTTString *s)
{
    unsigned short len;
    if (!get_u16(c, &len) || cur_left(c) < len) return 0;
    s->cstring = NULL;
    s->lenstring.len = len;
    s->lenstring.data = (char *)c->p;
    c->p += len;
    return 1;
}

/*
 * Reads the fixed header: first byte and Remaining Length. Leaves the cursor on the
 * variable header and narrows its end to the packet's end. Returns 0 if malformed.
 */
static int get_header(cursor *c, unsigned char *first)
{
    int multiplier = 1, value = 0, i;
    unsigned char b;
    if (!get_u8(c, first)) return 0;
    for (i = 0; i < 4; i++) {
        if (!get_u8(c, &b)) return 0;
        value += (b & 127) * multiplier;
        multiplier *= 128;
        if ((b & 128) == 0) break;
    }
    if (i == 4 || value > cur_left(c)) return 0;
    c->end = c->p + value;
    return 1;
}

int MQTTstrlen(MQTTString s)
{
    return s.cstring ? (int)strlen(s.cstring) : s.lenstring.len;
}

int MQTTPacket_equals(MQTTString *a, const char *b)
{
    const char *data = a->cstring ? a->cstring : a->lenstring.data;
    int len = MQTTstrlen(*a);
    return (int)strlen(b) == len && memcmp(data, b, (size_t)len) == 0;
}

int MQTTPacket_encode(unsigned char *buf, int length)
{
    int n = 0;
    do {
        unsigned char d = (unsigned char)(length % 128);
        length /= 128;
        if (length > 0) d |= 128;   /* continuation bit */
        buf[n++] = d;
    } while (length > 0 && n < 4);
    return n;
}

int MQTTPacket_len(int rem_len)
{
    if (rem_len < 128) return 1;
    if (rem_len < 16384) return 2;
    if (rem_len < 2097152) return 3;
    return 4;
}

/* Starts a packet: checks room for header + rem_len, writes the fixed header. */
static int begin_packet(cursor *c, unsigned char *buf, int buflen, unsigned char first, int rem_len)
{
    if (rem_len > 268435455 || 1 + MQTTPacket_len(rem_len) + rem_len > buflen)
        return 0;
    c->p = buf;
    c->end = buf + buflen;
    put_u8(c, first);
    c->p += MQTTPacket_encode(c->p, rem_len);
    return 1;
}

/* ---- CONNECT / CONNACK (spec 3.1, 3.2) ----------------------------------------------- */

int MQTTSerialize_connect(unsigned char *buf, int buflen, MQTTPacket_connectData *o)
{
    cursor c;
    int v311 = o->MQTTVersion != 3;
    const char *protocol = v311 ? "MQTT" : "MQIsdp";
    int rem = 2 + (int)strlen(protocol) + 1 + 1 + 2;     /* name, level, flags, keep alive */
    unsigned char flags = 0;

    rem += 2 + MQTTstrlen(o->clientID);
    if (o->willFlag)
        rem += 2 + MQTTstrlen(o->will.topicName) + 2 + MQTTstrlen(o->will.message);
    if (o->username.cstring || o->username.lenstring.data)
        rem += 2 + MQTTstrlen(o->username);
    if (o->password.cstring || o->password.lenstring.data)
        rem += 2 + MQTTstrlen(o->password);

    if (!begin_packet(&c, buf, buflen, CONNECT << 4, rem))
        return MQTTPACKET_BUFFER_TOO_SHORT;

    put_u16(&c, (unsigned)strlen(protocol));
    put_bytes(&c, protocol, (int)strlen(protocol));
    put_u8(&c, v311 ? 4 : 3);

    if (o->cleansession) flags |= 0x02;
    if (o->willFlag) {
        flags |= 0x04;
        flags |= (unsigned char)((o->will.qos & 3) << 3);
        if (o->will.retained) flags |= 0x20;
    }
    if (o->username.cstring || o->username.lenstring.data) flags |= 0x80;
    if (o->password.cstring || o->password.lenstring.data) flags |= 0x40;
    put_u8(&c, flags);
    put_u16(&c, o->keepAliveInterval);

    put_string(&c, o->clientID);
    if (o->willFlag) {
        put_string(&c, o->will.topicName);
        put_string(&c, o->will.message);
    }
    if (flags & 0x80) put_string(&c, o->username);
    if (flags & 0x40) put_string(&c, o->password);
    return (int)(c.p - buf);
}

int MQTTDeserialize_connack(unsigned char *sessionPresent, unsigned char *connack_rc,
                            unsigned char *buf, int buflen)
{
    cursor c = { buf, buf + buflen };
    unsigned char first, ack_flags, rc;
    if (!get_header(&c, &first) || (first >> 4) != CONNACK)
        return 0;
    /* Remaining Length must be exactly 2 (spec 3.2.1). */
    if (cur_left(&c) != 2 || !get_u8(&c, &ack_flags) || !get_u8(&c, &rc))
        return 0;
    *sessionPresent = ack_flags & 0x01;
    *connack_rc = rc;
    return 1;
}

/* ---- PUBLISH (spec 3.3) ----------------------------------------------------------- */

int MQTTSerialize_publish(unsigned char *buf, int buflen, unsigned char dup, int qos,
                          unsigned char retained, unsigned short packetid, MQTTString topicName,
                          const unsigned char *payload, int payloadlen)
{
    cursor c;
    int rem = 2 + MQTTstrlen(topicName) + payloadlen + (qos > 0 ? 2 : 0);
    unsigned char first = (unsigned char)((PUBLISH << 4) | ((dup & 1) << 3) | ((qos & 3) << 1) | (retained & 1));
    if (!begin_packet(&c, buf, buflen, first, rem))
        return MQTTPACKET_BUFFER_TOO_SHORT;
    put_string(&c, topicName);
    if (qos > 0) put_u16(&c, packetid);
    put_bytes(&c, payload, payloadlen);
    return (int)(c.p - buf);
}

int MQTTDeserialize_publish(unsigned char *dup, int *qos, unsigned char *retained,
                            unsigned short *packetid, MQTTString *topicName,
                            unsigned char **payload, int *payloadlen,
                            unsigned char *buf, int buflen)
{
    cursor c = { buf, buf + buflen };
    unsigned char first;
    if (!get_header(&c, &first) || (first >> 4) != PUBLISH)
        return 0;
    *dup = (first >> 3) & 1;
    *qos = (first >> 1) & 3;
    *retained = first & 1;
    if (*qos == 3 || !get_lenstring(&c, topicName))
        return 0;
    *packetid = 0;
    if (*qos > 0 && !get_u16(&c, packetid))
        return 0;
    *payload = c.p;
    *payloadlen = cur_left(&c);
    return 1;
}

/* ---- acknowledgements (spec 3.4-3.7, 3.11) ---------------------------------------- */

int MQTTSerialize_ack(unsigned char *buf, int buflen, unsigned char packettype,
                      unsigned char dup, unsigned short packetid)
{
    cursor c;
    /* PUBREL has the reserved flags 0010 (spec 3.6.1). */
    unsigned char first = (unsigned char)((packettype << 4) | ((dup & 1) << 3) | (packettype == PUBREL ? 0x02 : 0));
    if (!begin_packet(&c, buf, buflen, first, 2))
        return MQTTPACKET_BUFFER_TOO_SHORT;
    put_u16(&c, packetid);
    return (int)(c.p - buf);
}

int MQTTDeserialize_ack(unsigned char *packettype, unsigned char *dup, unsigned short *packetid,
                        unsigned char *buf, int buflen)
{
    cursor c = { buf, buf + buflen };
    unsigned char first;
    if (!get_header(&c, &first) || cur_left(&c) != 2)
        return 0;
    *packettype = first >> 4;
    *dup = (first >> 3) & 1;
    return get_u16(&c, packetid);
}

/* ---- SUBSCRIBE / SUBACK / UNSUBSCRIBE (spec 3.8-3.10) ------------------------------ */

int MQTTSerialize_subscribe(unsigned char *buf, int buflen, unsigned char dup,
                            unsigned short packetid, int count, MQTTString topicFilters[],
                            int requestedQoSs[])
{
    cursor c;
    int rem = 2, i;
    for (i = 0; i < count; i++)
        rem += 2 + MQTTstrlen(topicFilters[i]) + 1;
    /* SUBSCRIBE has the reserved flags 0010 (spec 3.8.1). */
    if (!begin_packet(&c, buf, buflen, (unsigned char)((SUBSCRIBE << 4) | ((dup & 1) << 3) | 0x02), rem))
        return MQTTPACKET_BUFFER_TOO_SHORT;
    put_u16(&c, packetid);
    for (i = 0; i < count; i++) {
        put_string(&c, topicFilters[i]);
        put_u8(&c, (unsigned char)(requestedQoSs[i] & 3));
    }
    return (int)(c.p - buf);
}

int MQTTDeserialize_suback(unsigned short *packetid, int maxcount, int *count,
                           int grantedQoSs[], unsigned char *buf, int buflen)
{
    cursor c = { buf, buf + buflen };
    unsigned char first, q;
    if (!get_header(&c, &first) || (first >> 4) != SUBACK || !get_u16(&c, packetid))
        return 0;
    *count = 0;
    while (cur_left(&c) > 0) {
        if (*count >= maxcount || !get_u8(&c, &q))
            return 0;
        grantedQoSs[(*count)++] = q;
    }
    return *count > 0;
}

int MQTTSerialize_unsubscribe(unsigned char *buf, int buflen, unsigned char dup,
                              unsigned short packetid, int count, MQTTString topicFilters[])
{
    cursor c;
    int rem = 2, i;
    for (i = 0; i < count; i++)
        rem += 2 + MQTTstrlen(topicFilters[i]);
    if (!begin_packet(&c, buf, buflen, (unsigned char)((UNSUBSCRIBE << 4) | ((dup & 1) << 3) | 0x02), rem))
        return MQTTPACKET_BUFFER_TOO_SHORT;
    put_u16(&c, packetid);
    for (i = 0; i < count; i++)
        put_string(&c, topicFilters[i]);
    return (int)(c.p - buf);
}

/* ---- header-only packets ------------------------------------------------------------ */

static int serialize_zero(unsigned char *buf, int buflen, unsigned char type)
{
    if (buflen < 2) return MQTTPACKET_BUFFER_TOO_SHORT;
    buf[0] = (unsigned char)(type << 4);
    buf[1] = 0;
    return 2;
}

int MQTTSerialize_pingreq(unsigned char *buf, int buflen) { return serialize_zero(buf, buflen, PINGREQ); }
int MQTTSerialize_disconnect(unsigned char *buf, int buflen) { return serialize_zero(buf, buflen, DISCONNECT); }

/* ---- topic matching (spec 4.7) -------------------------------------------------------- */

int MQTTTopicMatches(const char *filter, const MQTTString *topic)
{
    const char *t = topic->cstring ? topic->cstring : topic->lenstring.data;
    const char *tend = t + MQTTstrlen(*topic);
    const char *f = filter;

    while (*f && t < tend) {
        if (*f == '#')
            return 1;                       /* the rest of the levels */
        if (*f == '+') {
            while (t < tend && *t != '/') t++;  /* one whole level */
            f++;
            continue;
        }
        if (*f != *t)
            return 0;
        f++;
        t++;
    }
    /* "a/#" also matches "a" (spec 4.7.1.2). */
    if (t == tend && (strcmp(f, "/#") == 0 || strcmp(f, "#") == 0))
        return 1;
    return *f == '\0' && t == tend;
}
