/*
 * main.c — NetStep reference firmware: network up (DHCP or static), DNS, TCP connect,
 * TLS handshake, MQTT CONNECT / SUBSCRIBE / PUBLISH QoS 1 / wait for a message /
 * DISCONNECT. Flow, output and exit codes: docs/contracts.md.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "MQTTClient.h"
#include "app_config.h"
#include "mqtt_transport.h"
#include "hal_stub.h"
#include "netif.h"
#include "tls.h"

#define MQTT_BUF_SIZE 1024
#define TLS_HANDSHAKE_TIMEOUT_MS 20000

static unsigned char mqtt_sendbuf[MQTT_BUF_SIZE];
static unsigned char mqtt_readbuf[MQTT_BUF_SIZE];
static int messages_received;

/* --timing (benchmark, bench/run.sh): host time per connect phase, CLOCK_MONOTONIC (real
 * time, not the virtual clock), one "TIMING ..." line on stderr after the CONNACK. */
enum { T_START, T_NET_UP, T_DNS, T_TCP, T_TLS_START, T_TLS, T_MQTT_START, T_CONNACK, T_MARKS };
static int timing;
static double marks_ms[T_MARKS];

static void mark(int which)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    marks_ms[which] = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void print_timing(void)
{
    if (timing)
        fprintf(stderr, "TIMING net_up_ms=%.2f dns_ms=%.2f tcp_connect_ms=%.2f tls_handshake_ms=%.2f "
                "mqtt_connect_ms=%.2f total_ms=%.2f\n",
                marks_ms[T_NET_UP] - marks_ms[T_START], marks_ms[T_DNS] - marks_ms[T_NET_UP],
                marks_ms[T_TCP] - marks_ms[T_DNS], marks_ms[T_TLS] - marks_ms[T_TLS_START],
                marks_ms[T_CONNACK] - marks_ms[T_MQTT_START], marks_ms[T_CONNACK] - marks_ms[T_START]);
}

/* Takes --timing out of argv (the contract command line does not know it). */
static int take_timing_switch(int argc, char **argv)
{
    int n = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--timing") == 0)
            timing = 1;
        else
            argv[n++] = argv[i];
    }
    argv[n] = NULL;
    return n;
}

static void on_message(MessageData *md)
{
    const MQTTString *t = md->topicName;
    const char *topic = t->cstring ? t->cstring : t->lenstring.data;
    int topic_len = MQTTstrlen(*t);
    printf("RECEIVED %.*s %.*s\n", topic_len, topic, (int)md->message->payloadlen,
           (const char *)md->message->payload);
    fflush(stdout);
    messages_received++;
}

/* The reason an MQTT call failed: transport error if there was one, else the timeout. */
static const char *mqtt_reason(const app_config *cfg, const char *waited_for)
{
    static char text[320];
    const char *transport = mqtt_transport_error();
    if (*transport)
        snprintf(text, sizeof(text), "%s", transport);
    else
        snprintf(text, sizeof(text), "no %s within %d ms", waited_for, cfg->command_timeout_ms);
    return text;
}

static int run_mqtt(const app_config *cfg)
{
    MQTTClient client;
    Network network;
    MQTTPacket_connectData opts = MQTTPacket_connectData_initializer;
    MQTTConnackData connack;
    MQTTSubackData suback;
    MQTTMessage msg;
    int rc;

    mqtt_transport_init(&network, cfg);
    MQTTClientInit(&client, &network, (unsigned)cfg->command_timeout_ms,
                   mqtt_sendbuf, sizeof(mqtt_sendbuf), mqtt_readbuf, sizeof(mqtt_readbuf));

    opts.MQTTVersion = 4;
    opts.clientID.cstring = (char *)cfg->client_id;
    opts.keepAliveInterval = (unsigned short)cfg->keepalive_s;
    opts.cleansession = 1;

    mark(T_MQTT_START);
    rc = MQTTConnectWithResults(&client, &opts, &connack);
    mark(T_CONNACK);
    if (connack.rc != 255) {
        printf("CONNACK rc=%d\n", connack.rc);
        fflush(stdout);
    }
    if (rc == SUCCESS)
        print_timing();
    if (rc != SUCCESS) {
        if (rc > 0)
            app_fail("mqtt-connect", "MQTTConnect returned %d: the broker refused the connection (CONNACK rc=%d)", rc, rc);
        else if (connack.rc == 255 && (mqtt_readbuf[0] >> 4) == CONNACK && !*mqtt_transport_error())
            /* F9: a packet of type CONNACK that is not a valid one */
            app_fail("mqtt-connect", "MQTTConnect returned %d: malformed CONNACK (first bytes %02X %02X, "
                     "remaining length must be 2)", rc, mqtt_readbuf[0], mqtt_readbuf[1]);
        else
            app_fail("mqtt-connect", "MQTTConnect returned %d: %s", rc, mqtt_reason(cfg, "valid CONNACK"));
        return EXIT_MQTT;
    }

    rc = MQTTSubscribeWithResults(&client, cfg->topic, QOS1, on_message, &suback);
    if (rc != SUCCESS) {
        if (suback.grantedQoS == SUBFAIL && MQTTIsConnected(&client))
            app_fail("mqtt-subscribe", "MQTTSubscribe(%s) returned %d: SUBACK return code 0x80 (refused)", cfg->topic, rc);
        else
            app_fail("mqtt-subscribe", "MQTTSubscribe(%s) returned %d: %s", cfg->topic, rc, mqtt_reason(cfg, "SUBACK"));
        return EXIT_MQTT;
    }

    memset(&msg, 0, sizeof(msg));
    msg.qos = QOS1;
    msg.payload = (void *)cfg->message;
    msg.payloadlen = strlen(cfg->message);
    rc = MQTTPublish(&client, cfg->topic, &msg);
    if (rc != SUCCESS) {
        app_fail("mqtt-publish", "MQTTPublish(%s) returned %d: %s", cfg->topic, rc, mqtt_reason(cfg, "PUBACK"));
        return EXIT_MQTT;
    }

    if (cfg->bug_f10) {
        /* F10: the application is busy elsewhere and does not call MQTTYield(), so no
         * PINGREQ goes out; the broker closes after 1.5 x keepalive. */
        /* 3 x keepalive + 3 s: brokers check with some slack (mosquitto 2.0 closes a 1 s
         * keepalive after about 4 s). */
        int quiet_s = 3 * cfg->keepalive_s + 3;
        app_info("--bug-f10: no MQTTYield() for %d s (keepalive %d s)", quiet_s, cfg->keepalive_s);
        HAL_Delay((uint32_t)quiet_s * 1000u);
        if (MQTTYield(&client, 100) != SUCCESS || !MQTTIsConnected(&client)) {
            app_fail("mqtt-wait", "MQTTYield returned %d: %s", FAILURE,
                     *mqtt_transport_error() ? mqtt_transport_error() : "the connection is gone");
            return EXIT_MQTT;
        }
    }

    if (cfg->wait_message_s > 0) {
        Timer deadline;
        TimerCountdown(&deadline, (unsigned)cfg->wait_message_s);
        while (messages_received == 0 && !TimerIsExpired(&deadline)) {
            int slice = TimerLeftMS(&deadline);
            if (MQTTYield(&client, slice < 200 ? slice : 200) != SUCCESS) {
                app_fail("mqtt-wait", "MQTTYield returned %d: %s", FAILURE,
                         *mqtt_transport_error() ? mqtt_transport_error()
                                                 : "no PINGRESP within the keepalive interval");
                return EXIT_MQTT;
            }
        }
        if (messages_received == 0) {
            app_fail("mqtt-wait", "no PUBLISH on %s within %d s", cfg->topic, cfg->wait_message_s);
            return EXIT_MQTT;
        }
    }

    if (MQTTDisconnect(&client) != SUCCESS) {
        app_fail("mqtt-disconnect", "MQTTDisconnect: %s", mqtt_reason(cfg, "room to send"));
        return EXIT_MQTT;
    }
    return 0;
}

int main(int argc, char **argv)
{
    app_config cfg;
    uint8_t broker_ip[4];
    int rc;

    mark(T_START);
    setvbuf(stdout, NULL, _IOLBF, 0);
    argc = take_timing_switch(argc, argv);
    if ((rc = app_parse_args(argc, argv, &cfg)) != 0)
        return rc;
    if (cfg.bug_f1)
        app_info("--bug-f1: MQTT reads are gated on the chip's RX size (Sn_RX_RSR > 0)");
    if (cfg.bug_f2)
        app_info("--bug-f2: the TLS receive callback returns 0 when the chip has no data");

    if (net_up(&cfg) != 0)
        return EXIT_NETWORK;
    mark(T_NET_UP);

    if (cfg.bug_f5) {
        /* F5: the name is never resolved; the address variable stays 0.0.0.0 */
        memset(broker_ip, 0, sizeof(broker_ip));
        app_info("--bug-f5: DNS skipped, connecting to 0.0.0.0");
    } else if (!app_parse_ipv4(cfg.broker_host, broker_ip) && net_resolve(&cfg, cfg.broker_host, broker_ip) != 0)
        return EXIT_NETWORK;
    mark(T_DNS);
    app_info("broker %s is %u.%u.%u.%u port %u", cfg.broker_host,
             broker_ip[0], broker_ip[1], broker_ip[2], broker_ip[3], cfg.broker_port);

    if (net_connect(&cfg, broker_ip, cfg.broker_port) != 0)
        return EXIT_NETWORK;
    mark(T_TCP);

    if (!cfg.no_tls) {
        if (tls_setup(&cfg, cfg.broker_host) != 0) {
            tls_close();
            net_close();
            return EXIT_TLS;
        }
        mark(T_TLS_START);
        rc = tls_handshake(TLS_HANDSHAKE_TIMEOUT_MS);
        mark(T_TLS);
        if (rc != 0) {
            const char *verify = tls_verify_text();
            const char *transport = net_last_error();
            app_fail("tls-handshake", "handshake returned %s%s%s%s%s", tls_error_text(rc),
                     *verify ? "; certificate: " : "", verify,
                     *transport ? "; transport: " : "", transport);
            tls_close();
            net_close();
            return EXIT_TLS;
        }
        app_info("TLS %s", tls_session_text());
    }

    rc = run_mqtt(&cfg);
    if (!cfg.no_tls)
        tls_close();
    net_close();
    if (rc == 0)
        app_info("done");
    return rc;
}
