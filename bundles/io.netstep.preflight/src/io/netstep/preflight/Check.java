package io.netstep.preflight;

/** The checks of a preflight, in the order they run. */
public enum Check {
    LOCAL_FILES("Certificates and keys"),
    DNS("DNS resolution"),
    TCP_CONNECT("TCP connect"),
    TLS_HANDSHAKE("TLS handshake"),
    SNI("Server name indication (SNI)"),
    CLIENT_CERTIFICATE("Client certificate"),
    SERVER_CHAIN("Server certificate signed by your CA"),
    SERVER_NAME("Server certificate name"),
    SERVER_DATES("Server certificate dates"),
    RECORD_SIZE("Largest TLS handshake record"),
    MQTT_CONNECT("MQTT CONNECT"),
    MQTT_SUBSCRIBE("MQTT SUBSCRIBE"),
    MQTT_PUBLISH_QOS0("PUBLISH QoS 0 and receive it"),
    MQTT_PUBLISH_QOS1("PUBLISH QoS 1 and receive it"),
    KEEPALIVE("Keepalive");

    private final String title;

    Check(String title) {
        this.title = title;
    }

    /** Short human title, e.g. "TCP connect". */
    public String title() {
        return title;
    }

    /** True for the checks that only exist when TLS is on. */
    public boolean isTls() {
        return ordinal() >= TLS_HANDSHAKE.ordinal() && ordinal() <= RECORD_SIZE.ordinal();
    }
}
