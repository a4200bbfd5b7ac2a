package io.netstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class EventLogTest {

    private final VirtualClock clock = VirtualClock.manual();
    private final EventLog log = new EventLog(clock);

    @Test
    void numbersEntriesAndStampsThemWithVirtualTime() {
        clock.set(42);
        LogEntry a = log.append(new SessionEvent.BridgeError("x"));
        LogEntry b = log.append(new ChipEvent.Reset(7, false));
        assertEquals(1, a.seq());
        assertEquals(42, a.virtualNanos());
        assertEquals(2, b.seq());
        assertEquals(7, b.virtualNanos(), "chip events keep the chip's time stamp");
        assertEquals("Reset", b.kind());
        assertEquals(List.of(b), log.after(1));
    }

    @Test
    void rejectsForeignObjects() {
        assertThrows(IllegalArgumentException.class, () -> log.append("text"));
        assertEquals(0, log.size());
    }

    @Test
    void concurrentAppendsGetUniqueOrderedNumbersAndListenersSeeThatOrder() throws InterruptedException {
        List<Long> seen = new CopyOnWriteArrayList<>();
        log.addListener(e -> seen.add(e.seq()));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    log.append(new SessionEvent.KeyLogLine(i));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(2000, log.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1L, seen.get(i));
        }
    }

    @Test
    void historyListenerMissesNothing() {
        log.append(new SessionEvent.BridgeError("before"));
        List<LogEntry> got = new ArrayList<>();
        log.addListenerWithHistory(got::add);
        log.append(new SessionEvent.BridgeError("after"));
        assertEquals(2, got.size());
        assertEquals(2, got.get(1).seq());
    }

    @Test
    void aFailingListenerIsDroppedAndTheOthersGoOn() {
        List<LogEntry> got = new ArrayList<>();
        log.addListener(e -> {
            throw new IllegalStateException("boom");
        });
        log.addListener(got::add);
        log.append(new SessionEvent.BridgeError("a"));
        log.append(new SessionEvent.BridgeError("b"));
        assertEquals(2, got.size());
        assertTrue(log.snapshot().size() == 2);
    }
}
