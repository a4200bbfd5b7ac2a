package io.netstep.debug.layers;

import io.netstep.session.LogEntry;

import java.util.List;
import java.util.Map;

/**
 * One log entry as a protocol layer sees it. Breakpoints match on {@code layer}, {@code type}
 * and {@code attributes} only, so the TLS and MQTT layers of the analysis bundle can be
 * matched by the breakpoints defined here (e.g. layer "tls.handshake", type "ServerHello";
 * layer "mqtt.packet", type "PUBLISH", attribute "topic").
 *
 * @param layer      the layer's id
 * @param type       what kind of event of that layer, e.g. "write", "CONNECT", "state"
 * @param socket     0..7, or -1 for the chip (common block)
 * @param attributes what breakpoints may match, by name
 * @param fields     the decoded fields, flat (what MQTT field steps walk through)
 * @param source     the session analysis event this one was converted from (TLS and MQTT
 *                   layers, and the MQTT fields of a packet: the packet's), else null; its
 *                   {@link io.netstep.session.analysis.ProtocolEvent#fields() field tree} is what the
 *                   Variables view shows, and the NetStep views select it as it is
 */
public record ProtocolEvent(String layer, String type, int socket, LogEntry entry, String summary,
        Map<String, String> attributes, List<Field> fields, io.netstep.session.analysis.ProtocolEvent source) {

    /** An event decoded from a log entry by a layer of its own (no analysis event behind it). */
    public ProtocolEvent(String layer, String type, int socket, LogEntry entry, String summary,
            Map<String, String> attributes, List<Field> fields) {
        this(layer, type, socket, entry, summary, attributes, fields, null);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
