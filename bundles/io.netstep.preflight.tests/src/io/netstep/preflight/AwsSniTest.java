package io.netstep.preflight;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.cloud.AwsIotPki;
import io.netstep.cloud.CloudProfile;

import java.net.InetAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS IoT emulator (io.netstep.cloud) closes a ClientHello without SNI: the preflight names SNI as the cause. */
class AwsSniTest {

    private static PreflightSettings settings(CloudProfile cloud, AwsIotPki.DeviceFiles files) throws Exception {
        return new PreflightSettings().host(cloud.endpoint()).address(InetAddress.getLoopbackAddress()).port(cloud.port())
                .caFile(files.rootCa()).clientCertificateFile(files.certificate()).clientKeyFile(files.privateKey())
                .clientId(cloud.options().thingName()).testTopic(cloud.options().thingName() + "/preflight").ioTimeoutMillis(4000);
    }

    @Test
    void missingSniIsNamedAndWithSniEverythingPasses(@TempDir Path dir) throws Exception {
        try (CloudProfile cloud = CloudProfile.start(new AwsIotOptions().thingName("meter-7"), null)) {
            AwsIotPki.DeviceFiles files = cloud.writeDeviceFiles(dir);

            PreflightReport noSni = Preflight.run(settings(cloud, files).sni(false), null);
            assertFalse(noSni.passed());
            StepResult sni = noSni.step(Check.SNI).get();
            assertEquals(Status.FAILED, sni.status(), noSni.steps().toString());
            assertTrue(sni.cause().contains("needs SNI"), sni.cause());
            assertTrue(sni.fix().contains("mbedtls_ssl_set_hostname") && sni.fix().contains(cloud.endpoint()), sni.fix());
            assertTrue(noSni.firstFailure().get().cause().contains("SNI"), noSni.firstFailure().get().cause());
            assertTrue(noSni.largestRecordLength() > 0, "measured on the retry with SNI");

            PreflightReport withSni = Preflight.run(settings(cloud, files), null);
            assertTrue(withSni.passed(), withSni.verdict() + " " + withSni.steps());
            assertEquals(Status.OK, withSni.step(Check.SNI).get().status());
        }
    }

    @Test
    void policyDeniedTopicIsNamed(@TempDir Path dir) throws Exception {
        try (CloudProfile cloud = CloudProfile.start(new AwsIotOptions().thingName("meter-8"), null)) {
            AwsIotPki.DeviceFiles files = cloud.writeDeviceFiles(dir);
            PreflightReport r = Preflight.run(settings(cloud, files).testTopic("other-thing/preflight"), null);
            StepResult f = r.firstFailure().orElseThrow(() -> new AssertionError(r.steps().toString()));
            assertEquals(Check.MQTT_SUBSCRIBE, f.check(), r.steps().toString());
            assertTrue(f.cause().contains("policy"), f.cause());
        }
    }
}
