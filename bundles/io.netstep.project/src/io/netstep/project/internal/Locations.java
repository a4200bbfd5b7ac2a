package io.netstep.project.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory the user named, as the spec keeps it (absolute, or relative to the project), and
 * what Eclipse and make need from it.
 */
public record Locations(Path projectDir, String given) {

    /** Where it is on this machine. */
    public Path resolved() {
        Path p = Path.of(given);
        return p.isAbsolute() ? p.normalize() : projectDir.resolve(p).normalize();
    }

    public boolean isAbsolute() {
        return Path.of(given).isAbsolute();
    }

    /** The path with forward slashes, for make and C. */
    public String slashed() {
        String s = given.replace('\\', '/');
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * The {@code <locationURI>} of a linked resource: Eclipse's own relative form
     * ({@code PARENT-2-PROJECT_LOC/native/firmware/wiznet}) for relative paths, so the project moves
     * with its checkout; a file: URI for absolute ones.
     */
    public String locationUri() {
        if (isAbsolute()) {
            return Path.of(given).normalize().toUri().toString().replaceAll("/$", "");
        }
        String s = slashed();
        int up = 0;
        while (s.startsWith("../")) {
            up++;
            s = s.substring(3);
        }
        if (s.startsWith("./")) {
            s = s.substring(2);
        }
        return (up > 0 ? "PARENT-" + up + "-PROJECT_LOC" : "PROJECT_LOC") + (s.isEmpty() || s.equals("..") ? "" : "/" + s);
    }

    /** ioLibrary as WIZnet ships it (Ethernet/, Internet/) rather than a flat driver with include/. */
    public boolean isWiznetLayout() {
        Path r = resolved();
        return Files.isDirectory(r.resolve("Ethernet")) || !Files.isDirectory(r);
    }
}
