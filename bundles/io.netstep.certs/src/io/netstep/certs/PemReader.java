package io.netstep.certs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits PEM text into blocks, strictly: it reports where the text is broken (by character
 * offset, so callers can name the line in a file or in C source) instead of guessing.
 * Text outside blocks (OpenSSL "Bag Attributes", comments) is ignored as TLS libraries do.
 */
public final class PemReader {

    /** One {@code -----BEGIN label-----} … {@code -----END label-----} block. */
    public record Block(String label, byte[] der, Map<String, String> headers, int beginOffset, int endOffset, String text) {
        public boolean encrypted() {
            return headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
        }
    }

    /** A broken spot: {@code offset} is where in the text it is. */
    public record Problem(String code, int offset, String message, String fix) { }

    public record Result(List<Block> blocks, List<Problem> problems) { }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemReader() { }

    public static boolean looksLikePem(CharSequence text) {
        return text.toString().contains(BEGIN);
    }

    public static Result read(CharSequence input) {
        String text = input.toString();
        List<Block> blocks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int pos = 0;
        while (true) {
            int b = text.indexOf(BEGIN, pos);
            if (b < 0) break;
            int labelEnd = text.indexOf(DASHES, b + BEGIN.length());
            int eol = lineEnd(text, b);
            if (labelEnd < 0 || labelEnd > eol) {
                problems.add(new Problem("pem-bad-header", b, "the BEGIN line is not closed with \"-----\"",
                        "write the header exactly as -----BEGIN CERTIFICATE-----"));
                pos = b + BEGIN.length();
                continue;
            }
            String label = text.substring(b + BEGIN.length(), labelEnd);
            int bodyStart = labelEnd + DASHES.length();
            if (bodyStart < text.length() && text.charAt(bodyStart) != '\n' && text.charAt(bodyStart) != '\r') {
                problems.add(new Problem("pem-no-newline-after-header", bodyStart,
                        "no line break after \"-----BEGIN " + label + "-----\": the base64 starts on the header line. "
                                + "mbedTLS rejects this (-0x2780, \"Format not recognized as DER or PEM\"); wolfSSL accepts it",
                        "end the header line with \\n (in C: \"-----BEGIN " + label + "-----\\n\")"));
            }
            int e = text.indexOf(END, bodyStart);
            int nextBegin = text.indexOf(BEGIN, bodyStart);
            if (e < 0 || (nextBegin >= 0 && nextBegin < e)) {
                problems.add(new Problem("pem-truncated", b, "\"-----BEGIN " + label + "-----\" has no END line: the text is cut off",
                        "copy the whole block, up to and including -----END " + label + "-----"));
                pos = bodyStart;
                continue;
            }
            int endLabelEnd = text.indexOf(DASHES, e + END.length());
            String endLabel = endLabelEnd < 0 ? "" : text.substring(e + END.length(), endLabelEnd);
            if (!endLabel.equals(label)) {
                problems.add(new Problem("pem-mismatch", e, "\"-----BEGIN " + label + "-----\" is closed by \"-----END " + endLabel
                        + "-----\": header and footer must name the same thing (two objects were spliced together?)",
                        "use one complete block: -----BEGIN " + label + "----- … -----END " + label + "-----"));
            }
            int blockEnd = endLabelEnd < 0 ? e + END.length() : endLabelEnd + DASHES.length();
            Map<String, String> headers = new LinkedHashMap<>();
            int bodyFrom = readHeaders(text, bodyStart, e, headers);
            byte[] der = decodeBase64(text, bodyFrom, e, label, problems);
            if (der != null && endLabel.equals(label)) {
                checkDerLength(der, label, b, problems);
                blocks.add(new Block(label, der, headers, b, blockEnd, text.substring(b, blockEnd)));
            }
            pos = blockEnd;
        }
        return new Result(blocks, problems);
    }

    private static int lineEnd(String text, int from) {
        int n = text.indexOf('\n', from);
        return n < 0 ? text.length() : n;
    }

    /** RFC 1421 headers (Proc-Type, DEK-Info) of legacy encrypted keys; returns where the base64 starts. */
    private static int readHeaders(String text, int from, int end, Map<String, String> headers) {
        int p = from;
        while (p < end) {
            while (p < end && (text.charAt(p) == '\r' || text.charAt(p) == '\n')) p++;
            int eol = Math.min(lineEnd(text, p), end);
            String line = text.substring(p, eol).trim();
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z-]+")) return p;
            headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
            p = eol;
        }
        return p;
    }

    private static byte[] decodeBase64(String text, int from, int to, String label, List<Problem> problems) {
        StringBuilder b64 = new StringBuilder(to - from);
        int padding = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (c == '=') {
                padding++;
            } else if (!alphabet || padding > 0) {
                problems.add(new Problem("pem-not-base64", i, "not base64: " + describeChar(c) + " inside the " + label + " block"
                        + (padding > 0 && alphabet ? " after the '=' padding (two blocks run together?)" : "")
                        + (c == '\\' ? " (an escape in a C string went wrong: \\\\n or \\\" written where \\n was meant)" : ""),
                        "take the block again from the original file; in C, end each line with \\n and nothing else"));
                return null;
            }
            b64.append(c);
        }
        if (padding > 2 || b64.length() % 4 != 0) {
            problems.add(new Problem("pem-base64-length", to, "the base64 of the " + label + " block has " + b64.length()
                    + " characters, not a multiple of 4: characters or a line are missing",
                    "take the block again from the original file"));
            return null;
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("pem-not-base64", from, "the base64 of the " + label + " block does not decode: " + e.getMessage(),
                    "take the block again from the original file"));
            return null;
        }
    }

    private static void checkDerLength(byte[] der, String label, int offset, List<Problem> problems) {
        int declared = Der.declaredLength(der);
        if (declared > 0 && declared != der.length) {
            problems.add(new Problem("pem-der-length", offset, "the " + label + " block decodes to " + der.length
                    + " bytes but the DER inside says " + declared + (declared > der.length ? ": lines are missing" : ": extra data"),
                    "take the block again from the original file"));
        }
    }

    static String describeChar(char c) {
        if (c == '\\') return "'\\' (a backslash)";
        if (c == '"') return "'\"' (a quote)";
        if (c < 0x20 || c >= 0x7f) return String.format("byte 0x%02X", (int) c);
        return "'" + c + "'";
    }
}
