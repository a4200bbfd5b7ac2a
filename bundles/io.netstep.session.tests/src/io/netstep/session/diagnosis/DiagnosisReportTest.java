package io.netstep.session.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The renderers and the record parser, without a firmware. */
class DiagnosisReportTest {

    private static final Diagnosis D = new Diagnosis("F3", "record-too-large", "a \"big\" record", Confidence.LIKELY,
            "why\nnext line", "what", List.of(new Evidence(12, 1_500_000_000L, "header: length 5000")), "raise it",
            List.of("F2: against"));

    @Test
    void jsonIsOneLineWithEscapesAndEvidence() {
        String json = DiagnosisReport.json(D);
        assertEquals(-1, json.indexOf('\n'));
        assertTrue(json.startsWith("{\"layer\":\"diagnosis\",\"id\":\"F3\",\"name\":\"record-too-large\""), json);
        assertTrue(json.contains("\"title\":\"a \\\"big\\\" record\""), json);
        assertTrue(json.contains("\"why\":\"why\\nnext line\""), json);
        assertTrue(json.contains("\"evidence\":[{\"seq\":12,\"t_ns\":1500000000,\"what\":\"header: length 5000\"}]"), json);
        assertTrue(json.endsWith("\"candidates\":[\"F2: against\"]}"), json);
    }

    @Test
    void textNamesSeqTimeAndFixAndSaysWhenNothingWasFound() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DiagnosisReport.printText(List.of(D), new PrintStream(b, true, StandardCharsets.UTF_8));
        String text = b.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("diagnosis F3 record-too-large [LIKELY]: a \"big\" record"), text);
        assertTrue(text.contains("#12 t=1.500000 s  header: length 5000"), text);
        assertTrue(text.contains("fix: raise it"), text);
        b.reset();
        DiagnosisReport.printText(List.of(), new PrintStream(b, true, StandardCharsets.UTF_8));
        assertTrue(b.toString(StandardCharsets.UTF_8).startsWith("diagnosis: no known failure found"));
    }

    @Test
    void recordsAcrossChunksAndAPartialRecord() {
        // a 2-record stream: a ClientHello-shaped handshake record and the start of another
        byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00};
        byte[] partial = {0x17, 0x03, 0x03, 0x10, 0x00, 1, 2, 3};
        byte[] all = new byte[hello.length + partial.length];
        System.arraycopy(hello, 0, all, 0, hello.length);
        System.arraycopy(partial, 0, all, hello.length, partial.length);
        TlsRecords r = new TlsRecords(all);
        assertTrue(r.looksLikeTls);
        assertEquals(2, r.records.size());
        assertTrue(r.records.get(0).complete());
        assertEquals(0x1000, r.records.get(1).length());
        assertEquals(3, r.records.get(1).available());
        assertEquals(1, r.messages.size());
        assertEquals(TlsRecords.CLIENT_HELLO, r.messages.get(0).type());
        assertEquals(r.records.get(1), r.recordAt(hello.length + 6));
        assertTrue(!new TlsRecords("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII)).looksLikeTls);
    }

    @Test
    void emptyLogHasNoFinding() {
        assertEquals(List.of(), Diagnoser.of(List.of()));
    }
}
