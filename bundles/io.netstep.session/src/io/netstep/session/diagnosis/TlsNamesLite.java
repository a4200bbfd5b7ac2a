package io.netstep.session.diagnosis;

import java.util.Map;

/**
 * IANA names for the TLS values the rules print. A short list on purpose: the session bundle
 * does not depend on io.netstep.tls; codes not listed are printed in hex.
 */
final class TlsNamesLite {

    private TlsNamesLite() { }

    private static final Map<Integer, String> ALERTS = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(22, "record_overflow"), Map.entry(40, "handshake_failure"), Map.entry(42, "bad_certificate"),
            Map.entry(43, "unsupported_certificate"), Map.entry(44, "certificate_revoked"),
            Map.entry(45, "certificate_expired"), Map.entry(46, "certificate_unknown"),
            Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(49, "access_denied"),
            Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"), Map.entry(70, "protocol_version"),
            Map.entry(71, "insufficient_security"), Map.entry(80, "internal_error"),
            Map.entry(112, "unrecognized_name"), Map.entry(116, "certificate_required"));

    private static final Map<Integer, String> SUITES = Map.ofEntries(
            Map.entry(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"), Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"), Map.entry(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"), Map.entry(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC09C, "TLS_RSA_WITH_AES_128_CCM"), Map.entry(0xC09D, "TLS_RSA_WITH_AES_256_CCM"),
            Map.entry(0xC0A0, "TLS_RSA_WITH_AES_128_CCM_8"), Map.entry(0xC0A1, "TLS_RSA_WITH_AES_256_CCM_8"),
            Map.entry(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), Map.entry(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"), Map.entry(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"), Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"), Map.entry(0x1304, "TLS_AES_128_CCM_SHA256"),
            Map.entry(0x1305, "TLS_AES_128_CCM_8_SHA256"), Map.entry(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));

    static String alert(int code) {
        return ALERTS.getOrDefault(code, "alert " + code) + " (" + code + ")";
    }

    static String suite(int code) {
        return SUITES.getOrDefault(code, Connection.hex(code, 4));
    }

    /** Key exchange of a TLS 1.2 suite by its name: "RSA", "ECDHE", "DHE", "TLS1.3", or "?". */
    static String keyExchange(int code) {
        String n = SUITES.get(code);
        if (n == null) {
            return "?";
        }
        if (n.startsWith("TLS_RSA_")) {
            return "RSA";
        }
        if (n.startsWith("TLS_ECDHE_")) {
            return "ECDHE";
        }
        if (n.startsWith("TLS_DHE_")) {
            return "DHE";
        }
        return n.contains("_WITH_") ? "?" : "TLS1.3";
    }
}
