package io.netstep.net;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class NameMapTest {

    @Test void exactNamesWildcardsAddressesAndPorts() {
        NameMap m = new NameMap()
                .add("broker.test=127.0.0.1:18883")
                .add("*.iot.*.amazonaws.com=127.0.0.1:8883")
                .add("203.0.113.5:8883=127.0.0.1:18884")
                .add("plain.test=127.0.0.1");
        assertEquals(new HostPort("127.0.0.1", 18883), m.lookup("broker.test", 8883));
        assertEquals(new HostPort("127.0.0.1", 18883), m.lookup("BROKER.test", 1883));
        assertEquals(new HostPort("127.0.0.1", 8883), m.lookup("a1b2c3-ats.iot.eu-west-1.amazonaws.com", 8883));
        assertNull(m.lookup("iot.eu-west-1.amazonaws.com", 8883), "* needs a label");
        assertNull(m.lookup("x.y.iot.eu-west-1.amazonaws.com.evil", 8883));
        assertEquals(new HostPort("127.0.0.1", 18884), m.lookup("203.0.113.5", 8883));
        assertNull(m.lookup("203.0.113.5", 1883), "port-specific entry");
        assertEquals(new HostPort("127.0.0.1", 1883), m.lookup("plain.test", 1883), "keeps the chip's port");
        assertTrue(m.knowsName("broker.test"));
        assertFalse(m.knowsName("203.0.113.5"));
        assertFalse(m.knowsName("other.test"));
    }

    @Test void exactBeatsWildcardAndCatchAllComesLast() {
        NameMap m = new NameMap().add("*=127.0.0.1:1").add("*.test=127.0.0.1:2").add("a.test=127.0.0.1:3").add("a.test:99=127.0.0.1:4");
        assertEquals(4, m.lookup("a.test", 99).port());
        assertEquals(3, m.lookup("a.test", 98).port());
        assertEquals(2, m.lookup("b.test", 1).port());
        assertEquals(1, m.lookup("c.example", 1).port());
        assertEquals(1, m.lookup("10.1.2.3", 1).port(), "* also catches addresses");
    }

    @Test void badEntriesSayWhatIsWrong() {
        NameMap m = new NameMap();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.add("broker.test")).getMessage().contains("PATTERN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.add("broker.test=127.0.0.1:x")).getMessage().contains("bad port"));
        assertThrows(IllegalArgumentException.class, () -> m.add("a b=127.0.0.1:1"));
        assertThrows(IllegalArgumentException.class, () -> m.add("a:70000=127.0.0.1:1"));
        assertTrue(m.isEmpty());
    }
}
