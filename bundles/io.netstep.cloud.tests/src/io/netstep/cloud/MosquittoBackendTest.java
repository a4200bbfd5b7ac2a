package io.netstep.cloud;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator in front of a real mosquitto (which, unlike the embedded broker's default, carries
 * messages up to AWS IoT's 128 KB): the largest message AWS allows goes through end to end.
 */
class MosquittoBackendTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process mosquitto(Path dir, int port) throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process p;
        try {
            p = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("mosquitto is needed for this test (Debian: apt-get install mosquitto): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                probe.setSoLinger(true, 0);
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive()) fail("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                Thread.sleep(20);
            }
        }
        p.destroy();
        fail("mosquitto did not listen on " + port);
        return null;
    }

    @Test void largestAllowedMessageGoesThroughEndToEnd(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process broker = mosquitto(dir, port);
        try (CloudProfile cloud = CloudProfile.start(CloudProfile.parse("aws-iot:meter-7").keyType(TestPki.KeyType.EC_P256), port, null);
             RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(port, cloud.brokerPort());
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
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
