package io.netstep.serial;

/** Something in the log that could not be read as it claims to be; the line is 1-based. */
public record LogProblem(int line, String message, String excerpt) {

    @Override
    public String toString() {
        return "line " + line + ": " + message + (excerpt.isEmpty() ? "" : " [" + excerpt + "]");
    }
}
