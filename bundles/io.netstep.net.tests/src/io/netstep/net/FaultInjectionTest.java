package io.netstep.net;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault against a real loopback server; delays are in the harness's virtual time. */
class FaultInjectionTest {

    static final byte[] CHIP = { (byte) 192, (byte) 168, 77, 100 };
    static final byte[] LOOPBACK = { 127, 0, 0, 1 };
    static final byte[] GREETING = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII); // 36 bytes

    NetHarness h;
    LoopbackPeer peer;

    @AfterEach void close() throws Exception {
        if (h != null) h.close();
        if (peer != null) peer.close();
    }

    private void start(LoopbackPeer.Mode mode, String... faults) throws Exception {
        peer = new LoopbackPeer(mode, GREETING);
        NetworkOptions o = new NetworkOptions();
        for (String f : faults) o.fault(f);
        h = new NetHarness(o);
    }

    private NetworkEvent.FaultApplied applied(String spec) {
        return h.awaitEvent(NetworkEvent.FaultApplied.class, f -> f.spec().equals(spec));
    }

    @Test void refuse() throws Exception {
        start(LoopbackPeer.Mode.ECHO, "refuse=127.0.0.1");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("refused", c -> c.count("refused") == 1);
        applied("refuse=127.0.0.1");
        assertEquals(0, peer.accepted.get(), "the host was never contacted");
    }

    @Test void refuseOnlyTheNamedDestination() throws Exception {
        start(LoopbackPeer.Mode.ECHO, "refuse=127.0.0.1:1");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("connected", c -> c.count("connected") == 1);
    }

    @Test void blackhole() throws Exception {
        start(LoopbackPeer.Mode.ECHO, "blackhole");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        applied("blackhole");
        NetworkEvent.Connect c = h.awaitEvent(NetworkEvent.Connect.class, x -> true);
        assertEquals(NetworkEvent.ConnectResult.NO_ANSWER, c.result());
        h.advanceMs(5);
        assertEquals(List.of(), h.onChip(() -> h.chip.sequence()), "the SYN is never answered");
        assertEquals(0, peer.accepted.get());
    }

    @Test void connectDelayIsVirtualTime() throws Exception {
        start(LoopbackPeer.Mode.ECHO, "connect-delay=50");
        long t0 = h.clock.get();
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        NetHarness.await("host connected and answer scheduled", () -> h.onChip(() -> h.net.pendingTimers()) == 1);
        h.advanceMs(49);
        assertEquals(0, h.onChip(() -> h.chip.count("connected")), "not before 50 ms of virtual time");
        h.advanceMs(1);
        assertEquals(1, h.onChip(() -> h.chip.count("connected")));
        NetworkEvent.Connect c = h.awaitEvent(NetworkEvent.Connect.class, x -> true);
        assertEquals(t0 + 50_000_000L, c.time());
    }

    @Test void chunkWithDelay() throws Exception {
        start(LoopbackPeer.Mode.GREET_THEN_READ, "chunk=10,delay=5");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("first piece", c -> c.received[0].size() == 10);
        long t0 = h.clock.get();
        // the other 26 bytes are at the network already or arrive soon; each piece needs 5 virtual ms
        NetHarness.await("all bytes read from the host", () -> h.onChip(() -> h.net.heldBytes(0)) == 26);
        h.advanceMs(4);
        assertEquals(10, h.onChip(() -> h.chip.received[0].size()));
        h.advanceMs(1);
        assertEquals(20, h.onChip(() -> h.chip.received[0].size()));
        h.advanceMs(10);
        assertArrayEquals(GREETING, h.onChip(() -> h.chip.received[0].toByteArray()));
        List<int[]> offers = h.onChip(() -> List.copyOf(h.chip.offers));
        assertEquals(List.of(10, 10, 10, 6), offers.stream().map(o -> o[1]).toList());
        List<Long> times = h.onChip(() -> List.copyOf(h.chip.offerTimes));
        assertEquals(t0 + 5_000_000L, times.get(1));
        assertEquals(t0 + 10_000_000L, times.get(2));
        applied("chunk=10,delay=5");
    }

    @Test void resetAfterInbound() throws Exception {
        start(LoopbackPeer.Mode.GREET_THEN_READ, "reset-after=20");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("reset", c -> c.count("reset") == 1);
        assertEquals(20, h.onChip(() -> h.chip.received[0].size()));
        assertEquals(List.of("connected", "data", "reset"), h.onChip(() -> h.chip.sequence()));
        NetHarness.await("host sees RST", () -> !peer.endings.isEmpty());
        assertTrue(peer.endings.get(0).startsWith("RST"), peer.endings.toString());
        assertTrue(applied("reset-after=20").what().contains("20 bytes"));
    }

    @Test void resetAfterOutbound() throws Exception {
        start(LoopbackPeer.Mode.GREET_THEN_READ, "reset-after=30,dir=out");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("connected", c -> c.count("connected") == 1);
        h.onChip(() -> h.net.tcpSend(0, new byte[100]));
        h.awaitChip("reset", c -> c.count("reset") == 1);
        NetHarness.await("host sees RST", () -> !peer.endings.isEmpty());
        assertTrue(peer.endings.get(0).startsWith("RST"), peer.endings.toString());
        int carried = h.onChip(() -> h.events.stream().filter(e -> e instanceof NetworkEvent.Bytes b && !b.toChip())
                .mapToInt(e -> ((NetworkEvent.Bytes) e).data().length).sum());
        assertEquals(30, carried, "exactly 30 bytes went to the host socket");
        // an RST flushes the peer's unread data (RFC 793), so the peer may have read fewer, never more
        assertTrue(peer.receivedBytes().length <= 30, "peer read " + peer.receivedBytes().length);
    }

    @Test void closeAfterInbound() throws Exception {
        start(LoopbackPeer.Mode.GREET_THEN_READ, "close-after=16");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("FIN", c -> c.count("peerClosed") == 1);
        assertEquals(16, h.onChip(() -> h.chip.received[0].size()));
        assertEquals(List.of("connected", "data", "peerClosed"), h.onChip(() -> h.chip.sequence()));
        NetHarness.await("host side closed", () -> !peer.endings.isEmpty());
    }

    @Test void closeAfterOutbound() throws Exception {
        start(LoopbackPeer.Mode.GREET_THEN_READ, "close-after=10,dir=out");
        h.onChip(() -> h.net.tcpConnect(0, CHIP, 1, LOOPBACK, peer.port()));
        h.awaitChip("connected", c -> c.count("connected") == 1);
        h.onChip(() -> h.net.tcpSend(0, new byte[25]));
        h.awaitChip("FIN", c -> c.count("peerClosed") == 1);
        NetHarness.await("host sees FIN", () -> peer.endings.contains("EOF"));
        assertEquals(10, peer.receivedBytes().length);
        h.onChip(() -> h.net.tcpSend(0, new byte[5]));
        assertNotNull(h.awaitEvent(NetworkEvent.Dropped.class, d -> d.why().contains("after the host side closed")));
    }
}
