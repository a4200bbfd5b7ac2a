package io.netstep.certs.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names across the project's files, for {@link LengthExpr}: arrays by name, constants by name (first definition wins). */
public final class ProjectNames implements LengthExpr.Names {

    /** sizeof(char *) on the PC build; on a Cortex-M it is 4: both are wrong as a certificate length. */
    public static final long POINTER_SIZE = 8;

    private final Map<String, CArrayDecl> arrays = new LinkedHashMap<>();
    private final Map<String, CConstant> constants = new LinkedHashMap<>();

    public ProjectNames(List<CArrayDecl> arrays, List<CConstant> constants) {
        for (CArrayDecl a : arrays) this.arrays.putIfAbsent(a.name(), a);
        for (CConstant c : constants) this.constants.putIfAbsent(c.name(), c);
    }

    public CArrayDecl array(String name) {
        return arrays.get(name);
    }

    public CConstant constantDecl(String name) {
        return constants.get(name);
    }

    /** The array's size as declared ({@code [N]} resolved), or null for {@code []}, pointers and macros. */
    public Long declaredSize(CArrayDecl a) {
        if (a.declaredSize() == null || a.declaredSize().isEmpty()) return null;
        return LengthExpr.evaluate(a.declaredSize(), this).value();
    }

    /** The bytes the compiler lays out for the array. */
    public byte[] memory(CArrayDecl a) {
        return a.memory(declaredSize(a));
    }

    @Override public Long sizeOf(String name) {
        CArrayDecl a = arrays.get(name);
        if (a == null) return null;
        if (a.pointer()) return POINTER_SIZE;
        return (long) memory(a).length;
    }

    @Override public Long strlenOf(String name) {
        CArrayDecl a = arrays.get(name);
        if (a == null) return null;
        return (long) strlen(memory(a));
    }

    @Override public boolean isPointer(String name) {
        CArrayDecl a = arrays.get(name);
        return a != null && a.pointer();
    }

    @Override public String constant(String name) {
        CConstant c = constants.get(name);
        return c == null ? null : c.expression();
    }

    public static int strlen(byte[] m) {
        for (int i = 0; i < m.length; i++) if (m[i] == 0) return i;
        return m.length;
    }
}
