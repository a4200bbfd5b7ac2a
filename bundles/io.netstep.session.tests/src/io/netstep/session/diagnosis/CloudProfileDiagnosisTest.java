package io.netstep.session.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.cloud.AwsIotPki;
import io.netstep.cloud.CloudEvent;
import io.netstep.cloud.CloudProfile;
import io.netstep.cloud.IotPolicy;
import io.netstep.net.NetworkOptions;
import io.netstep.session.Session;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F4, F8, F11, F12 against the AWS IoT cloud profile (io.netstep.cloud) in front of a plain
 * mosquitto; the profile's decisions reach the session log as {@code NetworkNote("cloud", …)}.
 * The policy lets the thing publish and subscribe under "netstep-thing/" but not receive, so
 * a firmware that waits for a message stays connected (for F12).
 */
class CloudProfileDiagnosisTest {

    private static final String THING = AwsIotOptions.DEFAULT_THING;
    private static final String ARN = "arn:aws:iot:us-east-1:" + AwsIotOptions.DEFAULT_ACCOUNT + ":";

    @TempDir
    static Path dir;
    private static MosquittoBroker backend;
    private static CloudProfile cloud;
    private static AwsIotPki.DeviceFiles device;
    private static final AtomicReference<Session> current = new AtomicReference<>();
    private static final List<CloudEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ReferenceFirmware.executable("netstep-fw-mbedtls");
        backend = MosquittoBroker.plain(dir.resolve("backend"));
        IotPolicy policy = IotPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"" + ARN + "client/" + THING + "\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"" + ARN + "topic/" + THING + "/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Subscribe\",\"Resource\":\"" + ARN + "topicfilter/" + THING + "/*\"}]}");
        cloud = CloudProfile.start(new AwsIotOptions().policy(policy), backend.port(), e -> {
            events.add(e);
            Session s = current.get();
            if (s != null) {
                s.networkNote("cloud", e.toString());
            }
        });
        device = cloud.writeDeviceFiles(dir.resolve("device"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static NetworkOptions net() {
        NetworkOptions n = new NetworkOptions();
        cloud.applyTo(n);
        return n;
    }

    private static List<String> command(String... extra) {
        List<String> c = new ArrayList<>(List.of(ReferenceFirmware.executable("netstep-fw-mbedtls").toString(), "--dhcp",
                "--broker", cloud.endpoint(), "--ca", device.rootCa().toString(), "--client-id", THING,
                "--command-timeout", "2000"));
        c.addAll(List.of(extra));
        return c;
    }

    private static List<String> withCert(String... extra) {
        List<String> c = new ArrayList<>(List.of("--cert", device.certificate().toString(), "--key", device.privateKey().toString()));
        c.addAll(List.of(extra));
        return c;
    }

    private static FirmwareRun run(List<String> command) throws Exception {
        try {
            return FirmwareRun.run(net(), command, 60, current::set);
        } finally {
            current.set(null);
        }
    }

    @Test
    void rightSettingsGetNoDiagnosis() throws Exception {
        FirmwareRun r = run(command(withCert("--topic", THING + "/ok", "--wait-message", "0").toArray(String[]::new)));
        assertEquals(0, r.status, r.toString());
        assertEquals(List.of(), r.ids(), r.toString());
    }

    @Test
    void noSniIsF4() throws Exception {
        FirmwareRun r = run(command(withCert("--topic", THING + "/t", "--wait-message", "0", "--sni", "off").toArray(String[]::new)));
        assertEquals(3, r.status, r.toString());
        assertEquals(List.of("F4"), r.ids(), r.toString());
        Diagnosis d = r.only("F4");
        assertEquals(Confidence.CERTAIN, d.confidence(), d.toString());
        assertTrue(d.evidence().get(0).what().startsWith("ClientHello without server_name"), d.toString());
        assertTrue(d.fix().contains("mbedtls_ssl_set_hostname"), d.fix());
    }

    @Test
    void noClientCertificateIsF8() throws Exception {
        FirmwareRun r = run(command("--topic", THING + "/t", "--wait-message", "0"));
        assertEquals(3, r.status, r.toString());
        assertEquals(List.of("F8"), r.ids(), r.toString());
        assertEquals(Confidence.CERTAIN, r.only("F8").confidence());
    }

    @Test
    void topicOutsideThePolicyIsF11() throws Exception {
        FirmwareRun r = run(command(withCert("--topic", "sensors/t", "--wait-message", "0").toArray(String[]::new)));
        assertEquals(4, r.status, r.toString());
        assertEquals(List.of("F11"), r.ids(), r.toString());
        Diagnosis d = r.only("F11");
        assertEquals(Confidence.CERTAIN, d.confidence(), d.toString());
        assertTrue(d.title().contains("'sensors/t'"), d.title());
        // decrypted with the firmware's key log: the last packet was the SUBSCRIBE
        Evidence subscribe = d.evidence().get(0);
        assertTrue(subscribe.what().startsWith("the firmware's last MQTT packet: SUBSCRIBE")
                && subscribe.what().contains("sensors/t"), d.toString());
        assertTrue(r.entry(subscribe.seq()).event() instanceof io.netstep.w5500.ChipEvent, "names the chip entry that sent it");
    }

    @Test
    void secondConnectionWithTheSameIdIsF12() throws Exception {
        Thread intruder = new Thread(CloudProfileDiagnosisTest::connectAsTheThingOnceTheFirmwareWaits, "second-device");
        intruder.setDaemon(true);
        events.clear();
        intruder.start();
        FirmwareRun r = run(command(withCert("--topic", THING + "/t", "--wait-message", "20").toArray(String[]::new)));
        intruder.join(10_000);
        assertEquals(4, r.status, r.toString());
        assertEquals(List.of("F12"), r.ids(), r.toString());
        Diagnosis d = r.only("F12");
        assertTrue(d.title().contains("'" + THING + "'"), d.title());
    }

    /** Waits until the firmware's PUBLISH went through, then connects a second device with the same client ID. */
    private static void connectAsTheThingOnceTheFirmwareWaits() {
        try {
            long until = System.nanoTime() + 30_000_000_000L;
            // the firmware's own PUBLISH comes back from the broker and is not delivered (no iot:Receive)
            while (System.nanoTime() < until && events.stream().noneMatch(e -> e.kind() == CloudEvent.Kind.RECEIVE_DENIED)) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(cloud.device().keyManagers().getKeyManagers(), cloud.pki().trustManagers().getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) c.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), cloud.port())) {
                s.setSoTimeout(10_000);
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(cloud.endpoint())));
                s.setSSLParameters(p);
                byte[] id = THING.getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(new byte[] {0x10, (byte) (10 + 2 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) id.length});
                b.writeBytes(id);
                s.getOutputStream().write(b.toByteArray());
                InputStream in = s.getInputStream();
                in.readNBytes(4); // CONNACK
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            // the firmware then finishes normally and the test fails on the missing F12
        }
    }
}
