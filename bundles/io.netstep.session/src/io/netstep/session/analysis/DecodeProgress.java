package io.netstep.session.analysis;

import io.netstep.session.capture.Progress;

/**
 * The decoding step of an open, reported as {@code [base, base + span]} of a {@link Progress}'s
 * total: step {@code i} of {@code n} is {@code base + span * i / n}. Cancellation is checked
 * every {@link #EVERY} steps.
 */
record DecodeProgress(Progress progress, long base, long span, long total, String what) {

    static final int EVERY = 2048;

    /** Steps reported as themselves (i of n), for the overloads that only decode. */
    static DecodeProgress steps(Progress progress, String what) {
        return new DecodeProgress(progress, 0, -1, -1, what);
    }

    void at(long i, long n) {
        if (i % EVERY == 0) {
            progress.checkCancelled();
            report(i, n);
        }
    }

    void end(long n) {
        progress.checkCancelled();
        report(n, n);
    }

    private void report(long i, long n) {
        if (span < 0) {
            progress.worked(i, n, what);
        } else {
            progress.worked(base + (n == 0 ? span : span * i / n), total, what);
        }
    }
}
