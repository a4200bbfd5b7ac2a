package io.netstep.debug.launch;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.cloud.AwsIotPki;
import io.netstep.cloud.CloudEvent;
import io.netstep.cloud.CloudProfile;
import io.netstep.cloud.IotPolicy;
import io.netstep.net.NetworkOptions;
import io.netstep.session.Session;
import io.netstep.session.VirtualClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A launch's cloud profile, as {@code netstep run --cloud aws-iot[:THING]} sets it up: the AWS
 * IoT emulator (on the session's virtual clock) in front of its own broker, mapped into the
 * network by the endpoint's name, and the device's files written for the firmware. Every
 * emulator decision becomes a {@code NetworkNote("cloud", …)} in the session log, where the
 * timeline and the diagnosis rules read them.
 */
final class CloudSetup implements AutoCloseable {

    private final CloudProfile profile;
    private final Path dir;
    private final boolean ownDir;
    private final AwsIotPki.DeviceFiles files;
    private final List<CloudEvent> early = new ArrayList<>();
    private Session session;

    private CloudSetup(CloudProfile profile, Path dir, boolean ownDir, AwsIotPki.DeviceFiles files) {
        this.profile = profile;
        this.dir = dir;
        this.ownDir = ownDir;
        this.files = files;
    }

    /** Parses {@code spec} ("aws-iot[:THING]") and the policy file; bad values throw {@link IllegalArgumentException}. */
    static AwsIotOptions options(String spec, Path policy) throws IOException {
        AwsIotOptions a = CloudProfile.parse(spec);
        if (policy != null) {
            if (!Files.isRegularFile(policy)) {
                throw new IllegalArgumentException("the cloud policy file " + policy + " does not exist");
            }
            a.policy(IotPolicy.read(policy));
        }
        return a;
    }

    /** Starts the emulator, maps it into {@code network} (before the network is built), writes the device files to {@code certs} (null: a private temporary directory). */
    static CloudSetup start(AwsIotOptions options, Path certs, VirtualClock clock, NetworkOptions network) throws IOException {
        options.clock(clock::nanos);
        boolean own = certs == null;
        Path dir = own ? Files.createTempDirectory("netstep-cloud-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createDirectories(certs);
        CloudSetup[] self = new CloudSetup[1];
        List<CloudEvent> before = new ArrayList<>();
        CloudProfile p;
        try {
            p = CloudProfile.start(options, e -> {
                synchronized (before) {
                    if (self[0] == null) {
                        before.add(e);
                        return;
                    }
                }
                self[0].event(e);
            });
        } catch (IOException | RuntimeException e) {
            if (own) {
                RunningSession.deleteTree(dir);
            }
            throw e;
        }
        try {
            AwsIotPki.DeviceFiles f = p.writeDeviceFiles(dir);
            p.applyTo(network);
            synchronized (before) {
                self[0] = new CloudSetup(p, dir, own, f);
                self[0].early.addAll(before);
            }
            return self[0];
        } catch (IOException | RuntimeException e) {
            p.close();
            if (own) {
                RunningSession.deleteTree(dir);
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

    CloudProfile profile() {
        return profile;
    }

    AwsIotPki.DeviceFiles files() {
        return files;
    }

    @Override
    public void close() {
        profile.close();
        if (ownDir) {
            RunningSession.deleteTree(dir);
        }
    }
}
