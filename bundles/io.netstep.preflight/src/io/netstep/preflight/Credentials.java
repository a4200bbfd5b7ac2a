package io.netstep.preflight;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** The CA, client certificate and key of the settings, parsed (BouncyCastle) and checked against each other. */
final class Credentials {

    /** A file that does not hold what the firmware needs: what is wrong and what to do. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final String fix;

        Problem(String message, String fix) {
            super(message);
            this.fix = fix;
        }
    }

    private static final char[] STORE_PASSWORD = "netstep-preflight".toCharArray();

    final List<X509Certificate> ca;
    final List<X509Certificate> clientChain;
    final PrivateKey clientKey;

    private Credentials(List<X509Certificate> ca, List<X509Certificate> clientChain, PrivateKey clientKey) {
        this.ca = ca;
        this.clientChain = clientChain;
        this.clientKey = clientKey;
    }

    static Credentials load(PreflightSettings s) throws Problem {
        List<X509Certificate> ca = s.caPem() == null ? List.of() : certificates(s.caPem(), "CA file");
        List<X509Certificate> chain = s.clientCertificatePem() == null ? List.of() : certificates(s.clientCertificatePem(), "client certificate file");
        PrivateKey key = s.clientKeyPem() == null ? null : privateKey(s.clientKeyPem());
        if (key != null && !chain.isEmpty()) checkPair(chain.get(0), key);
        return new Credentials(ca, chain, key);
    }

    boolean hasClientCertificate() {
        return clientKey != null && !clientChain.isEmpty();
    }

    /** PEM (one or more CERTIFICATE blocks) or one DER certificate. */
    static List<X509Certificate> certificates(byte[] data, String what) throws Problem {
        List<X509Certificate> out = new ArrayList<>();
        String text = new String(data, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN")) {
            try {
                out.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(data)));
                return out;
            } catch (CertificateException | ClassCastException e) {
                throw new Problem("the " + what + " is neither PEM nor a DER certificate (" + data.length + " bytes)",
                        "give the certificate file as PEM (-----BEGIN CERTIFICATE-----) or DER");
            }
        }
        try (PEMParser p = new PEMParser(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.US_ASCII))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder) out.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) o));
                else throw new Problem("the " + what + " holds a " + kind(o) + " where a certificate belongs",
                        "give the file with the certificate (-----BEGIN CERTIFICATE-----)");
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new Problem("the " + what + " does not parse as PEM: " + e.getMessage(), "check the file is complete and not edited by hand");
        }
        if (out.isEmpty()) throw new Problem("the " + what + " holds no certificate", "give the file with -----BEGIN CERTIFICATE-----");
        return out;
    }

    static PrivateKey privateKey(byte[] data) throws Problem {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try {
            if (!text.contains("-----BEGIN")) return conv.getPrivateKey(PrivateKeyInfo.getInstance(data));
            try (PEMParser p = new PEMParser(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.US_ASCII))) {
                Object o;
                while ((o = p.readObject()) != null) {
                    if (o instanceof PEMKeyPair) return conv.getKeyPair((PEMKeyPair) o).getPrivate();
                    if (o instanceof PrivateKeyInfo) return conv.getPrivateKey((PrivateKeyInfo) o);
                    if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo)
                        throw new Problem("the client key is encrypted with a passphrase",
                                "the firmware needs the key unencrypted: openssl pkey -in KEY -out KEY.plain.pem");
                    // EC PARAMETERS blocks before the key are normal (openssl ecparam -genkey)
                }
            }
        } catch (Problem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Problem("the client key does not parse: " + e.getMessage(), "give the PEM file with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)");
        }
        throw new Problem("the client key file holds no private key", "give the PEM file with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)");
    }

    /** Signs with the key and verifies with the certificate: the only check that works for every key type. */
    private static void checkPair(X509Certificate cert, PrivateKey key) throws Problem {
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : key.getAlgorithm();
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sig = Signature.getInstance(alg);
            sig.initSign(key);
            sig.update(probe);
            byte[] signature = sig.sign();
            Signature ver = Signature.getInstance(alg);
            ver.initVerify(cert.getPublicKey());
            ver.update(probe);
            if (ver.verify(signature)) return;
        } catch (GeneralSecurityException e) {
            // different key types end up here too: that is a mismatch
        }
        throw new Problem("the client key does not belong to the client certificate (" + cert.getSubjectX500Principal().getName() + ")",
                "give the key that was made together with this certificate");
    }

    private static String kind(Object o) {
        if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo) return "private key";
        return o.getClass().getSimpleName();
    }

    /** Key manager with the client certificate, or null when there is none. */
    X509ExtendedKeyManager keyManager() {
        KeyManagerFactory f = keyManagerFactory();
        return f == null ? null : (X509ExtendedKeyManager) f.getKeyManagers()[0];
    }

    KeyManagerFactory keyManagerFactory() {
        if (!hasClientCertificate()) return null;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", clientKey, STORE_PASSWORD, clientChain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the client key in memory: " + e.getMessage(), e);
        }
    }

    /** Trusts the given CA certificates only, or null when there are none. */
    TrustManagerFactory caTrust() {
        if (ca.isEmpty()) return null;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < ca.size(); i++) ks.setCertificateEntry("ca" + i, ca.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store: " + e.getMessage(), e);
        }
    }
}
