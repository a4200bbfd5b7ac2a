package io.netstep.project.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The numeric suffixes CDT gives its element ids ({@code ...config.exe.debug.1922283341}), derived
 * from the project name and the element so a project regenerates byte for byte (the committed
 * example is diffed against a fresh one).
 */
public final class Ids {

    private final String seed;

    public Ids(String seed) {
        this.seed = seed;
    }

    /** {@code base + "." + a stable positive number} for this project and {@code key}. */
    public String of(String base, String key) {
        return base + "." + number(key + "|" + base);
    }

    public long number(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((seed + "|" + key).getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0x7fL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
            return v < 1000 ? v + 1000 : v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
