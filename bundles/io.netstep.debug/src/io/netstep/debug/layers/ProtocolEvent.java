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
 * @param fields     what the Variables view shows
 */
public record ProtocolEvent(String layer, String type, int socket, LogEntry entry, String summary,
        Map<String, String> attributes, List<Field> fields) {

    public String attribute(String name) {
        return attributes.get(name);
    }
}
