package io.netstep.cloud;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.cloud.CloudEvent.Kind;
import io.netstep.net.broker.TestPki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy read from a file, iot:Receive and iot:RetainPublish, and the message broker limits. */
class CustomPolicyTest {

    static final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    static CloudProfile cloud;

    @BeforeAll static void start(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    { "Effect": "Allow", "Action": "iot:Connect",
                      "Resource": "arn:aws:iot:eu-west-1:123456789012:client/${iot:Connection.Thing.ThingName}" },
                    { "Effect": "Allow", "Action": ["iot:Publish", "iot:Subscribe"],
                      "Resource": ["arn:aws:iot:eu-west-1:123456789012:topic/shared/*",
                                   "arn:aws:iot:eu-west-1:123456789012:topicfilter/shared/*"] },
                    { "Effect": "Allow", "Action": "iot:Receive",
                      "Resource": "arn:aws:iot:eu-west-1:123456789012:topic/shared/public" }
                  ]
                }""");
        AwsIotOptions o = CloudProfile.parse("aws-iot:gateway").endpoint("xyz123-ats.iot.eu-west-1.amazonaws.com")
                .policy(IotPolicy.read(file)).keyType(TestPki.KeyType.EC_P256);
        cloud = CloudProfile.start(o, events::add);
    }

    @AfterAll static void stop() {
        if (cloud != null) cloud.close();
    }

    static CloudEvent await(Kind kind, Predicate<CloudEvent> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (CloudEvent e : events) if (e.kind() == kind && p.test(e)) return e;
            Thread.sleep(10);
        }
        fail("no " + kind + " event; events: " + events);
        return null;
    }

    @Test void receiveDeniedMessagesAreNotDeliveredAndTheConnectionStays() throws Exception {
        try (RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(0, d.connect("gateway", 60));
            d.subscribe("shared/#", 1, 1);
            assertEquals(9, RawDevice.type(d.readPacket()), "SUBACK");
            d.publish("shared/secret", 0, 0, "hidden");
            d.publish("shared/public", 0, 0, "visible");
            byte[] p = d.readPacket();
            assertNotNull(p, "the connection stays open");
            assertEquals(3, RawDevice.type(p));
            String text = new String(p, StandardCharsets.UTF_8);
            assertTrue(text.contains("shared/public") && text.endsWith("visible"), "only the allowed message arrives first");
        }
        CloudEvent e = await(Kind.RECEIVE_DENIED, x -> "shared/secret".equals(x.topic()));
        assertTrue(e.rule().contains("iot:Receive"), e.rule());
    }

    @Test void retainedPublishNeedsRetainPublish() throws Exception {
        try (RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(0, d.connect("gateway", 60));
            d.send(0x31, RawDevice.utf8("shared/public"), "kept".getBytes(StandardCharsets.UTF_8));
            assertNull(d.readPacket(), "closed without a reason");
        }
        CloudEvent e = await(Kind.PUBLISH_DENIED, x -> x.rule() != null && x.rule().contains("iot:RetainPublish"));
        assertEquals("shared/public", e.topic());
    }

    @Test void payloadOver128KbClosesTheConnection() throws Exception {
        try (RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(0, d.connect("gateway", 60));
            d.publish("shared/big", 1, 9, "x".repeat(128 * 1024 + 1));
            assertNull(d.readPacket());
        }
        CloudEvent e = await(Kind.LIMIT_EXCEEDED, x -> "shared/big".equals(x.topic()) || x.detail().contains("payload"));
        assertTrue(e.detail().contains("131072"), e.detail());
    }

    /**
     * 128 KB is still allowed by the emulator. (Whether the broker behind it carries it depends on
     * the embedded broker's own message size limit: Moquette's default is 8092 bytes.)
     */
    @Test void payloadOfExactly128KbPassesTheEmulator() throws Exception {
        try (RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(0, d.connect("gateway", 60));
            d.publish("shared/max", 1, 10, "x".repeat(128 * 1024));
            d.readPacket(); // the PUBACK, or the close of a broker with a smaller limit: either comes after the emulator's decision
        }
        assertTrue(events.stream().noneMatch(e -> e.kind() == Kind.LIMIT_EXCEEDED && "shared/max".equals(e.topic())), () -> "events: " + events);
    }

    @Test void moreThanSevenSlashesClosesTheConnection() throws Exception {
        try (RawDevice d = new RawDevice(cloud, cloud.device(), true)) {
            assertEquals(0, d.connect("gateway", 60));
            d.publish("shared/1/2/3/4/5/6/7/8", 0, 0, "deep");
            d.pingreq();
            assertNull(d.readPacket(), "no PINGRESP: closed at the PUBLISH");
        }
        CloudEvent e = await(Kind.LIMIT_EXCEEDED, x -> "shared/1/2/3/4/5/6/7/8".equals(x.topic()));
        assertTrue(e.detail().contains("8 slashes"), e.detail());
    }
}
