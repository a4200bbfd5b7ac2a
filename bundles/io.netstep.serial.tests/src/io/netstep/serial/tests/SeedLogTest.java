package io.netstep.serial.tests;

import static io.netstep.serial.tests.MbedTlsRealLogTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.mqtt.Direction;
import io.netstep.serial.LogEvent;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogEvent.Source;
import io.netstep.serial.SerialLog;
import io.netstep.serial.SerialLogDecoder;
import io.netstep.serial.SerialLogDecoder.Tls;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.TlsProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log excerpts of the two forum threads in the project's shared seeds decode. */
class SeedLogTest {

    private static String seed(String name) throws IOException {
        Path dir = Logs.seeds();
        assumeTrue(dir != null && Files.exists(dir.resolve(name)), "shared seeds not in this checkout");
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void w5500ThreadMbedTlsExcerptDecodesToTheOversizeCertificateRecord() throws IOException {
        String text = seed("w5500-mqtt-tls-thread.txt");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);

        LogEvent connect = log.first("MQTTConnect");
        assertEquals(255L, connect.code());
        assertEquals(find(lines, 1, "MQTTConnect() returned: 255"), connect.line());
        LogEvent suite = log.first("negotiated cipher suite");
        assertEquals("TLS-RSA-WITH-AES-256-CBC-SHA256", suite.detail());
        assertTrue(log.first("=> handshake").line() < suite.line());
        assertNotNull(log.first("<= handshake wrapup"));

        LogEvent bad = log.first("bad message length");
        assertEquals(find(lines, 1, "bad message length"), bad.line());
        LogEvent err = log.lastError();
        assertEquals("mbedtls_ssl_read_record", err.name());
        assertEquals("-0x7200", err.codeHex());
        assertEquals(find(lines, 1, "mbedtls_ssl_read_record() returned -29184 (-0x7200)"), err.line());
        LogEvent app = log.events(Kind.RETURN_CODE).stream().filter(e -> e.source() == Source.APPLICATION)
                .findFirst().orElseThrow();
        assertEquals("mbedtls_ssl_handshake", app.name());
        assertEquals("MBEDTLS_ERR_SSL_INVALID_RECORD", app.detail());
        assertEquals(List.of("HELLO_REQUEST", "CLIENT_HELLO", "SERVER_HELLO", "SERVER_CERTIFICATE"), log.events().stream()
                .filter(e -> e.name().equals("client state")).map(LogEvent::detail).toList());

        // the glue's Port:[0]/Send / Recv dumps are the wire bytes
        SerialLogDecoder.Result r = SerialLogDecoder.decode(log);
        Tls ch = r.tls("ClientHello").get(0);
        HandshakeMessage hello = (HandshakeMessage) ch.event();
        assertNull(hello.clientHello().sni(), "this ClientHello has no server_name");
        assertEquals(3, hello.clientHello().cipherSuites().size());
        assertEquals(find(lines, 1, "16 03 03 00 3D 01 00 00 39"), ch.firstLine());
        HandshakeMessage sh = (HandshakeMessage) r.tls("ServerHello").get(0).event();
        assertEquals("TLS_RSA_WITH_AES_128_GCM_SHA256", sh.serverHello().cipherSuiteName());
        Tls cut = r.tls("Problem").stream().filter(t -> ((TlsProblem) t.event()).kind() == TlsProblem.Kind.TRUNCATED)
                .findFirst().orElseThrow();
        assertEquals(io.netstep.tls.Direction.SERVER_TO_CLIENT, cut.event().direction());
        assertTrue(((TlsProblem) cut.event()).message().contains("announcing 5006 bytes"), cut.event().summary());
        assertEquals(find(lines, 1, "16 03 03 13 8E"), cut.firstLine());
        assertEquals(91, log.connections().get(0).wire(Direction.SERVER_TO_CLIENT).length());
        assertTrue(log.problems().isEmpty(), log.problems().toString());
    }

    @Test
    void wolfMqttThreadWolfSslExcerptsGiveErrorCodesAndStates() throws IOException {
        String text = seed("wolfmqtt-pic32-thread.txt");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertTrue(log.sources().contains(Source.WOLFSSL));

        LogEvent asn = log.events(Kind.RETURN_CODE).stream().filter(e -> e.code() == -140).findFirst().orElseThrow();
        assertEquals("wolfSSL_CTX_load_verify_buffer_ex", asn.name());
        assertEquals("ASN_PARSE_E", asn.detail());
        assertEquals(find(lines, 1, "wolfSSL Leaving wolfSSL_CTX_load_verify_buffer_ex, return -140"), asn.line());

        List<LogEvent> wantRead = log.events(Kind.ERROR).stream().filter(e -> Long.valueOf(-323).equals(e.code())).toList();
        assertFalse(wantRead.isEmpty());
        assertEquals("WANT_READ", wantRead.get(0).detail());
        List<String> states = log.events(Kind.STATE).stream().map(LogEvent::detail).distinct().toList();
        assertTrue(states.containsAll(List.of("CLIENT_HELLO_SENT", "FIRST_REPLY_SECOND", "FINISHED_DONE")), states.toString());

        LogEvent net = log.events(Kind.MQTT).stream().filter(e -> e.name().equals("MqttClient_NetConnect")
                && e.code() == -8).findFirst().orElseThrow();
        assertEquals(find(lines, 1, "MqttClient_NetConnect, res: -8"), net.line());
        assertTrue(log.events(Kind.MQTT).stream().anyMatch(e -> e.name().equals("MqttClient_NetConnect") && e.code() == -6));

        // the overrun lines: what is whole is read, the rest is reported, nothing thrown
        int overrun = find(lines, 1, "processiwolfSSL wolfSSL Leaving RsaVerify, return 51");
        assertTrue(log.events().stream().anyMatch(e -> e.line() == overrun && e.name().equals("RsaVerify") && e.code() == 51));
        assertTrue(log.problems().stream().anyMatch(p -> p.line() == overrun && p.message().contains("cut or run together")));
        int garbage = find(lines, 1, "wolwolfSSL wolfSSL wolfSSL");
        assertTrue(log.problems().stream().anyMatch(p -> p.line() == garbage));
        // prose that mentions wolfSSL functions is not a log line
        int code = find(lines, 1, "wolfSSL_Debugging_ON();");
        assertTrue(log.problems().stream().noneMatch(p -> p.line() == code));
    }
}
