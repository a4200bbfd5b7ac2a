package io.netstep.preflight;

/**
 * Follows a preflight as it runs. Called on the thread that runs the preflight, in check
 * order; a UI must hand the calls over to its own thread. Must not throw (what it throws is
 * ignored).
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() { };

    /** A check begins. */
    default void started(Check check) { }

    /** A check ended (also for SKIPPED checks, which never start). */
    default void finished(StepResult result) { }
}
