package io.netstep.cloud;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator in front of a real mosquitto (which, unlike the embedded broker's default, carries
 * messages up to AWS IoT's 128 KB): the largest message AWS allows goes through end to end.
 */
class MosquittoBackendTest {

    @Test void largestAllowedMessageGoesThroughEndToEnd(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.plain(dir);
             CloudProfile cloud = CloudProfile.start(CloudProfile.parse("aws-iot:meter-7").keyType(TestPki.KeyType.EC_P256), broker.port(), null);
             RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(broker.port(), cloud.brokerPort());
            assertEquals(0, d.connect("meter-7", 30));
            d.subscribe("meter-7/#", 1, 1);
            assertEquals(9, RawDevice.type(d.readPacket()), "SUBACK");
            String payload = "m".repeat(128 * 1024);
            d.publish("meter-7/reading", 1, 2, payload);
            boolean acked = false;
            byte[] delivered = null;
            for (int i = 0; i < 2; i++) {
                byte[] p = d.readPacket();
                assertNotNull(p, "the connection stays open");
                if (RawDevice.type(p) == 4) acked = true;
                if (RawDevice.type(p) == 3) delivered = p;
            }
            assertTrue(acked, "PUBACK");
            assertNotNull(delivered, "the message came back through mosquitto");
            assertTrue(new String(delivered, StandardCharsets.US_ASCII).endsWith(payload), "all 131072 bytes");
        }
    }
}
