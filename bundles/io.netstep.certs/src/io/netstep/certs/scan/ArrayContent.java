package io.netstep.certs.scan;

import io.netstep.certs.CertImport;
import io.netstep.certs.CertImportException;
import io.netstep.certs.CertificateSet;
import io.netstep.certs.Der;
import io.netstep.certs.Finding;
import io.netstep.certs.KeyMaterial;
import io.netstep.certs.PemReader;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads what a C array really holds (PEM text or DER), naming broken spots by source line. */
public final class ArrayContent {

    /** What was read, and what is wrong with the bytes themselves. */
    public record Result(boolean pem, int textLength, List<X509Certificate> certs, List<KeyMaterial> keys, List<Finding> findings) { }

    private ArrayContent() { }

    /** True when the array holds something certificate-like: PEM text or a large DER SEQUENCE. */
    public static boolean interesting(byte[] memory) {
        int n = ProjectNames.strlen(memory);
        if (new String(memory, 0, n, StandardCharsets.ISO_8859_1).contains("-----BEGIN")) return true;
        int declared = Der.declaredLength(memory);
        return declared >= 64 && memory.length >= 64;
    }

    public static Result read(CArrayDecl a, byte[] memory) {
        List<Finding> f = new ArrayList<>();
        for (CLiteral.Note n : a.notes()) {
            f.add(Finding.warning("c-escape", a.file().getFileName() + ":" + n.line(), n.message() + " (in " + a.name() + ")",
                    "write each PEM line as \"…\\n\" with no other escapes"));
        }
        int textLen = ProjectNames.strlen(memory);
        String text = new String(memory, 0, textLen, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN")) return pem(a, text, f);
        return der(a, memory, f);
    }

    private static Result pem(CArrayDecl a, String text, List<Finding> f) {
        PemReader.Result r = PemReader.read(text);
        for (PemReader.Problem p : r.problems()) {
            f.add(Finding.error(p.code(), a.file().getFileName() + ":" + lineAt(a, p.offset()), p.message() + " (in " + a.name() + ")", p.fix()));
        }
        if (r.blocks().isEmpty() && r.problems().isEmpty()) {
            f.add(Finding.error("pem-truncated", a.where(), a.name() + " has a BEGIN line but no complete PEM block", "copy the whole block"));
        }
        List<X509Certificate> certs = new ArrayList<>();
        List<KeyMaterial> keys = new ArrayList<>();
        for (PemReader.Block b : r.blocks()) {
            String where = a.file().getFileName() + ":" + lineAt(a, b.beginOffset());
            if (b.encrypted() || b.label().equals("ENCRYPTED PRIVATE KEY")) {
                f.add(Finding.warning("key-encrypted", where, a.name() + " holds an encrypted private key: the firmware must pass its password "
                        + "(mbedtls_pk_parse_key pwd argument)", "store the key unencrypted in flash, or pass the password"));
                continue;
            }
            try {
                CertificateSet s = CertImport.readPem(b.text(), where, null);
                certs.addAll(s.certificates());
                keys.addAll(s.keys());
            } catch (CertImportException e) {
                f.add(Finding.error("pem-bad-content", where, e.getMessage(), "take the block again from the original file"));
            }
        }
        return new Result(true, text.length(), certs, keys, f);
    }

    private static Result der(CArrayDecl a, byte[] memory, List<Finding> f) {
        int declared = Der.declaredLength(memory);
        List<X509Certificate> certs = new ArrayList<>();
        List<KeyMaterial> keys = new ArrayList<>();
        if (declared > memory.length) {
            f.add(Finding.error("der-truncated", a.where(), a.name() + " is cut off: its DER header announces " + declared + " bytes but the array has "
                    + memory.length + ": the parse fails (mbedTLS -0x2180, wolfSSL ASN_PARSE_E -140)",
                    "convert the certificate again (netstep certs to-c, or xxd -i) and copy all of it"));
            return new Result(false, declared, certs, keys, f);
        }
        if (declared < memory.length) {
            f.add(Finding.warning("der-trailing", a.where(), a.name() + " has " + (memory.length - declared) + " bytes after the DER object ("
                    + declared + " bytes)", "pass exactly " + declared + " bytes"));
        }
        try {
            CertificateSet s = CertImport.readDer(Arrays.copyOf(memory, declared), a.where(), null);
            certs.addAll(s.certificates());
            keys.addAll(s.keys());
        } catch (CertImportException e) {
            f.add(Finding.error("der-bad-content", a.where(), e.getMessage(), "convert the certificate or key again"));
        }
        return new Result(false, declared, certs, keys, f);
    }

    static int lineAt(CArrayDecl a, int offset) {
        if (a.lines().length == 0) return a.line();
        return a.lines()[Math.max(0, Math.min(offset, a.lines().length - 1))];
    }
}
