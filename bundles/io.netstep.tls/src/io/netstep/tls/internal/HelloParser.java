package io.netstep.tls.internal;

import io.netstep.tls.ClientHelloInfo;
import io.netstep.tls.Extensions;
import io.netstep.tls.ServerHelloInfo;
import io.netstep.tls.names.TlsNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ClientHello and ServerHello / HelloRetryRequest (RFC 8446 sections 4.1.2, 4.1.3; RFC 5246 7.4.1). */
final class HelloParser {
    /** SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest. */
    static final byte[] HRR_RANDOM = Hex.parse("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private HelloParser() {
    }

    static ClientHelloInfo clientHello(Cursor c, List<String> problems) {
        int version = c.u16("legacy_version", ExtensionParser::version);
        byte[] random = c.bytes("random", 32);
        byte[] sessionId = c.opaque("legacy_session_id", 1, 0, 32);
        Cursor suites = c.vector("cipher_suites", 2, 2, 0xfffe);
        List<Integer> suiteList = new ArrayList<>();
        while (suites.hasRemaining()) {
            suiteList.add(suites.u16("CipherSuite", v -> TlsNames.cipherSuite(v) + " (" + Hex.u16(v) + ")"));
        }
        Cursor comp = c.vector("legacy_compression_methods", 1, 1, 0xff);
        List<Integer> compression = new ArrayList<>();
        while (comp.hasRemaining()) {
            compression.add(comp.u8("CompressionMethod", v -> v == 0 ? "null (0)" : v == 1 ? "DEFLATE (1)" : "" + v));
        }
        Extensions ext = Extensions.NONE;
        if (c.hasRemaining()) {
            ext = new ExtensionParser(ExtensionParser.CLIENT_HELLO, problems).parse(c, 0, 0xffff);
        }
        c.expectEnd("ClientHello");
        return new ClientHelloInfo(version, random, sessionId, List.copyOf(suiteList), List.copyOf(compression), ext);
    }

    static ServerHelloInfo serverHello(Cursor c, List<String> problems) {
        int version = c.u16("legacy_version", ExtensionParser::version);
        byte[] random = c.bytes("random", 32);
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        if (hrr) {
            c.parent().children().get(c.parent().children().size() - 1).setValue(
                    "HelloRetryRequest (SHA-256 of \"HelloRetryRequest\")");
        }
        byte[] sessionId = c.opaque("legacy_session_id_echo", 1, 0, 32);
        int suite = c.u16("cipher_suite", v -> TlsNames.cipherSuite(v) + " (" + Hex.u16(v) + ")");
        int compression = c.u8("legacy_compression_method");
        Extensions ext = Extensions.NONE;
        if (c.hasRemaining()) {
            int ctx = hrr ? ExtensionParser.HELLO_RETRY_REQUEST : ExtensionParser.SERVER_HELLO;
            ext = new ExtensionParser(ctx, problems).parse(c, 0, 0xffff);
        }
        c.expectEnd("ServerHello");
        return new ServerHelloInfo(version, random, sessionId, suite, compression, ext, hrr);
    }
}
