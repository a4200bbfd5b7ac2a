package io.netstep.session.cli;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.net.NetworkOptions;
import io.netstep.session.JsonlRecorder;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.VirtualClock;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.capture.PcapngWriter;
import io.netstep.session.capture.SessionFile;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * One {@code netstep run}: a session with its network, the bridge, the firmware as a child
 * process; then the timeline and the verdict.
 */
final class Runner {

    static final int EXIT_NOT_ESTABLISHED = 1;
    static final int EXIT_TIMEOUT = 124;
    static final int EXIT_CANNOT_START = 127;

    /** What happened, for the exit status and for tests. */
    record Result(int exitCode, int firmwareStatus, boolean established, boolean timedOut, List<LogEntry> log) { }

    private Runner() { }

    /** {@code netstep run}: with {@code --cloud}, the cloud profile is mapped into {@code network} and lives as long as the run. */
    static Result run(RunOptions o, NetworkOptions network, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        if (o.cloud == null) {
            return run(o, NetworkSetup.binder(network), out, err);
        }
        AwsIotOptions cloudOptions = CloudRun.options(o);
        VirtualClock clock = new VirtualClock();
        try (CloudRun cloud = CloudRun.start(cloudOptions, o.cloudCerts, clock, network)) {
            cloud.printHeader(err);
            return run(o, clock, NetworkSetup.binder(network), cloud, out, err);
        }
    }

    static Result run(RunOptions o, Session.NetworkBinder binder, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        return run(o, new VirtualClock(), binder, null, out, err);
    }

    private static Result run(RunOptions o, VirtualClock clock, Session.NetworkBinder binder, CloudRun cloud,
            PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Session session = new Session(clock, binder);
        if (cloud != null) {
            cloud.attach(session);
        }
        JsonlRecorder recorder = o.record == null ? null : JsonlRecorder.toFile(o.record).attach(session.log());
        SessionFile.LiveWriter saver = o.saveSession == null ? null
                : SessionFile.open(session.log(), session.keyLog(), o.saveSession);
        session.start();
        int status;
        boolean timedOut;
        List<String> fwOutput = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (BridgeServer bridge = o.tcp ? BridgeServer.tcp(session) : BridgeServer.unix(session)) {
            bridge.start();
            err.println("netstep: virtual W5500 bridge at " + bridge.endpoint());
            session.record(new SessionEvent.FirmwareStarted(String.join(" ", o.firmware)));
            FirmwareProcess fw;
            try {
                fw = FirmwareProcess.start(o.firmware, bridge.environment(), new Tap(out, fwOutput), new Tap(err, fwOutput));
            } catch (IOException e) {
                err.println("netstep: cannot start the firmware: " + e.getMessage());
                return new Result(EXIT_CANNOT_START, -1, false, false, session.log().snapshot());
            }
            status = fw.waitFor(o.timeoutSeconds);
            timedOut = fw.killed();
            session.record(new SessionEvent.FirmwareExited(fw.pid(), status, timedOut));
            awaitDetach(session);
        } finally {
            session.terminate();
            if (recorder != null) {
                recorder.close();
            }
            if (saver != null) {
                saver.close();
            }
        }
        List<LogEntry> log = session.log().snapshot();
        boolean established = log.stream().anyMatch(e -> e.event() instanceof ChipEvent.StateChange s
                && s.to() == Registers.SOCK_ESTABLISHED);

        out.println();
        out.println("---- timeline (virtual time) ----");
        new Timeline(o.spi).print(log, session.keyLog().lines(), out);
        out.println("---- summary ----");
        Summary.print(log, out);
        out.println("---- diagnosis ----");
        io.netstep.session.diagnosis.DiagnosisReport.printText(io.netstep.session.diagnosis.Diagnoser.of(log,
                session.keyLog().lines(), io.netstep.session.diagnosis.FirmwareSide.of(o.project, List.copyOf(fwOutput))), out);

        int code;
        if (timedOut) {
            out.println("FAILED: the firmware did not finish within " + o.timeoutSeconds + " s and was killed");
            code = EXIT_TIMEOUT;
        } else if (status != 0) {
            out.println("FAILED: the firmware exited with status " + status);
            code = status;
        } else if (!established) {
            out.println("FAILED: the firmware exited 0 but no socket ever reached SOCK_ESTABLISHED");
            code = EXIT_NOT_ESTABLISHED;
        } else {
            out.println("OK: the firmware exited 0 after a connection was ESTABLISHED");
            code = 0;
        }
        if (o.record != null) {
            out.println("event log written to " + o.record);
        }
        if (o.saveSession != null) {
            out.println("session written to " + o.saveSession);
        }
        if (o.exportPcapng != null) {
            PcapngWriter.Result p = PcapngWriter.write(log, session.keyLog().lines(), o.exportPcapng);
            out.println("pcapng written to " + o.exportPcapng + ": " + p.packets() + " packets, "
                    + p.keyLogLines() + " TLS key log line(s) embedded");
        }
        return new Result(code, status, established, timedOut, log);
    }

    /** Shows the firmware's lines as before and keeps them (without the "fw| " prefix) for the diagnosis. */
    private static final class Tap extends PrintStream {
        private final PrintStream to;
        private final List<String> lines;

        Tap(PrintStream to, List<String> lines) {
            super(to, true);
            this.to = to;
            this.lines = lines;
        }

        @Override
        public void println(String x) {
            if (lines.size() < 10_000) {
                lines.add(x.startsWith("fw| ") || x.startsWith("fw! ") ? x.substring(4) : x);
            }
            to.println(x);
        }
    }

    /** The bridge sees the firmware's socket close a moment after the exit; let that land in the log. */
    private static void awaitDetach(Session session) throws InterruptedException {
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            List<LogEntry> log = session.log().snapshot();
            long connected = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeConnected).count();
            long detached = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeDisconnected).count();
            if (detached >= connected) {
                return;
            }
            Thread.sleep(10);
        }
    }
}
