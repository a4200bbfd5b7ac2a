package io.netstep.certs;

/** The TLS library the firmware uses: it decides how certificate buffers are passed. */
public enum TlsLibrary {
    MBEDTLS("mbedTLS"), WOLFSSL("wolfSSL");

    private final String label;

    TlsLibrary(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "mbedtls" / "wolfssl" (case-insensitive), or null. */
    public static TlsLibrary parse(String s) {
        for (TlsLibrary l : values()) if (l.name().equalsIgnoreCase(s)) return l;
        return null;
    }
}
