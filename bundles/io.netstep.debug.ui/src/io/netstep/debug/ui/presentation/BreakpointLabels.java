package io.netstep.debug.ui.presentation;

import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.HandshakeStateBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.RegisterValueBreakpoint;
import io.netstep.debug.breakpoints.SocketCommandBreakpoint;
import io.netstep.debug.breakpoints.SocketStateBreakpoint;
import io.netstep.debug.breakpoints.TlsAlertBreakpoint;
import io.netstep.debug.layers.SpiFrameLayer;
import io.netstep.w5500.Registers;

import org.eclipse.core.runtime.CoreException;

/**
 * The Breakpoints view's labels, in the words of the specs: "MQTT PUBLISH topic=sensors/#",
 * "TLS alert handshake_failure", "S0_SR → SOCK_ESTABLISHED".
 */
public final class BreakpointLabels {

    private BreakpointLabels() { }

    public static String label(NetStepBreakpoint b) {
        if (b.getMarker() == null || !b.getMarker().exists()) {
            return "NetStep breakpoint (deleted)";
        }
        return text(b);
    }

    static String text(NetStepBreakpoint b) {
        if (b instanceof MqttPacketBreakpoint m) {
            String f = m.topicFilter();
            return "MQTT " + orAny(m.packetType(), "any packet") + (empty(f) ? "" : " topic=" + f);
        }
        if (b instanceof TlsAlertBreakpoint a) {
            return "TLS alert " + orAny(a.description(), "any");
        }
        if (b instanceof HandshakeMessageBreakpoint h) {
            return "TLS handshake message " + orAny(h.messageType(), "any");
        }
        if (b instanceof HandshakeStateBreakpoint s) {
            return "TLS handshake state " + s.state() + (empty(s.side()) ? "" : " (" + s.side() + ")");
        }
        if (b instanceof SocketStateBreakpoint s) {
            return socket(s.socket(), "SR") + " \u2192 " + Registers.stateName(s.state());
        }
        if (b instanceof SocketCommandBreakpoint c) {
            return socket(c.socket(), "CR") + " = " + Registers.commandName(c.command());
        }
        if (b instanceof RegisterValueBreakpoint r) {
            return String.format("%s%s becomes 0x%02X", SpiFrameLayer.target(r.block(), r.offset()),
                    r.block() == Registers.BSB_COMMON ? "" : " of socket " + SpiFrameLayer.socketOf(r.block()), r.value());
        }
        if (b instanceof DiagnosisBreakpoint d) {
            return "Diagnosis " + orAny(d.diagnosisId(), "any") + " raised";
        }
        try {
            return b.describe();
        } catch (CoreException e) {
            return "NetStep breakpoint";
        }
    }

    /** "S0_SR" or "Sn_SR (any socket)". */
    private static String socket(int sn, String reg) {
        return sn == NetStepBreakpoint.ANY_SOCKET ? "Sn_" + reg + " (any socket)" : "S" + sn + "_" + reg;
    }

    private static String orAny(String s, String any) {
        return empty(s) ? any : s;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
