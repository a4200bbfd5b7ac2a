package io.netstep.serial;

import java.util.Map;

/** Names for the numbers TLS libraries print: error codes, handshake states, record and message types. */
final class Codes {

    private Codes() {
    }

    /** mbedTLS error codes (include/mbedtls/ssl.h, x509.h, net_sockets.h), 2.x and 3.x. */
    private static final Map<Integer, String> MBEDTLS = Map.ofEntries(
            Map.entry(-0x7080, "MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE"),
            Map.entry(-0x7100, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA"),
            Map.entry(-0x7180, "MBEDTLS_ERR_SSL_INVALID_MAC"),
            Map.entry(-0x7200, "MBEDTLS_ERR_SSL_INVALID_RECORD"),
            Map.entry(-0x7280, "MBEDTLS_ERR_SSL_CONN_EOF"),
            Map.entry(-0x7700, "MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE"),
            Map.entry(-0x7780, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"),
            Map.entry(-0x7880, "MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY"),
            Map.entry(-0x6900, "MBEDTLS_ERR_SSL_WANT_READ"),
            Map.entry(-0x6880, "MBEDTLS_ERR_SSL_WANT_WRITE"),
            Map.entry(-0x6800, "MBEDTLS_ERR_SSL_TIMEOUT"),
            Map.entry(-0x2700, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"),
            Map.entry(-0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT"),
            Map.entry(-0x0044, "MBEDTLS_ERR_NET_CONNECT_FAILED"),
            Map.entry(-0x004C, "MBEDTLS_ERR_NET_RECV_FAILED"),
            Map.entry(-0x004E, "MBEDTLS_ERR_NET_SEND_FAILED"),
            Map.entry(-0x0050, "MBEDTLS_ERR_NET_CONN_RESET"));

    /** wolfSSL / wolfCrypt error codes (wolfssl/error-ssl.h, wolfcrypt/error-crypt.h). */
    private static final Map<Integer, String> WOLFSSL = Map.ofEntries(
            Map.entry(-125, "MEMORY_E"), Map.entry(-132, "BUFFER_E"), Map.entry(-140, "ASN_PARSE_E"), Map.entry(-150, "ASN_BEFORE_DATE_E"),
            Map.entry(-151, "ASN_AFTER_DATE_E"), Map.entry(-155, "ASN_SIG_CONFIRM_E"), Map.entry(-173, "BAD_FUNC_ARG"),
            Map.entry(-188, "ASN_NO_SIGNER_E"), Map.entry(-301, "INPUT_CASE_ERROR"), Map.entry(-303, "MEMORY_ERROR"),
            Map.entry(-304, "VERIFY_FINISHED_ERROR"), Map.entry(-305, "VERIFY_MAC_ERROR"), Map.entry(-306, "PARSE_ERROR"),
            Map.entry(-308, "SOCKET_ERROR_E"), Map.entry(-309, "SOCKET_NODATA"), Map.entry(-310, "INCOMPLETE_DATA"),
            Map.entry(-311, "UNKNOWN_RECORD_TYPE"), Map.entry(-312, "DECRYPT_ERROR"), Map.entry(-313, "FATAL_ERROR"),
            Map.entry(-314, "ENCRYPT_ERROR"), Map.entry(-322, "DOMAIN_NAME_MISMATCH"), Map.entry(-323, "WANT_READ"),
            Map.entry(-326, "VERSION_ERROR"), Map.entry(-327, "WANT_WRITE"), Map.entry(-328, "BUFFER_ERROR"),
            Map.entry(-329, "VERIFY_CERT_ERROR"), Map.entry(-330, "VERIFY_SIGN_ERROR"), Map.entry(-343, "ZERO_RETURN"),
            Map.entry(-345, "NO_PEER_CERT"), Map.entry(-501, "MATCH_SUITE_ERROR"));

    /** mbedTLS 2.x {@code mbedtls_ssl_states}, by the number {@code client state: N} prints. */
    private static final String[] MBEDTLS_STATES = {"HELLO_REQUEST", "CLIENT_HELLO", "SERVER_HELLO", "SERVER_CERTIFICATE",
        "SERVER_KEY_EXCHANGE", "CERTIFICATE_REQUEST", "SERVER_HELLO_DONE", "CLIENT_CERTIFICATE", "CLIENT_KEY_EXCHANGE",
        "CERTIFICATE_VERIFY", "CLIENT_CHANGE_CIPHER_SPEC", "CLIENT_FINISHED", "SERVER_CHANGE_CIPHER_SPEC",
        "SERVER_FINISHED", "FLUSH_BUFFERS", "HANDSHAKE_WRAPUP", "HANDSHAKE_OVER", "SERVER_NEW_SESSION_TICKET",
        "SERVER_HELLO_VERIFY_REQUEST_SENT"};

    static String mbedTls(long code) {
        return MBEDTLS.get((int) code);
    }

    static String wolfSsl(long code) {
        return WOLFSSL.get((int) code);
    }

    static String mbedTlsState(int n) {
        return n >= 0 && n < MBEDTLS_STATES.length ? MBEDTLS_STATES[n] : null;
    }

    static String contentType(int t) {
        return switch (t) {
            case 20 -> "change_cipher_spec";
            case 21 -> "alert";
            case 22 -> "handshake";
            case 23 -> "application_data";
            case 24 -> "heartbeat";
            default -> "unknown(" + t + ")";
        };
    }

    static String handshakeType(int t) {
        return switch (t) {
            case 0 -> "hello_request";
            case 1 -> "client_hello";
            case 2 -> "server_hello";
            case 4 -> "new_session_ticket";
            case 8 -> "encrypted_extensions";
            case 11 -> "certificate";
            case 12 -> "server_key_exchange";
            case 13 -> "certificate_request";
            case 14 -> "server_hello_done";
            case 15 -> "certificate_verify";
            case 16 -> "client_key_exchange";
            case 20 -> "finished";
            default -> "unknown(" + t + ")";
        };
    }
}
