package io.netstep.tls;

import java.util.List;

/**
 * The content of a Certificate message: the certificates in wire order (end entity first),
 * the TLS 1.3 certificate_request_context, and entries that did not parse as X.509.
 */
public record CertificateChain(byte[] requestContext, List<CertificateInfo> certificates, int entryCount,
        List<String> parseErrors) {

    /** True when the sender sent no certificate at all (an empty certificate_list). */
    public boolean isEmpty() {
        return entryCount == 0;
    }
}
