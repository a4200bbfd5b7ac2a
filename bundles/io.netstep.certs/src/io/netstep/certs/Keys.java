package io.netstep.certs;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;

/** Key facts in the words TLS libraries use: algorithm, size, curve; and whether a key pair belongs together. */
public final class Keys {

    /** One BouncyCastle provider, passed explicitly: nothing is registered globally. */
    static final Provider BC = new BouncyCastleProvider();

    private Keys() { }

    /** "RSA", "EC", "Ed25519", "Ed448" or the JCA name. */
    public static String algorithm(Key k) {
        String a = k.getAlgorithm();
        if (a.equals("ECDSA")) return "EC";
        if (a.equalsIgnoreCase("EdDSA")) return curveName(k) == null ? "EdDSA" : curveName(k);
        return a;
    }

    /** RSA modulus bits, EC field size in bits, or 0 when not known. */
    public static int bits(Key k) {
        if (k instanceof RSAKey r) return r.getModulus().bitLength();
        if (k instanceof java.security.interfaces.ECKey e) return e.getParams().getCurve().getField().getFieldSize();
        if (k instanceof org.bouncycastle.jce.interfaces.ECKey e && e.getParameters() != null) {
            return e.getParameters().getCurve().getFieldSize();
        }
        return 0;
    }

    /** The curve's SEC/NIST name ("secp256r1", "brainpoolP256r1", "Ed25519"), or null for RSA and unknown curves. */
    public static String curveName(Key k) {
        try {
            AlgorithmIdentifier alg = k instanceof PublicKey
                    ? SubjectPublicKeyInfo.getInstance(k.getEncoded()).getAlgorithm()
                    : PrivateKeyInfo.getInstance(k.getEncoded()).getPrivateKeyAlgorithm();
            String algOid = alg.getAlgorithm().getId();
            if (algOid.equals("1.3.101.112")) return "Ed25519";
            if (algOid.equals("1.3.101.113")) return "Ed448";
            ASN1Encodable p = alg.getParameters();
            if (p instanceof ASN1ObjectIdentifier oid) {
                String n = ECNamedCurveTable.getName(oid);
                return n != null ? n : oid.getId();
            }
        } catch (RuntimeException e) {
            // an encoding BC does not know: no curve name
        }
        return null;
    }

    /** "EC P-256 (secp256r1)", "RSA 2048", "Ed25519". */
    public static String describe(Key k) {
        String alg = algorithm(k);
        if (alg.equals("RSA")) return "RSA " + bits(k);
        if (alg.equals("EC")) {
            String c = curveName(k);
            String nist = c == null ? null : nistName(c);
            if (c == null) return "EC " + bits(k) + "-bit";
            return nist != null ? "EC " + nist + " (" + c + ")" : "EC " + c;
        }
        return alg;
    }

    static String nistName(String curve) {
        return switch (curve) {
            case "secp256r1", "prime256v1" -> "P-256";
            case "secp384r1" -> "P-384";
            case "secp521r1" -> "P-521";
            case "secp224r1" -> "P-224";
            case "secp192r1", "prime192v1" -> "P-192";
            default -> null;
        };
    }

    /**
     * True when the private key is the one for the public key: signs a random challenge
     * and verifies it, which works the same for RSA, EC and EdDSA.
     */
    public static boolean matches(PrivateKey priv, PublicKey pub) {
        String a = algorithm(priv);
        String b = algorithm(pub);
        if (!a.equals(b)) return false;
        String sigAlg = switch (a) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448" -> a;
            default -> null;
        };
        if (sigAlg == null) return false;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature s = Signature.getInstance(sigAlg, BC);
            s.initSign(priv);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(sigAlg, BC);
            v.initVerify(pub);
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
