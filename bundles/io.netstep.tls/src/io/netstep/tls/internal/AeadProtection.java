package io.netstep.tls.internal;

import io.netstep.tls.internal.SuiteParameters.CipherKind;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AEAD record protection: AES-GCM, AES-CCM, AES-CCM_8, ChaCha20-Poly1305, for TLS 1.2
 * (RFC 5288 / 6655 explicit nonce, RFC 7905 XOR nonce) and TLS 1.3 (RFC 8446 section 5.2).
 */
public final class AeadProtection extends RecordProtection {
    private final SuiteParameters suite;
    private final KeyParameter key;
    private final byte[] iv;

    public AeadProtection(SuiteParameters suite, byte[] key, byte[] iv) {
        this.suite = suite;
        this.key = new KeyParameter(key);
        this.iv = iv.clone();
    }

    private AEADCipher cipher() {
        switch (suite.kind()) {
            case AES_GCM:
                return GCMBlockCipher.newInstance(AESEngine.newInstance());
            case AES_CCM:
                return CCMBlockCipher.newInstance(AESEngine.newInstance());
            case CHACHA20_POLY1305:
                return new ChaCha20Poly1305();
            default:
                throw new IllegalStateException(suite.kind() + " is not AEAD");
        }
    }

    private byte[] xorNonce(long seq) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return nonce;
    }

    @Override
    protected Opened open(long seq, int contentType, int version, byte[] fragment) throws OpenException {
        int tag = suite.tagLength();
        int explicit = suite.recordIvLength();
        if (fragment.length < explicit + tag + (suite.tls13() ? 1 : 0)) {
            throw new OpenException("record of " + fragment.length + " bytes is shorter than nonce + tag ("
                    + (explicit + tag) + ")", seq);
        }
        byte[] nonce;
        byte[] aad;
        if (suite.tls13()) {
            nonce = xorNonce(seq);
            aad = new byte[] {(byte) contentType, (byte) (version >> 8), (byte) version,
                (byte) (fragment.length >> 8), (byte) fragment.length};
        } else {
            if (suite.kind() == CipherKind.CHACHA20_POLY1305) {
                nonce = xorNonce(seq);
            } else {
                nonce = new byte[12];
                System.arraycopy(iv, 0, nonce, 0, 4);
                System.arraycopy(fragment, 0, nonce, 4, 8);
            }
            int plainLength = fragment.length - explicit - tag;
            aad = new byte[13];
            putSeq(aad, 0, seq);
            aad[8] = (byte) contentType;
            aad[9] = (byte) (version >> 8);
            aad[10] = (byte) version;
            aad[11] = (byte) (plainLength >> 8);
            aad[12] = (byte) plainLength;
        }
        AEADCipher c = cipher();
        c.init(false, new AEADParameters(key, tag * 8, nonce, aad));
        int ctLen = fragment.length - explicit;
        byte[] out = new byte[c.getOutputSize(ctLen)];
        int n = c.processBytes(fragment, explicit, ctLen, out, 0);
        try {
            n += c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new OpenException("authentication tag mismatch (bad_record_mac): wrong key, wrong sequence number "
                    + seq + " or altered record", seq);
        }
        if (!suite.tls13()) {
            return new Opened(contentType, java.util.Arrays.copyOf(out, n), seq);
        }
        // TLSInnerPlaintext: content, then the real type, then zero padding.
        int end = n - 1;
        while (end >= 0 && out[end] == 0) {
            end--;
        }
        if (end < 0) {
            throw new OpenException("TLSInnerPlaintext has no content type (all zero)", seq);
        }
        return new Opened(out[end] & 0xff, java.util.Arrays.copyOf(out, end), seq);
    }

    @Override
    public String describe() {
        return suite.name() + (suite.tls13() ? " (TLS 1.3)" : " (TLS 1.2)");
    }
}
