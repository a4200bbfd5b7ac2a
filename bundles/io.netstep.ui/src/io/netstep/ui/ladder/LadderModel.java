package io.netstep.ui.ladder;

import io.netstep.session.analysis.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a handshake ladder shows for one connection, independent of how it is drawn: two
 * lifelines ("Device (firmware)" and the broker) and, in timeline order, one {@link Arrow} per
 * TLS handshake message, ChangeCipherSpec, alert, MQTT packet and TCP event (SYN, FIN, RST,
 * timeout), plus notes for problems and faults. Each arrow carries both sides' TLS state after
 * it (RFC 8446 / 5246 names as the TLS decoder gives them).
 */
public record LadderModel(String title, String deviceName, String brokerName, List<Arrow> arrows) {

    /** Which lifeline an arrow starts at. */
    public enum Side { DEVICE, BROKER }

    /** What an arrow is, for colour and style. */
    public enum Kind { TCP, TLS, ALERT, MQTT, NOTE }

    /**
     * One row of the ladder.
     *
     * @param event the protocol event it shows (what a click selects)
     * @param from the sender's lifeline; null for a note (a problem, a fault) between the lifelines
     * @param label the message name, e.g. "ClientHello", "CONNACK", "FIN", "Alert fatal handshake_failure"
     * @param detail a short second line (SNI, cipher suite, return code…), may be empty
     * @param time virtual time in ms as the timeline shows it
     * @param red an alert, a reset, a timeout, a refused connect, a problem
     * @param cut the message never reached the other side's firmware: a drop, a reset, a timeout,
     *            or bytes that arrived at the chip and were never read (drawn ending in an X)
     * @param deviceState the device side's TLS state after this row ("" unknown)
     * @param brokerState the broker side's TLS state after this row ("" unknown)
     */
    public record Arrow(ProtocolEvent event, Kind kind, Side from, String label, String detail, String time,
                        boolean red, boolean cut, String deviceState, String brokerState) {

        public boolean isNote() {
            return from == null;
        }
    }

    public LadderModel {
        arrows = List.copyOf(arrows);
    }

    /** An empty ladder (no connection). */
    public static LadderModel empty(String title) {
        return new LadderModel(title, "Device (firmware)", "Broker", List.of());
    }

    /** The arrows' labels in order (notes included). */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Arrow a : arrows) {
            out.add(a.label());
        }
        return out;
    }

    /** Index of the arrow showing {@code e}, or -1. */
    public int indexOf(ProtocolEvent e) {
        for (int i = 0; i < arrows.size(); i++) {
            if (arrows.get(i).event() == e) {
                return i;
            }
        }
        return -1;
    }

    /** First arrow with that label, or -1. */
    public int indexOf(String label) {
        for (int i = 0; i < arrows.size(); i++) {
            if (arrows.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }
}
