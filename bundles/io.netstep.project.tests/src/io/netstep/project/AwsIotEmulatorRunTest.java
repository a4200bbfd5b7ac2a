package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.cloud.AwsIotPki;
import io.netstep.cloud.CloudProfile;
import io.netstep.cloud.IotPolicy;
import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.TestPki;
import io.netstep.session.Session;
import io.netstep.session.VirtualClock;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.cli.NetworkSetup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The aws-iot project runs the way its launch configuration runs it: NetStep's AWS IoT Core
 * emulator (SNI and the device certificate required, an IoT policy enforced, a denial closes the
 * connection without a reason) with the project's own {@code NetStep/aws-iot-policy.json}; the host
 * build takes the emulator's endpoint and device files from NETSTEP_CLOUD_*. With the generated
 * policy it connects and its message comes back; under a policy that does not allow its topics
 * (the emulator's thing-scoped default: THING/*) AWS IoT drops it, as it would on the real service.
 * mbedTLS (TLS 1.2) and wolfSSL (TLS 1.3) glue both.
 */
class AwsIotEmulatorRunTest {

    @TempDir
    static Path tmp;
    private static TestPki.PemFiles pem;
    private static final Map<TlsLibrary, ProjectSpec> SPECS = new EnumMap<>(TlsLibrary.class);
    private static final Map<TlsLibrary, Path> BUILDS = new EnumMap<>(TlsLibrary.class);

    @BeforeAll
    static void pki() throws Exception {
        assumeTrue(Checkout.onPath("make") && Checkout.onPath("cc"), "make and a host C compiler are needed");
        pem = Specs.pki(tmp.resolve("pki"));
    }

    /** The aws-iot project for {@code tls}, generated and built once. */
    private static Path build(TlsLibrary tls) throws Exception {
        if (!BUILDS.containsKey(tls)) {
            ProjectSpec spec = Specs.forProfile(BrokerProfile.AWS_IOT, tls, pem);
            Path dir = tmp.resolve(tls.cliName() + "/" + spec.name());
            ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
            Checkout.Result build = Checkout.run(dir, List.of("make", "-j2", "-f", "NetStep/host.mk"), 300);
            assertEquals(0, build.status(), build.output());
            SPECS.put(tls, spec);
            BUILDS.put(tls, dir);
        }
        return BUILDS.get(tls);
    }

    @ParameterizedTest(name = "{0}, generated policy: {1}")
    @CsvSource({"MBEDTLS,true", "MBEDTLS,false", "WOLFSSL,true"})
    void awsProjectAgainstTheAwsIotEmulator(TlsLibrary tls, boolean generatedPolicy) throws Exception {
        Path dir = build(tls);
        ProjectSpec spec = SPECS.get(tls);
        Path exe = dir.resolve("Host/" + spec.name());
        VirtualClock clock = new VirtualClock();
        AwsIotOptions options = CloudProfile.parse("aws-iot:" + Specs.THING).endpoint(Specs.AWS_ENDPOINT);
        options.clock(clock::nanos);
        if (generatedPolicy) {
            options.policy(IotPolicy.read(dir.resolve("NetStep/aws-iot-policy.json")));
        }
        NetworkOptions net = new NetworkOptions();
        Path out = tmp.resolve("fw-" + tls + "-" + generatedPolicy + ".out");
        try (CloudProfile cloud = CloudProfile.start(options, e -> { })) {
            AwsIotPki.DeviceFiles files = cloud.writeDeviceFiles(tmp.resolve("device-" + tls + "-" + generatedPolicy));
            cloud.applyTo(net);
            try (Session session = new Session(clock, NetworkSetup.binder(net))) {
                session.start();
                try (BridgeServer bridge = BridgeServer.unix(session).start()) {
                    ProcessBuilder pb = new ProcessBuilder(exe.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
                    pb.environment().putAll(bridge.environment());
                    // what the launch configuration hands the firmware with a cloud profile
                    pb.environment().put("NETSTEP_CLOUD_ENDPOINT", cloud.endpoint());
                    pb.environment().put("NETSTEP_CLOUD_CA", files.rootCa().toString());
                    pb.environment().put("NETSTEP_CLOUD_CERT", files.certificate().toString());
                    pb.environment().put("NETSTEP_CLOUD_KEY", files.privateKey().toString());
                    Process p = pb.start();
                    boolean done = p.waitFor(120, TimeUnit.SECONDS);
                    if (!done) {
                        p.destroyForcibly();
                    }
                    String text = Files.readString(out, StandardCharsets.UTF_8);
                    assertTrue(done, "the host build did not finish:\n" + text);
                    assertTrue(text.contains("INFO TCP connected to " + Specs.AWS_ENDPOINT + ":8883"), text);
                    assertTrue(text.contains("CONNACK rc=0"), "SNI, the device certificate and the client ID pass:\n" + text);
                    String received = "RECEIVED " + spec.mqtt().topics().get(0) + " " + spec.mqtt().message();
                    if (generatedPolicy) {
                        assertEquals(0, p.exitValue(), text);
                        assertTrue(text.contains(received), text);
                    } else {
                        assertNotEquals(0, p.exitValue(), text);
                        assertFalse(text.contains(received), text);
                    }
                }
            }
        }
    }
}
