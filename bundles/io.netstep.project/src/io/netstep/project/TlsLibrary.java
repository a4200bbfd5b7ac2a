package io.netstep.project;

/** The TLS library the glue is written for. */
public enum TlsLibrary {
    MBEDTLS("mbedtls", "mbedTLS"),
    WOLFSSL("wolfssl", "wolfSSL");

    private final String cliName;
    private final String displayName;

    TlsLibrary(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    public String cliName() { return cliName; }
    public String displayName() { return displayName; }

    public static TlsLibrary byCliName(String name) {
        for (TlsLibrary t : values()) {
            if (t.cliName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown TLS library '" + name + "' (mbedtls, wolfssl)");
    }
}
