package io.netstep.tls.internal;

import io.netstep.tls.Field;
import io.netstep.tls.names.TlsNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one complete handshake message (header + body) into a field tree and, for the
 * messages later layers use, a details object. Never throws: syntax errors end up in
 * {@link Parsed#problems()} with the fields read so far kept.
 */
public final class HandshakeParser {
    private HandshakeParser() {
    }

    /** What the parser needs to know about the connection so far. */
    public interface Context {
        /** Negotiated version (0x0303 / 0x0304), or 0 before ServerHello. */
        int negotiatedVersion();

        /** IANA name of the chosen cipher suite, or null. */
        String cipherSuiteName();
    }

    public record Parsed(Field root, int type, int length, Object details, List<String> problems) {
    }

    public static Parsed parse(byte[] msg, OffsetMap map, Context ctx) {
        List<String> problems = new ArrayList<>();
        int type = msg[0] & 0xff;
        int length = (msg[1] & 0xff) << 16 | (msg[2] & 0xff) << 8 | (msg[3] & 0xff);
        String name = TlsNames.HANDSHAKE_TYPES.name(type);
        Field root = new Field(name, "", map.ranges(0, msg.length));
        Cursor header = new Cursor(msg, 0, 4, map, root);
        header.u8("msg_type", TlsNames.HANDSHAKE_TYPES::display);
        header.u24("length");
        Cursor body = new Cursor(msg, 4, msg.length, map, root);
        Object details = null;
        try {
            details = parseBody(type, body, ctx, problems);
            if (details instanceof io.netstep.tls.ServerHelloInfo
                    && ((io.netstep.tls.ServerHelloInfo) details).helloRetryRequest()) {
                root.setValue("HelloRetryRequest");
            }
        } catch (DecodeException e) {
            problems.add(name + ": " + e.getMessage());
        }
        return new Parsed(root, type, length, details, problems);
    }

    private static Object parseBody(int type, Cursor c, Context ctx, List<String> problems) {
        boolean tls13 = ctx.negotiatedVersion() == 0x0304;
        switch (type) {
            case 1:
                return HelloParser.clientHello(c, problems);
            case 2:
                return HelloParser.serverHello(c, problems);
            case 11:
                return CertificateParser.certificate(c, tls13, problems);
            case 13:
                return CertificateParser.certificateRequest(c, tls13, problems);
            case 15:
                CertificateParser.certificateVerify(c);
                return null;
            case 12:
                KeyExchangeParser.serverKeyExchange(c, ctx.cipherSuiteName());
                return null;
            case 16:
                KeyExchangeParser.clientKeyExchange(c, ctx.cipherSuiteName());
                return null;
            default:
                return SimpleMessages.parse(type, c, tls13, problems);
        }
    }
}
