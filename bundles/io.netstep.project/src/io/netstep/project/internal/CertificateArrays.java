package io.netstep.project.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Locale;

/**
 * Certificate and key files as the C arrays the TLS libraries parse (F6 is about getting these
 * wrong): PEM as a string with its terminating NUL counted in the length (mbedTLS recognises PEM
 * only when the last byte is NUL), DER as bytes with their exact length. Certificates are parsed
 * before they are written, so a file that is neither is refused here rather than on the board.
 */
public final class CertificateArrays {

    /** One array: C source of its definition and whether it holds PEM. */
    public record Array(String name, boolean pem, int length, String definition) { }

    private CertificateArrays() { }

    public static Array certificate(String name, Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        boolean pem = isPem(data);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            if (cf.generateCertificates(new ByteArrayInputStream(data)).isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM or DER X.509 certificate: " + e.getMessage(), e);
        }
        return pem ? pemArray(name, new String(data, StandardCharsets.US_ASCII)) : derArray(name, data);
    }

    public static Array privateKey(String name, Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        if (isPem(data)) {
            String text = new String(data, StandardCharsets.US_ASCII);
            if (!text.contains("PRIVATE KEY-----")) {
                throw new IOException(file + " is PEM but holds no private key");
            }
            if (text.contains("ENCRYPTED")) {
                throw new IOException(file + " is an encrypted key: the firmware has no passphrase; export it unencrypted");
            }
            return pemArray(name, text);
        }
        if (data.length < 16 || data[0] != 0x30) {
            throw new IOException(file + " is neither a PEM nor a DER private key");
        }
        return derArray(name, data);
    }

    /** An empty array (nothing configured): length 0. */
    public static Array none(String name) {
        return new Array(name, true, 0, "const unsigned char " + name + "[] = \"\";\nconst size_t " + name + "_len = 0;\n");
    }

    static boolean isPem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    static Array pemArray(String name, String text) {
        // keep only the PEM blocks (no "Bag Attributes" or comments), normalised to \n line ends
        StringBuilder blocks = new StringBuilder();
        boolean inside = false;
        for (String line : text.replace("\r", "").split("\n")) {
            if (line.startsWith("-----BEGIN ")) {
                inside = true;
            }
            if (inside) {
                blocks.append(line.strip()).append('\n');
            }
            if (line.startsWith("-----END ")) {
                inside = false;
            }
        }
        String pem = blocks.toString();
        StringBuilder c = new StringBuilder("const unsigned char ").append(name).append("[] =\n");
        for (String line : pem.split("\n")) {
            c.append("    \"").append(line).append("\\n\"\n");
        }
        c.setLength(c.length() - 1);
        c.append(";\n");
        c.append("/* PEM: the terminating NUL belongs to the length (mbedTLS needs it to see PEM). */\n");
        c.append("const size_t ").append(name).append("_len = sizeof(").append(name).append(");\n");
        return new Array(name, true, pem.length() + 1, c.toString());
    }

    static Array derArray(String name, byte[] der) {
        StringBuilder c = new StringBuilder("const unsigned char ").append(name).append("[").append(der.length).append("] = {");
        for (int i = 0; i < der.length; i++) {
            c.append(i % 12 == 0 ? "\n    " : " ").append(String.format(Locale.ROOT, "0x%02x", der[i] & 0xff));
            if (i < der.length - 1) {
                c.append(',');
            }
        }
        c.append("\n};\n/* DER: exactly the encoded bytes, no terminator. */\n");
        c.append("const size_t ").append(name).append("_len = sizeof(").append(name).append(");\n");
        return new Array(name, false, der.length, c.toString());
    }

    /** Base64 of DER for tests and diagnostics. */
    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
