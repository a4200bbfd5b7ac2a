package io.netstep.preflight;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A port that accepts TCP and never answers: the preflight does not hang, and a cancel ends it. */
class SilentServerTest {

    /** Accepts connections and holds them open without a byte of answer. */
    private static final class Silent implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final CountDownLatch accepted = new CountDownLatch(2); // the TCP check's connection, then the handshake's

        Silent() throws IOException {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept());
                        accepted.countDown();
                    }
                } catch (IOException closed) {
                    // test over
                }
            }, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aSilentTlsPortFailsWithTheTimeoutNamed() throws Exception {
        try (Silent s = new Silent()) {
            PreflightReport r = Preflight.run(new PreflightSettings().host("127.0.0.1").port(s.server.getLocalPort()).ioTimeoutMillis(300), null);
            StepResult f = r.firstFailure().get();
            assertEquals(Check.TLS_HANDSHAKE, f.check(), r.steps().toString());
            assertTrue(f.summary().contains("no TLS answer within 300 ms"), f.summary());
            assertTrue(f.cause().contains("does not answer a ClientHello"), f.cause());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // liveness guard: without a working cancel the probe waits 10 minutes
    void cancelEndsAWaitingRun() throws Exception {
        try (Silent s = new Silent()) {
            Preflight p = new Preflight(new PreflightSettings().host("127.0.0.1").port(s.server.getLocalPort())
                    .ioTimeoutMillis(600_000));
            Thread canceller = new Thread(() -> {
                try {
                    s.accepted.await();
                    p.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            canceller.start();
            PreflightReport r = p.run(null);
            canceller.join();
            assertTrue(r.cancelled());
            assertFalse(r.passed());
            assertEquals("CANCELLED", r.verdict());
            assertEquals(Status.OK, r.step(Check.TCP_CONNECT).get().status());
            assertEquals(Status.SKIPPED, r.step(Check.TLS_HANDSHAKE).get().status());
            assertEquals(Status.SKIPPED, r.step(Check.MQTT_CONNECT).get().status());
            assertThrows(IllegalStateException.class, () -> p.run(null), "a Preflight runs once");
        }
    }
}
