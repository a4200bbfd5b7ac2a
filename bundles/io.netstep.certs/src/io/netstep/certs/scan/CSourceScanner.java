package io.netstep.certs.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds, in .c/.h files, the arrays initialised with literals, the constants and the
 * mbedTLS/wolfSSL calls that take certificate and key buffers. Textual, not a compiler:
 * it reads what people write (xxd -i output, string literal PEM, {@code #define} PEM,
 * length constants) and skips the TLS libraries' own sources (their test certificates).
 */
public final class CSourceScanner {

    /** Everything found in a set of files. */
    public record Scan(List<CArrayDecl> arrays, List<CConstant> constants, List<CCall> calls, List<Path> files) { }

    public static final List<String> BUFFER_FUNCTIONS = List.of(
            "mbedtls_x509_crt_parse", "mbedtls_x509_crt_parse_der", "mbedtls_x509_crt_parse_der_nocopy", "mbedtls_pk_parse_key",
            "mbedtls_ssl_conf_ca_chain", "mbedtls_ssl_conf_own_cert",
            "wolfSSL_CTX_load_verify_buffer", "wolfSSL_CTX_load_verify_buffer_ex", "wolfSSL_CTX_use_certificate_buffer",
            "wolfSSL_CTX_use_certificate_chain_buffer", "wolfSSL_CTX_use_certificate_chain_buffer_format",
            "wolfSSL_CTX_use_PrivateKey_buffer", "wolfSSL_use_certificate_buffer", "wolfSSL_use_certificate_chain_buffer",
            "wolfSSL_use_certificate_chain_buffer_format", "wolfSSL_use_PrivateKey_buffer", "wolfSSL_CTX_trust_peer_buffer");

    private static final Pattern ARRAY = Pattern.compile(
            "(?<![\\w])((?:(?:static|const|volatile|unsigned|signed|extern)\\s+)*(?:char|uint8_t|int8_t|u8|byte|BYTE)(?:\\s+const)?)"
                    + "\\s*(\\*\\s*(?:const\\s+)?)?([A-Za-z_]\\w*)\\s*(?:\\[([^\\]\\n]*)\\])?\\s*"
                    + "(?:__attribute__\\s*\\(\\((?:[^()]|\\([^()]*\\))*\\)\\)\\s*)?=");
    private static final Pattern DEFINE = Pattern.compile("(?m)^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_]\\w*)[ \\t]+((?:[^\\n\\\\]|\\\\.|\\\\\\n)*)");
    private static final Pattern INT_CONST = Pattern.compile("(?<![\\w])(?:static\\s+)?(?:const\\s+)?(?:(?:unsigned|signed)\\s+)?"
            + "(?:int|long|short|unsigned|size_t|uint16_t|uint32_t|int32_t|word32|word16)\\s+(?:const\\s+)?([A-Za-z_]\\w*)\\s*=\\s*([^;{]+);");
    private static final Pattern CALL = Pattern.compile("(?<![\\w])(" + String.join("|", BUFFER_FUNCTIONS) + ")\\s*\\(");

    private CSourceScanner() { }

    /** Scans every .c/.h under {@code dir}, skipping build output and the TLS libraries' own trees. */
    public static Scan scanDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".c") || n.endsWith(".h") || n.endsWith(".cpp") || n.endsWith(".inc");
            }).filter(p -> !thirdParty(dir.relativize(p))).sorted().toList();
        }
        List<CArrayDecl> arrays = new ArrayList<>();
        List<CConstant> constants = new ArrayList<>();
        List<CCall> calls = new ArrayList<>();
        for (Path f : files) {
            if (Files.size(f) > 4 << 20) continue;
            scanFile(f, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), arrays, constants, calls);
        }
        return new Scan(arrays, constants, calls, files);
    }

    /** The TLS libraries' sources carry test certificates of their own: not the user's. */
    static boolean thirdParty(Path rel) {
        String s = "/" + rel.toString().replace('\\', '/').toLowerCase() + "/";
        return s.contains("/third_party/") || s.contains("/wolfcrypt/") || s.contains("/mbedtls/library/") || s.contains("/wolfssl/wolfssl/")
                || s.contains("/wolfssl/src/") || s.endsWith("/certs_test.h/") || s.contains("/.git/") || s.contains("/target/")
                || s.contains("/node_modules/");
    }

    public static void scanFile(Path file, String source, List<CArrayDecl> arrays, List<CConstant> constants, List<CCall> calls) {
        CText text = new CText(source);
        String code = text.code();
        Matcher m = ARRAY.matcher(code);
        while (m.find()) {
            CLiteral.Parsed p = CLiteral.parse(code, m.end(), text, false);
            if (p == null) continue;
            boolean pointer = m.group(2) != null;
            arrays.add(new CArrayDecl(file, text.lineOf(m.start(3)), m.group(3), p.bytes(), p.lines(), p.string(), pointer, false,
                    pointer ? null : m.group(4) == null ? null : m.group(4).trim(), p.notes()));
        }
        Matcher d = DEFINE.matcher(code);
        while (d.find()) {
            String value = d.group(2).trim();
            if (value.startsWith("\"") || value.startsWith("\\")) {
                CLiteral.Parsed p = CLiteral.parse(code, d.start(2), text, true);
                if (p != null && p.string()) {
                    arrays.add(new CArrayDecl(file, text.lineOf(d.start(1)), d.group(1), p.bytes(), p.lines(), true, false, true, null, p.notes()));
                }
            } else if (!value.isEmpty()) {
                constants.add(new CConstant(file, text.lineOf(d.start(1)), d.group(1), value.replaceAll("\\\\\\s*\\n", " ")));
            }
        }
        Matcher c = INT_CONST.matcher(code);
        while (c.find()) {
            constants.add(new CConstant(file, text.lineOf(c.start(1)), c.group(1), c.group(2).trim()));
        }
        Matcher k = CALL.matcher(code);
        while (k.find()) {
            List<String> args = arguments(code, k.end());
            if (args == null || prototype(code, k.start(), args)) continue;
            calls.add(new CCall(file, text.lineOf(k.start()), k.group(1), args));
        }
    }

    /** Arguments of a call, split at top-level commas; null when the parentheses do not close. */
    static List<String> arguments(String code, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = from; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '"' || ch == '\'') {
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != ch) j += code.charAt(j) == '\\' ? 2 : 1;
                cur.append(code, i, Math.min(j + 1, code.length()));
                i = j;
                continue;
            }
            if (ch == '(' || ch == '[' || ch == '{') depth++;
            if (ch == ')' || ch == ']' || ch == '}') {
                if (depth == 0) {
                    if (!cur.toString().isBlank() || !args.isEmpty()) args.add(cur.toString().trim());
                    return args;
                }
                depth--;
            }
            if (ch == ',' && depth == 0) {
                args.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        return null;
    }

    /** {@code int mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, …);} is a declaration, not a use. */
    private static boolean prototype(String code, int start, List<String> args) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) i--;
        int e = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_' || code.charAt(i) == '*')) i--;
        String before = code.substring(i + 1, e).replace("*", "");
        if (before.matches("int|void|long|WOLFSSL_API|MBEDTLS_DEPRECATED|extern|static")) return true;
        for (String a : args) if (a.matches(".*\\b(?:const\\s+)?(?:unsigned\\s+char|char|size_t|long|int|mbedtls_\\w+|WOLFSSL\\w*)(?:\\s+|\\s*\\*\\s*)\\w+$")) return true;
        return false;
    }
}
