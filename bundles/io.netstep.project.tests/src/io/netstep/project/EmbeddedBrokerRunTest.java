package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.EmbeddedBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.session.Session;
import io.netstep.session.VirtualClock;
import io.netstep.session.bridge.BridgeServer;
import io.netstep.session.cli.NetworkSetup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded profile runs the way its launch configuration runs it (broker "embedded"): NetStep's
 * embedded broker with TLS and a fresh CA, every destination routed to it, the firmware started
 * with the bridge's environment and NETSTEP_BROKER_CA naming that CA. The host build must verify
 * the broker with it, connect and get its own message back.
 */
class EmbeddedBrokerRunTest {

    @TempDir
    Path tmp;

    @Test
    void embeddedProfileConnectsToTheEmbeddedBrokerWithTheCaNetStepHandsIt() throws Exception {
        assumeTrue(Checkout.onPath("make") && Checkout.onPath("cc"), "make and a host C compiler are needed");
        ProjectSpec spec = Checkout.spec("fw-embedded").profile(BrokerProfile.EMBEDDED).build();
        Path dir = tmp.resolve(spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        Checkout.Result build = Checkout.run(dir, List.of("make", "-j2", "-f", "NetStep/host.mk"), 300);
        assertEquals(0, build.status(), build.output());

        TestPki pki = TestPki.generate();
        Path ca = pki.writePem(tmp.resolve("broker")).ca();
        NetworkOptions net = new NetworkOptions();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Security.TLS, pki)) {
            net.broker(broker.endpoint());
            try (Session session = new Session(new VirtualClock(), NetworkSetup.binder(net))) {
                session.start();
                try (BridgeServer bridge = BridgeServer.unix(session).start()) {
                    ProcessBuilder pb = new ProcessBuilder(dir.resolve("Host/" + spec.name()).toString()).directory(dir.toFile())
                            .redirectErrorStream(true).redirectOutput(tmp.resolve("fw.out").toFile());
                    pb.environment().putAll(bridge.environment());
                    pb.environment().put("NETSTEP_BROKER_CA", ca.toString());
                    Process p = pb.start();
                    boolean done = p.waitFor(120, TimeUnit.SECONDS);
                    if (!done) {
                        p.destroyForcibly();
                    }
                    String out = Files.readString(tmp.resolve("fw.out"), StandardCharsets.UTF_8);
                    assertTrue(done, "the host build did not finish:\n" + out);
                    assertEquals(0, p.exitValue(), out);
                    assertTrue(out.contains("CONNACK rc=0"), out);
                    assertTrue(out.contains("RECEIVED " + spec.mqtt().topics().get(0) + " " + spec.mqtt().message()), out);
                    assertTrue(!out.contains("NOT verified"), "the broker must be verified with NETSTEP_BROKER_CA:\n" + out);
                }
            }
        }
    }
}
