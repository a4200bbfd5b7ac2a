package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/**
 * Stops at an MQTT control packet of a type, optionally only for topics matching an MQTT
 * topic filter ("sensors/+/temp", "a/#"). Fed from the session's analysis (see {@link AnalysisLayers}).
 */
public class MqttPacketBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.mqttPacketMarker";
    static final String TYPE = "io.netstep.debug.packetType";
    static final String TOPIC_FILTER = "io.netstep.debug.topicFilter";

    public MqttPacketBreakpoint() {
    }

    public MqttPacketBreakpoint(String packetType, String topicFilter, boolean register) throws CoreException {
        create(MARKER, Map.of(TYPE, packetType, TOPIC_FILTER, topicFilter == null ? "" : topicFilter), register);
    }

    public String packetType() {
        return stringAttribute(TYPE);
    }

    public String topicFilter() {
        return stringAttribute(TOPIC_FILTER);
    }

    public void setPacketType(String type) throws CoreException {
        update(TYPE, type == null ? "" : type);
    }

    public void setTopicFilter(String filter) throws CoreException {
        update(TOPIC_FILTER, filter == null ? "" : filter);
    }

    @Override
    protected String layer() {
        return AnalysisLayers.MQTT_PACKET;
    }

    @Override
    protected String eventType() {
        return packetType();
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        String filter = topicFilter();
        return e -> isEmpty(filter) || topicMatches(filter, e.attribute("topic"));
    }

    /** MQTT 3.1.1 §4.7 topic filter matching: "+" one level, "#" the rest (and the parent). */
    public static boolean topicMatches(String filter, String topic) {
        if (topic == null) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return !(t.length > 0 && t[0].startsWith("$") && i == 0);
            }
            if (i >= t.length) {
                return false;
            }
            if (f[i].equals("+")) {
                if (i == 0 && t[0].startsWith("$")) {
                    return false;
                }
                continue;
            }
            if (!f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Override
    public String describe() {
        String f = topicFilter();
        return "MQTT " + packetType() + (isEmpty(f) ? "" : " on " + f);
    }
}
