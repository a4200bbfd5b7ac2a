package io.netstep.tls.internal;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** BouncyCastle digests and HMAC by the hash names used in cipher suite names. */
public final class Digests {
    private Digests() {
    }

    public static Digest create(String hash) {
        switch (hash) {
            case "SHA1":
                return new SHA1Digest();
            case "SHA256":
                return SHA256Digest.newInstance();
            case "SHA384":
                return new SHA384Digest();
            default:
                throw new IllegalArgumentException("unknown hash " + hash);
        }
    }

    public static HMac hmac(String hash, byte[] key) {
        HMac mac = new HMac(create(hash));
        mac.init(new KeyParameter(key));
        return mac;
    }
}
