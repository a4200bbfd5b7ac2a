package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops at a TLS handshake message of a type ("ServerHello"). Fed from the session's analysis (see {@link AnalysisLayers}). */
public class HandshakeMessageBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.handshakeMessageMarker";
    static final String TYPE = "io.netstep.debug.handshakeType";

    public HandshakeMessageBreakpoint() {
    }

    public HandshakeMessageBreakpoint(String messageType, boolean register) throws CoreException {
        create(MARKER, Map.of(TYPE, messageType), register);
    }

    public String messageType() {
        return stringAttribute(TYPE);
    }

    @Override
    protected Predicate<ProtocolEvent> eventMatcher() {
        String t = messageType();
        return e -> AnalysisLayers.TLS_HANDSHAKE.equals(e.layer()) && !"Alert".equals(e.type()) && matchesOptional(t, e.type());
    }

    @Override
    public String describe() {
        return "TLS handshake message " + messageType();
    }
}
