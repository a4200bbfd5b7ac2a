package io.netstep.tls.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real TLS connection on 127.0.0.1: {@code openssl s_server -rev} (answers each line
 * reversed) and {@code openssl s_client -keylogfile}, through a {@link Relay} that records both
 * directions. Certificates come from {@link TestCertificates}.
 */
final class OpenSsl {
    static final TestCertificates CERTS;
    static final Path DIR;

    static {
        try {
            CERTS = new TestCertificates();
            DIR = Files.createTempDirectory("netstep-tls-test");
            CERTS.writeTo(DIR);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What one run negotiates. */
    static final class Options {
        final List<String> serverArgs = new ArrayList<>();
        final List<String> clientArgs = new ArrayList<>();
        String message = "hello netstep";
        boolean expectReply = true;
        /** Lines written after the reply arrived (s_client treats "K" as a KeyUpdate command). */
        final List<String> afterReply = new ArrayList<>();

        static Options tls12(String opensslCipher) {
            Options o = new Options();
            o.both("-cipher", opensslCipher + ":@SECLEVEL=0");
            o.clientArgs.add("-tls1_2");
            return o;
        }

        static Options tls13(String suite) {
            Options o = new Options();
            o.both("-ciphersuites", suite);
            o.clientArgs.add("-tls1_3");
            return o;
        }

        Options both(String... args) {
            serverArgs.addAll(List.of(args));
            clientArgs.addAll(List.of(args));
            return this;
        }

        Options server(String... args) {
            serverArgs.addAll(List.of(args));
            return this;
        }

        Options client(String... args) {
            clientArgs.addAll(List.of(args));
            return this;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    /** s_server exited before listening: with a port picked by freePort() that is usually a port race. */
    static final class ServerDidNotStart extends IllegalStateException {
        ServerDidNotStart(String message) {
            super(message);
        }
    }

    static Capture run(Options o) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(o);
            } catch (ServerDidNotStart e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Capture runOnce(Options o) throws Exception {
        int port = freePort();
        List<String> srv = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", DIR.resolve("rsa.pem").toString(), "-key", DIR.resolve("rsa.key").toString(),
                "-cert_chain", DIR.resolve("ca.pem").toString(),
                "-dcert", DIR.resolve("ec.pem").toString(), "-dkey", DIR.resolve("ec.key").toString(),
                "-dcert_chain", DIR.resolve("ca.pem").toString(), "-naccept", "1", "-rev"));
        srv.addAll(o.serverArgs);
        Process server = new ProcessBuilder(srv).redirectErrorStream(true).start();
        Process client = null;
        Thread watchdog = null;
        try (Relay relay = new Relay(port)) {
            BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            StringBuilder said = new StringBuilder();
            while ((line = serverOut.readLine()) != null && !line.startsWith("ACCEPT")) {
                said.append(line).append('\n'); // wait until s_server listens
            }
            if (line == null) {
                throw new ServerDidNotStart("s_server did not start: " + srv + "\n" + said);
            }
            drain(serverOut);
            relay.start();
            Path keylog = Files.createTempFile(DIR, "keylog", ".txt");
            List<String> cli = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + relay.port(),
                    "-keylogfile", keylog.toString(), "-brief", "-servername", TestCertificates.HOST,
                    "-CAfile", DIR.resolve("ca.pem").toString()));
            cli.addAll(o.clientArgs);
            client = new ProcessBuilder(cli).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Process c = client;
            watchdog = new Thread(() -> {
                try {
                    if (!c.waitFor(30, TimeUnit.SECONDS)) {
                        c.destroyForcibly();
                        server.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    // test finished
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            OutputStream stdin = client.getOutputStream();
            stdin.write((o.message + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            if (o.expectReply) {
                String reversed = new StringBuilder(o.message).reverse().toString();
                BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8));
                while ((line = out.readLine()) != null && !line.contains(reversed)) {
                    // skip anything else
                }
                if (line == null) {
                    throw new IllegalStateException("no reversed reply from s_server: " + cli);
                }
            }
            for (String more : o.afterReply) {
                stdin.write((more + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            }
            stdin.close(); // s_client sends close_notify and exits
            if (!client.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("s_client did not exit");
            }
            Capture capture = relay.await();
            capture.keyLogText = Files.readString(keylog);
            return capture;
        } finally {
            if (client != null) {
                client.destroy();
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    private static void drain(BufferedReader r) {
        Thread t = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // discard s_server's log
                }
            } catch (IOException e) {
                // process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
