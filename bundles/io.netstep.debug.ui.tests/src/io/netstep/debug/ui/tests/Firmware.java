package io.netstep.debug.ui.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference firmware from native/build ($NETSTEP_NATIVE_BUILD, else found above the
 * working directory); the walkthroughs are skipped, saying why, when it is not built.
 */
final class Firmware {

    private Firmware() { }

    static Path mbedtls() {
        String env = System.getenv("NETSTEP_NATIVE_BUILD");
        Path dir = null;
        if (env != null && !env.isEmpty()) {
            dir = Path.of(env);
        } else {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("native")) && Files.isDirectory(p.resolve("bundles"))) {
                    dir = p.resolve("native/build");
                    break;
                }
            }
        }
        assumeTrue(dir != null, "native build missing: no NetStep checkout above " + Path.of("").toAbsolutePath());
        Path exe = dir.resolve("firmware/netstep-fw-mbedtls");
        assumeTrue(Files.isExecutable(exe), "native build missing: " + exe + "; build it with "
                + "'cmake -S native -B native/build && cmake --build native/build'");
        return exe;
    }

    /** Firmware processes (children of this JVM) still alive. */
    static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("netstep-fw")).orElse(false))
                .toList();
    }
}
