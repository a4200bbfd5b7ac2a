package io.netstep.tls.internal;

import io.netstep.tls.names.CipherSuites;

/**
 * What record protection a cipher suite uses, derived from its IANA name (the name encodes
 * the bulk cipher, the MAC and the PRF hash). Null from {@link #of(int)} means the decoder
 * cannot decrypt that suite.
 */
public record SuiteParameters(int code, String name, boolean tls13, CipherKind kind, int keyLength,
        int fixedIvLength, int recordIvLength, int tagLength, String macHash, int macLength, String prfHash) {

    public enum CipherKind { AES_GCM, AES_CCM, CHACHA20_POLY1305, AES_CBC }

    public static SuiteParameters of(int code) {
        String name = CipherSuites.TABLE.nameOrNull(code);
        if (name == null) {
            return null;
        }
        switch (name) {
            case "TLS_AES_128_GCM_SHA256":
                return new SuiteParameters(code, name, true, CipherKind.AES_GCM, 16, 12, 0, 16, null, 0, "SHA256");
            case "TLS_AES_256_GCM_SHA384":
                return new SuiteParameters(code, name, true, CipherKind.AES_GCM, 32, 12, 0, 16, null, 0, "SHA384");
            case "TLS_CHACHA20_POLY1305_SHA256":
                return new SuiteParameters(code, name, true, CipherKind.CHACHA20_POLY1305, 32, 12, 0, 16, null, 0,
                        "SHA256");
            case "TLS_AES_128_CCM_SHA256":
                return new SuiteParameters(code, name, true, CipherKind.AES_CCM, 16, 12, 0, 16, null, 0, "SHA256");
            case "TLS_AES_128_CCM_8_SHA256":
                return new SuiteParameters(code, name, true, CipherKind.AES_CCM, 16, 12, 0, 8, null, 0, "SHA256");
            default:
                break;
        }
        int with = name.indexOf("_WITH_");
        if (with < 0) {
            return null;
        }
        String bulk = name.substring(with + 6);
        String prf = bulk.endsWith("SHA384") ? "SHA384" : "SHA256";
        if (bulk.startsWith("AES_128_GCM") || bulk.startsWith("AES_256_GCM")) {
            return new SuiteParameters(code, name, false, CipherKind.AES_GCM, aesKey(bulk), 4, 8, 16, null, 0, prf);
        }
        if (bulk.startsWith("AES_128_CCM") || bulk.startsWith("AES_256_CCM")) {
            int tag = bulk.contains("CCM_8") ? 8 : 16;
            return new SuiteParameters(code, name, false, CipherKind.AES_CCM, aesKey(bulk), 4, 8, tag, null, 0, prf);
        }
        if (bulk.equals("CHACHA20_POLY1305_SHA256")) {
            return new SuiteParameters(code, name, false, CipherKind.CHACHA20_POLY1305, 32, 12, 0, 16, null, 0, prf);
        }
        if (bulk.startsWith("AES_128_CBC_") || bulk.startsWith("AES_256_CBC_")) {
            String mac = bulk.substring("AES_128_CBC_".length());
            int macLen;
            switch (mac) {
                case "SHA":
                    mac = "SHA1";
                    macLen = 20;
                    break;
                case "SHA256":
                    macLen = 32;
                    break;
                case "SHA384":
                    macLen = 48;
                    break;
                default:
                    return null;
            }
            return new SuiteParameters(code, name, false, CipherKind.AES_CBC, aesKey(bulk), 16, 16, 0, mac, macLen, prf);
        }
        return null;
    }

    private static int aesKey(String bulk) {
        return bulk.startsWith("AES_256") ? 32 : 16;
    }
}
