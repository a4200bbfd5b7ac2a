package io.netstep.session.cli;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.cloud.AwsIotPki;
import io.netstep.cloud.CloudEvent;
import io.netstep.cloud.CloudProfile;
import io.netstep.cloud.IotPolicy;
import io.netstep.net.NetworkOptions;
import io.netstep.session.Session;
import io.netstep.session.VirtualClock;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --cloud aws-iot[:THING]} for one run: the AWS IoT emulator in front of an embedded
 * broker, mapped into the network, with the device's files written for the firmware. Every
 * emulator decision becomes a {@code NetworkNote("cloud", …)} in the session log, which is
 * where the diagnosis rules read them.
 */
final class CloudRun implements AutoCloseable {

    private final CloudProfile profile;
    private final Path certsDir;
    private final boolean ownDir;
    private final AwsIotPki.DeviceFiles files;
    // events that come before the session exists (none in practice: the firmware starts later)
    private final List<CloudEvent> early = new ArrayList<>();
    private Session session;

    private CloudRun(CloudProfile profile, Path certsDir, boolean ownDir, AwsIotPki.DeviceFiles files) {
        this.profile = profile;
        this.certsDir = certsDir;
        this.ownDir = ownDir;
        this.files = files;
    }

    /** Parses the cloud options (bad ones throw {@link IllegalArgumentException} before anything starts). */
    static AwsIotOptions options(RunOptions o) throws IOException {
        AwsIotOptions a = CloudProfile.parse(o.cloud);
        if (o.cloudEndpoint != null) {
            a.endpoint(o.cloudEndpoint);
        }
        if (o.cloudPolicy != null) {
            if (!Files.isRegularFile(o.cloudPolicy)) {
                throw new IllegalArgumentException("--cloud-policy: no such file " + o.cloudPolicy);
            }
            a.policy(IotPolicy.read(o.cloudPolicy));
        }
        return a;
    }

    /** Starts the emulator on the session's clock, maps it into {@code network} (before the network is built), writes the device files. */
    static CloudRun start(AwsIotOptions a, Path certs, VirtualClock clock, NetworkOptions network) throws IOException {
        a.clock(clock::nanos);
        boolean own = certs == null;
        Path dir = own ? Files.createTempDirectory("netstep-cloud-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))) : certs;
        CloudRun[] self = new CloudRun[1];
        CloudProfile p;
        try {
            p = CloudProfile.start(a, e -> self[0].event(e));
        } catch (IOException | RuntimeException e) {
            if (own) {
                delete(dir);
            }
            throw e;
        }
        try {
            AwsIotPki.DeviceFiles f = p.writeDeviceFiles(dir);
            p.applyTo(network);
            self[0] = new CloudRun(p, dir, own, f);
            return self[0];
        } catch (IOException | RuntimeException e) {
            p.close();
            if (own) {
                delete(dir);
            }
            throw e;
        }
    }

    /** From now on the emulator's decisions go into {@code s}'s log. */
    synchronized void attach(Session s) {
        session = s;
        for (CloudEvent e : early) {
            s.networkNote("cloud", e.toString());
        }
        early.clear();
    }

    private synchronized void event(CloudEvent e) {
        if (session == null) {
            early.add(e);
        } else {
            session.networkNote("cloud", e.toString());
        }
    }

    /** The run header: the endpoint and policy, and where the device's files are (paths only). */
    void printHeader(PrintStream err) {
        err.println("netstep: " + profile.describe());
        err.println("netstep: device files in " + certsDir + (ownDir ? " (removed after the run)" : "") + ": --ca "
                + files.rootCa() + " --cert " + files.certificate() + " --key " + files.privateKey());
    }

    @Override
    public void close() {
        profile.close();
        if (ownDir) {
            delete(certsDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp dir is not worth failing the run for
        }
    }
}
