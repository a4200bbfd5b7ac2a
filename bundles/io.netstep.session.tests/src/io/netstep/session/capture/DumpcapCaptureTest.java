package io.netstep.session.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;

import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures written by Wireshark's own tools: dumpcap records a real MQTT-over-TLS exchange
 * (HiveMQ client ↔ mosquitto) on the loopback interface; the capture reader must give the
 * same byte streams as tshark's own TCP reassembly, from the pcap and from editcap's
 * pcapng and nanosecond-pcap conversions, and the key log editcap injects.
 */
class DumpcapCaptureTest {

    @TempDir
    Path dir;

    @Test
    void readerAgreesWithTsharkOnARealLoopbackCapture() throws Exception {
        Path dumpcap = Tools.require("/usr/bin/dumpcap");
        Path editcap = Tools.require("/usr/bin/editcap");
        Tools.tshark();
        TestPki pki = TestPki.generate();
        Path pcap = dir.resolve("real.pcap");
        try (MosquittoBroker broker = MosquittoBroker.tls(pki, dir)) {
            Process cap = new ProcessBuilder(dumpcap.toString(), "-i", "lo", "-f", "tcp port " + broker.port(), "-P",
                    "-w", pcap.toString()).redirectOutput(dir.resolve("dumpcap.out").toFile()).start();
            try {
                BufferedReader err = new BufferedReader(new InputStreamReader(cap.getErrorStream(), StandardCharsets.UTF_8));
                String line;
                StringBuilder said = new StringBuilder();
                while ((line = err.readLine()) != null && !line.startsWith("Capturing on")) {
                    said.append(line).append('\n');
                }
                assumeTrue(line != null, "dumpcap cannot capture on lo here (needs CAP_NET_RAW): " + said);
                primed(pcap, broker.port());
                exchange(pki, broker.port());
                awaitBothFins(pcap);
            } finally {
                cap.destroy();      // SIGTERM: dumpcap writes out and closes the file
                cap.waitFor(10, TimeUnit.SECONDS);
            }

            Capture c = CaptureReader.read(pcap);
            assertTrue(c.format().startsWith("pcap 2.4"), c.format());
            int stream = c.connections().size() - 1;      // the ones before are the probes
            Capture.TcpConnection t = c.connections().get(stream);
            assertEquals(broker.port(), t.server().port());
            assertTrue(t.handshakeSeen());
            assertEquals(List.of(), t.problems());
            byte[][] tshark = follow(pcap, stream);
            assertArrayEquals(tshark[0], t.bytes(true), "client → broker, as tshark reassembles it");
            assertArrayEquals(tshark[1], t.bytes(false), "broker → client, as tshark reassembles it");
            assertEquals(0x16, t.bytes(true)[0], "a TLS handshake record opens the stream");
            assertTrue(t.bytes(true).length > 3000, "the 3000-byte message went up");

            // the same capture converted by editcap: pcapng with an injected key log, nanosecond pcap
            Path keys = dir.resolve("keys.txt");
            String secret = "CLIENT_RANDOM " + "11".repeat(32) + " " + "22".repeat(48);
            Files.writeString(keys, secret + "\n");
            Path ng = dir.resolve("real.pcapng");
            Tools.run(List.of(editcap.toString(), "-F", "pcapng", "--inject-secrets", "tls," + keys, pcap.toString(),
                    ng.toString()));
            Path ns = dir.resolve("real-ns.pcap");
            Tools.run(List.of(editcap.toString(), "-F", "nsecpcap", pcap.toString(), ns.toString()));
            for (Path other : List.of(ng, ns)) {
                Capture o = CaptureReader.read(other);
                assertEquals(c.packets(), o.packets(), other.toString());
                Capture.TcpConnection u = o.connections().get(stream);
                assertArrayEquals(t.bytes(true), u.bytes(true));
                assertArrayEquals(t.bytes(false), u.bytes(false));
                assertEquals(t.clientToServer().get(0).timeNanos(), u.clientToServer().get(0).timeNanos(),
                        "same time stamps whatever the resolution");
            }
            assertEquals(List.of(secret), CaptureReader.read(ng).keyLog());
        }
    }

    /** A small MQTT exchange over TLS: connect, subscribe, two publishes (one of 3000 bytes), disconnect. */
    private static void exchange(TestPki pki, int port) throws Exception {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("dumpcap-test")
                .serverHost("127.0.0.1").serverPort(port)
                .sslConfig().trustManagerFactory(pki.trustManagers()).applySslConfig().buildBlocking();
        client.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes inbox = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("netstep/dumpcap").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("netstep/dumpcap").payload("small".getBytes()).qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("netstep/dumpcap").payload(new byte[3000]).qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < 2; i++) {
                assertTrue(inbox.receive(10, TimeUnit.SECONDS).isPresent(), "the broker delivered message " + i);
            }
        } finally {
            client.disconnect();
        }
    }

    /** Waits (at most 10 s) until the capture file shows both FINs, so stopping dumpcap loses nothing. */
    private static void awaitBothFins(Path pcap) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                Capture c = CaptureReader.read(pcap);
                Capture.TcpConnection last = c.connections().isEmpty() ? null
                        : c.connections().get(c.connections().size() - 1);
                if (last != null && last.bytes(true).length > 3000 && last.clientClose() != null
                        && last.serverClose() != null) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the header is not written yet
            }
            Thread.sleep(50);
        }
    }

    /**
     * dumpcap says "Capturing on" a moment before packets really reach the file: knock on the
     * port until a knock shows up in the capture (at most 10 s).
     */
    private static void primed(Path pcap, int port) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                s.setSoLinger(true, 0);
            }
            Thread.sleep(100);
            try {
                if (!CaptureReader.read(pcap).connections().isEmpty()) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // no file header yet
            }
        }
    }

    /** tshark's own reassembly of TCP stream {@code n}: [client → server, server → client]. */
    private static byte[][] follow(Path pcap, int n) throws Exception {
        ByteArrayOutputStream up = new ByteArrayOutputStream();
        ByteArrayOutputStream down = new ByteArrayOutputStream();
        boolean inData = false;
        for (String line : Tools.tshark(pcap, 0, "-q", "-z", "follow,tcp,raw," + n)) {
            if (line.startsWith("Node 1:")) {
                inData = true;
            } else if (line.startsWith("=====")) {
                inData = false;
            } else if (inData) {
                boolean server = line.startsWith("\t");
                (server ? down : up).writeBytes(HexFormat.of().parseHex(line.strip()));
            }
        }
        return new byte[][] {up.toByteArray(), down.toByteArray()};
    }
}
