package io.netstep.session.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.session.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netstep decode} on a real mbedTLS 2.28 debug log (level 4, captured from the reference
 * firmware by the serial bundle's tools) and on bad input.
 */
class SerialAndCliTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) { }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path serialLog(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path log = p.resolve("bundles/io.netstep.serial.tests/src/io/netstep/serial/tests/logs/" + name);
            if (Files.isRegularFile(log)) {
                return log;
            }
        }
        assumeTrue(false, "serial test logs not in this checkout");
        return null;
    }

    @Test
    void mbedTlsDebugLogDecodesToTheMqttExchangeLinkedToItsLines() throws Exception {
        Path log = serialLog("mbedtls228-ok-level4.log");
        Analysis a = Analysis.open(log, null);
        assertEquals("serial log", a.sourceName());
        assertEquals(List.of("c2s CONNECT", "s2c CONNACK", "c2s SUBSCRIBE", "s2c SUBACK", "c2s PUBLISH", "s2c PUBLISH",
                "c2s PUBACK", "s2c PUBACK", "c2s DISCONNECT"),
                a.mqttPackets().stream().map(e -> e.dir().shortName() + " " + e.type()).toList());
        Connection c = a.connections().get(0);
        assertEquals("localhost", c.sni());
        assertEquals("TLS 1.2", c.tlsVersion());
        for (ProtocolEvent m : a.mqttPackets()) {
            assertEquals(1, m.carriedBy().size(), m.toString());
            ProtocolEvent app = m.carriedBy().get(0);
            assertEquals(Layer.TLS_APPDATA, app.layer());
            assertEquals(m.dir(), app.dir());
            assertTrue(app.allBelow().stream().anyMatch(e -> e.layer() == Layer.LOG), "down to the log lines: " + app);
        }

        Run r = cli("decode", log.toString(), "--format", "jsonl");
        assertEquals(0, r.status(), r.err());
        long mqtt = r.out().lines().map(Json::object).filter(o -> "mqtt".equals(o.get("layer"))).count();
        assertEquals(a.mqttPackets().size(), mqtt);
        Map<String, Object> hello = r.out().lines().map(Json::object)
                .filter(o -> "ClientHello".equals(o.get("type"))).findFirst().orElseThrow();
        assertEquals("localhost", hello.get("sni"));
    }

    @Test
    void badInputGetsAClearErrorAndTheRightStatus() throws Exception {
        Run missing = cli("decode", dir.resolve("nope.pcapng").toString());
        assertEquals(66, missing.status());
        assertTrue(missing.err().contains("cannot read"), missing.err());

        Path binary = dir.resolve("random.bin");
        Files.write(binary, new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
        Run bad = cli("decode", binary.toString());
        assertEquals(65, bad.status());
        assertTrue(bad.err().contains("not a NetStep session file, pcap, pcapng or serial log"), bad.err());

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "shopping list\nmilk\n");
        Run notes = cli("decode", text.toString());
        assertEquals(65, notes.status());
        assertTrue(notes.err().contains("no line of it is an mbedTLS or wolfSSL debug message"), notes.err());

        Path record = dir.resolve("run.jsonl");
        Files.writeString(record, "{\"seq\":1,\"t_ns\":0,\"wall_ms\":0,\"type\":\"Reset\",\"software\":false}\n");
        Run rec = cli("decode", record.toString());
        assertEquals(65, rec.status(), rec.err());

        assertEquals(64, cli("decode", text.toString(), "--format", "xml").status());
        assertEquals(64, cli("decode").status());
        assertEquals(64, cli("decode", text.toString(), "--keylog").status());
    }
}
