package io.netstep.net.broker;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.NetworkEvent;
import io.netstep.net.NetworkOptions;
import io.netstep.net.TlsPeer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code netstep demo} relies on: a chip-side TLS client (JDK SSLEngine in place of
 * mbedTLS) resolves broker.test on the virtual LAN, connects through the network to the
 * embedded broker under mutual TLS, and gets a CONNACK, with inbound data cut into 7-byte pieces.
 */
class BrokerThroughNetworkTest {

    TlsPeer chip;
    EmbeddedBroker broker;

    @AfterEach void close() {
        if (chip != null) chip.close();
        if (broker != null) broker.close();
    }

    @Test void mqttConnectOverMutualTlsThroughTheVirtualNetwork() throws Exception {
        TestPki pki = TestPki.generate();
        broker = EmbeddedBroker.start(EmbeddedBroker.Security.MUTUAL_TLS, pki);
        chip = new TlsPeer(new NetworkOptions().map("broker.test:8883=" + broker.endpoint()).fault("chunk=7"), pki, true);
        chip.resolveAndConnect("broker.test", 8883);
        chip.handshake("broker.test");
        // MQTT 3.1.1 CONNECT: protocol "MQTT" level 4, clean session, keepalive 60, client id "chip"
        byte[] connect = { 0x10, 16, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 4, 'c', 'h', 'i', 'p' };
        chip.write(connect);
        byte[] connack = chip.read(4);
        assertArrayEquals(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack, "CONNACK, return code 0");
        NetworkEvent.FaultApplied f = chip.harnessEvent(NetworkEvent.FaultApplied.class);
        assertEquals("chunk=7", f.spec());
    }

    @Test void noClientCertificateIsRejectedThroughTheNetworkToo() throws Exception {
        TestPki pki = TestPki.generate();
        broker = EmbeddedBroker.start(EmbeddedBroker.Security.MUTUAL_TLS, pki);
        chip = new TlsPeer(new NetworkOptions().map("broker.test:8883=" + broker.endpoint()), pki, false);
        chip.resolveAndConnect("broker.test", 8883);
        Exception e = assertThrows(Exception.class, () -> {
            chip.handshake("broker.test");
            chip.write(new byte[] { 0x10, 16, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 4, 'c', 'h', 'i', 'p' });
            chip.read(4);
        });
        assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, e);
        assertTrue(e.getMessage().contains("certificate"), e.getMessage()); // the broker's alert
    }
}
