package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops at a TLS alert record (of a given description, or any). Fed from the session's analysis (see {@link AnalysisLayers}). */
public class TlsAlertBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.tlsAlertMarker";
    static final String DESCRIPTION = "io.netstep.debug.alertDescription";

    public TlsAlertBreakpoint() {
    }

    /** {@code description}: RFC name like "bad_certificate"; null or "" for any alert. */
    public TlsAlertBreakpoint(String description, boolean register) throws CoreException {
        create(MARKER, Map.of(DESCRIPTION, description == null ? "" : description), register);
    }

    public String description() {
        return stringAttribute(DESCRIPTION);
    }

    public void setDescription(String description) throws CoreException {
        update(DESCRIPTION, description == null ? "" : description);
    }

    @Override
    protected String layer() {
        return AnalysisLayers.TLS_HANDSHAKE;
    }

    @Override
    protected String eventType() {
        return "Alert";
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        String d = description();
        return e -> matchesOptional(d, e.attribute("description"));
    }

    @Override
    public String describe() {
        String d = description();
        return "TLS alert " + (isEmpty(d) ? "(any)" : d);
    }
}
