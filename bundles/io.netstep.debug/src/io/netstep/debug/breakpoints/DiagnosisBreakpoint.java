package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops when a diagnosis is raised (a given one, e.g. "F1", or any). Fires once diagnoses are logged (see {@link AnalysisLayers}). */
public class DiagnosisBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.diagnosisMarker";
    static final String DIAGNOSIS_ID = "io.netstep.debug.diagnosisId";

    public DiagnosisBreakpoint() {
    }

    public DiagnosisBreakpoint(String diagnosisId, boolean register) throws CoreException {
        create(MARKER, Map.of(DIAGNOSIS_ID, diagnosisId == null ? "" : diagnosisId), register);
    }

    public String diagnosisId() {
        return stringAttribute(DIAGNOSIS_ID);
    }

    @Override
    protected Predicate<ProtocolEvent> eventMatcher() {
        String id = diagnosisId();
        return e -> AnalysisLayers.DIAGNOSIS.equals(e.layer()) && "raised".equals(e.type())
                && matchesOptional(id, e.attribute("id"));
    }

    @Override
    public String describe() {
        String id = diagnosisId();
        return "diagnosis " + (id == null || id.isEmpty() ? "(any)" : id) + " raised";
    }
}
