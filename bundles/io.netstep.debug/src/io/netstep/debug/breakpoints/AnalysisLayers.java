package io.netstep.debug.breakpoints;

/**
 * The layer ids and attribute names the TLS, MQTT and diagnosis breakpoints match on. The
 * TLS and MQTT ones are produced from the session's analysis (io.netstep.session.analysis)
 * by the debug target; the diagnosis ones by the target's live run of the session's Diagnoser.
 */
public final class AnalysisLayers {

    private AnalysisLayers() { }

    /** TLS records (type "Record"); attributes "content_type", "length". */
    public static final String TLS_RECORD = "tls.record";
    /**
     * TLS messages above the records: handshake messages (type = RFC name, "ServerHello"),
     * ChangeCipherSpec, and alerts (type "Alert", attributes "level", "description" by RFC name);
     * attributes "side" (client/server: who sent it) and "state" (the receiving side's handshake state).
     */
    public static final String TLS_HANDSHAKE = "tls.handshake";
    /** MQTT control packets; type = spec name ("CONNACK", "PUBLISH"); attribute "topic" where the packet has one. */
    public static final String MQTT_PACKET = "mqtt.packet";
    /**
     * One field of the MQTT packet a thread stopped at (no run needed to reach it); type = the
     * field's name; attributes "field", "value", "packet" (the packet type), "index", "count".
     */
    public static final String MQTT_FIELD = "mqtt.field";
    /**
     * Diagnoses; type "raised"; attributes "id" (e.g. "F1"), "name", "title" and "confidence"
     * (CERTAIN, LIKELY, POSSIBLE).
     */
    public static final String DIAGNOSIS = "diagnosis";
}
