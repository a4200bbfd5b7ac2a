package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops when a side's TLS handshake state becomes the given one. Fed from the session's analysis (see {@link AnalysisLayers}). */
public class HandshakeStateBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.handshakeStateMarker";
    static final String STATE = "io.netstep.debug.handshakeState";
    static final String SIDE = "io.netstep.debug.side";

    public HandshakeStateBreakpoint() {
    }

    /** {@code side}: "client", "server", or null for either. */
    public HandshakeStateBreakpoint(String side, String state, boolean register) throws CoreException {
        create(MARKER, Map.of(STATE, state, SIDE, side == null ? "" : side), register);
    }

    public String state() {
        return stringAttribute(STATE);
    }

    public String side() {
        return stringAttribute(SIDE);
    }

    public void setState(String state) throws CoreException {
        update(STATE, state == null ? "" : state);
    }

    /** "client", "server", or null for either. */
    public void setSide(String side) throws CoreException {
        update(SIDE, side == null ? "" : side);
    }

    @Override
    protected String layer() {
        return AnalysisLayers.TLS_HANDSHAKE;
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        String state = state();
        String side = side();
        return e -> state != null && state.equalsIgnoreCase(e.attribute("state")) && matchesOptional(side, e.attribute("side"));
    }

    @Override
    public String describe() {
        String s = side();
        return "TLS handshake state " + state() + (isEmpty(s) ? "" : " (" + s + ")");
    }
}
