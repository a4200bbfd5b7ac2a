package io.netstep.certs.scan;

import java.nio.file.Path;

/** {@code #define NAME value} or {@code const int NAME = value;}: a length or format constant. */
public record CConstant(Path file, int line, String name, String expression) {
    public String where() {
        return file.getFileName() + ":" + line;
    }
}
