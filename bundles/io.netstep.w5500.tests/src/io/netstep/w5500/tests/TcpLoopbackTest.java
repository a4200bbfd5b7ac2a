package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.LoopbackNetwork;
import io.netstep.w5500.W5500;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP through real sockets on 127.0.0.1: client, server, echo, flow control, FIN, RST, refused. */
class TcpLoopbackTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();

    final ManualClock clock = new ManualClock();
    final Events events = new Events();
    LoopbackNetwork net;
    W5500 chip;
    Spi spi;
    ServerSocket server;

    @BeforeEach
    void setUp() throws Exception {
        net = new LoopbackNetwork();
        chip = new W5500(clock, net);
        net.attach(chip);
        chip.addListener(events);
        spi = new Spi(chip);
        spi.netConfig();
        server = new ServerSocket(0, 5, LO);
        server.setSoTimeout(10_000);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        net.close();
    }

    /** ioLibrary socket() + connect() in non-blocking style, polling Sn_SR. */
    void connect(int sn, int port) {
        spi.open(sn, Sn_MR_TCP, 40000 + sn);
        spi.destination(sn, 127, 0, 0, 1, port);
        spi.command(sn, Sn_CR_CONNECT);
        Await.until(() -> spi.sr(sn) != SOCK_SYNSENT, "connect answered");
    }

    Socket connectAndAccept(int sn) throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        connect(sn, server.getLocalPort());
        assertEquals(SOCK_ESTABLISHED, spi.sr(sn));
        assertEquals(Sn_IR_CON, spi.ir(sn) & Sn_IR_CON);
        Socket s = accepted.get(10, TimeUnit.SECONDS);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Reads exactly {@code len} bytes off the chip, polling Sn_RX_RSR like a recv() loop. */
    byte[] recvAll(int sn, int len, int chunk) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < len) {
            Await.until(() -> spi.rxReceived(sn) > 0, "data on the chip");
            int rsr = spi.rxReceived(sn);
            assertTrue(rsr <= 2048, "Sn_RX_RSR never exceeds the buffer: " + rsr);
            got.writeBytes(spi.recv(sn, Math.min(rsr, Math.min(chunk, len - got.size()))));
        }
        return got.toByteArray();
    }

    static byte[] pattern(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 13 + i / 251);
        }
        return b;
    }

    @Test
    void echoThroughARealServer() throws Exception {
        Socket peer = connectAndAccept(0);
        Thread echo = new Thread(() -> {
            try (InputStream in = peer.getInputStream(); OutputStream out = peer.getOutputStream()) {
                in.transferTo(out);
            } catch (java.io.IOException e) {
                // the test's assertions report what went wrong
            }
        });
        echo.start();
        byte[] data = pattern(10_000);
        int sent = 0;
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        while (echoed.size() < data.length) { // interleave SEND and RECV, checking FSR/RSR each round
            int fsr = spi.txFree(0);
            int pending = (spi.sreg16(0, Sn_TX_WR) - spi.sreg16(0, Sn_TX_RD)) & 0xFFFF;
            assertEquals(2048, fsr + pending, "Sn_TX_FSR + unsent bytes = TX buffer size");
            if (sent < data.length && fsr > 0) {
                int n = Math.min(Math.min(fsr, 700), data.length - sent);
                spi.send(0, Arrays.copyOfRange(data, sent, sent + n));
                sent += n;
            }
            // data may arrive between two reads (network thread): compare only when Sn_RX_WR held still
            int wr = spi.sreg16(0, Sn_RX_WR);
            int rsr = spi.rxReceived(0);
            if (wr == spi.sreg16(0, Sn_RX_WR)) {
                assertEquals((wr - spi.sreg16(0, Sn_RX_RD)) & 0xFFFF, rsr, "Sn_RX_RSR = Sn_RX_WR − Sn_RX_RD");
            }
            assertTrue(rsr <= 2048);
            if (rsr > 0) {
                echoed.writeBytes(spi.recv(0, Math.min(rsr, 500)));
            }
        }
        assertArrayEquals(data, echoed.toByteArray());
        peer.close();
    }

    @Test
    void flowControlHoldsDataUntilTheFirmwareReads() throws Exception {
        Socket peer = connectAndAccept(1);
        byte[] data = pattern(30_000);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                peer.getOutputStream().write(data);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        Await.until(() -> spi.rxReceived(1) == 2048, "RX buffer full");
        assertEquals(2048, spi.rxReceived(1), "the chip takes no more than its buffer");
        assertArrayEquals(data, recvAll(1, data.length, 700));
        writer.get(10, TimeUnit.SECONDS);
        peer.close();
    }

    @Test
    void peerFinGivesCloseWaitThenDisconCloses() throws Exception {
        Socket peer = connectAndAccept(0);
        peer.getOutputStream().write("bye".getBytes());
        peer.shutdownOutput();
        Await.until(() -> spi.sr(0) == SOCK_CLOSE_WAIT, "CLOSE_WAIT");
        assertEquals(Sn_IR_DISCON, spi.ir(0) & Sn_IR_DISCON);
        assertEquals("bye", new String(recvAll(0, 3, 100)), "data before the FIN is still readable");
        spi.command(0, Sn_CR_DISCON);
        assertEquals(SOCK_LAST_ACK, spi.sr(0));
        assertEquals(-1, peer.getInputStream().read(), "the peer sees our FIN");
        chip.tick();
        assertEquals(SOCK_CLOSED, spi.sr(0));
        peer.close();
    }

    @Test
    void activeCloseEndsClosedWhenThePeerCloses() throws Exception {
        Socket peer = connectAndAccept(0);
        spi.command(0, Sn_CR_DISCON);
        assertEquals(SOCK_FIN_WAIT, spi.sr(0));
        assertEquals(-1, peer.getInputStream().read());
        peer.close();
        Await.until(() -> spi.sr(0) == SOCK_CLOSED, "closed after the peer's FIN");
        assertEquals(Sn_IR_DISCON, spi.ir(0) & Sn_IR_DISCON);
        assertEquals(0, spi.ir(0) & Sn_IR_TIMEOUT);
        assertTrue(events.of(ChipEvent.StateChange.class).stream()
                .anyMatch(e -> e.from() == SOCK_FIN_WAIT && e.to() == SOCK_TIME_WAIT));
    }

    @Test
    void peerResetClosesWithDiscon() throws Exception {
        Socket peer = connectAndAccept(0);
        peer.setSoLinger(true, 0);
        peer.close();
        Await.until(() -> spi.sr(0) == SOCK_CLOSED, "closed by RST");
        assertEquals(Sn_IR_DISCON, spi.ir(0) & Sn_IR_DISCON);
    }

    @Test
    void connectToAClosedPortEndsClosedWithoutTimeout() throws Exception {
        int port = Await.freeTcpPort();
        connect(0, port);
        assertEquals(SOCK_CLOSED, spi.sr(0));
        assertEquals(0, spi.ir(0) & (Sn_IR_TIMEOUT | Sn_IR_CON));
        assertTrue(events.diagnosed("answered with RST"));
        clock.advanceMillis(60_000);
        chip.tick();
        assertEquals(0, spi.ir(0) & Sn_IR_TIMEOUT, "no late TIMEOUT");
    }

    @Test
    void listenAcceptsARealClient() throws Exception {
        int port = Await.freeTcpPort();
        spi.open(2, Sn_MR_TCP, port);
        spi.command(2, Sn_CR_LISTEN);
        assertEquals(SOCK_LISTEN, spi.sr(2));
        java.util.concurrent.atomic.AtomicReference<Socket> connected = new java.util.concurrent.atomic.AtomicReference<>();
        Await.until(() -> {
            try {
                connected.set(new Socket(LO, port));
                return true;
            } catch (java.io.IOException e) {
                return false; // the listen socket is bound asynchronously
            }
        }, "client connected");
        Socket client = connected.get();
        client.setSoTimeout(10_000);
        Await.until(() -> spi.sr(2) == SOCK_ESTABLISHED, "ESTABLISHED");
        assertEquals(Sn_IR_CON, spi.ir(2) & Sn_IR_CON);
        assertArrayEquals(new byte[] {127, 0, 0, 1}, spi.read(socketBlock(2), Sn_DIPR, 4));
        assertEquals(client.getLocalPort(), spi.sreg16(2, Sn_DPORT));
        client.getOutputStream().write("from client".getBytes());
        assertEquals("from client", new String(recvAll(2, 11, 100)));
        spi.send(2, "from chip".getBytes());
        byte[] buf = client.getInputStream().readNBytes(9);
        assertEquals("from chip", new String(buf));
        assertTrue(events.of(ChipEvent.StateChange.class).stream().anyMatch(e -> e.to() == SOCK_SYNRECV));
        client.close();
    }
}
