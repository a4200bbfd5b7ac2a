package io.netstep.session.diagnosis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A small STM32Cube-shaped firmware project for the F6 source-side tests: Core/Src/certs.c
 * holds the CA as a PEM string array and the function that hands it to mbedTLS, with the
 * length argument as given (e.g. {@code sizeof(ca_pem)} or {@code strlen((const char *) ca_pem)}).
 */
final class CProject {

    /** The line of {@code ca_pem}'s declaration in certs.c. */
    static final int ARRAY_LINE = 4;

    private CProject() { }

    static Path write(Path root, X509Certificate ca, String lengthArgument) throws IOException, CertificateEncodingException {
        Path src = Files.createDirectories(root.resolve("Core/Src"));
        StringBuilder c = new StringBuilder("/* the broker's CA, pasted from ca.pem */\n#include <string.h>\n#include \"mbedtls/ssl.h\"\n");
        c.append("const unsigned char ca_pem[] =\n");
        c.append("\"-----BEGIN CERTIFICATE-----\\n\"\n");
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.getEncoded());
        for (String line : b64.split("\n")) {
            c.append('"').append(line).append("\\n\"\n");
        }
        c.append("\"-----END CERTIFICATE-----\\n\";\n\n");
        c.append(String.join("\n",
                "int tls_load_ca(mbedtls_ssl_config *conf, mbedtls_x509_crt *ca)",
                "{",
                "    int ret = mbedtls_x509_crt_parse(ca, ca_pem, " + lengthArgument + ");",
                "    if (ret != 0) return ret;",
                "    mbedtls_ssl_conf_ca_chain(conf, ca, NULL);",
                "    return 0;",
                "}",
                ""));
        Files.writeString(src.resolve("certs.c"), c.toString(), StandardCharsets.US_ASCII);
        return root;
    }

    /** The line of the mbedtls_x509_crt_parse call in certs.c. */
    static int callLine(Path root) throws IOException {
        java.util.List<String> lines = Files.readAllLines(root.resolve("Core/Src/certs.c"), StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("mbedtls_x509_crt_parse(")) {
                return i + 1;
            }
        }
        throw new AssertionError("no call in " + root);
    }
}
