package io.netstep.serial.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttPacketType;
import io.netstep.serial.LogConnection;
import io.netstep.serial.LogEvent;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogProblem;
import io.netstep.serial.SerialLog;
import io.netstep.serial.SerialLogDecoder;
import io.netstep.serial.SerialLogDecoder.Mqtt;
import io.netstep.serial.SerialLogDecoder.Tls;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.TlsProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real mbedTLS 2.28 debug logs of the reference firmware against mosquitto with TLS
 * (tools/capture_logs.py; secrets removed by tools/redact_log.py).
 */
class MbedTlsRealLogTest {

    /** Line number of the first line at or after {@code from} that contains all the parts. */
    static int find(List<String> lines, int from, String... parts) {
        for (int i = Math.max(1, from); i < lines.size(); i++) {
            boolean all = true;
            for (String p : parts) {
                all &= lines.get(i).contains(p);
            }
            if (all) {
                return i;
            }
        }
        throw new AssertionError("no line with " + List.of(parts));
    }

    /** Problems not caused by the redaction of secret dumps (the marker line follows the header). */
    static List<LogProblem> realProblems(SerialLog log, List<String> lines) {
        return log.problems().stream()
                .filter(p -> !(p.line() + 1 < lines.size() && lines.get(p.line() + 1).contains("[hex lines removed: secret]")))
                .toList();
    }

    @Test
    void level4SuccessfulSessionGivesHandshakeAndEveryMqttPacketWithTheirLines() {
        String text = Logs.text("mbedtls228-ok-level4.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), realProblems(log, lines));
        assertEquals(1, log.connections().size());
        LogConnection c = log.connections().get(0);
        assertTrue(c.context().startsWith("0x"));

        SerialLogDecoder.Result r = SerialLogDecoder.decode(log);
        List<String> handshake = r.tls().stream().filter(t -> t.event() instanceof HandshakeMessage)
                .map(t -> t.event().direction().shortName() + " " + t.event().type()).toList();
        assertEquals(List.of("c2s ClientHello", "s2c ServerHello", "s2c Certificate", "s2c ServerKeyExchange",
                "s2c ServerHelloDone", "c2s ClientKeyExchange", "s2c NewSessionTicket"), handshake);
        HandshakeMessage hello = (HandshakeMessage) r.tls("ClientHello").get(0).event();
        assertEquals("localhost", hello.clientHello().sni());
        HandshakeMessage sh = (HandshakeMessage) r.tls("ServerHello").get(0).event();
        assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", sh.serverHello().cipherSuiteName());
        assertEquals(2, ((HandshakeMessage) r.tls("Certificate").get(0).event()).certificateChain().certificates().size());
        // the ClientHello's bytes come from the 'output record sent to network' dump
        Tls ch = r.tls("ClientHello").get(0);
        int dump = find(lines, 1, "dumping 'output record sent to network' (300 bytes)");
        assertEquals(dump + 1, find(lines, dump, "0000:  16 03 03 01 27"));
        assertTrue(ch.firstLine() > dump && ch.firstLine() <= dump + 2, "ClientHello from line " + ch.firstLine());
        assertTrue(lines.get(ch.lastLine()).contains(": 0120:  "), lines.get(ch.lastLine()));

        List<MqttPacket> packets = r.mqtt().stream().map(Mqtt::packet).toList();
        assertEquals(List.of(MqttPacketType.CONNECT, MqttPacketType.CONNACK, MqttPacketType.SUBSCRIBE, MqttPacketType.SUBACK,
                MqttPacketType.PUBLISH, MqttPacketType.PUBLISH, MqttPacketType.PUBACK, MqttPacketType.PUBACK,
                MqttPacketType.DISCONNECT), packets.stream().map(MqttPacket::type).toList());
        assertEquals("cap-ok", packets.get(0).clientId());
        assertEquals(0, packets.get(1).returnCode());
        assertEquals(Direction.SERVER_TO_CLIENT, packets.get(1).direction());
        MqttPacket published = packets.get(5);
        assertEquals(Direction.SERVER_TO_CLIENT, published.direction());
        assertEquals("netstep/test", published.topic());
        assertEquals("hello from netstep-fw", new String(published.payload(), StandardCharsets.UTF_8));
        // the CONNACK came from the 'input payload after decrypt' dump right after its record
        Mqtt connack = r.mqtt().get(1);
        assertTrue(lines.get(connack.firstLine()).contains("0000:  20 02 00 00"), lines.get(connack.firstLine()));
        assertTrue(lines.get(connack.firstLine() - 1).contains("dumping 'input payload after decrypt' (4 bytes)"));
        // and the CONNECT from 'before encrypt: output payload'
        assertTrue(lines.get(r.mqtt().get(0).firstLine() - 1).contains("dumping 'before encrypt: output payload'"));
    }

    @Test
    void level4SuccessfulSessionEvents() {
        String text = Logs.text("mbedtls228-ok-level4.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        List<String> states = log.events().stream().filter(e -> e.name().equals("client state")).map(LogEvent::detail)
                .distinct().toList();
        assertEquals("HELLO_REQUEST", states.get(0));
        assertTrue(states.containsAll(List.of("CLIENT_HELLO", "SERVER_HELLO", "SERVER_CERTIFICATE", "SERVER_KEY_EXCHANGE",
                "SERVER_HELLO_DONE", "CLIENT_KEY_EXCHANGE", "SERVER_FINISHED", "HANDSHAKE_WRAPUP")), states.toString());
        LogEvent chosen = log.events(Kind.CIPHER_SUITE).stream().filter(e -> e.name().equals("chosen cipher suite")
                && e.detail() != null).findFirst().orElseThrow();
        assertEquals("TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384", chosen.detail());
        assertEquals(find(lines, 1, "server hello, chosen ciphersuite: TLS-"), chosen.line());
        assertEquals("localhost", log.first("server name").detail());
        assertEquals(find(lines, 1, "handshake: done"), log.first("handshake: done").line());
        assertEquals(null, log.lastError());
        LogEvent alert = log.first("send alert");
        assertEquals(0L, alert.code()); // close_notify at the end
        assertTrue(log.events(Kind.RECORD).stream().anyMatch(e -> e.detail().startsWith("application_data")));
    }

    @Test
    void smallInputBufferFailsOnTheCertificateRecordHeader() {
        String text = Logs.text("mbedtls228-in-buf-1024-level4.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        LogEvent err = log.lastError();
        assertEquals("mbedtls_ssl_read_record", err.name());
        assertEquals("-0x7100", err.codeHex());
        assertEquals("MBEDTLS_ERR_SSL_BAD_INPUT_DATA", err.detail());
        assertEquals(find(lines, 1, "mbedtls_ssl_read_record() returned -28928 (-0x7100)"), err.line());
        assertEquals(1589L, log.first("requesting more data than fits").code());

        SerialLogDecoder.Result r = SerialLogDecoder.decode(log);
        Tls cut = r.tls("Problem").stream().filter(t -> ((TlsProblem) t.event()).kind() == TlsProblem.Kind.TRUNCATED)
                .findFirst().orElseThrow();
        assertTrue(((TlsProblem) cut.event()).message().contains("announcing 1589 bytes"), cut.event().summary());
        int header = find(lines, 1, "dumping 'input record header' (5 bytes)", "");
        int certHeader = find(lines, header + 1, "0000:  16 03 03 06 35");
        assertEquals(certHeader, cut.firstLine());
        assertTrue(cut.firstLine() < err.line());
    }

    @Test
    void level1LogStillNamesTheErrorAndTheRecordSize() {
        SerialLog log = Logs.parse("mbedtls228-in-buf-1024-level1.log");
        assertEquals(List.of(), log.problems());
        assertEquals(-0x7100L, log.lastError().code());
        assertEquals(1589L, log.first("requesting more data than fits").code());
        LogEvent fail = log.first("FAIL tls-handshake");
        assertNotNull(fail);
        assertEquals(-0x7100L, fail.code());
    }

    @Test
    void recvCallbackReturningZeroIsAnEofRightAfterTheClientHello() {
        String text = Logs.text("mbedtls228-bug-f2-level4.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertEquals("-0x7280", log.lastError().codeHex());
        assertEquals("MBEDTLS_ERR_SSL_CONN_EOF", log.lastError().detail());
        assertEquals(find(lines, 1, "mbedtls_ssl_read_record() returned -29312"), log.lastError().line());
        LogConnection c = log.connections().get(0);
        assertEquals(300, c.wire(Direction.CLIENT_TO_SERVER).length());
        assertEquals(0, c.wire(Direction.SERVER_TO_CLIENT).length());
        LogEvent recv = log.events(Kind.IO).stream().filter(e -> e.name().equals("f_recv")).reduce((a, b) -> b).orElseThrow();
        assertEquals(0L, recv.code());
        SerialLogDecoder.Result r = SerialLogDecoder.decode(log);
        assertEquals(1, r.tls("ClientHello").size());
        assertEquals(0, r.tls("ServerHello").size());
    }

    @Test
    void wrongCaFailsCertificateVerificationAndSendsAnAlert() {
        String text = Logs.text("mbedtls228-wrong-ca-level2.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), log.problems());
        LogEvent verify = log.first("x509_verify_cert");
        assertEquals("-0x2700", verify.codeHex());
        assertEquals(find(lines, 1, "x509_verify_cert() returned"), verify.line());
        LogEvent alert = log.first("=> send alert message");
        assertTrue(alert.line() > verify.line());
        assertEquals(-0x2700L, log.first("FAIL tls-handshake").code());
    }

    @Test
    void strandedTlsBytesTheConnackWasDecryptedButTheClientGaveUp() {
        String text = Logs.text("mbedtls228-bug-f1-level4.log");
        List<String> lines = Logs.lines(text);
        SerialLog log = SerialLog.parse(text);
        assertEquals(List.of(), realProblems(log, lines));
        SerialLogDecoder.Result r = SerialLogDecoder.decode(log);
        Mqtt connack = r.mqtt().stream().filter(m -> m.packet().type() == MqttPacketType.CONNACK).findFirst().orElseThrow();
        assertEquals(0, connack.packet().returnCode());
        assertTrue(connack.packet().violations().isEmpty());
        LogEvent mqttFail = log.first("MQTTConnect");
        assertEquals(-1L, mqttFail.code());
        assertEquals(find(lines, 1, "FAIL mqtt-connect"), mqttFail.line());
        assertTrue(connack.lastLine() < mqttFail.line(), "the CONNACK was in the log before the failure");
    }

    @Test
    void level2LogHasTheStateMachineButNoBytes() {
        SerialLog log = Logs.parse("mbedtls228-ok-level2.log");
        assertEquals(List.of(), log.problems());
        LogConnection c = log.connections().get(0);
        assertEquals(0, c.wire(Direction.CLIENT_TO_SERVER).length());
        List<Long> states = log.events().stream().filter(e -> e.name().equals("client state")).map(LogEvent::code).distinct().toList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 17L, 13L, 14L, 15L), states);
        assertEquals(0, SerialLogDecoder.decode(log).tls().size());
    }
}
