package io.netstep.session.bridge;

import static io.netstep.session.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.session.SessionListener;
import io.netstep.session.VirtualClock;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pausing holds the firmware: MILLIS and FRAME answers wait, the virtual clock stands still.
 * "Real" time here is a counter the test moves, so every check is on values.
 */
class PauseAndStepTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong real = new AtomicLong(1_000 * MS);
    private Session session;
    private BridgeServer bridge;
    private final BlockingQueue<Object[]> suspends = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws IOException {
        session = new Session(new VirtualClock(real::get), events -> HostNetwork.NONE);
        session.addSessionListener(new SessionListener() {
            @Override
            public void suspended(SuspendReason reason, LogEntry cause) {
                suspends.add(new Object[] {reason, cause});
            }
        });
        session.start();
        bridge = BridgeServer.unix(session).start();
    }

    @AfterEach
    void tearDown() {
        bridge.close();
        session.terminate();
    }

    @Test
    void pauseFreezesMillisAndResumeContinuesFromThere() throws Exception {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            real.addAndGet(250 * MS);
            assertEquals(250 * MS, c.millis());

            session.pause();
            real.addAndGet(5_000 * MS);          // five "seconds" pass while paused
            assertEquals(250 * MS, session.clock().nanos());

            c.send(Wire.MILLIS, 0, new byte[0]);
            waitFor(() -> session.waitingRequests() == 1, "the MILLIS request to reach the session");
            assertTrue(noAnswerYet(c), "no MILLIS answer while paused");
            real.addAndGet(1_000 * MS);
            assertEquals(250 * MS, session.clock().nanos());

            session.resume();
            BridgeTestClient.Answer a = c.read();
            assertEquals(Wire.MILLIS_OK, a.type());
            assertEquals(250 * MS, Wire.u64(a.payload(), 0), "the paused time does not count");

            real.addAndGet(10 * MS);
            assertEquals(260 * MS, c.millis());
        }
    }

    @Test
    void frameIsHeldWhilePausedAndRunsOnResume() throws Exception {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            session.pause();
            c.sendFrame(Wire.FLAG_SELECT | Wire.FLAG_DESELECT, new byte[] {0x00, 0x01, 0x04, 10, 0, 0, 1}, 0);  // GAR
            waitFor(() -> session.waitingRequests() == 1, "the FRAME to reach the session");
            assertTrue(noAnswerYet(c), "no FRAME answer while paused");
            assertEquals(0, session.peek(0, 0x0001), "the chip did not change while paused");

            session.resume();
            assertEquals(Wire.FRAME_OK, c.read().type());
            assertEquals(10, session.peek(0, 0x0001));
        }
    }

    @Test
    void stepRunsExactlyToTheNextSpiFrame() throws Exception {
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            session.pause();
            assertEquals(SuspendReason.USER, suspends.take()[0]);
            Thread firmware = new Thread(() -> {
                try {
                    for (int i = 1; i <= 3; i++) {
                        c.writeRegister(0, 0x0001, (byte) i);   // three frames, each waits for its answer
                    }
                } catch (IOException e) {
                    // the test fails on the values below
                }
            });
            firmware.start();
            for (int i = 1; i <= 3; i++) {
                waitFor(() -> session.waitingRequests() == 1, "frame to wait");
                session.stepToNextSpiFrame();
                Object[] s = suspends.poll(10, TimeUnit.SECONDS);
                assertEquals(SuspendReason.STEP, s[0]);
                ChipEvent.SpiFrame f = assertInstanceOf(ChipEvent.SpiFrame.class, ((LogEntry) s[1]).event());
                assertArrayEquals(new byte[] {(byte) i}, f.data());
                assertTrue(session.isPaused());
                assertEquals(i, session.peek(0, 0x0001), "exactly one frame ran per step");
            }
            firmware.join(10_000);
            assertEquals(3, session.log().snapshot().stream().filter(e -> e.event() instanceof ChipEvent.SpiFrame).count());
        }
    }

    @Test
    void breakpointSuspendsAfterTheMatchingEvent() throws Exception {
        session.addBreakpoint(new io.netstep.session.Breakpoint("write to GAR",
                e -> e.event() instanceof ChipEvent.SpiFrame f && f.write() && f.offset() == 0x0001));
        try (BridgeTestClient c = BridgeTestClient.connect(bridge.endpoint())) {
            c.hello("", "t");
            c.readRegister(0, 0x39, 1);
            assertTrue(suspends.isEmpty());
            c.writeRegister(0, 0x0001, (byte) 9);   // answered: the frame itself completes
            Object[] s = suspends.poll(10, TimeUnit.SECONDS);
            assertEquals(SuspendReason.BREAKPOINT, s[0]);
            c.sendFrame(Wire.FLAG_SELECT | Wire.FLAG_DESELECT, BridgeTestClient.readHeaderBytes(0, 0x39), 1);
            waitFor(() -> session.waitingRequests() == 1, "next frame held");
            assertTrue(noAnswerYet(c));
            session.resume();
            assertArrayEquals(new byte[] {4}, c.read().payload());
        }
    }

    @Test
    void startSuspendedHoldsTheFirstFrameButDebuggerPokesWork() throws Exception {
        try (Session held = new Session(new VirtualClock(real::get), events -> HostNetwork.NONE);
             BridgeServer b = BridgeServer.unix(held)) {
            BlockingQueue<SuspendReason> reasons = new LinkedBlockingQueue<>();
            held.addSessionListener(new SessionListener() {
                @Override
                public void suspended(SuspendReason reason, LogEntry cause) {
                    reasons.add(reason);
                }
            });
            held.start(true);
            b.start();
            assertEquals(SuspendReason.USER, reasons.take());
            try (BridgeTestClient c = BridgeTestClient.connect(b.endpoint())) {
                assertEquals(Wire.HELLO_OK, c.hello("", "t").type(), "HELLO does not touch the chip: answered");
                c.sendFrame(Wire.FLAG_SELECT | Wire.FLAG_DESELECT, BridgeTestClient.readHeaderBytes(0, 0x0001), 1);
                waitFor(() -> held.waitingRequests() == 1, "the first frame to wait");
                held.poke(0, 0x0001, 0x5A);                        // GAR[0], written by a debugger while paused
                assertEquals(0x5A, held.peek(0, 0x0001));
                assertTrue(noAnswerYet(c));
                held.resume();
                assertArrayEquals(new byte[] {0x5A}, c.read().payload());
            }
        }
    }

    /** Reads without blocking: true when nothing has arrived. */
    private static boolean noAnswerYet(BridgeTestClient c) throws IOException {
        c.channel.configureBlocking(false);
        try {
            return c.channel.read(ByteBuffer.allocate(1)) == 0;
        } finally {
            c.channel.configureBlocking(true);
        }
    }
}
