package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.session.diagnosis.Confidence;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/**
 * Stops when the live diagnosis raises a failure (a given one, e.g. "F1", or any) with at least
 * a given confidence. The debug target runs the session's Diagnoser while the session runs
 * (see {@link AnalysisLayers#DIAGNOSIS}); the thread stops at the last event the finding's
 * evidence names.
 */
public class DiagnosisBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.diagnosisMarker";
    static final String DIAGNOSIS_ID = "io.netstep.debug.diagnosisId";
    static final String MIN_CONFIDENCE = "io.netstep.debug.minConfidence";

    public DiagnosisBreakpoint() {
    }

    /** Any confidence. */
    public DiagnosisBreakpoint(String diagnosisId, boolean register) throws CoreException {
        this(diagnosisId, Confidence.POSSIBLE, register);
    }

    /** {@code diagnosisId}: "F1" … or null / "" for any; {@code minimum}: the least confidence to stop at. */
    public DiagnosisBreakpoint(String diagnosisId, Confidence minimum, boolean register) throws CoreException {
        create(MARKER, Map.of(DIAGNOSIS_ID, diagnosisId == null ? "" : diagnosisId,
                MIN_CONFIDENCE, (minimum == null ? Confidence.POSSIBLE : minimum).name()), register);
    }

    public String diagnosisId() {
        return stringAttribute(DIAGNOSIS_ID);
    }

    /** The least confidence to stop at (markers from before this attribute: any). */
    public Confidence minimumConfidence() {
        return confidence(stringAttribute(MIN_CONFIDENCE), Confidence.POSSIBLE);
    }

    public void setDiagnosisId(String id) throws CoreException {
        update(DIAGNOSIS_ID, id == null ? "" : id);
    }

    public void setMinimumConfidence(Confidence minimum) throws CoreException {
        update(MIN_CONFIDENCE, (minimum == null ? Confidence.POSSIBLE : minimum).name());
    }

    @Override
    protected String layer() {
        return AnalysisLayers.DIAGNOSIS;
    }

    @Override
    protected String eventType() {
        return "raised";
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        String id = diagnosisId();
        Confidence min = minimumConfidence();
        // CERTAIN < LIKELY < POSSIBLE in declaration order: "at least" is an ordinal at most min's
        return e -> matchesOptional(id, e.attribute("id"))
                && confidence(e.attribute("confidence"), Confidence.POSSIBLE).ordinal() <= min.ordinal();
    }

    private static Confidence confidence(String name, Confidence fallback) {
        if (name == null || name.isEmpty()) {
            return fallback;
        }
        try {
            return Confidence.valueOf(name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    @Override
    public String describe() {
        String id = diagnosisId();
        Confidence min = minimumConfidence();
        return "diagnosis " + (isEmpty(id) ? "(any)" : id) + " raised"
                + (min == Confidence.POSSIBLE ? "" : ", " + min.name().toLowerCase(java.util.Locale.ROOT) + " or surer");
    }
}
