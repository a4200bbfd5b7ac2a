package io.netstep.tls.internal;

import io.netstep.tls.CertificateChain;
import io.netstep.tls.CertificateInfo;
import io.netstep.tls.Extensions;
import io.netstep.tls.names.TlsNames;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Certificate (RFC 5246 7.4.2 / RFC 8446 4.4.2), CertificateRequest (RFC 5246 7.4.4 /
 * RFC 8446 4.3.2) and CertificateVerify (RFC 8446 4.4.3).
 */
final class CertificateParser {
    private CertificateParser() {
    }

    static CertificateChain certificate(Cursor c, boolean tls13, List<String> problems) {
        byte[] context = new byte[0];
        if (tls13) {
            context = c.opaque("certificate_request_context", 1, 0, 255);
        }
        Cursor list = c.vector("certificate_list", 3, 0, 0xffffff);
        List<CertificateInfo> certs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int entries = 0;
        while (list.hasRemaining()) {
            Cursor entry = tls13 ? list.struct("CertificateEntry", entryLength(list)) : list;
            byte[] der = entry.opaque(tls13 ? "cert_data" : "ASN.1Cert", 3, 1, 0xffffff);
            entries++;
            try {
                CertificateInfo info = X509Decoder.decode(der);
                certs.add(info);
                ExtensionParser.lastChild(entry.parent()).setValue(info.subject());
            } catch (DecodeException e) {
                errors.add("certificate " + entries + ": " + e.getMessage());
            }
            if (tls13) {
                new ExtensionParser(ExtensionParser.CERTIFICATE, problems).parse(entry, 0, 0xffff);
            }
        }
        c.expectEnd("Certificate");
        problems.addAll(errors);
        return new CertificateChain(context, List.copyOf(certs), entries, List.copyOf(errors));
    }

    /** cert_data<1..2^24-1> + extensions<0..2^16-1>, so the entry struct can be bounded. */
    private static int entryLength(Cursor c) {
        byte[] b = c.buffer();
        int p = c.position();
        if (c.remaining() < 3) {
            return c.remaining();
        }
        int certLen = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
        int extAt = 3 + certLen;
        if (extAt + 2 > c.remaining()) {
            return c.remaining();
        }
        int extLen = (b[p + extAt] & 0xff) << 8 | (b[p + extAt + 1] & 0xff);
        return Math.min(c.remaining(), extAt + 2 + extLen);
    }

    static Object certificateRequest(Cursor c, boolean tls13, List<String> problems) {
        if (tls13) {
            c.opaque("certificate_request_context", 1, 0, 255);
            Extensions ext = new ExtensionParser(ExtensionParser.CERTIFICATE_REQUEST, problems).parse(c, 2, 0xffff);
            c.expectEnd("CertificateRequest");
            return ext;
        }
        Cursor types = c.vector("certificate_types", 1, 1, 0xff);
        while (types.hasRemaining()) {
            types.u8("ClientCertificateType", TlsNames.CERTIFICATE_TYPES::display);
        }
        Cursor algs = c.vector("supported_signature_algorithms", 2, 2, 0xfffe);
        while (algs.hasRemaining()) {
            algs.u16("SignatureAndHashAlgorithm", TlsNames.SIGNATURE_SCHEMES::display);
        }
        Cursor cas = c.vector("certificate_authorities", 2, 0, 0xffff);
        while (cas.hasRemaining()) {
            byte[] dn = cas.opaque("DistinguishedName", 2, 1, 0xffff);
            try {
                ExtensionParser.lastChild(cas.parent()).setValue(X500Name.getInstance(dn).toString());
            } catch (RuntimeException e) {
                problems.add("CertificateRequest: DistinguishedName is not DER: " + e.getMessage());
            }
        }
        c.expectEnd("CertificateRequest");
        return null;
    }

    static void certificateVerify(Cursor c) {
        c.u16("algorithm", TlsNames.SIGNATURE_SCHEMES::display);
        c.opaque("signature", 2, 0, 0xffff);
        c.expectEnd("CertificateVerify");
    }
}
