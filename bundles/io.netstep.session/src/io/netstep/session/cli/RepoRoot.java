package io.netstep.session.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the NetStep checkout: $NETSTEP_HOME (set by the netstep script), else up from the working directory. */
final class RepoRoot {

    private RepoRoot() { }

    static Path find() {
        String home = System.getenv("NETSTEP_HOME");
        if (home != null && Files.isDirectory(Path.of(home, "native"))) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("native")) && Files.isDirectory(p.resolve("bundles"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the NetStep directory (with native/ and bundles/): "
                + "set NETSTEP_HOME or run from inside it");
    }

    /** The native build directory: $NETSTEP_NATIVE_BUILD, else native/build of the checkout. */
    static Path nativeBuild() {
        String dir = System.getenv("NETSTEP_NATIVE_BUILD");
        return dir != null && !dir.isEmpty() ? Path.of(dir).toAbsolutePath() : find().resolve("native/build");
    }
}
