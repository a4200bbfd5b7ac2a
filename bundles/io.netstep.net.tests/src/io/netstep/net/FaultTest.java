package io.netstep.net;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FaultTest {

    @Test void specsParse() {
        Fault c = Fault.parse("chunk=10,delay=5");
        assertEquals(Fault.Kind.CHUNK, c.kind());
        assertEquals(10, c.amount());
        assertEquals(5, c.delayMs());
        assertEquals(Fault.Kind.REFUSE, Fault.parse("refuse").kind());
        Fault r = Fault.parse("refuse=broker.test:8883");
        assertTrue(r.appliesTo(8883, 18883, "198.18.0.1", "broker.test"));
        assertFalse(r.appliesTo(1883, 18883, "198.18.0.1", "broker.test"));
        assertFalse(r.appliesTo(8883, 18883, "198.18.0.1", "other.test"));
        Fault out = Fault.parse("reset-after=100,dir=out");
        assertTrue(out.outbound());
        assertFalse(Fault.parse("close-after=7").outbound());
        assertEquals(250, Fault.parse("connect-delay=250").amount());
        Fault to = Fault.parse("chunk=1,to=127.0.0.1");
        assertTrue(to.appliesTo(1, 2, "127.0.0.1"));
        assertFalse(to.appliesTo(1, 2, "10.0.0.1"));
    }

    @Test void badSpecsSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("jitter=5")).getMessage().contains("unknown fault"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("chunk=0"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("chunk"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("chunk=x"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("refuse,delay=5"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("reset-after=5,dir=sideways"));
        assertThrows(IllegalArgumentException.class, () -> Fault.parse("connect-delay=-1"));
    }
}
