package io.netstep.cloud;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;

/** The SNI peek on real ClientHellos made by the JDK's TLS client. */
class ClientHelloPeekTest {

    private static byte[] clientHello(String sni) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, null, null);
        SSLEngine e = c.createSSLEngine();
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        e.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test void findsTheServerName() throws Exception {
        byte[] hello = clientHello("abc-ats.iot.eu-west-1.amazonaws.com");
        ClientHelloPeek.Result r = ClientHelloPeek.read(new ByteArrayInputStream(hello));
        assertTrue(r.tls() && r.complete());
        assertEquals("abc-ats.iot.eu-west-1.amazonaws.com", r.sni());
        assertArrayEquals(hello, r.bytes(), "every byte is kept for the TLS engine");
    }

    @Test void noServerNameExtension() throws Exception {
        ClientHelloPeek.Result r = ClientHelloPeek.read(new ByteArrayInputStream(clientHello(null)));
        assertTrue(r.complete());
        assertNull(r.sni());
    }

    @Test void helloSplitOverTwoRecords() throws Exception {
        byte[] hello = clientHello("split.iot.us-east-1.amazonaws.com");
        int body = hello.length - 5;
        int first = body / 2;
        byte[] two = new byte[hello.length + 5];
        System.arraycopy(hello, 0, two, 0, 5 + first);
        two[3] = (byte) (first >> 8);
        two[4] = (byte) first;
        int rest = body - first;
        two[5 + first] = 22;
        two[6 + first] = 3;
        two[7 + first] = 3;
        two[8 + first] = (byte) (rest >> 8);
        two[9 + first] = (byte) rest;
        System.arraycopy(hello, 5 + first, two, 10 + first, rest);
        ClientHelloPeek.Result r = ClientHelloPeek.read(new ByteArrayInputStream(two));
        assertEquals("split.iot.us-east-1.amazonaws.com", r.sni());
    }

    @Test void plainMqttIsNotTls() throws Exception {
        byte[] connect = { 0x10, 0x0c, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 0 };
        ClientHelloPeek.Result r = ClientHelloPeek.read(new ByteArrayInputStream(connect));
        assertFalse(r.tls());
        assertNotNull(r.problem());
    }

    @Test void truncatedAndMalformedHellosDoNotThrow() throws Exception {
        byte[] hello = clientHello("x.iot.us-east-1.amazonaws.com");
        for (int cut = 0; cut < hello.length; cut += 7) {
            ClientHelloPeek.Result r = ClientHelloPeek.read(new ByteArrayInputStream(Arrays.copyOf(hello, cut)));
            assertFalse(r.complete(), "cut at " + cut);
        }
        byte[] bad = hello.clone();
        bad[5 + 4 + 2 + 32] = (byte) 0xFF; // session id length runs past the end
        // a length that runs elsewhere: whatever it yields, it is a result, not an exception
        assertTrue(ClientHelloPeek.read(new ByteArrayInputStream(bad)).tls());
    }
}
