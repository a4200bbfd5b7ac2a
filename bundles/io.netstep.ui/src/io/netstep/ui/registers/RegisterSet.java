package io.netstep.ui.registers;

import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/** The W5500's registers by datasheet name and width, grouped as the datasheet does: common, then socket n. */
final class RegisterSet {

    /** One register of one block ({@code block} is its BSB); {@code socket} is -1 for the common block. */
    record Reg(int socket, int block, String name, int offset, int width) {

        private static final Set<String> ADDRESSES = Set.of("GAR", "SUBR", "SIPR", "UIPR", "Sn_DIPR");
        private static final Set<String> MACS = Set.of("SHAR", "PHAR", "Sn_DHAR");

        /** "S3_SR"-style name for socket registers, the datasheet name otherwise. */
        String label() {
            return socket < 0 ? name : "S" + socket + name.substring(2);
        }

        boolean isAddress() {
            return ADDRESSES.contains(name);
        }

        boolean isMac() {
            return MACS.contains(name);
        }
    }

    /** A register block: common (socket -1) or socket n's register block. */
    record Group(String label, int socket, int block, List<Reg> registers) { }

    static final List<Group> GROUPS = build();

    private RegisterSet() { }

    static Reg find(int socket, String datasheetName) {
        for (Group g : GROUPS) {
            if (g.socket() == socket) {
                for (Reg r : g.registers()) {
                    if (r.name().equals(datasheetName)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    private static List<Group> build() {
        List<Group> out = new ArrayList<>();
        out.add(group("Common registers", -1, Registers.BSB_COMMON, Registers.COMMON_END, Registers::commonName));
        for (int sn = 0; sn < 8; sn++) {
            out.add(group("Socket " + sn, sn, Registers.socketBlock(sn), Registers.SOCKET_END, Registers::socketName));
        }
        return List.copyOf(out);
    }

    /** "SIPR", "SIPR+1", … become one 4-byte SIPR. */
    private static Group group(String label, int socket, int block, int end, IntFunction<String> names) {
        List<Reg> regs = new ArrayList<>();
        for (int o = 0; o < end; o++) {
            String n = names.apply(o);
            if (n == null) {
                continue;
            }
            int plus = n.indexOf('+');
            if (plus < 0) {
                regs.add(new Reg(socket, block, n, o, 1));
            } else {
                Reg last = regs.remove(regs.size() - 1);
                regs.add(new Reg(socket, block, last.name(), last.offset(), last.width() + 1));
            }
        }
        return new Group(label, socket, block, List.copyOf(regs));
    }

    static Group groupOf(Reg r) {
        return GROUPS.get(r.socket() + 1);
    }
}
