package io.netstep.preflight;

/** Outcome of one check. */
public enum Status {
    /** Works as the firmware needs it. */
    OK,
    /** Works, but something deserves attention (see the step's cause and fix). */
    WARNING,
    /** Does not work: the step says why and what to change. */
    FAILED,
    /** Not tried: TLS is off, an earlier step failed, or the run was cancelled. */
    SKIPPED
}
