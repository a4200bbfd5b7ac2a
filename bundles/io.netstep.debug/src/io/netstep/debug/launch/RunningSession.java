package io.netstep.debug.launch;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.EmbeddedBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.session.JsonlRecorder;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.Steps;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.cli.NetworkSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;

/**
 * What one launch runs, as {@code netstep run} does: the virtual network (and the embedded
 * broker when asked), the session, the bridge and the firmware process. {@link #close()} ends
 * all of it, whichever comes first: the firmware's exit, the user's terminate.
 */
public final class RunningSession implements AutoCloseable {

    private final LaunchSettings settings;
    private final Session session;
    private final EmbeddedBroker broker;
    private final Path brokerDir;
    private final Path brokerCa;
    private final JsonlRecorder recorder;
    private BridgeServer bridge;
    private volatile Process firmware;
    private volatile boolean closed;
    private volatile boolean killed;

    private RunningSession(LaunchSettings settings, Session session, EmbeddedBroker broker, Path brokerDir,
            Path brokerCa, JsonlRecorder recorder) {
        this.settings = settings;
        this.session = session;
        this.broker = broker;
        this.brokerDir = brokerDir;
        this.brokerCa = brokerCa;
        this.recorder = recorder;
    }

    /** Builds everything but starts nothing the firmware could see yet. */
    public static RunningSession prepare(LaunchSettings s) throws CoreException {
        NetworkOptions net = new NetworkOptions();
        try {
            for (String m : s.nameMap()) {
                net.map(m);
            }
            for (String f : s.faults()) {
                net.fault(f);
            }
            if (!s.embeddedBroker()) {
                net.broker(s.broker());
            }
        } catch (RuntimeException e) {
            throw LaunchSettings.fail(e.getMessage(), e);
        }
        EmbeddedBroker broker = null;
        Path dir = null;
        Path ca = null;
        JsonlRecorder recorder = null;
        try {
            if (s.embeddedBroker()) {
                dir = Files.createTempDirectory("netstep-broker-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                TestPki pki = TestPki.generate();
                ca = pki.writePem(dir).ca();
                broker = EmbeddedBroker.start(EmbeddedBroker.Security.TLS, pki);
                net.broker(broker.endpoint());
            }
            Session session = new Session(NetworkSetup.binder(net));
            if (s.recordFile() != null) {
                recorder = JsonlRecorder.toFile(s.recordFile()).attach(session.log());
            }
            return new RunningSession(s, session, broker, dir, ca, recorder);
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            deleteTree(dir);
            throw LaunchSettings.fail("cannot start the virtual network: " + e.getMessage(), e);
        }
    }

    public Session session() {
        return session;
    }

    /** The embedded broker's CA (PEM), or null with an external broker. */
    public Path brokerCa() {
        return brokerCa;
    }

    /** Starts the session (stopped at the first SPI frame if asked) and the bridge. */
    public void start(boolean stopAtFirstSpiFrame) throws CoreException {
        if (stopAtFirstSpiFrame) {
            session.step(Steps.nextSpiFrame()); // armed before the first request can arrive
        }
        session.start();
        try {
            bridge = BridgeServer.unix(session).start();
        } catch (IOException e) {
            throw LaunchSettings.fail("cannot open the bridge: " + e.getMessage(), e);
        }
    }

    /** Starts the firmware with the bridge's environment; its exit ends the session. */
    public Process startFirmware() throws CoreException {
        List<String> command = new ArrayList<>();
        command.add(settings.firmware().toString());
        for (String a : settings.arguments()) {
            command.add(brokerCa != null ? a.replace(LaunchAttributes.BROKER_CA_ARGUMENT, brokerCa.toString()) : a);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(settings.workingDirectory().toFile());
        if (settings.environment() != null) {
            pb.environment().clear();
            for (String kv : settings.environment()) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        pb.environment().putAll(bridge.environment());
        if (brokerCa != null) {
            pb.environment().put(LaunchAttributes.BROKER_CA_VARIABLE, brokerCa.toString());
        }
        session.record(new SessionEvent.FirmwareStarted(String.join(" ", command)));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw LaunchSettings.fail("cannot start the firmware: " + e.getMessage(), e);
        }
        firmware = p;
        p.onExit().thenRun(() -> {
            session.record(new SessionEvent.FirmwareExited(p.pid(), p.exitValue(), killed));
            awaitDetach();
            close();
        });
        return p;
    }

    public Process firmware() {
        return firmware;
    }

    /** Ends the firmware (SIGTERM, then SIGKILL after 2 s), the session, the bridge and the broker. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Process p = firmware;
        if (p != null && p.isAlive()) {
            killed = true;
            p.destroy();
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (bridge != null) {
            bridge.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (recorder != null) {
            session.log().removeListener(recorder);
            try {
                recorder.close();
            } catch (IOException e) {
                // the record is as complete as it got
            }
        }
        deleteTree(brokerDir);
        // last: its listeners announce the end, so everything is cleaned up by then
        session.terminate();
    }

    public boolean isClosed() {
        return closed;
    }

    /** The bridge sees the firmware's socket close a moment after its exit: let that reach the log first. */
    private void awaitDetach() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < until && !closed) {
            List<LogEntry> log = session.log().snapshot();
            long connected = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeConnected).count();
            long left = log.stream().filter(e -> e.event() instanceof SessionEvent.BridgeDisconnected).count();
            if (left >= connected) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
