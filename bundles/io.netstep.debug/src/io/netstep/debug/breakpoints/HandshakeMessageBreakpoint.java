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

    public void setMessageType(String type) throws CoreException {
        update(TYPE, type == null ? "" : type);
    }

    @Override
    protected String layer() {
        return AnalysisLayers.TLS_HANDSHAKE;
    }

    @Override
    protected String eventType() {
        return messageType();
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        return e -> !"Alert".equals(e.type()); // alerts share the layer; they have their own breakpoint
    }

    @Override
    public String describe() {
        return "TLS handshake message " + messageType();
    }
}
