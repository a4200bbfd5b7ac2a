package io.netstep.preflight;

/**
 * The outcome of one check, in plain words.
 *
 * @param summary what was found, one line ("127.0.0.1:8883 accepts connections")
 * @param cause   for WARNING / FAILED: why, in the user's words; else empty
 * @param fix     for WARNING / FAILED: what to change; else empty
 * @param millis  how long the check took
 */
public record StepResult(Check check, Status status, String summary, String cause, String fix, long millis) {

    public StepResult {
        summary = summary == null ? "" : summary;
        cause = cause == null ? "" : cause;
        fix = fix == null ? "" : fix;
    }

    static StepResult ok(Check c, String summary) {
        return new StepResult(c, Status.OK, summary, "", "", 0);
    }

    static StepResult warning(Check c, String summary, String cause, String fix) {
        return new StepResult(c, Status.WARNING, summary, cause, fix, 0);
    }

    static StepResult failed(Check c, String summary, String cause, String fix) {
        return new StepResult(c, Status.FAILED, summary, cause, fix, 0);
    }

    static StepResult skipped(Check c, String why) {
        return new StepResult(c, Status.SKIPPED, why, "", "", 0);
    }

    StepResult took(long ms) {
        return new StepResult(check, status, summary, cause, fix, ms);
    }

    /** One line: "[FAILED] TCP connect: nothing listens on 127.0.0.1:1884". */
    @Override
    public String toString() {
        return "[" + status + "] " + check.title() + ": " + summary;
    }
}
