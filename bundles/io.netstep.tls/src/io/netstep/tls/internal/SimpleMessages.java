package io.netstep.tls.internal;

import io.netstep.tls.names.TlsNames;
import java.util.List;

/**
 * The small handshake messages: HelloRequest, NewSessionTicket (1.2 and 1.3), EndOfEarlyData,
 * EncryptedExtensions, ServerHelloDone, Finished, KeyUpdate, CertificateStatus.
 */
final class SimpleMessages {
    private SimpleMessages() {
    }

    static Object parse(int type, Cursor c, boolean tls13, List<String> problems) {
        switch (type) {
            case 0: // HelloRequest
            case 5: // EndOfEarlyData
            case 14: // ServerHelloDone
                c.expectEnd(TlsNames.HANDSHAKE_TYPES.name(type) + " must be empty");
                return null;
            case 4:
                if (tls13) {
                    c.u32("ticket_lifetime");
                    c.u32("ticket_age_add");
                    c.opaque("ticket_nonce", 1, 0, 255);
                    c.opaque("ticket", 2, 1, 0xffff);
                    Object ext = new ExtensionParser(ExtensionParser.NEW_SESSION_TICKET, problems).parse(c, 0, 0xfffe);
                    c.expectEnd("NewSessionTicket");
                    return ext;
                }
                c.u32("ticket_lifetime_hint");
                c.opaque("ticket", 2, 0, 0xffff);
                c.expectEnd("NewSessionTicket");
                return null;
            case 8: {
                Object ext = new ExtensionParser(ExtensionParser.ENCRYPTED_EXTENSIONS, problems).parse(c, 0, 0xffff);
                c.expectEnd("EncryptedExtensions");
                return ext;
            }
            case 20:
                c.bytes("verify_data", c.remaining());
                return null;
            case 24:
                c.u8("request_update", TlsNames.KEY_UPDATE_REQUESTS::display);
                c.expectEnd("KeyUpdate");
                return null;
            case 22: // CertificateStatus, RFC 6066 section 8
                c.u8("status_type", TlsNames.CERTIFICATE_STATUS_TYPES::display);
                c.opaque("OCSPResponse", 3, 1, 0xffffff);
                c.expectEnd("CertificateStatus");
                return null;
            default:
                if (c.hasRemaining()) {
                    c.bytes("body", c.remaining());
                }
                return null;
        }
    }
}
