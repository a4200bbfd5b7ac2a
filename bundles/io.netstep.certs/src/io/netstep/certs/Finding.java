package io.netstep.certs;

import java.util.Objects;

/**
 * One thing found about a certificate, key or C array, in plain words.
 *
 * @param severity how bad it is
 * @param code     a short stable id (e.g. {@code pem-missing-nul}) for tools and tests
 * @param where    what it is about: {@code file:line}, a certificate subject, a file name
 * @param message  what is wrong, in the user's words
 * @param fix      what to do about it
 */
public record Finding(Severity severity, String code, String where, String message, String fix) {

    public Finding {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(code);
        where = where == null ? "" : where;
        fix = fix == null ? "" : fix;
    }

    public static Finding error(String code, String where, String message, String fix) {
        return new Finding(Severity.ERROR, code, where, message, fix);
    }

    public static Finding warning(String code, String where, String message, String fix) {
        return new Finding(Severity.WARNING, code, where, message, fix);
    }

    public static Finding info(String code, String where, String message) {
        return new Finding(Severity.INFO, code, where, message, "");
    }

    /** {@code where: SEVERITY: message (code)} and, on the next line, the fix. */
    public String format() {
        StringBuilder b = new StringBuilder();
        if (!where.isEmpty()) b.append(where).append(": ");
        b.append(severity.name().toLowerCase()).append(": ").append(message).append(" [").append(code).append(']');
        if (!fix.isEmpty()) b.append("\n    fix: ").append(fix);
        return b.toString();
    }
}
