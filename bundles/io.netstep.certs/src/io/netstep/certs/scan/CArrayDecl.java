package io.netstep.certs.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code char}/{@code uint8_t} array, pointer or {@code #define} initialised with a
 * literal, as the compiler lays it out.
 *
 * @param literal      the bytes of the initializer (string: without the compiler's NUL)
 * @param lines        source line of each literal byte
 * @param string       a string literal (the compiler adds a NUL when there is room) rather than a byte list
 * @param pointer      declared as {@code char *name}: sizeof is the pointer's size
 * @param macro        a {@code #define NAME "…"}
 * @param declaredSize the text between the brackets ({@code ""} for {@code []}, null for pointers and macros)
 */
public record CArrayDecl(Path file, int line, String name, byte[] literal, int[] lines, boolean string, boolean pointer,
                         boolean macro, String declaredSize, List<CLiteral.Note> notes) {

    public String where() {
        return file.getFileName() + ":" + line;
    }

    /**
     * The bytes in memory: for a string, the literal plus a NUL when the array has room
     * (no size given, or a larger size), cut at the declared size.
     */
    public byte[] memory(Long resolvedSize) {
        int natural = string ? literal.length + 1 : literal.length;
        int size = resolvedSize == null ? natural : (int) Math.max(0, Math.min(resolvedSize, 1 << 24));
        byte[] m = new byte[size];
        System.arraycopy(literal, 0, m, 0, Math.min(literal.length, size));
        return m;
    }
}
