package io.netstep.ui.timeline;

import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.Events;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which timeline rows to show: layers, one socket (or any), one direction (or any) and a
 * text that the summary or type must contain (case-insensitive).
 */
public record TimelineFilter(Set<Layer> layers, int socket, Dir dir, String text) {

    public static final int ANY_SOCKET = -2;
    public static final TimelineFilter ALL = new TimelineFilter(EnumSet.allOf(Layer.class), ANY_SOCKET, null, "");

    public TimelineFilter {
        layers = layers.isEmpty() ? EnumSet.noneOf(Layer.class) : EnumSet.copyOf(layers);
        text = text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    public boolean isAll() {
        return layers.size() == Layer.values().length && socket == ANY_SOCKET && dir == null && text.isEmpty();
    }

    public boolean matches(ProtocolEvent e) {
        if (!layers.contains(e.layer())) {
            return false;
        }
        if (dir != null && e.dir() != dir) {
            return false;
        }
        if (socket != ANY_SOCKET && Events.socket(e) != socket) {
            return false;
        }
        return text.isEmpty() || e.summary().toLowerCase(Locale.ROOT).contains(text)
                || e.type().toLowerCase(Locale.ROOT).contains(text);
    }

    public TimelineFilter withLayers(Set<Layer> l) {
        return new TimelineFilter(l, socket, dir, text);
    }

    public TimelineFilter withSocket(int s) {
        return new TimelineFilter(layers, s, dir, text);
    }

    public TimelineFilter withDir(Dir d) {
        return new TimelineFilter(layers, socket, d, text);
    }

    public TimelineFilter withText(String t) {
        return new TimelineFilter(layers, socket, dir, t);
    }
}
