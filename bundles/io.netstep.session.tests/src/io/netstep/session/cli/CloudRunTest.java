package io.netstep.session.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.testing.Checkout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netstep run --cloud aws-iot:THING}: the reference firmware, given the device files the
 * run writes, connects to the emulated AWS IoT endpoint by name; a topic outside the thing's
 * policy is diagnosed as F11 from the cloud's notes in the session log.
 */
class CloudRunTest {

    private static final String THING = "netstep-thing";

    @TempDir
    Path dir;

    @Test
    void firmwareReachesTheEmulatedEndpointWithTheWrittenDeviceFiles() throws Exception {
        String text = run(THING + "/test");
        assertTrue(text.contains("fw| CONNACK rc=0"), text);
        assertTrue(text.contains("fw| RECEIVED " + THING + "/test hi"), "the thing-scoped policy allows Receive\n" + text);
        assertTrue(text.contains("netstep: cloud aws-iot: endpoint " + AwsIotOptions.DEFAULT_ENDPOINT), text);
        assertTrue(text.contains("device files in " + dir), text);
        assertFalse(text.contains("PRIVATE KEY"), "no key contents in the output\n" + text);
        assertTrue(text.startsWith("exit 0\n"), text);
        assertTrue(Files.isRegularFile(dir.resolve(THING + ".private.key")), "--cloud-certs DIR is kept");
    }

    @Test
    void topicOutsideThePolicyFailsWithF11() throws Exception {
        String text = run("other/topic");
        assertFalse(text.startsWith("exit 0\n"), text);
        assertTrue(text.contains("---- diagnosis ----"), "the run ended with its diagnosis\n" + text);
        String diagnosis = text.substring(text.indexOf("---- diagnosis ----"));
        assertTrue(diagnosis.contains("F11"), diagnosis);
        assertTrue(diagnosis.contains("other/topic"), diagnosis);
    }

    @Test
    void cloudOptionsWithoutCloudAreABadCommandLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = Main.run(List.of("run", "--cloud-certs", dir.toString(), "--", "fw"), ps, ps);
        assertEquals(Main.EXIT_USAGE, code);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("need --cloud aws-iot"), buf.toString(StandardCharsets.UTF_8));
        assertNotEquals(0, Main.run(List.of("run", "--cloud", "azure", "--", "fw"), ps, ps));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("unknown cloud profile 'azure'"));
    }

    /** Runs the CLI; the text starts with "exit N". */
    private String run(String topic) {
        Path firmware = Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = Main.run(List.of("run", "--cloud", "aws-iot:" + THING, "--cloud-certs", dir.toString(),
                "--timeout", "120", "--", firmware.toString(), "--dhcp", "--broker", AwsIotOptions.DEFAULT_ENDPOINT,
                "--ca", dir.resolve("AmazonRootCA1.pem").toString(),
                "--cert", dir.resolve(THING + ".cert.pem").toString(),
                "--key", dir.resolve(THING + ".private.key").toString(),
                "--client-id", THING, "--topic", topic, "--message", "hi", "--wait-message", "10"), ps, ps);
        return "exit " + code + "\n" + buf.toString(StandardCharsets.UTF_8);
    }
}
