/*
 * MQTTPacket.h — MQTT 3.1.1 packet serialization (OASIS MQTT Version 3.1.1, section 2 and 3).
 *
 * Function names follow the paho.mqtt.embedded-c MQTTPacket API so that code written
 * for it reads the same; the implementation is NetStep's own, written from the spec.
 * Serializers return the packet length, or MQTTPACKET_BUFFER_TOO_SHORT.
 * Deserializers return 1 on success and 0 when the packet is malformed.
 */
#ifndef MQTTPACKET_H
#define MQTTPACKET_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum errors {
    MQTTPACKET_BUFFER_TOO_SHORT = -2,
    MQTTPACKET_READ_ERROR = -1,
    MQTTPACKET_READ_COMPLETE
};

/* Control packet types (spec 2.2.1). */
enum msgTypes {
    CONNECT = 1, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP,
    SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT
};

/* A string either NUL-terminated (cstring) or counted (lenstring, e.g. inside a buffer). */
typedef struct {
    int len;
    char *data;
} MQTTLenString;

typedef struct {
    char *cstring;
    MQTTLenString lenstring;
} MQTTString;

#define MQTTString_initializer {NULL, {0, NULL}}

typedef struct {
    char struct_id[4];          /* "MQTW" */
    int struct_version;
    MQTTString topicName;
    MQTTString message;
    unsigned char retained;
    char qos;
} MQTTPacket_willOptions;

#define MQTTPacket_willOptions_initializer { {'M', 'Q', 'T', 'W'}, 0, MQTTString_initializer, \
        MQTTString_initializer, 0, 0 }

typedef struct {
    char struct_id[4];          /* "MQTC" */
    int struct_version;
    unsigned char MQTTVersion;  /* 4 = MQTT 3.1.1, 3 = MQTT 3.1 */
    MQTTString clientID;
    unsigned short keepAliveInterval;   /* seconds */
    unsigned char cleansession;
    unsigned char willFlag;
    MQTTPacket_willOptions will;
    MQTTString username;
    MQTTString password;
} MQTTPacket_connectData;

#define MQTTPacket_connectData_initializer { {'M', 'Q', 'T', 'C'}, 0, 4, MQTTString_initializer, \
        60, 1, 0, MQTTPacket_willOptions_initializer, MQTTString_initializer, MQTTString_initializer }

/* CONNACK return codes (spec 3.2.2.3). */
enum connack_return_codes {
    MQTT_CONNECTION_ACCEPTED = 0,
    MQTT_UNACCEPTABLE_PROTOCOL = 1,
    MQTT_CLIENTID_REJECTED = 2,
    MQTT_SERVER_UNAVAILABLE = 3,
    MQTT_BAD_USERNAME_OR_PASSWORD = 4,
    MQTT_NOT_AUTHORIZED = 5
};

int MQTTstrlen(MQTTString s);
int MQTTPacket_equals(MQTTString *a, const char *b);

/* Remaining Length (spec 2.2.3): encode into buf, return the bytes used (1..4). */
int MQTTPacket_encode(unsigned char *buf, int length);
/* Bytes needed for a Remaining Length of rem_len. */
int MQTTPacket_len(int rem_len);

int MQTTSerialize_connect(unsigned char *buf, int buflen, MQTTPacket_connectData *options);
int MQTTDeserialize_connack(unsigned char *sessionPresent, unsigned char *connack_rc,
                            unsigned char *buf, int buflen);

int MQTTSerialize_publish(unsigned char *buf, int buflen, unsigned char dup, int qos,
                          unsigned char retained, unsigned short packetid, MQTTString topicName,
                          const unsigned char *payload, int payloadlen);
int MQTTDeserialize_publish(unsigned char *dup, int *qos, unsigned char *retained,
                            unsigned short *packetid, MQTTString *topicName,
                            unsigned char **payload, int *payloadlen,
                            unsigned char *buf, int buflen);

/* PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK: type + packet identifier. */
int MQTTSerialize_ack(unsigned char *buf, int buflen, unsigned char packettype,
                      unsigned char dup, unsigned short packetid);
int MQTTDeserialize_ack(unsigned char *packettype, unsigned char *dup, unsigned short *packetid,
                        unsigned char *buf, int buflen);

int MQTTSerialize_subscribe(unsigned char *buf, int buflen, unsigned char dup,
                            unsigned short packetid, int count, MQTTString topicFilters[],
                            int requestedQoSs[]);
int MQTTDeserialize_suback(unsigned short *packetid, int maxcount, int *count,
                           int grantedQoSs[], unsigned char *buf, int buflen);

int MQTTSerialize_unsubscribe(unsigned char *buf, int buflen, unsigned char dup,
                              unsigned short packetid, int count, MQTTString topicFilters[]);

int MQTTSerialize_pingreq(unsigned char *buf, int buflen);
int MQTTSerialize_disconnect(unsigned char *buf, int buflen);

/* Topic filter match with '+' and '#' wildcards (spec 4.7). */
int MQTTTopicMatches(const char *filter, const MQTTString *topic);

#ifdef __cplusplus
}
#endif

#endif /* MQTTPACKET_H */
