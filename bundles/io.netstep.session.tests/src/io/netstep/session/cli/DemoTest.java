package io.netstep.session.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.testing.Checkout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code netstep demo}: the reference firmware against the embedded broker (Moquette) over TLS. */
class DemoTest {

    @Test
    void demoRunsTheReferenceFirmwareAgainstTheEmbeddedBroker() throws Exception {
        Checkout.nativeExecutable("firmware/netstep-fw-mbedtls");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = Demo.run(RunOptions.parse(List.of(), false), ps, ps);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("fw| CONNACK rc=0"), text);
        assertTrue(text.contains("fw| RECEIVED " + Demo.TOPIC + " hello from a virtual W5500"), text);
        assertTrue(text.contains("dns      A " + Demo.BROKER_NAME), text);
        assertTrue(text.contains("OK: the firmware exited 0"), text);
    }

    @Test
    void demoRefusesAnOtherBroker() {
        assertEquals(Main.EXIT_USAGE, Main.run(List.of("demo", "--broker", "127.0.0.1:1"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }
}
