package io.netstep.tls.internal;

import io.netstep.tls.names.TlsNames;

/**
 * ServerKeyExchange and ClientKeyExchange (RFC 5246 7.4.3 / 7.4.7, RFC 8422 section 5.4 / 5.7,
 * RFC 4279 for PSK). The layout depends on the key exchange named in the cipher suite.
 */
final class KeyExchangeParser {
    private KeyExchangeParser() {
    }

    private static String kx(String suite) {
        if (suite == null || !suite.contains("_WITH_")) {
            return "";
        }
        return suite.substring(4, suite.indexOf("_WITH_"));
    }

    static void serverKeyExchange(Cursor c, String suite) {
        String kx = kx(suite);
        if (kx.endsWith("PSK")) {
            c.opaque("psk_identity_hint", 2, 0, 0xffff);
        }
        if (kx.startsWith("ECDHE")) {
            Cursor params = c.struct("ServerECDHParams", ecParamsLength(c));
            int curveType = params.u8("curve_type", TlsNames.EC_CURVE_TYPES::display);
            if (curveType != 3) {
                throw new DecodeException("ServerECDHParams: only named_curve is decoded, got curve_type " + curveType);
            }
            params.u16("namedcurve", TlsNames.NAMED_GROUPS::display);
            params.opaque("public", 1, 1, 255);
        } else if (kx.startsWith("DHE")) {
            Cursor params = c.struct("ServerDHParams", dhParamsLength(c));
            params.opaque("dh_p", 2, 1, 0xffff);
            params.opaque("dh_g", 2, 1, 0xffff);
            params.opaque("dh_Ys", 2, 1, 0xffff);
        } else if (!kx.endsWith("PSK")) {
            if (c.hasRemaining()) {
                c.bytes("params", c.remaining());
            }
            return;
        }
        if (kx.endsWith("PSK") || !c.hasRemaining()) {
            return; // (EC)DHE_PSK and anonymous exchanges carry no signature
        }
        Cursor sig = c.struct("signed_params", c.remaining());
        sig.u16("algorithm", TlsNames.SIGNATURE_SCHEMES::display);
        sig.opaque("signature", 2, 0, 0xffff);
        sig.expectEnd("signed_params");
    }

    /** curve_type(1) + namedcurve(2) + public<1..255>. */
    private static int ecParamsLength(Cursor c) {
        if (c.remaining() < 4) {
            throw new DecodeException("ServerECDHParams: truncated");
        }
        int pubLen = c.buffer()[c.position() + 3] & 0xff;
        return Math.min(c.remaining(), 4 + pubLen);
    }

    private static int dhParamsLength(Cursor c) {
        byte[] b = c.buffer();
        int p = c.position();
        int end = p + c.remaining();
        for (int i = 0; i < 3; i++) {
            if (p + 2 > end) {
                throw new DecodeException("ServerDHParams: truncated");
            }
            p += 2 + ((b[p] & 0xff) << 8 | (b[p + 1] & 0xff));
        }
        return Math.min(c.remaining(), p - c.position());
    }

    static void clientKeyExchange(Cursor c, String suite) {
        String kx = kx(suite);
        if (kx.endsWith("PSK")) {
            c.opaque("psk_identity", 2, 0, 0xffff);
        }
        if (kx.startsWith("ECDH")) {
            c.opaque("ecdh_Yc", 1, 1, 255);
        } else if (kx.startsWith("DHE")) {
            c.opaque("dh_Yc", 2, 1, 0xffff);
        } else if (kx.startsWith("RSA")) {
            c.opaque("EncryptedPreMasterSecret", 2, 0, 0xffff);
        } else if (c.hasRemaining()) {
            c.bytes("exchange_keys", c.remaining());
        }
        c.expectEnd("ClientKeyExchange");
    }
}
