package io.netstep.debug.model;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.layers.Field;
import io.netstep.debug.layers.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MQTT field layer: the decoded fields of an MQTT packet event, one event each, in wire
 * order. Stepping through them needs no run: the packet is complete when it is decoded.
 */
final class MqttFields {

    private MqttFields() { }

    /** The fields of {@code packet} (an MQTT packet event) as field-layer events; empty for other layers. */
    static List<ProtocolEvent> of(ProtocolEvent packet) {
        if (packet == null || !AnalysisLayers.MQTT_PACKET.equals(packet.layer())) {
            return List.of();
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : packet.fields()) {
            if (!f.name().equals(AnalysisFeed.DIRECTION_FIELD)) {
                fields.add(f);
            }
        }
        List<ProtocolEvent> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String value = f.display();
            out.add(new ProtocolEvent(AnalysisLayers.MQTT_FIELD, f.name(), packet.socket(), packet.entry(),
                    packet.type() + " " + f.name() + " = " + value,
                    Map.of("field", f.name(), "value", value == null ? "" : value, "packet", packet.type(),
                            "index", Integer.toString(i), "count", Integer.toString(fields.size())),
                    List.of(f, Field.text("packet", packet.summary()),
                            Field.text("field", (i + 1) + " of " + fields.size())), packet.source()));
        }
        return out;
    }

    /** The field after {@code field} in the same packet, or null after the last. */
    static ProtocolEvent next(ProtocolEvent packet, ProtocolEvent field) {
        List<ProtocolEvent> all = of(packet);
        int i = Integer.parseInt(field.attribute("index"));
        return i + 1 < all.size() ? all.get(i + 1) : null;
    }
}
