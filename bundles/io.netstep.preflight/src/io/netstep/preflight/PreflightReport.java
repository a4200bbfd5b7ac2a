package io.netstep.preflight;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a preflight found: one {@link StepResult} per {@link Check}, in order, plus the facts
 * the project wizard takes over (TLS version and suite, the server chain, the largest
 * handshake record: the TLS input buffer the firmware needs).
 *
 * @param settings             the settings that were checked, without secrets
 * @param steps                one result per check, in {@link Check} order
 * @param cancelled            true when the run was cancelled before its end
 * @param protocol             negotiated TLS version ("TLSv1.2"), or null
 * @param cipherSuite          negotiated suite, or null
 * @param serverChain          the certificates the server sent, end entity first (empty without TLS)
 * @param largestRecordLength  length field of the largest record the server sent during the
 *                             handshake (bytes after the 5-byte header), or -1 when not measured
 * @param largestRecordContent what that record carried ("Certificate", "encrypted handshake"…)
 */
public record PreflightReport(String settings, List<StepResult> steps, boolean cancelled, String protocol, String cipherSuite,
        List<X509Certificate> serverChain, int largestRecordLength, String largestRecordContent) {

    public PreflightReport {
        steps = List.copyOf(steps);
        serverChain = List.copyOf(serverChain);
    }

    /** True when nothing failed and the run was not cancelled (warnings are fine; checks skip only after a failure, a cancel, or for TLS when TLS is off). */
    public boolean passed() {
        return !cancelled && steps.stream().noneMatch(s -> s.status() == Status.FAILED);
    }

    /** The first failed check: the one to fix first. */
    public Optional<StepResult> firstFailure() {
        return steps.stream().filter(s -> s.status() == Status.FAILED).findFirst();
    }

    public Optional<StepResult> step(Check c) {
        return steps.stream().filter(s -> s.check() == c).findFirst();
    }

    /** One line for a status bar or the CLI's last line. */
    public String verdict() {
        if (cancelled) return "CANCELLED";
        Optional<StepResult> f = firstFailure();
        if (f.isPresent()) return "FAILED at " + f.get().check().title() + ": " + (f.get().cause().isEmpty() ? f.get().summary() : f.get().cause());
        long warnings = steps.stream().filter(s -> s.status() == Status.WARNING).count();
        return "PASSED" + (warnings > 0 ? " with " + warnings + (warnings == 1 ? " warning" : " warnings") : "");
    }
}
