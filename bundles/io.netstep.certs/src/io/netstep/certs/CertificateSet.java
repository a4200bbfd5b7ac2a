package io.netstep.certs;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one import produced: certificates in the order they appeared (a chain is leaf
 * first when the file was written that way), private keys, and notes about parts that were
 * skipped (e.g. an {@code EC PARAMETERS} block).
 */
public record CertificateSet(String source, List<X509Certificate> certificates, List<KeyMaterial> keys, List<Finding> notes) {

    public CertificateSet {
        certificates = List.copyOf(certificates);
        keys = List.copyOf(keys);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return certificates.isEmpty() && keys.isEmpty();
    }

    /** This set and another one, e.g. a certificate file and its key file. */
    public CertificateSet plus(CertificateSet other) {
        List<X509Certificate> c = new ArrayList<>(certificates);
        c.addAll(other.certificates);
        List<KeyMaterial> k = new ArrayList<>(keys);
        k.addAll(other.keys);
        List<Finding> n = new ArrayList<>(notes);
        n.addAll(other.notes);
        return new CertificateSet(source + " + " + other.source, c, k, n);
    }
}
