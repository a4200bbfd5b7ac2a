package io.netstep.testing;

import java.nio.file.Path;
import java.util.List;

/** The reference firmware executables (netstep-fw-*) of the native build; skipped, saying why, when not built. */
public final class ReferenceFirmware {

    /** The mbedTLS 2.28 variant. */
    public static final String MBEDTLS = "netstep-fw-mbedtls";
    /** The wolfSSL 5.5 variant. */
    public static final String WOLFSSL = "netstep-fw-wolfssl";

    private ReferenceFirmware() { }

    /** native/build/firmware/{@code name}, e.g. {@link #MBEDTLS}. */
    public static Path executable(String name) {
        return Checkout.nativeExecutable("firmware/" + name);
    }

    public static Path mbedtls() {
        return executable(MBEDTLS);
    }

    /** Firmware processes (descendants of this JVM) still alive: tests assert none are left behind. */
    public static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("netstep-fw")).orElse(false))
                .toList();
    }
}
