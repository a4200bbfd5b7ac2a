package io.netstep.tls.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.DefaultBufferedBlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * TLS 1.2 AES-CBC with HMAC: MAC-then-encrypt (RFC 5246 section 6.2.3.2) or encrypt-then-MAC
 * (RFC 7366). The MAC and the padding are checked; a failure names which.
 */
public final class CbcProtection extends RecordProtection {
    private static final int BLOCK = 16;
    private final SuiteParameters suite;
    private final byte[] key;
    private final byte[] macKey;
    private final boolean encryptThenMac;
    // Reused across records: setting up AES and HMAC keys per record dominated the cost.
    private final HMac hmac;
    private final BufferedBlockCipher cipher =
            new DefaultBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()));
    private boolean cipherKeyed;

    public CbcProtection(SuiteParameters suite, byte[] key, byte[] macKey, boolean encryptThenMac) {
        this.suite = suite;
        this.key = key.clone();
        this.macKey = macKey.clone();
        this.encryptThenMac = encryptThenMac;
        this.hmac = Digests.hmac(suite.macHash(), macKey);
    }

    private byte[] mac(long seq, int type, int version, byte[] data, int off, int len) {
        HMac mac = hmac;
        byte[] header = new byte[13];
        putSeq(header, 0, seq);
        header[8] = (byte) type;
        header[9] = (byte) (version >> 8);
        header[10] = (byte) version;
        header[11] = (byte) (len >> 8);
        header[12] = (byte) len;
        mac.update(header, 0, header.length);
        mac.update(data, off, len);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private byte[] decrypt(byte[] fragment, int len) {
        BufferedBlockCipher c = cipher;
        // A null key keeps the expanded key from the first record; only the IV changes.
        c.init(false, new ParametersWithIV(cipherKeyed ? null : new KeyParameter(key), fragment, 0, BLOCK));
        cipherKeyed = true;
        byte[] out = new byte[len - BLOCK];
        int n = c.processBytes(fragment, BLOCK, len - BLOCK, out, 0);
        if (n != out.length) {
            throw new IllegalStateException("CBC produced " + n + " of " + out.length + " bytes");
        }
        return out;
    }

    @Override
    protected Opened open(long seq, int type, int version, byte[] fragment) throws OpenException {
        int macLen = suite.macLength();
        if (encryptThenMac) {
            int ctLen = fragment.length - macLen;
            if (ctLen < 2 * BLOCK || ctLen % BLOCK != 0) {
                throw new OpenException("encrypt_then_mac record of " + fragment.length
                        + " bytes is not IV + whole blocks + MAC", seq);
            }
            byte[] expected = mac(seq, type, version, fragment, 0, ctLen);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(fragment, ctLen, fragment.length))) {
                throw new OpenException("MAC mismatch (bad_record_mac, encrypt_then_mac) at sequence number " + seq,
                        seq);
            }
            byte[] plain = decrypt(fragment, ctLen);
            int contentLen = stripPadding(plain, plain.length, seq);
            return new Opened(type, Arrays.copyOf(plain, contentLen), seq);
        }
        if (fragment.length < 2 * BLOCK || fragment.length % BLOCK != 0) {
            throw new OpenException("CBC record of " + fragment.length + " bytes is not IV + whole blocks", seq);
        }
        byte[] plain = decrypt(fragment, fragment.length);
        int withMac = stripPadding(plain, plain.length, seq);
        if (withMac < macLen) {
            throw new OpenException("record too short for its " + macLen + "-byte MAC", seq);
        }
        int contentLen = withMac - macLen;
        byte[] expected = mac(seq, type, version, plain, 0, contentLen);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(plain, contentLen, withMac))) {
            throw new OpenException("MAC mismatch (bad_record_mac, MAC-then-encrypt) at sequence number " + seq, seq);
        }
        return new Opened(type, Arrays.copyOf(plain, contentLen), seq);
    }

    /** Returns the length before the padding; every padding byte must equal padding_length. */
    private static int stripPadding(byte[] plain, int len, long seq) throws OpenException {
        int padLen = plain[len - 1] & 0xff;
        if (padLen + 1 > len) {
            throw new OpenException("padding_length " + padLen + " exceeds the record", seq);
        }
        for (int i = len - 1 - padLen; i < len; i++) {
            if ((plain[i] & 0xff) != padLen) {
                throw new OpenException("bad CBC padding (padding_length " + padLen + ")", seq);
            }
        }
        return len - 1 - padLen;
    }

    @Override
    public String describe() {
        return suite.name() + (encryptThenMac ? " (encrypt_then_mac)" : " (MAC-then-encrypt)");
    }
}
