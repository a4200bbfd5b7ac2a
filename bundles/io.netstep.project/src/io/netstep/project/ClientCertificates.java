package io.netstep.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** The size of the Certificate handshake message the device sends with mutual TLS (RFC 5246 7.4.2). */
final class ClientCertificates {

    private ClientCertificates() { }

    /**
     * Handshake header (4) + certificate_list length (3) + each certificate's length (3) and DER
     * bytes; 0 when there is no file or it does not parse (the generator reports that itself).
     */
    static int handshakeMessageLength(Path file) {
        if (file == null || !Files.isReadable(file)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int length = 4 + 3;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                length += 3 + c.getEncoded().length;
            }
            return length;
        } catch (IOException | CertificateEncodingException e) {
            return 0;
        } catch (CertificateException e) {
            return 0;
        }
    }
}
