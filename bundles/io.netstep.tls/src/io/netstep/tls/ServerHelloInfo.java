package io.netstep.tls;

import io.netstep.tls.names.TlsNames;

/** The fields of a ServerHello (or HelloRetryRequest) that later layers need. */
public record ServerHelloInfo(int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite,
        int compressionMethod, Extensions extensions, boolean helloRetryRequest) {

    /** The negotiated version: supported_versions' selected_version, else legacy_version. */
    public int negotiatedVersion() {
        return extensions.supportedVersions().isEmpty() ? legacyVersion : extensions.supportedVersions().get(0);
    }

    public String cipherSuiteName() {
        return TlsNames.cipherSuite(cipherSuite);
    }
}
