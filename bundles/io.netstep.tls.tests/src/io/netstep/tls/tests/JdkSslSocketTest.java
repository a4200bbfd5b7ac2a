package io.netstep.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.tls.Direction;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second, independent TLS stack: JDK SSLSocket client and server on 127.0.0.1 through the
 * relay. The JDK exports no key log, so this checks decoding without keys.
 */
class JdkSslSocketTest {

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void handshakeDecodesWithoutKeys(String protocol) throws Exception {
        char[] pw = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", OpenSsl.CERTS.rsaKeys.getPrivate(), pw,
                new Certificate[] {OpenSsl.CERTS.rsa, OpenSsl.CERTS.ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", OpenSsl.CERTS.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.setEnabledProtocols(new String[] {protocol});
            Thread echo = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[64];
                    int n = in.read(buf);
                    out.write(buf, 0, n);
                    out.flush();
                } catch (Exception e) {
                    // the client side asserts
                }
            });
            echo.setDaemon(true);
            echo.start();
            Relay relay = new Relay(server.getLocalPort());
            relay.start();
            try (SSLSocket client = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    relay.port())) {
                SSLParameters p = client.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(TestCertificates.HOST)));
                p.setProtocols(new String[] {protocol});
                client.setSSLParameters(p);
                client.getOutputStream().write("ping".getBytes());
                client.getOutputStream().flush();
                byte[] back = client.getInputStream().readNBytes(4);
                assertEquals("ping", new String(back));
            }
            echo.join(10000);
            Capture c = relay.await();
            relay.close();

            TlsConnectionDecoder d = c.decode(false);
            List<TlsEvent> events = d.drainEvents();
            assertEquals(TestCertificates.HOST, d.sni());
            assertEquals(protocol.equals("TLSv1.3") ? 0x0304 : 0x0303, d.negotiatedVersion());
            assertTrue(d.offeredCipherSuites().contains(d.chosenCipherSuite()), d.chosenCipherSuite());
            List<TlsProblem> problems = events.stream().filter(e -> e instanceof TlsProblem)
                    .map(e -> (TlsProblem) e).toList();
            assertTrue(problems.stream().allMatch(x -> x.kind() == TlsProblem.Kind.NO_KEYS), problems.toString());
            if (protocol.equals("TLSv1.2")) {
                // The chain travels in plaintext in TLS 1.2.
                assertEquals("CN=broker.example,O=NetStep Broker",
                        d.serverCertificates().certificates().get(0).subject());
                // The client's ChangeCipherSpec is plaintext; its Finished is not readable without keys.
                assertEquals("WAIT_FINISHED", d.serverState());
            } else {
                assertEquals("WAIT_EE", d.clientState());
            }
            assertTrue(events.stream().anyMatch(e -> e.type().equals("ApplicationData")
                    && e.direction() == Direction.CLIENT_TO_SERVER));
        }
    }
}
