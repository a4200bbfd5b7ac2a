package io.netstep.tls.internal;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** TLS 1.3 HKDF-Expand-Label and traffic keys (RFC 8446 sections 7.1, 7.2, 7.3). */
public final class Tls13KeySchedule {
    private Tls13KeySchedule() {
    }

    /** HKDF-Expand-Label(Secret, Label, Context, Length) with the "tls13 " prefix. */
    public static byte[] expandLabel(String hash, byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + fullLabel.length + 1 + context.length];
        int p = 0;
        info[p++] = (byte) (length >> 8);
        info[p++] = (byte) length;
        info[p++] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, p, fullLabel.length);
        p += fullLabel.length;
        info[p++] = (byte) context.length;
        System.arraycopy(context, 0, info, p, context.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(Digests.create(hash));
        hkdf.init(HKDFParameters.skipExtractParameters(secret, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** [sender]_write_key and [sender]_write_iv from a traffic secret. */
    public static byte[][] trafficKeys(SuiteParameters suite, byte[] trafficSecret) {
        byte[] key = expandLabel(suite.prfHash(), trafficSecret, "key", new byte[0], suite.keyLength());
        byte[] iv = expandLabel(suite.prfHash(), trafficSecret, "iv", new byte[0], 12);
        return new byte[][] {key, iv};
    }

    /** application_traffic_secret_N+1 after a KeyUpdate (section 7.2). */
    public static byte[] nextTrafficSecret(SuiteParameters suite, byte[] secret) {
        return expandLabel(suite.prfHash(), secret, "traffic upd", new byte[0], secret.length);
    }
}
