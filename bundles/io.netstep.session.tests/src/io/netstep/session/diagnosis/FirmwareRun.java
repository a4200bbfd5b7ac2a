package io.netstep.session.diagnosis;

import io.netstep.net.NetworkOptions;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.cli.NetworkSetup;
import io.netstep.testing.ReferenceFirmware;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the reference firmware through the real path (shim → bridge → virtual W5500 →
 * virtual network → a broker on 127.0.0.1), in process, so the test gets the event log and
 * the diagnoses.
 */
final class FirmwareRun {

    static final String BROKER_NAME = "broker.netstep.test";

    final List<LogEntry> log;
    /** The TLS key log lines the firmware handed over (kept in memory, never printed). */
    final List<String> keyLog;
    final String output;
    final int status;
    final List<Diagnosis> diagnoses;

    private FirmwareRun(List<LogEntry> log, List<String> keyLog, String output, int status) {
        this.log = log;
        this.keyLog = keyLog;
        this.output = output;
        this.status = status;
        this.diagnoses = Diagnoser.of(log, keyLog);
    }

    static FirmwareRun run(NetworkOptions net, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(net, command, timeoutSeconds, s -> { });
    }

    /** {@code started} gets the session before the firmware starts (to route a cloud profile's notes into it). */
    static FirmwareRun run(NetworkOptions net, List<String> command, long timeoutSeconds,
                           java.util.function.Consumer<Session> started) throws IOException, InterruptedException {
        Session session = new Session(NetworkSetup.binder(net));
        session.start();
        started.accept(session);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        try (BridgeServer bridge = BridgeServer.unix(session).start()) {
            session.record(new SessionEvent.FirmwareStarted(String.join(" ", command)));
            File outFile = File.createTempFile("netstep-fw-", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outFile);
                pb.environment().putAll(bridge.environment());
                Process p = pb.start();
                boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                if (!done) {
                    p.destroyForcibly().waitFor();
                }
                status = p.exitValue();
                session.record(new SessionEvent.FirmwareExited(p.pid(), status, !done));
                buf.writeBytes(Files.readAllBytes(outFile.toPath()));
            } finally {
                outFile.delete();
            }
            awaitDetach(session);
        } finally {
            session.terminate();
        }
        return new FirmwareRun(session.log().snapshot(), session.keyLog().lines(), buf.toString(StandardCharsets.UTF_8), status);
    }

    private static void awaitDetach(Session session) throws InterruptedException {
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            List<LogEntry> log = session.log().snapshot();
            long c = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeConnected).count();
            long d = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeDisconnected).count();
            if (d >= c) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** The reference firmware's command line against {@link #BROKER_NAME} with DHCP. */
    static List<String> command(String exe, String... extra) {
        List<String> c = new ArrayList<>(List.of(ReferenceFirmware.executable(exe).toString(), "--dhcp", "--broker", BROKER_NAME,
                "--wait-message", "0", "--command-timeout", "2000"));
        c.addAll(List.of(extra));
        return c;
    }

    List<String> ids() {
        return diagnoses.stream().map(Diagnosis::id).toList();
    }

    Diagnosis only(String id) {
        List<Diagnosis> d = diagnoses.stream().filter(x -> x.id().equals(id)).toList();
        if (d.size() != 1) {
            throw new AssertionError("expected one " + id + ", got " + ids() + "\n" + this);
        }
        return d.get(0);
    }

    LogEntry entry(long seq) {
        return log.get((int) seq - 1);
    }

    @Override
    public String toString() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DiagnosisReport.printText(diagnoses, new java.io.PrintStream(b, true, StandardCharsets.UTF_8));
        return "firmware status " + status + "\n" + output + "\n" + b.toString(StandardCharsets.UTF_8);
    }
}
