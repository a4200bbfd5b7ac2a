package io.netstep.project;

/**
 * The TLS version the glue pins (minimum = maximum): TLS 1.2 (RFC 5246) or TLS 1.3 (RFC 8446).
 * mbedTLS 2.x (Debian's 2.28, STM32Cube's middleware) does only 1.2; wolfSSL does both.
 */
public enum TlsVersion {
    TLS_1_2("1.2", 0x0303),
    TLS_1_3("1.3", 0x0304);

    private final String cliName;
    private final int wireVersion;

    TlsVersion(String cliName, int wireVersion) {
        this.cliName = cliName;
        this.wireVersion = wireVersion;
    }

    /** "1.2" or "1.3". */
    public String cliName() { return cliName; }
    public String displayName() { return "TLS " + cliName; }
    /** The version as the record layer spells it (0x0303, 0x0304). */
    public int wireVersion() { return wireVersion; }

    public static TlsVersion byCliName(String name) {
        String n = name.trim();
        if (n.regionMatches(true, 0, "tls", 0, 3)) {
            n = n.substring(3).replace("v", "").replace("V", "").trim();
        }
        for (TlsVersion v : values()) {
            if (v.cliName.equals(n)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown TLS version '" + name + "' (1.2, 1.3)");
    }
}
