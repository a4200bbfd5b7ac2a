package io.netstep.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The reference driver, MQTT client and shim of the NetStep checkout (found by io.netstep.testing), and a process runner. */
final class Checkout {

    private Checkout() { }

    /** The NetStep checkout ($NETSTEP_HOME, else above the working directory); the test is skipped without one. */
    static Path root() {
        return io.netstep.testing.Checkout.root();
    }

    static Path wiznet() { return root().resolve("native/firmware/wiznet"); }
    static Path mqtt() { return root().resolve("native/firmware/mqtt"); }
    static Path shim() { return root().resolve("native/shim"); }

    /** A spec builder with the reference driver, MQTT client and shim of this checkout. */
    static ProjectSpec.Builder spec(String name) {
        return ProjectSpec.builder(name).ioLibrary(wiznet().toString()).mqttClient(mqtt().toString()).shim(shim().toString());
    }

    record Result(int status, String output) { }

    /** Runs a command (stdout and stderr together), at most {@code seconds}. */
    static Result run(Path dir, List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("reading failed: " + e).getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join();
            throw new IOException(command + " did not finish in " + seconds + " s: " + new String(out[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
