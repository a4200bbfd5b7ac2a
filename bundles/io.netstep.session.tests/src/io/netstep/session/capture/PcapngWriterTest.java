package io.netstep.session.capture;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.EventLog;
import io.netstep.session.VirtualClock;
import io.netstep.w5500.ChipEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made event log with every kind of socket life (active and passive open, bulk data
 * beyond the MSS, FIN both ways, peer RST, refused connect, CLOSE on an open connection,
 * UDP broadcast and reply) exported to pcapng; real tshark must find it clean, and the
 * capture reader must give back what the log says.
 */
class PcapngWriterTest {

    private static final byte[] MAC = {0x00, 0x08, (byte) 0xdc, 0x11, 0x22, 0x33};
    private static final byte[] IP = {(byte) 192, (byte) 168, 77, 100};
    private static final byte[] BROKER = {(byte) 198, 18, 0, 1};
    private static final byte[] GATEWAY = {(byte) 192, (byte) 168, 77, 1};

    @TempDir
    Path dir;

    private long t;

    private static byte[] data(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void write(EventLog log, int block, int offset, byte... bytes) {
        log.append(new ChipEvent.SpiFrame(++t, block, offset, true, 0, bytes, null));
    }

    private void state(EventLog log, int sn, int from, int to, String cause) {
        log.append(new ChipEvent.StateChange(++t, sn, from, to, cause));
    }

    private void data(EventLog log, int sn, boolean tx, byte[] bytes, byte[] peer, int port) {
        log.append(new ChipEvent.Data(++t, sn, tx, bytes, peer, port));
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static final byte[] UP = data(5000, 1);
    static final byte[] DOWN = data(3000, 2);

    private EventLog session() {
        EventLog log = new EventLog(VirtualClock.manual());
        write(log, 0, SHAR, MAC);
        write(log, 0, SUBR, (byte) 255, (byte) 255, (byte) 255, (byte) 0);
        // socket 3, UDP: DHCP-like broadcast before SIPR is set, and the reply
        write(log, socketBlock(3), Sn_PORT, u16(68));
        state(log, 3, SOCK_CLOSED, SOCK_UDP, "OPEN in UDP mode");
        data(log, 3, true, data(300, 3), new byte[] {-1, -1, -1, -1}, 67);
        data(log, 3, false, data(300, 4), GATEWAY, 67);
        write(log, 0, SIPR, IP);
        // socket 0: active open with Sn_MSSR 536, bulk both ways, the peer closes first
        write(log, socketBlock(0), Sn_PORT, u16(50000));
        write(log, socketBlock(0), Sn_DIPR, BROKER);
        write(log, socketBlock(0), Sn_DPORT, u16(8883));
        write(log, socketBlock(0), Sn_MSSR, u16(536));
        state(log, 0, SOCK_CLOSED, SOCK_INIT, "OPEN in TCP mode");
        state(log, 0, SOCK_INIT, SOCK_SYNSENT, "CONNECT to 198.18.0.1:8883");
        state(log, 0, SOCK_SYNSENT, SOCK_ESTABLISHED, "SYN/ACK received");
        data(log, 0, true, UP, BROKER, 8883);
        data(log, 0, false, DOWN, BROKER, 8883);
        state(log, 0, SOCK_ESTABLISHED, SOCK_CLOSE_WAIT, "FIN received");
        state(log, 0, SOCK_CLOSE_WAIT, SOCK_LAST_ACK, "DISCON: FIN sent after the peer's FIN");
        state(log, 0, SOCK_LAST_ACK, SOCK_CLOSED, "FIN acknowledged");
        // socket 1: passive open, a request and an answer, then the peer resets
        write(log, socketBlock(1), Sn_PORT, u16(80));
        state(log, 1, SOCK_CLOSED, SOCK_INIT, "OPEN in TCP mode");
        state(log, 1, SOCK_INIT, SOCK_LISTEN, "LISTEN command");
        state(log, 1, SOCK_LISTEN, SOCK_SYNRECV, "SYN from 192.168.77.1:40001");
        state(log, 1, SOCK_SYNRECV, SOCK_ESTABLISHED, "ACK of SYN/ACK");
        data(log, 1, false, "GET / HTTP/1.0\r\n\r\n".getBytes(), GATEWAY, 40001);
        data(log, 1, true, "HTTP/1.0 200 OK\r\n\r\n".getBytes(), GATEWAY, 40001);
        state(log, 1, SOCK_ESTABLISHED, SOCK_CLOSED, "RST received");
        // socket 2: refused; socket 4: the firmware CLOSEs an open connection; socket 5: we close first
        write(log, socketBlock(2), Sn_PORT, u16(50001));
        write(log, socketBlock(2), Sn_DIPR, BROKER);
        write(log, socketBlock(2), Sn_DPORT, u16(8885));
        state(log, 2, SOCK_CLOSED, SOCK_INIT, "OPEN in TCP mode");
        state(log, 2, SOCK_INIT, SOCK_SYNSENT, "CONNECT");
        state(log, 2, SOCK_SYNSENT, SOCK_CLOSED, "RST received in SOCK_SYNSENT");
        write(log, socketBlock(4), Sn_PORT, u16(50002));
        write(log, socketBlock(4), Sn_DIPR, BROKER);
        write(log, socketBlock(4), Sn_DPORT, u16(8887));
        state(log, 4, SOCK_CLOSED, SOCK_INIT, "OPEN in TCP mode");
        state(log, 4, SOCK_INIT, SOCK_SYNSENT, "CONNECT");
        state(log, 4, SOCK_SYNSENT, SOCK_ESTABLISHED, "SYN/ACK received");
        state(log, 4, SOCK_ESTABLISHED, SOCK_CLOSED, "CLOSE command");
        write(log, socketBlock(5), Sn_PORT, u16(50003));
        write(log, socketBlock(5), Sn_DIPR, BROKER);
        write(log, socketBlock(5), Sn_DPORT, u16(8888));
        state(log, 5, SOCK_CLOSED, SOCK_INIT, "OPEN in TCP mode");
        state(log, 5, SOCK_INIT, SOCK_SYNSENT, "CONNECT");
        state(log, 5, SOCK_SYNSENT, SOCK_ESTABLISHED, "SYN/ACK received");
        data(log, 5, true, data(10, 5), BROKER, 8883);
        state(log, 5, SOCK_ESTABLISHED, SOCK_FIN_WAIT, "DISCON: FIN sent");
        data(log, 5, false, data(20, 6), BROKER, 8883);
        state(log, 5, SOCK_FIN_WAIT, SOCK_TIME_WAIT, "FIN received after ours");
        state(log, 5, SOCK_TIME_WAIT, SOCK_CLOSED, "close complete");
        return log;
    }

    @Test
    void everySocketLifeIsReadBackAsTheLogSaysIt() throws Exception {
        Path f = dir.resolve("s.pcapng");
        PcapngWriter.Result r = PcapngWriter.write(session().snapshot(), List.of("CLIENT_RANDOM 00 11"), f);
        assertTrue(r.packets() > 30);
        Capture c = CaptureReader.read(f);
        assertEquals(r.packets(), c.packets());
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("CLIENT_RANDOM 00 11"), c.keyLog());
        assertEquals(5, c.connections().size(), c.toString());

        Capture.TcpConnection bulk = c.connections().get(0);
        assertEquals(new Capture.Endpoint("192.168.77.100", 50000), bulk.client());
        assertEquals(new Capture.Endpoint("198.18.0.1", 8883), bulk.server());
        assertArrayEquals(UP, bulk.bytes(true));
        assertArrayEquals(DOWN, bulk.bytes(false));
        assertTrue(bulk.clientToServer().stream().allMatch(s -> s.bytes().length <= 536), "segments of Sn_MSSR");
        assertEquals("FIN", bulk.clientClose());
        assertEquals("FIN", bulk.serverClose());

        Capture.TcpConnection passive = c.connections().get(1);
        assertEquals(new Capture.Endpoint("192.168.77.1", 40001), passive.client());
        assertEquals(new Capture.Endpoint("192.168.77.100", 80), passive.server());
        assertEquals("GET / HTTP/1.0\r\n\r\n", new String(passive.bytes(true)));
        assertEquals("HTTP/1.0 200 OK\r\n\r\n", new String(passive.bytes(false)));
        assertEquals("RST", passive.clientClose());

        Capture.TcpConnection refused = c.connections().get(2);
        assertEquals(0, refused.bytes(true).length);
        assertEquals("RST", refused.serverClose());
        assertNull(refused.clientClose());
        assertEquals("RST", c.connections().get(3).clientClose());
        assertEquals(20, c.connections().get(4).bytes(false).length);

        assertEquals(2, c.datagrams().size());
        assertEquals(new Capture.Endpoint("0.0.0.0", 68), c.datagrams().get(0).source());
        assertEquals(new Capture.Endpoint("255.255.255.255", 67), c.datagrams().get(0).destination());
        assertEquals(new Capture.Endpoint("255.255.255.255", 68), c.datagrams().get(1).destination(),
                "before SIPR is set, the answer is a broadcast");
    }

    @Test
    void tsharkFindsTheExportClean() throws Exception {
        Path f = dir.resolve("s.pcapng");
        PcapngWriter.write(session().snapshot(), List.of(), f);
        assertEquals(List.of(), Tools.tshark(f, 0, "-Y", Tools.BAD));
        assertEquals(List.of(), Tools.tshark(f, 0, "-Y", "tcp.len > 536"));
        assertEquals(9, Tools.tshark(f, 0, "-Y", "tcp.len == 536 && tcp.srcport == 50000").size(), "5000 = 9 × 536 + 176");
        assertEquals(5, Tools.tshark(f, 0, "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0").size(),
                "four connects and one accepted SYN");
        List<String> streams = Tools.tshark(f, 0, "-q", "-z", "conv,tcp");
        assertTrue(streams.stream().anyMatch(l -> l.contains("192.168.77.1:40001") && l.contains("192.168.77.100:80")),
                String.join("\n", streams));
        assertFalse(Tools.tshark(f, 0, "-Y", "tcp.flags.reset == 1").isEmpty());
    }
}
