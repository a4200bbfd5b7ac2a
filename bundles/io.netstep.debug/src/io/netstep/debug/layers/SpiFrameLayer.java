package io.netstep.debug.layers;

import io.netstep.session.LogEntry;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The bottom layer: one SPI chip-select frame, with the datasheet name of what it touched. */
public final class SpiFrameLayer implements ProtocolLayer {

    public static final String ID = "spi";

    private static final int SHOWN_BYTES = 64;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "SPI frame";
    }

    @Override
    public int level() {
        return SPI;
    }

    /** Socket of a block select value: -1 for the common block (and reserved blocks). */
    public static int socketOf(int block) {
        return block == Registers.BSB_COMMON || Registers.isReservedBlock(block) || block > 31 ? -1 : (block - 1) / 4;
    }

    /** "Sn_CR", "SIPR+2", "TX buffer 0x0123", … for a block and offset. */
    public static String target(int block, int offset) {
        if (block == Registers.BSB_COMMON) {
            String n = Registers.commonName(offset);
            return n != null ? n : String.format("reserved 0x%04X", offset);
        }
        if (Registers.isReservedBlock(block)) {
            return String.format("reserved block %d", block);
        }
        return switch ((block - 1) % 4) {
            case 0 -> {
                String n = Registers.socketName(offset);
                yield n != null ? n : String.format("reserved 0x%04X", offset);
            }
            case 1 -> String.format("TX buffer 0x%04X", offset);
            default -> String.format("RX buffer 0x%04X", offset);
        };
    }

    @Override
    public ProtocolEvent decode(LogEntry entry) {
        if (!(entry.event() instanceof ChipEvent.SpiFrame f)) {
            return null;
        }
        int socket = socketOf(f.block());
        String target = target(f.block(), f.offset());
        String dir = f.write() ? "write" : "read";
        List<Field> fields = new ArrayList<>();
        fields.add(Field.text("direction", dir));
        fields.add(Field.number("BSB", f.block(), 1));
        fields.add(Field.number("offset", f.offset(), 2));
        fields.add(Field.text("register", target));
        fields.add(Field.text("OM", f.om() == 0 ? "VDM (variable length)" : "FDM " + (1 << (f.om() - 1)) + " byte(s)"));
        fields.add(Field.number("length", f.data().length, 2));
        if (f.data().length == 1) {
            fields.add(Field.number("data", f.data()[0] & 0xFF, 1));
        } else if (f.data().length > 0) {
            int n = Math.min(SHOWN_BYTES, f.data().length);
            String hex = HexFormat.ofDelimiter(" ").formatHex(f.data(), 0, n);
            fields.add(Field.text("data", n < f.data().length ? hex + " …" : hex));
        }
        if (f.problem() != null) {
            fields.add(Field.text("problem", f.problem()));
        }
        String where = socket >= 0 ? " (socket " + socket + ")" : "";
        String value = f.data().length == 1 ? String.format(" = 0x%02X", f.data()[0] & 0xFF)
                : " " + f.data().length + " bytes";
        return new ProtocolEvent(ID, dir, socket, entry, "SPI " + dir + " " + target + where + value,
                Map.of("block", Integer.toString(f.block()), "offset", Integer.toString(f.offset()),
                        "register", target),
                List.copyOf(fields));
    }
}
