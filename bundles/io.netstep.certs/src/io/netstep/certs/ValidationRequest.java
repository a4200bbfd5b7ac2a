package io.netstep.certs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to validate: a chain (leaf first, then any intermediates), the CA(s) it must chain
 * to (empty: chain not checked), optionally the private key for the leaf, what the leaf
 * is for, the host name the firmware connects to (server certificates) and the clock.
 */
public record ValidationRequest(List<X509Certificate> chain, List<X509Certificate> trustAnchors, KeyMaterial key,
                                Purpose purpose, String hostname, Instant now) {

    public ValidationRequest {
        chain = List.copyOf(chain);
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(now);
    }

    public static ValidationRequest of(List<X509Certificate> chain, List<X509Certificate> anchors, Purpose purpose, Instant now) {
        return new ValidationRequest(chain, anchors, null, purpose, null, now);
    }

    public ValidationRequest withKey(KeyMaterial k) {
        return new ValidationRequest(chain, trustAnchors, k, purpose, hostname, now);
    }

    public ValidationRequest withHostname(String h) {
        return new ValidationRequest(chain, trustAnchors, key, purpose, h, now);
    }
}
