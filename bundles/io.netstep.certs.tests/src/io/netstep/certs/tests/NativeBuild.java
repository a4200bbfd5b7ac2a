package io.netstep.certs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles C with the system gcc against the REAL mbedTLS / wolfSSL (libmbedtls-dev, libwolfssl-dev) and runs it. */
final class NativeBuild {

    record Run(int exit, String output) { }

    private NativeBuild() { }

    static final List<String> MBEDTLS_LIBS = List.of("-lmbedtls", "-lmbedx509", "-lmbedcrypto");
    static final List<String> WOLFSSL_LIBS = List.of("-lwolfssl");

    /** Compiles the sources into {@code dir/prog}; a compile error fails the test with gcc's output. */
    static Path compile(Path dir, List<Path> sources, List<String> libs) throws IOException, InterruptedException {
        Path exe = dir.resolve("prog");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c11", "-Wall", "-Werror", "-o", exe.toString(), "-I", dir.toString()));
        for (Path s : sources) cmd.add(s.toString());
        cmd.addAll(libs);
        Run r = exec(dir, cmd);
        assertEquals(0, r.exit(), "gcc failed:\n" + String.join(" ", cmd) + "\n" + r.output());
        return exe;
    }

    static Run exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
