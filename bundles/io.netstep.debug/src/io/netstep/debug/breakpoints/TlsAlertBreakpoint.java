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

    @Override
    protected Predicate<ProtocolEvent> eventMatcher() {
        String d = description();
        return e -> AnalysisLayers.TLS_HANDSHAKE.equals(e.layer()) && "Alert".equals(e.type())
                && matchesOptional(d, e.attribute("description"));
    }

    @Override
    public String describe() {
        String d = description();
        return "TLS alert " + (d == null || d.isEmpty() ? "(any)" : d);
    }
}
