package io.netstep.certs;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads certificates and private keys from PEM (certificates, chains, PKCS#1, PKCS#8, SEC1,
 * encrypted PKCS#8 and legacy encrypted PEM keys), DER (certificate or key, told apart by
 * structure) and PKCS#12. Every failure is a {@link CertImportException} whose message is
 * meant for the user ("client.pem line 3: not base64: '\' …").
 */
public final class CertImport {

    private CertImport() { }

    public static CertificateSet read(Path file, char[] password) throws CertImportException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertImportException(file + ": no such file");
        } catch (IOException e) {
            throw new CertImportException(file + ": cannot read: " + e.getMessage());
        }
        return read(data, file.getFileName().toString(), password);
    }

    /** Sniffs the format: PEM text, a DER certificate or key, or a PKCS#12 file. */
    public static CertificateSet read(byte[] data, String source, char[] password) throws CertImportException {
        if (data.length == 0) throw new CertImportException(source + ": the file is empty");
        if (Der.looksLikeDer(data, data.length)) return readDer(data, source, password);
        String text = new String(data, StandardCharsets.ISO_8859_1);
        if (PemReader.looksLikePem(text)) return readPem(text, source, password);
        throw new CertImportException(source + ": neither PEM (no \"-----BEGIN\" line) nor DER (does not start with a SEQUENCE)"
                + (isText(data) ? "; it is text: is it base64 without its -----BEGIN/-----END lines?" : ""));
    }

    private static boolean isText(byte[] d) {
        for (byte b : d) if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7f) return false;
        return true;
    }

    public static CertificateSet readPem(String text, String source, char[] password) throws CertImportException {
        PemReader.Result r = PemReader.read(text);
        List<Finding> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (PemReader.Problem p : r.problems()) {
            String where = source + " line " + lineOf(text, p.offset());
            if (p.code().equals("pem-no-newline-after-header")) notes.add(Finding.warning(p.code(), where, p.message(), p.fix()));
            else errors.add(where + ": " + p.message());
        }
        if (!errors.isEmpty()) throw new CertImportException(String.join("\n", errors));
        List<X509Certificate> certs = new ArrayList<>();
        List<KeyMaterial> keys = new ArrayList<>();
        for (PemReader.Block b : r.blocks()) {
            String where = source + " line " + lineOf(text, b.beginOffset());
            switch (b.label()) {
                case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> certs.add(certificate(firstObject(b.der(), where), where));
                case "PRIVATE KEY" -> keys.add(new KeyMaterial(fromInfo(pkcs8(b.der(), where), where), "PKCS#8", where));
                case "ENCRYPTED PRIVATE KEY" -> keys.add(new KeyMaterial(encryptedPkcs8(b.der(), password, where), "encrypted PKCS#8", where));
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> keys.add(b.encrypted()
                        ? new KeyMaterial(legacyEncrypted(b, password, where), "encrypted " + b.label() + " (legacy OpenSSL)", where)
                        : new KeyMaterial(traditional(b.der(), b.label().startsWith("RSA"), where), b.label().startsWith("RSA")
                                ? "PKCS#1 RSA" : "SEC1 EC", where));
                case "EC PARAMETERS" -> notes.add(Finding.info("pem-skipped", where, "EC PARAMETERS block skipped (the key names its curve itself)"));
                case "PUBLIC KEY" -> notes.add(Finding.info("pem-public-key", where, "a public key, not a certificate: TLS libraries need the certificate"));
                case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST" -> notes.add(Finding.warning("pem-csr", where,
                        "a certificate request (CSR), not a certificate", "send the CSR to the CA and use the certificate it returns"));
                default -> notes.add(Finding.info("pem-skipped", where, "\"" + b.label() + "\" block skipped"));
            }
        }
        if (certs.isEmpty() && keys.isEmpty()) {
            throw new CertImportException(source + ": no certificate or private key in it"
                    + (notes.isEmpty() ? "" : " (" + notes.get(0).message() + ")"));
        }
        return new CertificateSet(source, certs, keys, notes);
    }

    public static CertificateSet readDer(byte[] der, String source, char[] password) throws CertImportException {
        int declared = Der.declaredLength(der);
        if (declared > der.length) throw new CertImportException(source + ": DER is cut off: it announces " + declared
                + " bytes but the file has " + der.length);
        ASN1Sequence seq = sequence(der, source);
        List<Finding> notes = new ArrayList<>();
        if (declared != der.length) {
            notes.add(Finding.warning("der-trailing-data", source, (der.length - declared) + " bytes after the DER object are ignored",
                    "pass exactly " + declared + " bytes"));
        }
        ASN1Encodable e0 = seq.size() > 0 ? seq.getObjectAt(0) : null;
        ASN1Encodable e1 = seq.size() > 1 ? seq.getObjectAt(1) : null;
        ASN1Encodable e2 = seq.size() > 2 ? seq.getObjectAt(2) : null;
        if (seq.size() == 3 && e0 instanceof ASN1Sequence && e1 instanceof ASN1Sequence && e2 instanceof ASN1BitString) {
            ASN1Sequence info = (ASN1Sequence) e0;
            if (info.size() > 0 && info.getObjectAt(0) instanceof ASN1Integer v && v.getValue().signum() == 0 && info.size() <= 4) {
                throw new CertImportException(source + ": a certificate request (CSR), not a certificate");
            }
            return new CertificateSet(source, List.of(certificate(seq, source)), List.of(), notes);
        }
        if (e0 instanceof ASN1Integer v && v.getValue().intValue() == 3 && e1 instanceof ASN1Sequence) {
            return readPkcs12(der, source, password);
        }
        if (seq.size() == 2 && e0 instanceof ASN1Sequence && e1 instanceof ASN1OctetString) {
            return keySet(source, new KeyMaterial(encryptedPkcs8(der, password, source), "encrypted PKCS#8 (DER)", source), notes);
        }
        if (e0 instanceof ASN1Integer && e1 instanceof ASN1Sequence && e2 instanceof ASN1OctetString) {
            return keySet(source, new KeyMaterial(fromInfo(PrivateKeyInfo.getInstance(seq), source), "PKCS#8 (DER)", source), notes);
        }
        if (seq.size() >= 9 && allIntegers(seq)) {
            return keySet(source, new KeyMaterial(traditional(der, true, source), "PKCS#1 RSA (DER)", source), notes);
        }
        if (e0 instanceof ASN1Integer v && v.getValue().intValue() == 1 && e1 instanceof ASN1OctetString) {
            return keySet(source, new KeyMaterial(traditional(der, false, source), "SEC1 EC (DER)", source), notes);
        }
        if (seq.size() == 2 && e0 instanceof ASN1Sequence && e1 instanceof ASN1BitString) {
            throw new CertImportException(source + ": a public key, not a certificate or private key");
        }
        throw new CertImportException(source + ": DER, but neither a certificate, a private key nor PKCS#12");
    }

    private static CertificateSet keySet(String source, KeyMaterial k, List<Finding> notes) {
        return new CertificateSet(source, List.of(), List.of(k), notes);
    }

    private static boolean allIntegers(ASN1Sequence s) {
        for (ASN1Encodable e : s) if (!(e instanceof ASN1Integer)) return false;
        return true;
    }

    public static CertificateSet readPkcs12(byte[] der, String source, char[] password) throws CertImportException {
        char[] pw = password == null ? new char[0] : password;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(der), pw);
            List<X509Certificate> certs = new ArrayList<>();
            List<KeyMaterial> keys = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Key k = ks.getKey(alias, pw);
                    if (k instanceof PrivateKey pk) keys.add(new KeyMaterial(pk, "PKCS#12", source + " (" + alias + ")"));
                    Certificate[] chain = ks.getCertificateChain(alias);
                    if (chain != null) for (Certificate c : chain) addOnce(certs, (X509Certificate) c);
                } else if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    addOnce(certs, c);
                }
            }
            if (certs.isEmpty() && keys.isEmpty()) throw new CertImportException(source + ": the PKCS#12 file holds nothing");
            return new CertificateSet(source, certs, keys, List.of());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).toLowerCase().contains("password")) {
                throw new CertImportException(source + ": PKCS#12 password wrong" + (password == null ? " (none was given)" : ""));
            }
            throw new CertImportException(source + ": not a readable PKCS#12 file: " + e.getMessage());
        } catch (UnrecoverableKeyException e) {
            throw new CertImportException(source + ": PKCS#12 password wrong for the private key");
        } catch (GeneralSecurityException e) {
            throw new CertImportException(source + ": cannot read the PKCS#12 file: " + e.getMessage());
        }
    }

    private static void addOnce(List<X509Certificate> certs, X509Certificate c) {
        if (!certs.contains(c)) certs.add(c);
    }

    private static ASN1Sequence sequence(byte[] der, String where) throws CertImportException {
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive p = in.readObject();
            if (p instanceof ASN1Sequence s) return s;
        } catch (IOException | RuntimeException e) {
            throw new CertImportException(where + ": broken DER: " + e.getMessage());
        }
        throw new CertImportException(where + ": DER, but not a SEQUENCE");
    }

    private static ASN1Sequence firstObject(byte[] der, String where) throws CertImportException {
        return sequence(der, where);
    }

    static X509Certificate certificate(ASN1Sequence seq, String where) throws CertImportException {
        try {
            return new JcaX509CertificateConverter().setProvider(Keys.BC)
                    .getCertificate(new X509CertificateHolder(org.bouncycastle.asn1.x509.Certificate.getInstance(seq)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertImportException(where + ": not a valid X.509 certificate: " + e.getMessage());
        }
    }

    private static PrivateKeyInfo pkcs8(byte[] der, String where) throws CertImportException {
        try {
            return PrivateKeyInfo.getInstance(sequence(der, where));
        } catch (RuntimeException e) {
            throw new CertImportException(where + ": not a PKCS#8 private key: " + e.getMessage());
        }
    }

    static PrivateKey fromInfo(PrivateKeyInfo info, String where) throws CertImportException {
        try {
            return new JcaPEMKeyConverter().setProvider(Keys.BC).getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new CertImportException(where + ": unsupported or broken private key: " + e.getMessage());
        }
    }

    private static PrivateKey traditional(byte[] der, boolean rsa, String where) throws CertImportException {
        ASN1Sequence seq = sequence(der, where);
        try {
            if (rsa) {
                return fromInfo(new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(seq)), where);
            }
            org.bouncycastle.asn1.sec.ECPrivateKey ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(seq);
            org.bouncycastle.asn1.ASN1Object params = ec.getParametersObject();
            if (params == null) throw new CertImportException(where + ": the EC key does not name its curve");
            return fromInfo(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), ec), where);
        } catch (IOException | RuntimeException e) {
            throw new CertImportException(where + ": broken " + (rsa ? "RSA" : "EC") + " private key: " + e.getMessage());
        }
    }

    private static PrivateKey encryptedPkcs8(byte[] der, char[] password, String where) throws CertImportException {
        if (password == null) throw new CertImportException(where + ": the private key is encrypted: give its password");
        try {
            PKCS8EncryptedPrivateKeyInfo enc = new PKCS8EncryptedPrivateKeyInfo(der);
            return fromInfo(enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Keys.BC).build(password)), where);
        } catch (CertImportException e) {
            throw e;
        } catch (Exception e) {
            throw new CertImportException(where + ": private key password wrong (the encrypted key does not decrypt with it)");
        }
    }

    private static PrivateKey legacyEncrypted(PemReader.Block b, char[] password, String where) throws CertImportException {
        if (password == null) throw new CertImportException(where + ": the private key is encrypted: give its password");
        try (PEMParser p = new PEMParser(new StringReader(b.text()))) {
            Object o = p.readObject();
            if (!(o instanceof PEMEncryptedKeyPair ekp)) throw new CertImportException(where + ": cannot read the encrypted key");
            PEMKeyPair kp = ekp.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Keys.BC).build(password));
            return new JcaPEMKeyConverter().setProvider(Keys.BC).getPrivateKey(kp.getPrivateKeyInfo());
        } catch (CertImportException e) {
            throw e;
        } catch (Exception e) {
            throw new CertImportException(where + ": private key password wrong (the encrypted key does not decrypt with it)");
        }
    }

    /** 1-based line of a character offset. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
