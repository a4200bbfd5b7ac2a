package io.netstep.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NetStep checkout the tests run in and its native build. Tests that need them are skipped
 * (a JUnit assumption saying what is missing) instead of failing; CI builds native/ before Maven.
 */
public final class Checkout {

    /** How to build what {@link #nativeExecutable} looks for. */
    public static final String NATIVE_BUILD_HINT = "build it with 'cmake -S native -B native/build && cmake --build native/build'"
            + " (CI does this before Maven)";

    private Checkout() { }

    /** $NETSTEP_HOME when it has native/, else the first directory with native/ and bundles/ above the working directory; skips without one. */
    public static Path root() {
        String home = System.getenv("NETSTEP_HOME");
        if (home != null && !home.isEmpty() && Files.isDirectory(Path.of(home, "native"))) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("native")) && Files.isDirectory(p.resolve("bundles"))) {
                return p;
            }
        }
        assumeTrue(false, "no NetStep checkout (native/, bundles/) above " + Path.of("").toAbsolutePath());
        return null;
    }

    /** $NETSTEP_NATIVE_BUILD, else native/build of the checkout. */
    public static Path nativeBuild() {
        String env = System.getenv("NETSTEP_NATIVE_BUILD");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        return root().resolve("native/build");
    }

    /** The executable at {@code relative} in the native build (e.g. "tests/shim_client"); skips when it is not built. */
    public static Path nativeExecutable(String relative) {
        Path exe = nativeBuild().resolve(relative);
        assumeTrue(Files.isExecutable(exe), "native build missing: " + exe + " does not exist; " + NATIVE_BUILD_HINT);
        return exe;
    }
}
