package io.netstep.session.diagnosis;

import io.netstep.session.LogEntry;
import io.netstep.session.analysis.Analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The failures of failures.md, checked over a session's event log: {@link #diagnose} returns
 * every finding, ordered along the timeline; {@link DiagnosisReport} renders them.
 *
 * <p>The rules work on the chip's and the network's events (bytes the chip moved, the
 * firmware's SPI reads of the RX buffer and of Sn_RX_RSR, socket commands and states, the
 * plaintext part of the TLS handshake, plain MQTT) and, when given, on the analysis layer's
 * decrypted MQTT packets (F1 certain, F9 and F10 over TLS, F11 last packet). The cloud
 * profile's decisions are read from {@code NetworkNote("cloud", <CloudEvent line>)}.
 *
 * <p>Wanted from the analysis layer (io.netstep.session.analysis, owned by another author):
 * <ul>
 * <li>the log sequence number that completed a decoded (TLS/MQTT) event: {@code logSeq()} is -1
 *     for them, so {@link Decoded#seq} takes the latest chip entry below it — a
 *     {@code completedBySeq()} would make that exact;</li>
 * <li>MQTT violations per packet as structured data (rule, message) rather than the
 *     "rule: message" strings F9 passes on as they are.</li>
 * </ul>
 */
public final class Diagnoser {

    private final List<Rule> rules = List.of(
            new ConnectTimeoutRule(),
            new NoDnsRule(),
            new TlsSetupFailedRule(),
            new RecvZeroAsEofRule(),
            new RecordTooLargeRule(),
            new MissingSniRule(),
            new ServerNotTrustedRule(),
            new ClientCertMissingRule(),
            new NoCommonCipherRule(),
            new StrandedTlsBytesRule(),
            new YieldNeverReadsRule(),
            new BadConnackRule(),
            new KeepaliveExpiredRule(),
            new SocketsExhaustedRule(),
            new PolicyDisconnectRule(),
            new ClientIdTakenRule());

    private final FirmwareSide firmware;

    public Diagnoser() {
        this(FirmwareSide.NONE);
    }

    /** With the firmware's source folder and output: F6 then checks the project's certificate arrays. */
    public Diagnoser(FirmwareSide firmware) {
        this.firmware = firmware == null ? FirmwareSide.NONE : firmware;
    }

    /** Every finding in {@code log}, earliest evidence first; empty when no known failure shows. */
    public List<Diagnosis> diagnose(List<LogEntry> log) {
        return diagnose(log, null);
    }

    /**
     * Like {@link #diagnose(List)}, with the decoded layers: with the TLS key log in it the
     * rules can see the decrypted MQTT packets (F1 becomes certain when the stranded record
     * holds one). {@code analysis} may be null.
     */
    public List<Diagnosis> diagnose(List<LogEntry> log, Analysis analysis) {
        SessionTrace trace = new SessionTrace(log, analysis);
        trace.firmware = firmware;
        List<Diagnosis> out = new ArrayList<>();
        for (Rule r : rules) {
            try {
                out.addAll(r.check(trace));
            } catch (RuntimeException e) {
                // a rule that trips over odd input must not cost the other findings
                out.add(new Diagnosis("INTERNAL", "rule-failed", r.getClass().getSimpleName() + " failed: " + e,
                        Confidence.POSSIBLE, "a bug in NetStep's diagnosis, not in the firmware", "", List.of(), "", List.of()));
            }
        }
        out.sort(Comparator.comparingLong(Diagnosis::firstSeq));
        return out;
    }

    public static List<Diagnosis> of(List<LogEntry> log) {
        return new Diagnoser().diagnose(log);
    }

    /** Diagnoses with decryption: decodes {@code log} with {@code keyLogLines} first (never logged). */
    public static List<Diagnosis> of(List<LogEntry> log, List<String> keyLogLines) {
        return of(log, keyLogLines, FirmwareSide.NONE);
    }

    /** Like {@link #of(List, List)}, with what the run knows of the firmware (source folder, output). */
    public static List<Diagnosis> of(List<LogEntry> log, List<String> keyLogLines, FirmwareSide firmware) {
        Analysis analysis;
        try {
            analysis = Analysis.of(log, keyLogLines);
        } catch (RuntimeException e) {
            analysis = null; // the rules still work on the chip's events alone
        }
        return new Diagnoser(firmware).diagnose(log, analysis);
    }
}
