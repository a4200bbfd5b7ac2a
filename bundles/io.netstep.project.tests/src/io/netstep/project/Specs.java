package io.netstep.project;

import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One realistic spec per broker profile, with certificates from a fresh test PKI. */
final class Specs {

    static final String AWS_ENDPOINT = "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com";
    static final String THING = "nucleo-w5500-01";

    private Specs() { }

    /** The PKI's PEM files; the server certificate also names the AWS endpoint, the client is the thing. */
    static TestPki.PemFiles pki(Path dir) throws IOException {
        return TestPki.generate(TestPki.KeyType.EC_P256, List.of("broker.netstep.test", AWS_ENDPOINT), THING).writePem(dir);
    }

    static ProjectSpec forProfile(BrokerProfile profile, TlsLibrary tls, TestPki.PemFiles pem) {
        ProjectSpec.Builder b = Checkout.spec("fw-" + profile.cliName()).profile(profile).tls(tls);
        switch (profile) {
            case EMBEDDED -> { }
            case MOSQUITTO -> b.broker("broker.netstep.test:8883").ca(pem.ca()).clientId("nucleo-mosq");
            case AWS_IOT -> b.host(AWS_ENDPOINT).thing(THING).ca(pem.ca()).clientCertificate(pem.clientCert())
                    .clientKey(pem.clientKey());
            case CUSTOM -> b.broker("mqtt.example.net:8884").ca(pem.ca()).clientCertificate(pem.clientCert())
                    .clientKey(pem.clientKey()).clientId("custom01").topic("devices/custom01/up").topic("devices/custom01/down");
        }
        return b.build();
    }
}
