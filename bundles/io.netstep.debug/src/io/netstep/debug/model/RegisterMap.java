package io.netstep.debug.model;

import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/** The W5500 registers by datasheet name and width, derived from {@link Registers}' byte names. */
public final class RegisterMap {

    /** One register: its offset in its block and its width in bytes. */
    public record Register(String name, int offset, int width) {

        /** Registers that hold an IPv4 address (shown dotted). */
        private static final Set<String> ADDRESSES = Set.of("GAR", "SUBR", "SIPR", "UIPR", "Sn_DIPR");

        public boolean isAddress() {
            return width == 4 && ADDRESSES.contains(name);
        }
    }

    public static final List<Register> COMMON = build(Registers.COMMON_END, Registers::commonName);
    public static final List<Register> SOCKET = build(Registers.SOCKET_END, Registers::socketName);

    private RegisterMap() { }

    public static Register byName(List<Register> registers, String name) {
        return registers.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** "SIPR", "SIPR+1", … become one 4-byte SIPR. */
    private static List<Register> build(int end, IntFunction<String> names) {
        List<Register> out = new ArrayList<>();
        for (int o = 0; o < end; o++) {
            String n = names.apply(o);
            if (n == null) {
                continue;
            }
            int plus = n.indexOf('+');
            if (plus < 0) {
                out.add(new Register(n, o, 1));
            } else if (!out.isEmpty() && out.get(out.size() - 1).name().equals(n.substring(0, plus))) {
                Register last = out.remove(out.size() - 1);
                out.add(new Register(last.name(), last.offset(), last.width() + 1));
            }
        }
        return List.copyOf(out);
    }
}
