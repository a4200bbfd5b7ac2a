package io.netstep.tls.names;

/**
 * Names from the IANA TLS registries (TLS Parameters; TLS ExtensionType Values) and the RFCs
 * that define them (RFC 5246, 8446, 8422, 7905, 6655, 7251, 8701…). Codes absent from a table
 * are shown as "unknown(0x…)".
 */
public final class TlsNames {
    private TlsNames() {
    }

    public static final NameTable CONTENT_TYPES = new NameTable("TLS ContentType", 2,
            20, "change_cipher_spec", 21, "alert", 22, "handshake", 23, "application_data", 24, "heartbeat");

    /** Handshake types, named as the messages are called in RFC 8446 prose. */
    public static final NameTable HANDSHAKE_TYPES = new NameTable("TLS HandshakeType", 2,
            0, "HelloRequest", 1, "ClientHello", 2, "ServerHello", 3, "HelloVerifyRequest",
            4, "NewSessionTicket", 5, "EndOfEarlyData", 8, "EncryptedExtensions", 11, "Certificate",
            12, "ServerKeyExchange", 13, "CertificateRequest", 14, "ServerHelloDone",
            15, "CertificateVerify", 16, "ClientKeyExchange", 20, "Finished", 21, "CertificateURL",
            22, "CertificateStatus", 24, "KeyUpdate", 25, "CompressedCertificate", 254, "message_hash");

    public static final NameTable VERSIONS = new NameTable("ProtocolVersion", 4,
            0x0300, "SSL 3.0", 0x0301, "TLS 1.0", 0x0302, "TLS 1.1", 0x0303, "TLS 1.2", 0x0304, "TLS 1.3");

    public static final NameTable ALERT_LEVELS = new NameTable("AlertLevel", 2, 1, "warning", 2, "fatal");

    public static final NameTable ALERT_DESCRIPTIONS = new NameTable("TLS Alerts", 2,
            0, "close_notify", 10, "unexpected_message", 20, "bad_record_mac",
            21, "decryption_failed_RESERVED", 22, "record_overflow", 30, "decompression_failure_RESERVED",
            40, "handshake_failure", 41, "no_certificate_RESERVED", 42, "bad_certificate",
            43, "unsupported_certificate", 44, "certificate_revoked", 45, "certificate_expired",
            46, "certificate_unknown", 47, "illegal_parameter", 48, "unknown_ca", 49, "access_denied",
            50, "decode_error", 51, "decrypt_error", 52, "too_many_cids_requested",
            60, "export_restriction_RESERVED", 70, "protocol_version", 71, "insufficient_security",
            80, "internal_error", 86, "inappropriate_fallback", 90, "user_canceled",
            100, "no_renegotiation_RESERVED", 109, "missing_extension", 110, "unsupported_extension",
            111, "certificate_unobtainable_RESERVED", 112, "unrecognized_name",
            113, "bad_certificate_status_response", 114, "bad_certificate_hash_value_RESERVED",
            115, "unknown_psk_identity", 116, "certificate_required", 120, "no_application_protocol",
            121, "ech_required");

    public static final NameTable NAMED_GROUPS = new NameTable("TLS Supported Groups", 4,
            1, "sect163k1", 2, "sect163r1", 3, "sect163r2", 4, "sect193r1", 5, "sect193r2", 6, "sect233k1",
            7, "sect233r1", 8, "sect239k1", 9, "sect283k1", 10, "sect283r1", 11, "sect409k1", 12, "sect409r1",
            13, "sect571k1", 14, "sect571r1", 15, "secp160k1", 16, "secp160r1", 17, "secp160r2",
            18, "secp192k1", 19, "secp192r1", 20, "secp224k1", 21, "secp224r1", 22, "secp256k1",
            23, "secp256r1", 24, "secp384r1", 25, "secp521r1", 26, "brainpoolP256r1", 27, "brainpoolP384r1",
            28, "brainpoolP512r1", 29, "x25519", 30, "x448", 31, "brainpoolP256r1tls13",
            32, "brainpoolP384r1tls13", 33, "brainpoolP512r1tls13", 34, "GC256A", 35, "GC256B", 36, "GC256C",
            37, "GC256D", 38, "GC512A", 39, "GC512B", 40, "GC512C", 41, "curveSM2",
            256, "ffdhe2048", 257, "ffdhe3072", 258, "ffdhe4096", 259, "ffdhe6144", 260, "ffdhe8192",
            512, "MLKEM512", 513, "MLKEM768", 514, "MLKEM1024",
            4587, "SecP256r1MLKEM768", 4588, "X25519MLKEM768", 4589, "SecP384r1MLKEM1024",
            25497, "X25519Kyber768Draft00", 0xff01, "arbitrary_explicit_prime_curves",
            0xff02, "arbitrary_explicit_char2_curves");

    public static final NameTable SIGNATURE_SCHEMES = new NameTable("TLS SignatureScheme", 4,
            0x0201, "rsa_pkcs1_sha1", 0x0203, "ecdsa_sha1", 0x0401, "rsa_pkcs1_sha256",
            0x0501, "rsa_pkcs1_sha384", 0x0601, "rsa_pkcs1_sha512", 0x0403, "ecdsa_secp256r1_sha256",
            0x0503, "ecdsa_secp384r1_sha384", 0x0603, "ecdsa_secp521r1_sha512", 0x0708, "sm2sig_sm3",
            0x0804, "rsa_pss_rsae_sha256", 0x0805, "rsa_pss_rsae_sha384", 0x0806, "rsa_pss_rsae_sha512",
            0x0807, "ed25519", 0x0808, "ed448", 0x0809, "rsa_pss_pss_sha256", 0x080a, "rsa_pss_pss_sha384",
            0x080b, "rsa_pss_pss_sha512", 0x081a, "ecdsa_brainpoolP256r1tls13_sha256",
            0x081b, "ecdsa_brainpoolP384r1tls13_sha384", 0x081c, "ecdsa_brainpoolP512r1tls13_sha512",
            0x0904, "mldsa44", 0x0905, "mldsa65", 0x0906, "mldsa87",
            // TLS 1.2 SignatureAndHashAlgorithm pairs that have no SignatureScheme of their own
            0x0202, "dsa_sha1_RESERVED", 0x0402, "dsa_sha256_RESERVED", 0x0502, "dsa_sha384_RESERVED",
            0x0602, "dsa_sha512_RESERVED", 0x0301, "rsa_sha224_RESERVED", 0x0302, "dsa_sha224_RESERVED",
            0x0303, "ecdsa_sha224_RESERVED");

    public static final NameTable EXTENSION_TYPES = new NameTable("TLS ExtensionType Values", 4,
            0, "server_name", 1, "max_fragment_length", 2, "client_certificate_url", 3, "trusted_ca_keys",
            4, "truncated_hmac", 5, "status_request", 6, "user_mapping", 7, "client_authz", 8, "server_authz",
            9, "cert_type", 10, "supported_groups", 11, "ec_point_formats", 12, "srp",
            13, "signature_algorithms", 14, "use_srtp", 15, "heartbeat",
            16, "application_layer_protocol_negotiation", 17, "status_request_v2",
            18, "signed_certificate_timestamp", 19, "client_certificate_type", 20, "server_certificate_type",
            21, "padding", 22, "encrypt_then_mac", 23, "extended_master_secret", 24, "token_binding",
            25, "cached_info", 26, "tls_lts", 27, "compress_certificate", 28, "record_size_limit",
            29, "pwd_protect", 30, "pwd_clear", 31, "password_salt", 32, "ticket_pinning",
            33, "tls_cert_with_extern_psk", 34, "delegated_credential", 35, "session_ticket",
            36, "TLMSP", 37, "TLMSP_proxying", 38, "TLMSP_delegate", 39, "supported_ekt_ciphers",
            41, "pre_shared_key", 42, "early_data", 43, "supported_versions", 44, "cookie",
            45, "psk_key_exchange_modes", 47, "certificate_authorities", 48, "oid_filters",
            49, "post_handshake_auth", 50, "signature_algorithms_cert", 51, "key_share",
            52, "transparency_info", 53, "connection_id_deprecated", 54, "connection_id",
            55, "external_id_hash", 56, "external_session_id", 57, "quic_transport_parameters",
            58, "ticket_request", 59, "dnssec_chain", 60, "sequence_number_encryption_algorithms",
            61, "rrc", 65037, "encrypted_client_hello", 65281, "renegotiation_info");

    public static final NameTable EC_POINT_FORMATS = new NameTable("EC Point Format", 2,
            0, "uncompressed", 1, "ansiX962_compressed_prime", 2, "ansiX962_compressed_char2");

    public static final NameTable PSK_KEY_EXCHANGE_MODES = new NameTable("PskKeyExchangeMode", 2,
            0, "psk_ke", 1, "psk_dhe_ke");

    public static final NameTable MAX_FRAGMENT_LENGTHS = new NameTable("MaxFragmentLength", 2,
            1, "2^9", 2, "2^10", 3, "2^11", 4, "2^12");

    public static final NameTable CERTIFICATE_TYPES = new NameTable("ClientCertificateType", 2,
            1, "rsa_sign", 2, "dss_sign", 3, "rsa_fixed_dh", 4, "dss_fixed_dh", 5, "rsa_ephemeral_dh_RESERVED",
            6, "dss_ephemeral_dh_RESERVED", 20, "fortezza_dms_RESERVED", 64, "ecdsa_sign", 65, "rsa_fixed_ecdh",
            66, "ecdsa_fixed_ecdh", 67, "gost_sign256", 68, "gost_sign512");

    public static final NameTable EC_CURVE_TYPES = new NameTable("ECCurveType", 2,
            1, "explicit_prime", 2, "explicit_char2", 3, "named_curve");

    public static final NameTable KEY_UPDATE_REQUESTS = new NameTable("KeyUpdateRequest", 2,
            0, "update_not_requested", 1, "update_requested");

    public static final NameTable CERTIFICATE_STATUS_TYPES = new NameTable("CertificateStatusType", 2, 1, "ocsp",
            2, "ocsp_multi_RESERVED");

    public static final NameTable HEARTBEAT_MESSAGE_TYPES = new NameTable("HeartbeatMessageType", 2,
            1, "heartbeat_request", 2, "heartbeat_response");

    public static String cipherSuite(int code) {
        if (NameTable.isGrease(code)) {
            return "GREASE";
        }
        return CipherSuites.TABLE.name(code);
    }
}
