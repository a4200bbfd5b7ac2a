package io.netstep.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A generated {@code .h}/{@code .c} pair. {@code secret} is true when it holds a private
 * key: then both files are written owner-only.
 */
public record CArrays(String headerName, String header, String sourceName, String source, boolean secret) {

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve(headerName), header);
        write(dir.resolve(sourceName), source);
    }

    private void write(Path p, String text) throws IOException {
        Files.deleteIfExists(p);
        if (secret) {
            try {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(p);
            }
        }
        Files.write(p, text.getBytes(StandardCharsets.US_ASCII));
    }
}
