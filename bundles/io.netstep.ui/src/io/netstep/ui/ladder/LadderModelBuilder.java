package io.netstep.ui.ladder;

import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Connection;
import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.Events;
import io.netstep.ui.ladder.LadderModel.Arrow;
import io.netstep.ui.ladder.LadderModel.Kind;
import io.netstep.ui.ladder.LadderModel.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link LadderModel} of one connection from an {@link Analysis}. Besides the
 * connection's own events it takes the chip and network events of the same chip socket while
 * the connection lived (the host's FIN/RST and Sn_IR TIMEOUT carry no connection of their own).
 * Plain Java: runs in a job.
 */
public final class LadderModelBuilder {

    private static final int SN_IR_TIMEOUT = 0x08;
    private static final Set<String> OPEN_STATES = Set.of("SOCK_ESTABLISHED", "SOCK_CLOSE_WAIT", "SOCK_SYNSENT",
            "SOCK_SYNRECV");

    private final Connection connection;
    private final boolean deviceIsClient;
    private final List<Arrow> arrows = new ArrayList<>();
    private String deviceState = "";
    private String brokerState = "";

    private LadderModelBuilder(Connection c) {
        this.connection = c;
        this.deviceIsClient = c.firmwareIsClient();
    }

    /** The ladder of {@code c} (a connection of {@code analysis}); cancellable through {@code cancelled}. */
    public static LadderModel build(Analysis analysis, Connection c, java.util.function.BooleanSupplier cancelled) {
        LadderModelBuilder b = new LadderModelBuilder(c);
        for (ProtocolEvent e : eventsOf(analysis, c, cancelled)) {
            b.add(e);
        }
        b.captureEnds(c);
        // bytes the firmware never read are decoded when the connection ends: put them where they arrived
        b.arrows.sort(java.util.Comparator.comparingLong(a -> a.event().virtualNanos()));
        return new LadderModel(title(c), "Device (firmware)", brokerName(c), b.arrows);
    }

    public static LadderModel build(Analysis analysis, Connection c) {
        return build(analysis, c, () -> false);
    }

    /** "connection 1 (socket 0) 192.168.77.100:49152 → broker.netstep.test 198.18.0.1:8883, TLS 1.2". */
    public static String title(Connection c) {
        String peer = c.peerName() == null ? c.remoteEndpoint() : c.peerName() + " " + c.remoteEndpoint();
        return "connection " + c.id() + (c.socket() >= 0 ? " (socket " + c.socket() + ")" : "") + " "
                + c.localEndpoint() + " \u2192 " + peer + (c.tlsVersion() == null ? "" : ", " + c.tlsVersion());
    }

    private static String brokerName(Connection c) {
        return c.peerName() != null ? "Broker " + c.peerName() : "Broker " + c.remoteEndpoint();
    }

    /** The connection's events plus its socket's unattached chip and network events while it lived. */
    static List<ProtocolEvent> eventsOf(Analysis analysis, Connection c, java.util.function.BooleanSupplier cancelled) {
        List<ProtocolEvent> own = c.events();
        if (c.socket() < 0 || own.isEmpty()) {
            return own;
        }
        long from = own.get(0).id();
        ProtocolEvent open = c.openEvent();
        if (open != null) {
            from = Math.min(from, open.id());
        }
        long to = Long.MAX_VALUE;
        for (Connection other : analysis.connections()) {
            ProtocolEvent o = other.openEvent();
            if (other != c && other.socket() == c.socket() && o != null && o.id() > from) {
                to = Math.min(to, o.id());
            }
        }
        List<ProtocolEvent> out = new ArrayList<>();
        List<ProtocolEvent> all = analysis.events();
        for (int i = (int) Math.max(0, from - 1); i < all.size(); i++) {
            ProtocolEvent e = all.get(i);
            if (e.id() >= to || (i % 4096 == 0 && cancelled.getAsBoolean())) {
                break;
            }
            if (e.connection() == c || (e.connection() == null && (e.layer() == Layer.CHIP || e.layer() == Layer.NET)
                    && Events.socket(e) == c.socket())) {
                out.add(e);
            }
        }
        return out;
    }

    private Side sender(Dir d) {
        return (d == Dir.C2S) == deviceIsClient ? Side.DEVICE : Side.BROKER;
    }

    private void add(ProtocolEvent e) {
        switch (e.layer()) {
            case TLS_HANDSHAKE -> tls(e);
            case TLS_ALERT -> {
                states(e);
                String label = "Alert " + orEmpty(e.attr("level")) + " " + orEmpty(e.attr("description"));
                arrow(e, Kind.ALERT, sender(e.dir()), label.trim(), unread(e, ""), true, unread(e));
            }
            case MQTT -> {
                String rc = e.attr("return_code");
                boolean refused = "CONNACK".equals(e.type()) && rc != null && !"0".equals(rc);
                arrow(e, Kind.MQTT, sender(e.dir()), e.type(), unread(e, rest(e)), refused, unread(e));
            }
            case TLS_PROBLEM, MQTT_PROBLEM -> arrow(e, Kind.NOTE, null, e.type(), e.summary(), true, false);
            case CHIP -> chip(e);
            case NET -> net(e);
            default -> { }
        }
    }

    private void tls(ProtocolEvent e) {
        states(e);
        String detail = switch (e.type()) {
            case "ClientHello" -> e.attr("sni") == null ? "no SNI" : "SNI " + e.attr("sni");
            case "ServerHello" -> orEmpty(e.attr("cipher_suite")) + (e.attr("version") == null ? "" : ", " + e.attr("version"));
            default -> rest(e);
        };
        arrow(e, Kind.TLS, sender(e.dir()), e.type(), unread(e, detail), false, unread(e));
    }

    private void chip(ProtocolEvent e) {
        String type = e.type();
        if (type.equals("Sn_CR CONNECT")) {
            arrow(e, Kind.TCP, Side.DEVICE, "SYN", "Sn_CR CONNECT", false, false);
        } else if (type.equals("Sn_SR SOCK_ESTABLISHED")) {
            arrow(e, Kind.TCP, Side.BROKER, deviceIsClient ? "SYN/ACK" : "SYN", "Sn_SR SOCK_ESTABLISHED", false, false);
        } else if (type.equals("Sn_CR DISCON")) {
            arrow(e, Kind.TCP, Side.DEVICE, "FIN", "Sn_CR DISCON", false, false);
        } else if (type.equals("Sn_CR CLOSE") && OPEN_STATES.contains(e.attr("state_before"))) {
            arrow(e, Kind.TCP, Side.DEVICE, "RST", "Sn_CR CLOSE in " + e.attr("state_before"), true, true);
        } else if (type.equals("Sn_IR") && e.attributes().get("raised") instanceof Integer r && (r & SN_IR_TIMEOUT) != 0) {
            arrow(e, Kind.TCP, Side.DEVICE, "timeout", "Sn_IR TIMEOUT: retransmissions unanswered", true, true);
        }
    }

    private void net(ProtocolEvent e) {
        switch (e.type()) {
            case "Connect" -> {
                String result = orEmpty(e.attr("result"));
                if (result.equals("REFUSED")) {
                    arrow(e, Kind.TCP, Side.BROKER, "RST", "connect refused", true, true);
                } else if (!result.equals("CONNECTED") && !result.isEmpty()) {
                    arrow(e, Kind.NOTE, null, "connect " + result, e.summary(), true, false);
                }
            }
            case "Closed" -> {
                String how = orEmpty(e.attr("how"));
                if (how.startsWith("FIN")) {
                    arrow(e, Kind.TCP, Side.BROKER, "FIN", how, false, false);
                } else if (how.startsWith("RST")) {
                    arrow(e, Kind.TCP, Side.BROKER, "RST", how, true, true);
                }
            }
            case "Dropped" -> arrow(e, Kind.NOTE, null, "dropped", orEmpty(e.attr("why")), true, false);
            case "FaultApplied" -> arrow(e, Kind.NOTE, null, "fault " + orEmpty(e.attr("spec")), orEmpty(e.attr("what")),
                    false, false);
            default -> { }
        }
    }

    /** A capture has no chip: its SYN and close come from the connection itself. */
    private void captureEnds(Connection c) {
        if (c.socket() >= 0) {
            return;
        }
        ProtocolEvent open = c.openEvent();
        if (open != null && indexOf(open) < 0) {
            arrows.add(0, new Arrow(open, Kind.TCP, Side.DEVICE, "SYN", "connection opened", Events.time(open), false,
                    false, "", ""));
        }
        ProtocolEvent close = c.closeEvent();
        if (close == null || indexOf(close) >= 0) {
            return;
        }
        switch (c.closeKind()) {
            case FIN_BY_FIRMWARE -> arrow(close, Kind.TCP, Side.DEVICE, "FIN", c.closeDetail(), false, false);
            case FIN_BY_PEER, FIN_BOTH_ORDER_UNKNOWN -> arrow(close, Kind.TCP, Side.BROKER, "FIN", c.closeDetail(), false, false);
            case RST_BY_PEER -> arrow(close, Kind.TCP, Side.BROKER, "RST", c.closeDetail(), true, true);
            case CLOSED_BY_FIRMWARE -> arrow(close, Kind.TCP, Side.DEVICE, "RST", c.closeDetail(), true, true);
            case TIMEOUT -> arrow(close, Kind.TCP, Side.DEVICE, "timeout", c.closeDetail(), true, true);
            default -> { }
        }
    }

    private int indexOf(ProtocolEvent e) {
        for (int i = 0; i < arrows.size(); i++) {
            if (arrows.get(i).event() == e) {
                return i;
            }
        }
        return -1;
    }

    private void states(ProtocolEvent e) {
        String client = e.attr("client_state");
        String server = e.attr("server_state");
        String dev = deviceIsClient ? client : server;
        String brk = deviceIsClient ? server : client;
        if (dev != null) {
            deviceState = dev;
        }
        if (brk != null) {
            brokerState = brk;
        }
    }

    private void arrow(ProtocolEvent e, Kind kind, Side from, String label, String detail, boolean red, boolean cut) {
        arrows.add(new Arrow(e, kind, from, label, detail, Events.time(e), red, cut, deviceState, brokerState));
    }

    /** Bytes that arrived at the chip and that the firmware never read. */
    private static boolean unread(ProtocolEvent e) {
        return Boolean.FALSE.equals(e.attributes().get("read_by_firmware"));
    }

    private static String unread(ProtocolEvent e, String detail) {
        return unread(e) ? (detail.isEmpty() ? "" : detail + "; ") + "never read by the firmware" : detail;
    }

    /** The summary without the type it starts with: "CONNACK return_code=0" → "return_code=0". */
    private static String rest(ProtocolEvent e) {
        String s = e.summary();
        return s.startsWith(e.type()) ? s.substring(e.type().length()).trim() : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
