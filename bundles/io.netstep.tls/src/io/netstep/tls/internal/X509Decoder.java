package io.netstep.tls.internal;

import io.netstep.tls.CertificateInfo;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** Turns a DER certificate into a {@link CertificateInfo} with BouncyCastle. */
public final class X509Decoder {
    private X509Decoder() {
    }

    /** Parses DER; throws DecodeException with the reason when it is not an X.509 certificate. */
    public static CertificateInfo decode(byte[] der) {
        X509CertificateHolder h;
        try {
            h = new X509CertificateHolder(der);
        } catch (Exception e) {
            throw new DecodeException("not an X.509 certificate: " + e.getMessage());
        }
        try {
            SubjectPublicKeyInfo spki = h.getSubjectPublicKeyInfo();
            String keyType;
            int bits = -1;
            String curve = null;
            ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption) || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                keyType = alg.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "RSASSA-PSS";
                bits = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength();
            } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                keyType = "EC";
                ASN1Encodable params = spki.getAlgorithm().getParameters();
                if (params instanceof ASN1ObjectIdentifier) {
                    ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) params;
                    curve = ECNamedCurveTable.getName(oid);
                    X9ECParameters x9 = ECNamedCurveTable.getByOID(oid);
                    if (x9 != null) {
                        bits = x9.getCurve().getFieldSize();
                    }
                    if (curve == null) {
                        curve = oid.getId();
                    }
                }
            } else if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
                keyType = "Ed25519";
                bits = 256;
            } else if (alg.equals(EdECObjectIdentifiers.id_Ed448)) {
                keyType = "Ed448";
                bits = 456;
            } else {
                keyType = alg.getId();
            }
            String sigAlg = new DefaultAlgorithmNameFinder().getAlgorithmName(h.getSignatureAlgorithm());
            Digest sha256 = Digests.create("SHA256");
            sha256.update(der, 0, der.length);
            byte[] fp = new byte[32];
            sha256.doFinal(fp, 0);
            BigInteger serial = h.getSerialNumber();
            return new CertificateInfo(h.getSubject().toString(), h.getIssuer().toString(), serial.toString(16),
                    h.getNotBefore().toInstant(), h.getNotAfter().toInstant(), subjectAltNames(h), keyType, bits, curve,
                    sigAlg, Hex.of(fp), h.getSubject().equals(h.getIssuer()), der.clone());
        } catch (DecodeException e) {
            throw e;
        } catch (Exception e) {
            throw new DecodeException("certificate fields: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static List<String> subjectAltNames(X509CertificateHolder h) {
        List<String> out = new ArrayList<>();
        Extension ext = h.getExtension(Extension.subjectAlternativeName);
        if (ext == null) {
            return out;
        }
        for (GeneralName n : GeneralNames.getInstance(ext.getParsedValue()).getNames()) {
            switch (n.getTagNo()) {
                case GeneralName.dNSName:
                    out.add("DNS:" + ((ASN1String) n.getName()).getString());
                    break;
                case GeneralName.rfc822Name:
                    out.add("email:" + ((ASN1String) n.getName()).getString());
                    break;
                case GeneralName.uniformResourceIdentifier:
                    out.add("URI:" + ((ASN1String) n.getName()).getString());
                    break;
                case GeneralName.iPAddress:
                    byte[] ip = ASN1OctetString.getInstance(n.getName()).getOctets();
                    try {
                        out.add("IP:" + InetAddress.getByAddress(ip).getHostAddress());
                    } catch (java.net.UnknownHostException e) {
                        out.add("IP:" + Hex.of(ip));
                    }
                    break;
                default:
                    out.add("tag" + n.getTagNo() + ":" + n.getName());
            }
        }
        return out;
    }
}
