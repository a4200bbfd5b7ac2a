package io.netstep.session.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;
import io.netstep.session.cli.Timeline;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How the analysis maps the firmware's SPI traffic on the socket buffers to stream bytes, on a
 * hand-written log of plain MQTT (no TLS) with what real drivers do beyond the reference
 * firmware: a TX write that wraps the 16-bit buffer pointer, a peek at a header read again
 * in full, a packet read in two frames, a read that matches nothing, bytes never read.
 */
class ChipMappingTest {

    private static final HexFormat HEX = HexFormat.of();
    private final List<LogEntry> log = new ArrayList<>();

    private LogEntry add(Object event) {
        long t = event instanceof ChipEvent c ? c.time() : event instanceof NetworkEvent n ? n.time() : 0;
        LogEntry e = new LogEntry(log.size() + 1L, t, 1_700_000_000_000L + t / 1_000_000, event);
        log.add(e);
        return e;
    }

    private static ChipEvent.SpiFrame spi(long t, int block, int offset, boolean write, String hex) {
        return new ChipEvent.SpiFrame(t, block, offset, write, 0, HEX.parseHex(hex), null);
    }

    @Test
    void bytesAreDecodedWhenTheFirmwareReadsThemAndLinkedToTheFramesThatMovedThem() {
        int rx = Registers.rxBlock(0);
        int tx = Registers.txBlock(0);
        String connect = "100d00044d5154540402003c000174";
        add(spi(1_000, 0, Registers.SIPR, true, "c0a8010a"));
        add(spi(2_000, Registers.socketBlock(0), Registers.Sn_MR, true, "01"));
        add(spi(3_000, Registers.socketBlock(0), 0x04, true, "c350"));          // Sn_PORT 50000
        add(spi(4_000, Registers.socketBlock(0), 0x0C, true, "0a000001075b"));  // Sn_DIPR 10.0.0.1, Sn_DPORT 1883
        LogEntry connectCmd = add(new ChipEvent.Command(5_000, 0, Registers.Sn_CR_CONNECT, Registers.SOCK_INIT));
        add(new NetworkEvent.Connect(6_000, 0, "10.0.0.1", 1883, "broker.test", "127.0.0.1:1883",
                NetworkEvent.ConnectResult.CONNECTED, null));
        LogEntry established = add(new ChipEvent.StateChange(7_000, 0, Registers.SOCK_SYNSENT, Registers.SOCK_ESTABLISHED, "SYN/ACK"));
        // CONNECT written across the end of the TX buffer's 16-bit pointer space
        LogEntry tx1 = add(spi(8_000, tx, 0xFFF8, true, connect.substring(0, 16)));
        LogEntry tx2 = add(spi(9_000, tx, 0x0000, true, connect.substring(16)));
        LogEntry send = add(new ChipEvent.Command(10_000, 0, Registers.Sn_CR_SEND, Registers.SOCK_ESTABLISHED));
        LogEntry sent = add(new ChipEvent.Data(11_000, 0, true, HEX.parseHex(connect), new byte[] {10, 0, 0, 1}, 1883));
        // CONNACK and a PUBLISH arrive together; the firmware peeks, reads, then reads the PUBLISH in two frames
        LogEntry arrived = add(new ChipEvent.Data(20_000, 0, false, HEX.parseHex("20020000" + "30070003612f626869"), new byte[] {10, 0, 0, 1}, 1883));
        LogEntry peek = add(spi(21_000, rx, 0x1000, false, "2002"));
        LogEntry full = add(spi(22_000, rx, 0x1000, false, "20020000"));
        LogEntry recv1 = add(new ChipEvent.Command(23_000, 0, Registers.Sn_CR_RECV, Registers.SOCK_ESTABLISHED));
        LogEntry garbage = add(spi(24_000, rx, 0x2000, false, "ffff"));
        LogEntry p1 = add(spi(25_000, rx, 0x1004, false, "3007000361"));
        LogEntry p2 = add(spi(26_000, rx, 0x1009, false, "2f626869"));
        add(new ChipEvent.Command(27_000, 0, Registers.Sn_CR_RECV, Registers.SOCK_ESTABLISHED));
        // a PINGRESP the firmware never reads; the broker closes first
        add(new ChipEvent.Data(30_000, 0, false, HEX.parseHex("d000"), new byte[] {10, 0, 0, 1}, 1883));
        add(new NetworkEvent.Closed(31_000, 0, "FIN from host"));
        add(new ChipEvent.StateChange(32_000, 0, Registers.SOCK_ESTABLISHED, Registers.SOCK_CLOSE_WAIT, "FIN received"));
        add(new ChipEvent.Command(33_000, 0, Registers.Sn_CR_DISCON, Registers.SOCK_CLOSE_WAIT));
        LogEntry closed = add(new ChipEvent.StateChange(34_000, 0, Registers.SOCK_LAST_ACK, Registers.SOCK_CLOSED, "FIN acknowledged"));

        Analysis a = Analysis.of(log, List.of());

        assertEquals(1, a.connections().size());
        Connection c = a.connections().get(0);
        assertEquals(0, c.socket());
        assertEquals("192.168.1.10:50000", c.localEndpoint());
        assertEquals("10.0.0.1:1883", c.remoteEndpoint());
        assertEquals("broker.test", c.peerName());
        assertEquals(connectCmd.seq(), c.openEvent().logSeq());
        assertEquals(established.seq(), c.establishedEvent().logSeq());
        assertEquals(Connection.CloseKind.FIN_BY_PEER, c.closeKind());
        assertFalse(c.isTls());
        assertEquals(15, c.bytesC2s());
        assertEquals(15, c.bytesS2cArrived());
        assertEquals(13, c.bytesS2cRead());

        List<ProtocolEvent> mqtt = a.mqttPackets();
        assertEquals(List.of("c2s CONNECT", "s2c CONNACK", "s2c PUBLISH", "s2c PINGRESP"),
                mqtt.stream().map(e -> e.dir().shortName() + " " + e.type()).toList());

        ProtocolEvent conn = mqtt.get(0);
        assertEquals("t", conn.attr("client_id"));
        assertEquals(List.of(sent.seq()), conn.carriedBy().stream().map(ProtocolEvent::logSeq).toList());
        assertEquals(List.of(tx1.seq(), tx2.seq(), send.seq()), seqs(conn.chipTransfers()), "the wrapped write and SEND");

        ProtocolEvent connack = mqtt.get(1);
        assertEquals("0", connack.attr("return_code"));
        assertEquals(List.of(arrived.seq()), seqs(connack.carriedBy()));
        assertEquals(List.of(peek.seq(), full.seq(), recv1.seq()), seqs(connack.chipTransfers()));
        assertEquals(22_000, connack.virtualNanos(), "in the timeline when the firmware had all of it");
        assertEquals(22_000, connack.chipTransferNanos());
        assertEquals(20_000, connack.arrivedNanos());
        assertTrue(a.decodedAt(full.seq()).contains(connack));
        assertFalse(a.decodedAt(peek.seq()).contains(connack));

        ProtocolEvent publish = mqtt.get(2);
        assertEquals("a/b", publish.attr("topic"));
        assertEquals("6869", publish.attr("payload_hex"));
        assertEquals(26_000, publish.virtualNanos());
        assertTrue(seqs(publish.chipTransfers()).containsAll(List.of(p1.seq(), p2.seq())));
        assertFalse(seqs(publish.chipTransfers()).contains(garbage.seq()));
        assertNull(publish.attributes().get("read_by_firmware"));

        ProtocolEvent pingresp = mqtt.get(3);
        assertEquals(false, pingresp.attributes().get("read_by_firmware"));
        assertTrue(pingresp.chipTransfers().isEmpty());
        assertTrue(a.decodedAt(closed.seq()).contains(pingresp), "decoded when the connection closed");

        assertEquals(1, a.problems().size(), a.problems().toString());
        assertTrue(a.problems().get(0).contains("does not match"), a.problems().toString());

        // the Data rx event knows which SPI frames read its bytes (F1's "read off the chip at t=…")
        ProtocolEvent data = a.forLogSeq(arrived.seq());
        assertEquals(List.of(peek.seq(), full.seq(), p1.seq(), p2.seq()), seqs(data.chipTransfers()));
        // one timeline across layers, in order of ids
        List<ProtocolEvent> all = a.events();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).id());
        }
        assertEquals(log.size(), all.stream().filter(e -> e.logEntry() != null).count());

        // netstep run's timeline shows the decoded layers after the entry that completed them
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new Timeline(false).print(log, new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        int readAt = indexOf(lines, "#" + recv1.seq() + " ");
        int connackAt = indexOf(lines, "mqtt     s2c CONNACK");
        assertTrue(connackAt >= 0 && connackAt < readAt, String.join("\n", lines));
        assertTrue(indexOf(lines, "mqtt     s2c PINGRESP") > 0, String.join("\n", lines));
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Long> seqs(List<ProtocolEvent> events) {
        return events.stream().map(ProtocolEvent::logSeq).toList();
    }
}
