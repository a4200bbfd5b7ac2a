package io.netstep.session.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the native executables are: $NETSTEP_NATIVE_BUILD, else native/build of the checkout
 * (found by walking up from the working directory). Tests that need them are skipped, with
 * a message saying so, when they have not been built; CI builds native/ before Maven.
 */
final class NativeBuild {

    private NativeBuild() { }

    /** The checkout (the directory with native/ and bundles/) above the working directory, or null. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("native")) && Files.isDirectory(p.resolve("bundles"))) {
                return p;
            }
        }
        return null;
    }

    static Path dir() {
        String env = System.getenv("NETSTEP_NATIVE_BUILD");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        Path root = root();
        assumeTrue(root != null, "native build missing: no NetStep checkout (native/, bundles/) above "
                + Path.of("").toAbsolutePath() + " and NETSTEP_NATIVE_BUILD is not set");
        return root.resolve("native/build");
    }

    /** The executable at {@code relative} in the native build; skips the test when it is missing. */
    static Path require(String relative) {
        Path exe = dir().resolve(relative);
        assumeTrue(Files.isExecutable(exe), "native build missing: " + exe + " does not exist; build it with "
                + "'cmake -S native -B native/build && cmake --build native/build' (CI does this before Maven)");
        return exe;
    }
}
