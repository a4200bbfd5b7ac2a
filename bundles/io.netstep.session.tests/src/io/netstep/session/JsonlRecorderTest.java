package io.netstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netstep.w5500.ChipEvent;

import java.io.IOException;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class JsonlRecorderTest {

    @Test
    void oneObjectPerEntryWithFieldsByName() throws IOException {
        VirtualClock clock = VirtualClock.manual();
        EventLog log = new EventLog(clock);
        StringWriter out = new StringWriter();
        log.append(new SessionEvent.BridgeConnected("fw \"one\"\n", "unix"));
        JsonlRecorder r = new JsonlRecorder(out).attach(log);
        log.append(new ChipEvent.SpiFrame(1_000_000, 0, 0x39, false, 0, new byte[] {4, (byte) 0xAB}, null));
        log.append(new SessionEvent.Suspended(SessionEvent.SuspendReason.BREAKPOINT, null));
        r.close();
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length);
        String first = lines[0];
        assertEquals("{\"seq\":1,\"t_ns\":0,\"wall_ms\":" + log.snapshot().get(0).wallMillis()
                + ",\"type\":\"BridgeConnected\",\"program\":\"fw \\\"one\\\"\\n\",\"transport\":\"unix\"}", first);
        String spi = lines[1];
        assertEquals("{\"seq\":2,\"t_ns\":1000000,\"wall_ms\":" + log.snapshot().get(1).wallMillis()
                + ",\"type\":\"SpiFrame\",\"block\":0,\"offset\":57,\"write\":false,\"om\":0,\"data\":\"04ab\",\"problem\":null}", spi);
        assertEquals(true, lines[2].endsWith(",\"type\":\"Suspended\",\"reason\":\"BREAKPOINT\",\"detail\":null}"));
    }

    @Test
    void keyLogLinesAreCountsOnly() throws IOException {
        EventLog log = new EventLog(VirtualClock.manual());
        StringWriter out = new StringWriter();
        JsonlRecorder r = new JsonlRecorder(out).attach(log);
        log.append(new SessionEvent.KeyLogLine(3));
        r.close();
        assertFalse(out.toString().contains("CLIENT_RANDOM"));
        assertEquals(true, out.toString().contains("\"type\":\"KeyLogLine\",\"count\":3}"));
    }
}
