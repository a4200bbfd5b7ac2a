package io.netstep.certs.scan;

import java.nio.file.Path;
import java.util.List;

/** A call of an mbedTLS or wolfSSL function that takes a certificate or key buffer (or wires one in). */
public record CCall(Path file, int line, String function, List<String> args) {
    public String where() {
        return file.getFileName() + ":" + line;
    }
}
