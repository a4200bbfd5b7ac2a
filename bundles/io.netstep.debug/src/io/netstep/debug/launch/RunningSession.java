package io.netstep.debug.launch;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.EmbeddedBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.session.JsonlRecorder;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.Steps;
import io.netstep.session.VirtualClock;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.cli.NetworkSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * What one launch runs, as {@code netstep run} does: the virtual network (and the embedded
 * broker or the cloud profile when asked), the session, the bridge and the firmware process. {@link #close()} ends
 * all of it, whichever comes first: the firmware's exit, the user's terminate.
 */
public final class RunningSession implements AutoCloseable {

    private final LaunchSettings settings;
    private final Session session;
    private final EmbeddedBroker broker;
    private final Path brokerDir;
    private final Path brokerCa;
    private final JsonlRecorder recorder;
    private final CloudSetup cloud;
    private BridgeServer bridge;
    private volatile Process firmware;
    private volatile boolean closed;
    private volatile boolean killed;

    private RunningSession(LaunchSettings settings, Session session, EmbeddedBroker broker, Path brokerDir,
            Path brokerCa, JsonlRecorder recorder, CloudSetup cloud) {
        this.cloud = cloud;
        this.settings = settings;
        this.session = session;
        this.broker = broker;
        this.brokerDir = brokerDir;
        this.brokerCa = brokerCa;
        this.recorder = recorder;
    }

    /** Builds everything but starts nothing the firmware could see yet. */
    public static RunningSession prepare(LaunchSettings s) throws CoreException {
        return prepare(s, null);
    }

    /**
     * Like {@link #prepare(LaunchSettings)}, reporting "Starting the broker" (the embedded broker
     * or the cloud profile) and "Starting the session" to {@code monitor} (may be null).
     */
    public static RunningSession prepare(LaunchSettings s, IProgressMonitor monitor) throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, 2);
        NetworkOptions net = new NetworkOptions();
        io.netstep.cloud.AwsIotOptions cloudOptions = null;
        try {
            for (String m : s.nameMap()) {
                net.map(m);
            }
            for (String f : s.faults()) {
                net.fault(f);
            }
            if (!LaunchAttributes.EMBEDDED_BROKER.equalsIgnoreCase(s.broker())) {
                net.broker(s.broker());
            }
            if (s.hasCloud()) {
                cloudOptions = CloudSetup.options(s.cloudProfile(), s.cloudPolicy());
            }
        } catch (IOException | RuntimeException e) {
            throw LaunchSettings.fail(e.getMessage(), e);
        }
        EmbeddedBroker broker = null;
        CloudSetup cloud = null;
        Path dir = null;
        Path ca = null;
        JsonlRecorder recorder = null;
        VirtualClock clock = new VirtualClock();
        try {
            progress.subTask(s.hasCloud() ? "Starting the cloud emulator (" + s.cloudProfile() + ")" : "Starting the broker");
            if (cloudOptions != null) {
                cloud = CloudSetup.start(cloudOptions, s.cloudCertsDir(), clock, net);
            } else if (s.embeddedBroker()) {
                dir = Files.createTempDirectory("netstep-broker-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                TestPki pki = TestPki.generate();
                ca = pki.writePem(dir).ca();
                broker = EmbeddedBroker.start(EmbeddedBroker.Security.TLS, pki);
                net.broker(broker.endpoint());
            }
            progress.worked(1);
            progress.subTask("Starting the session");
            Session session = new Session(clock, NetworkSetup.binder(net));
            if (cloud != null) {
                cloud.attach(session);
            }
            if (s.recordFile() != null) {
                recorder = JsonlRecorder.toFile(s.recordFile()).attach(session.log());
            }
            progress.worked(1);
            return new RunningSession(s, session, broker, dir, ca, recorder, cloud);
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            if (cloud != null) {
                cloud.close();
            }
            deleteTree(dir);
            throw LaunchSettings.fail("cannot start the virtual network: " + e.getMessage(), e);
        }
    }

    public Session session() {
        return session;
    }

    /** The cloud profile's endpoint name (what the firmware connects to), or null without one. */
    public String cloudEndpoint() {
        return cloud == null ? null : cloud.profile().endpoint();
    }

    /** The device's files the cloud profile wrote (root CA, certificate, key), or null without one. */
    public io.netstep.cloud.AwsIotPki.DeviceFiles cloudDeviceFiles() {
        return cloud == null ? null : cloud.files();
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
        Map<String, String> values = substitutions();
        for (String a : settings.arguments()) {
            for (Map.Entry<String, String> v : values.entrySet()) {
                a = a.replace(v.getKey(), v.getValue());
            }
            command.add(a);
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
        if (cloud != null) {
            pb.environment().put(LaunchAttributes.CLOUD_ENDPOINT_VARIABLE, cloudEndpoint());
            pb.environment().put(LaunchAttributes.CLOUD_CA_VARIABLE, cloud.files().rootCa().toString());
            pb.environment().put(LaunchAttributes.CLOUD_CERT_VARIABLE, cloud.files().certificate().toString());
            pb.environment().put(LaunchAttributes.CLOUD_KEY_VARIABLE, cloud.files().privateKey().toString());
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

    /** Argument texts the launch replaces: the broker's CA, the cloud's endpoint and device files. */
    private Map<String, String> substitutions() {
        Map<String, String> v = new LinkedHashMap<>();
        if (brokerCa != null) {
            v.put(LaunchAttributes.BROKER_CA_ARGUMENT, brokerCa.toString());
        }
        if (cloud != null) {
            v.put(LaunchAttributes.CLOUD_ENDPOINT_ARGUMENT, cloudEndpoint());
            v.put(LaunchAttributes.CLOUD_CA_ARGUMENT, cloud.files().rootCa().toString());
            v.put(LaunchAttributes.CLOUD_CERT_ARGUMENT, cloud.files().certificate().toString());
            v.put(LaunchAttributes.CLOUD_KEY_ARGUMENT, cloud.files().privateKey().toString());
        }
        return v;
    }

    /**
     * Waits until the firmware's shim said HELLO on the bridge (true), the firmware ended, the
     * session ended, {@code cancelled} says so or {@code timeoutMillis} passed (false).
     */
    public boolean awaitHello(long timeoutMillis, java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long seen = 0;
        while (System.nanoTime() < until && !cancelled.getAsBoolean() && !closed) {
            for (LogEntry e : session.log().after(seen)) {
                if (e.event() instanceof SessionEvent.BridgeConnected) {
                    return true;
                }
                seen = e.seq();
            }
            Process p = firmware;
            if (p != null && !p.isAlive()) {
                return false;
            }
            Thread.sleep(20);
        }
        return false;
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
        if (cloud != null) {
            cloud.close();
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

    static void deleteTree(Path dir) {
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
