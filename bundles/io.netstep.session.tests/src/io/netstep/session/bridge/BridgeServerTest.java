package io.netstep.session.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.VirtualClock;
import io.netstep.session.Waits;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge protocol over a real Unix socket (and TCP) against a real chip model. */
class BridgeServerTest {

    private Session session;
    private BridgeServer bridge;

    @BeforeEach
    void setUp() throws IOException {
        session = new Session(new VirtualClock(), events -> HostNetwork.NONE);
        session.start();
        bridge = BridgeServer.unix(session).start();
    }

    @AfterEach
    void tearDown() {
        bridge.close();
        session.terminate();
    }

    @Test
    void socketLivesInAPrivateDirectory() throws IOException {
        assertTrue(bridge.endpoint().startsWith("unix:"), bridge.endpoint());
        Path sock = Path.of(bridge.endpoint().substring(5));
        assertEquals("bridge.sock", sock.getFileName().toString());
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(sock.getParent()));
        bridge.close();
        assertFalse(Files.exists(sock.getParent()), "closing removes the private directory");
    }

    @Test
    void helloThenReadVersionRegister() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            BridgeTestClient.Answer hello = c.hello("", "conformance-test");
            assertEquals(Wire.HELLO_OK, hello.type());
            assertEquals(Wire.VERSION, Wire.u16(hello.payload(), 0));

            BridgeTestClient.Answer v = c.readRegister(0, 0x39, 1);   // VERSIONR
            assertEquals(Wire.FRAME_OK, v.type());
            assertArrayEquals(new byte[] {0x04}, v.payload());
        }
        Waits.waitFor(() -> has(SessionEvent.BridgeDisconnected.class), "disconnect event");
        SessionEvent.BridgeConnected connected = first(SessionEvent.BridgeConnected.class);
        assertEquals("conformance-test", connected.program());
        assertEquals("unix", connected.transport());
    }

    @Test
    void writtenRegisterReadsBackAndTheChipSawOneFramePerRequest() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            // GAR (gateway address), 4 bytes at 0x0001 of the common block
            assertEquals(Wire.FRAME_OK, c.writeRegister(0, 0x0001, (byte) 192, (byte) 168, (byte) 7, (byte) 1).type());
            assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 7, 1}, c.readRegister(0, 0x0001, 4).payload());
            assertEquals(7, session.peek(0, 0x0003));
        }
        List<ChipEvent.SpiFrame> frames = session.log().snapshot().stream()
                .filter(e -> e.event() instanceof ChipEvent.SpiFrame)
                .map(e -> (ChipEvent.SpiFrame) e.event()).toList();
        assertEquals(2, frames.size());
        assertTrue(frames.get(0).write());
        assertEquals(0x0001, frames.get(0).offset());
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 7, 1}, frames.get(0).data());
        assertFalse(frames.get(1).write());
    }

    @Test
    void frameSplitAcrossRequestsIsOneChipSelectFrame() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            // header and data in two requests, SCSn low on the first, high after the second
            assertEquals(0, c.frame(Wire.FLAG_SELECT, new byte[] {0x00, 0x09, 0x04}, 0).payload().length);
            c.frame(Wire.FLAG_DESELECT, new byte[] {0x00, 0x08, (byte) 0xDC, 0x01, 0x02, 0x03}, 0);  // SHAR
            assertArrayEquals(new byte[] {0x00, 0x08, (byte) 0xDC, 0x01, 0x02, 0x03}, c.readRegister(0, 0x0009, 6).payload());
        }
        assertEquals(2, session.log().snapshot().stream().filter(e -> e.event() instanceof ChipEvent.SpiFrame).count());
    }

    @Test
    void keyLogLinesAreKeptButNeverLogged() throws IOException {
        String secret = "CLIENT_RANDOM 00112233 4455667788";
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            c.send(Wire.KEYLOG, 0, secret.getBytes(StandardCharsets.UTF_8));
            c.millis();   // requests are served in order: the line is in after this answer
        }
        Waits.waitFor(() -> session.keyLog().size() == 1, "key log line");
        assertEquals(List.of(secret), session.keyLog().lines());
        for (LogEntry e : session.log().snapshot()) {
            assertFalse(e.event().toString().contains("4455667788"), "secret in " + e);
        }
        assertEquals(1, first(SessionEvent.KeyLogLine.class).count());
    }

    @Test
    void unknownTypeGetsAnErrorAndTheSessionCarriesOn() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            c.send(0x42, 0, new byte[0]);
            expectError(c, "unknown message type 0x42");
        }
        stillServes();
    }

    @Test
    void absurdLengthGetsAnError() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            byte[] h = new byte[8];
            h[0] = Wire.FRAME;
            Wire.putU32(h, 4, 0x7FFF_FFF0L);
            c.sendRaw(h);
            expectError(c, "more than the limit");
        }
        stillServes();
    }

    @Test
    void absurdReadLengthGetsAnError() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            c.sendFrame(Wire.FLAG_SELECT, BridgeTestClient.readHeaderBytes(0, 0), 64 << 20);
            expectError(c, "asks to read");
        }
        stillServes();
    }

    @Test
    void frameBeforeHelloGetsAnError() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.sendFrame(Wire.FLAG_SELECT | Wire.FLAG_DESELECT, BridgeTestClient.readHeaderBytes(0, 0x39), 1);
            expectError(c, "FRAME before HELLO");
        }
        assertTrue(session.log().snapshot().stream().noneMatch(e -> e.event() instanceof ChipEvent.SpiFrame),
                "the chip never saw the frame");
        stillServes();
    }

    @Test
    void truncatedMessageGetsAnError() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            byte[] h = new byte[8 + 3];
            h[0] = Wire.FRAME;
            h[1] = Wire.FLAG_SELECT;
            Wire.putU32(h, 4, 10);      // announces 10 payload bytes, sends 3
            c.sendRaw(h);
            c.channel.shutdownOutput();
            expectError(c, "truncated message");
        }
        stillServes();
    }

    @Test
    void wrongVersionGetsAnError() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            byte[] p = new byte[4];
            Wire.putU16(p, 0, 7);
            c.send(Wire.HELLO, 0, p);
            expectError(c, "version 7 is not supported");
        }
        stillServes();
    }

    @Test
    void secondFirmwareIsRefusedWhileOneIsAttached() throws IOException {
        try (BridgeTestClient a = BridgeTestClient.connect(bridge.endpoint());
             BridgeTestClient b = BridgeTestClient.connect(bridge.endpoint())) {
            assertEquals(Wire.HELLO_OK, a.hello("", "a").type());
            BridgeTestClient.Answer refused = b.hello("", "b");
            assertEquals(Wire.ERROR, refused.type());
            assertTrue(refused.text().contains("already attached"), refused.text());
            assertTrue(b.closedByServer());
            // the first one is still served
            assertArrayEquals(new byte[] {0x04}, a.readRegister(0, 0x39, 1).payload());
        }
        List<SessionEvent.BridgeError> errors = all(SessionEvent.BridgeError.class);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("already attached"), errors.get(0).message());
    }

    @Test
    void tcpBridgeChecksTheToken() throws IOException {
        try (BridgeServer tcp = BridgeServer.tcp(session).start()) {
            assertTrue(tcp.endpoint().startsWith("tcp:127.0.0.1:"), tcp.endpoint());
            assertEquals(32, tcp.token().length());
            assertEquals(tcp.token(), tcp.environment().get("NETSTEP_TOKEN"));
            try (BridgeTestClient c = BridgeTestClient.connect(tcp.endpoint())) {
                BridgeTestClient.Answer a = c.hello("0".repeat(32), "intruder");
                assertEquals(Wire.ERROR, a.type());
                assertTrue(a.text().contains("token"), a.text());
                assertFalse(a.text().contains(tcp.token()), "the error must not reveal the token");
                assertTrue(c.closedByServer());
            }
            try (BridgeTestClient c = BridgeTestClient.connect(tcp.endpoint())) {
                assertEquals(Wire.ERROR, c.hello("", "no-token").type());
            }
            try (BridgeTestClient c = BridgeTestClient.connect(tcp.endpoint())) {
                assertEquals(Wire.HELLO_OK, c.hello(tcp.token(), "fw").type());
                assertArrayEquals(new byte[] {0x04}, c.readRegister(0, 0x39, 1).payload());
            }
        }
        assertTrue(session.log().snapshot().stream().noneMatch(e -> e.event() instanceof SessionEvent.BridgeConnected c
                && c.program().equals("intruder")));
    }

    @Test
    void serverClosesAfterBye() throws IOException {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            c.send(Wire.BYE, 0, new byte[0]);
            assertTrue(c.closedByServer());
        }
        Waits.waitFor(() -> has(SessionEvent.BridgeDisconnected.class), "disconnect event");
        assertEquals("BYE", first(SessionEvent.BridgeDisconnected.class).reason());
    }

    // ---- helpers

    private void expectError(BridgeTestClient c, String fragment) throws IOException {
        BridgeTestClient.Answer a = c.read();
        assertNotNull(a, "expected an ERROR before the close");
        assertEquals(Wire.ERROR, a.type(), "type");
        assertTrue(a.text().contains(fragment), "error text: " + a.text());
        assertTrue(c.closedByServer(), "the server closes the client after an ERROR");
        Waits.waitFor(() -> all(SessionEvent.BridgeError.class).stream().anyMatch(e -> e.message().contains(fragment)),
                "BridgeError event containing '" + fragment + "'");
    }

    /** After a bad client, a good one still gets served. */
    private void stillServes() throws IOException {
        Waits.waitFor(() -> bridge.attached.get() == null, "the bad client to be dropped");
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            assertEquals(Wire.HELLO_OK, c.hello("", "next").type());
            assertArrayEquals(new byte[] {0x04}, c.readRegister(0, 0x39, 1).payload());
        }
        assertFalse(session.isTerminated());
    }

    private boolean has(Class<?> type) {
        return session.log().snapshot().stream().anyMatch(e -> type.isInstance(e.event()));
    }

    private <T> T first(Class<T> type) {
        return all(type).get(0);
    }

    private <T> List<T> all(Class<T> type) {
        return session.log().snapshot().stream().map(LogEntry::event).filter(type::isInstance).map(type::cast).toList();
    }
}
