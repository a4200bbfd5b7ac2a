package io.netstep.tls.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.macs.HMac;

/** TLS 1.2 PRF (RFC 5246 section 5) and key expansion (section 6.3). */
public final class Tls12KeySchedule {
    private Tls12KeySchedule() {
    }

    /** PRF(secret, label, seed) = P_hash(secret, label + seed), {@code length} bytes. */
    public static byte[] prf(String hash, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelSeed, labelBytes.length, seed.length);
        HMac mac = Digests.hmac(hash, secret);
        int h = mac.getMacSize();
        byte[] out = new byte[length];
        byte[] a = labelSeed; // A(0)
        byte[] block = new byte[h];
        for (int done = 0; done < length; done += h) {
            mac.update(a, 0, a.length);
            byte[] next = new byte[h];
            mac.doFinal(next, 0); // A(i) = HMAC(secret, A(i-1))
            a = next;
            mac.update(a, 0, a.length);
            mac.update(labelSeed, 0, labelSeed.length);
            mac.doFinal(block, 0);
            System.arraycopy(block, 0, out, done, Math.min(h, length - done));
        }
        return out;
    }

    /** The keys of one direction, cut from the key block in RFC 5246 order. */
    public record DirectionKeys(byte[] macKey, byte[] key, byte[] iv) {
    }

    /**
     * key_block = PRF(master_secret, "key expansion", server_random + client_random), then
     * client_write_MAC_key, server_write_MAC_key, client_write_key, server_write_key,
     * client_write_IV, server_write_IV.
     */
    public static DirectionKeys[] keys(SuiteParameters suite, byte[] masterSecret, byte[] clientRandom,
            byte[] serverRandom) {
        int mac = suite.macLength();
        int key = suite.keyLength();
        int iv = suite.kind() == SuiteParameters.CipherKind.AES_CBC ? 0 : suite.fixedIvLength();
        byte[] seed = new byte[serverRandom.length + clientRandom.length];
        System.arraycopy(serverRandom, 0, seed, 0, serverRandom.length);
        System.arraycopy(clientRandom, 0, seed, serverRandom.length, clientRandom.length);
        byte[] block = prf(suite.prfHash(), masterSecret, "key expansion", seed, 2 * (mac + key + iv));
        int p = 0;
        byte[] cMac = Arrays.copyOfRange(block, p, p += mac);
        byte[] sMac = Arrays.copyOfRange(block, p, p += mac);
        byte[] cKey = Arrays.copyOfRange(block, p, p += key);
        byte[] sKey = Arrays.copyOfRange(block, p, p += key);
        byte[] cIv = Arrays.copyOfRange(block, p, p += iv);
        byte[] sIv = Arrays.copyOfRange(block, p, p + iv);
        return new DirectionKeys[] {new DirectionKeys(cMac, cKey, cIv), new DirectionKeys(sMac, sKey, sIv)};
    }
}
