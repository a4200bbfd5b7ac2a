package io.netstep.certs.tests;

import java.util.ArrayList;
import java.util.List;

/** Firmware-style C that hands certificate arrays to the real mbedTLS / wolfSSL: the projects the F6 check reads. */
final class CProjects {

    private CProjects() { }

    /** PEM text as C string literals, one line each, the way people paste it: "line\n". */
    static String pemLiteral(String pem) {
        return pemLiteral(lines(pem), "\\n");
    }

    static List<String> lines(String pem) {
        List<String> out = new ArrayList<>();
        for (String l : pem.replace("\r\n", "\n").split("\n")) if (!l.isEmpty()) out.add(l);
        return out;
    }

    static String pemLiteral(List<String> lines, String lineEnd) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) b.append("\n\"").append(lines.get(i)).append(lineEnd).append('"');
        return b.toString();
    }

    static String byteList(byte[] d) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < d.length; i++) {
            if (i % 12 == 0) b.append("\n  ");
            b.append(String.format("0x%02x", d[i] & 0xff)).append(i == d.length - 1 ? "" : ", ");
        }
        return b.append("\n}").toString();
    }

    /** {@code %ARRAYS%}: declarations; {@code %CA_BUF%}, {@code %CA_LEN%}: the CA arguments. Exit 10+ names the failing step. */
    static final String MBEDTLS = """
            #include <stdio.h>
            #include <string.h>
            #include <mbedtls/x509_crt.h>
            #include <mbedtls/pk.h>
            #include <mbedtls/ssl.h>

            %ARRAYS%

            int main(int argc, char **argv)
            {
                mbedtls_x509_crt cacert, clicert, broker;
                mbedtls_pk_context pkey;
                mbedtls_ssl_config conf;
                uint32_t flags = 0;
                int ret;
                mbedtls_x509_crt_init(&cacert);
                mbedtls_x509_crt_init(&clicert);
                mbedtls_x509_crt_init(&broker);
                mbedtls_pk_init(&pkey);
                mbedtls_ssl_config_init(&conf);
                ret = mbedtls_x509_crt_parse(&cacert, (const unsigned char *) %CA_BUF%, %CA_LEN%);
                if (ret != 0) { printf("ca: -0x%04X\\n", (unsigned) -ret); return 10; }
                ret = mbedtls_x509_crt_parse(&clicert, (const unsigned char *) client_pem, sizeof(client_pem));
                if (ret != 0) { printf("client cert: -0x%04X\\n", (unsigned) -ret); return 11; }
                ret = mbedtls_pk_parse_key(&pkey, (const unsigned char *) client_key, sizeof(client_key), NULL, 0);
                if (ret != 0) { printf("client key: -0x%04X\\n", (unsigned) -ret); return 12; }
                mbedtls_ssl_conf_ca_chain(&conf, &cacert, NULL);
                ret = mbedtls_ssl_conf_own_cert(&conf, &clicert, &pkey);
                if (ret != 0 || mbedtls_pk_check_pair(&clicert.pk, &pkey) != 0) { printf("key does not match\\n"); return 13; }
                if (argc > 1) {
                    if (mbedtls_x509_crt_parse_file(&broker, argv[1]) != 0) return 20;
                    ret = mbedtls_x509_crt_verify(&broker, &cacert, NULL, NULL, &flags, NULL, NULL);
                    if (ret != 0) { printf("broker: flags 0x%x\\n", (unsigned) flags); return 14; }
                }
                printf("ok\\n");
                return 0;
            }
            """;

    /** {@code %ARRAYS%}, {@code %CA_BUF%}, {@code %CA_LEN%}, {@code %CA_FMT%}. */
    static final String WOLFSSL = """
            #include <stdio.h>
            #include <wolfssl/options.h>
            #include <wolfssl/ssl.h>

            %ARRAYS%

            int main(int argc, char **argv)
            {
                int ret;
                wolfSSL_Init();
                WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLSv1_2_client_method());
                ret = wolfSSL_CTX_load_verify_buffer(ctx, %CA_BUF%, %CA_LEN%, %CA_FMT%);
                if (ret != WOLFSSL_SUCCESS) { printf("ca: %d\\n", ret); return 10; }
                ret = wolfSSL_CTX_use_certificate_buffer(ctx, client_pem, sizeof(client_pem) - 1, WOLFSSL_FILETYPE_PEM);
                if (ret != WOLFSSL_SUCCESS) { printf("client cert: %d\\n", ret); return 11; }
                ret = wolfSSL_CTX_use_PrivateKey_buffer(ctx, client_key, sizeof(client_key) - 1, WOLFSSL_FILETYPE_PEM);
                if (ret != WOLFSSL_SUCCESS) { printf("client key: %d\\n", ret); return 12; }
                if (wolfSSL_CTX_check_private_key(ctx) != WOLFSSL_SUCCESS) { printf("key does not match\\n"); return 13; }
                if (argc > 1) {
                    WOLFSSL_CERT_MANAGER *cm = wolfSSL_CertManagerNew();
                    ret = wolfSSL_CertManagerLoadCABuffer(cm, %CA_BUF%, %CA_LEN%, %CA_FMT%);
                    if (ret == WOLFSSL_SUCCESS) ret = wolfSSL_CertManagerVerify(cm, argv[1], WOLFSSL_FILETYPE_PEM);
                    if (ret != WOLFSSL_SUCCESS) { printf("broker: %d\\n", ret); return 14; }
                }
                printf("ok\\n");
                return 0;
            }
            """;
}
