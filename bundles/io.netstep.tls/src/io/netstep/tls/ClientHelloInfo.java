package io.netstep.tls;

import io.netstep.tls.names.TlsNames;
import java.util.List;

/** The fields of a ClientHello that later layers need. */
public record ClientHelloInfo(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
        List<Integer> compressionMethods, Extensions extensions) {

    /** Offered cipher suites by IANA name, in the client's order (GREASE values as "GREASE"). */
    public List<String> cipherSuiteNames() {
        return cipherSuites.stream().map(TlsNames::cipherSuite).toList();
    }

    /** server_name, or null when the client sent none. */
    public String sni() {
        return extensions.serverName();
    }

    public boolean offersTls13() {
        return extensions.supportedVersions().contains(0x0304);
    }
}
