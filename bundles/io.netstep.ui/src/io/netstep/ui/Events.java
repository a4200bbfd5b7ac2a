package io.netstep.ui;

import io.netstep.session.analysis.ProtocolEvent;

import java.util.Locale;

/** How the views show a {@link ProtocolEvent}'s common facts. */
public final class Events {

    private Events() { }

    /** The chip socket (0..7) the event belongs to, or -1 (common block, session, network without socket). */
    public static int socket(ProtocolEvent e) {
        Object s = e.attributes().get("socket");
        if (s instanceof Integer n) {
            return n;
        }
        if (e.connection() != null) {
            return e.connection().socket();
        }
        Object b = e.attributes().get("block");
        if (b instanceof Integer block && block > 0 && block < 32 && block % 4 != 0) {
            return (block - 1) / 4;
        }
        return -1;
    }

    /** Virtual time as milliseconds with microsecond digits, e.g. "12.345 678". */
    public static String time(ProtocolEvent e) {
        return String.format(Locale.ROOT, "%.6f", e.virtualNanos() / 1e6);
    }

    /** Layer name as people say it: "SPI", "TLS record", "MQTT". */
    public static String layer(ProtocolEvent e) {
        return switch (e.layer()) {
            case SPI -> "SPI";
            case CHIP -> "Chip";
            case SOCKET -> "Socket";
            case TLS_RECORD -> "TLS record";
            case TLS_HANDSHAKE -> "TLS handshake";
            case TLS_ALERT -> "TLS alert";
            case TLS_APPDATA -> "TLS data";
            case TLS_PROBLEM -> "TLS problem";
            case MQTT -> "MQTT";
            case MQTT_PROBLEM -> "MQTT problem";
            case NET -> "Network";
            case SESSION -> "Session";
            case LOG -> "Log";
        };
    }

    /**
     * The event's type as a header: for an SPI frame with the datasheet name of the register it
     * starts at ("SPI write common SHAR", "SPI read S0 registers Sn_RX_RSR") or its buffer offset
     * ("SPI read S0 RX buffer @0x01A0"); other events: their type.
     */
    public static String heading(ProtocolEvent e) {
        if (e.layer() != io.netstep.session.analysis.Layer.SPI
                || !(e.attributes().get("block") instanceof Integer block)
                || !(e.attributes().get("offset") instanceof Integer offset)) {
            return e.type();
        }
        String reg = null;
        if (block == io.netstep.w5500.Registers.BSB_COMMON) {
            reg = io.netstep.w5500.Registers.commonName(offset);
        } else if (block < 32 && !io.netstep.w5500.Registers.isReservedBlock(block) && (block - 1) % 4 == 0) {
            reg = io.netstep.w5500.Registers.socketName(offset);
        }
        return e.type() + " " + (reg != null ? reg : String.format(Locale.ROOT, "@0x%04X", offset));
    }

    /** "→" firmware to peer, "←" peer to firmware, "" none. */
    public static String dir(ProtocolEvent e) {
        return switch (e.dir()) {
            case C2S -> "\u2192";
            case S2C -> "\u2190";
            case NONE -> "";
        };
    }
}
