package io.netstep.debug.breakpoints;

/**
 * The layer ids and attribute names the TLS, MQTT and diagnosis breakpoints match on. No
 * layer produces them yet: the analysis bundle's layers must decode its log entries into
 * {@link io.netstep.debug.layers.ProtocolEvent}s with these ids, types and attributes, and then
 * these breakpoints fire with no change here.
 */
public final class AnalysisLayers {

    private AnalysisLayers() { }

    /** TLS records; an alert is type "Alert" with attributes "level" and "description" (RFC 8446 names, e.g. "handshake_failure"). */
    public static final String TLS_RECORD = "tls.record";
    /** TLS handshake messages; type = RFC message name ("ServerHello"); attributes "side" (client/server) and "state" (the side's handshake state after it). */
    public static final String TLS_HANDSHAKE = "tls.handshake";
    /** MQTT control packets; type = spec name ("CONNACK", "PUBLISH"); attribute "topic" where the packet has one. */
    public static final String MQTT_PACKET = "mqtt.packet";
    /** Diagnoses; type "raised"; attributes "id" (e.g. "F1") and "title". */
    public static final String DIAGNOSIS = "diagnosis";
}
