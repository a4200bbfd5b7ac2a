package io.netstep.session.diagnosis;

/**
 * One fact a diagnosis rests on: the event log entry it comes from ({@code seq}, 0 when the
 * fact is derived from several entries listed elsewhere), its virtual time and what it shows,
 * with the concrete values.
 */
public record Evidence(long seq, long virtualNanos, String what) {

    /** "t=1.234567 s" in the session's virtual time. */
    public String time() {
        return String.format(java.util.Locale.ROOT, "t=%.6f s", virtualNanos / 1e9);
    }
}
