package io.netstep.serial.tests;

import io.netstep.serial.SerialLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The captured logs of this bundle (tools/capture_logs.py) and the forum seeds of the project. */
final class Logs {

    private Logs() {
    }

    /** Text of a captured log next to this class. */
    static String text(String name) {
        try (InputStream in = Logs.class.getResourceAsStream("logs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test log missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SerialLog parse(String name) {
        return SerialLog.parse(text(name));
    }

    /** The log's lines as an editor numbers them (1-based: index 0 unused). */
    static List<String> lines(String text) {
        String[] l = ("\n" + text).split("\r\n|\r|\n", -1);
        return List.of(l);
    }

    /**
     * The shared forum seeds (../shared/seeds of the work tree, or -Dnetstep.seeds), or null when
     * this checkout does not have them.
     */
    static Path seeds() {
        String prop = System.getProperty("netstep.seeds");
        for (String p : new String[] {prop, "../../../shared/seeds", "../../shared/seeds", "/work/shared/seeds"}) {
            if (p != null && Files.isDirectory(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }
}
