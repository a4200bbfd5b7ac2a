package io.netstep.ui.detail;

import io.netstep.session.analysis.FieldNode;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A row of the packet detail tree: a field of the event's {@link FieldNode} tree, with its
 * bytes mapped into the event's own bytes ({@code from} -1 when it has none there).
 */
record DetailNode(String name, String value, int from, int length, List<DetailNode> children) {

    /** The event's field tree; events without one (chip, SPI) get their attributes and data. */
    static DetailNode of(ProtocolEvent e) {
        byte[] bytes = e.bytes();
        FieldNode root = e.fields();
        if (!root.children().isEmpty()) {
            return convert(root, e, bytes.length);
        }
        List<DetailNode> kids = new ArrayList<>();
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            kids.add(new DetailNode(a.getKey(), String.valueOf(a.getValue()), -1, 0, List.of()));
        }
        if (bytes.length > 0) {
            kids.add(new DetailNode("data", bytes.length + " bytes", 0, bytes.length, List.of()));
        }
        return new DetailNode(root.name(), root.value(), bytes.length > 0 ? 0 : -1, bytes.length, kids);
    }

    private static DetailNode convert(FieldNode f, ProtocolEvent e, int size) {
        int from = -1;
        int len = 0;
        for (FieldNode.Range r : f.ranges()) {
            long base = r.space() == FieldNode.Space.EVENT ? 0 : e.streamOffset();
            if (base < 0) {
                continue;
            }
            long start = r.offset() - base;
            if (start >= 0 && start + r.length() <= size) {
                // several ranges: cover them all (they are adjacent parts of one field)
                int s = (int) start;
                int end = Math.max(from < 0 ? 0 : from + len, s + r.length());
                from = from < 0 ? s : Math.min(from, s);
                len = end - from;
            }
        }
        List<DetailNode> kids = new ArrayList<>();
        for (FieldNode c : f.children()) {
            kids.add(convert(c, e, size));
        }
        return new DetailNode(f.name(), f.value(), from, len, kids);
    }

    /** First node with that name, depth first, or null. */
    DetailNode find(String fieldName) {
        if (name.equals(fieldName)) {
            return this;
        }
        for (DetailNode c : children) {
            DetailNode hit = c.find(fieldName);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }
}
