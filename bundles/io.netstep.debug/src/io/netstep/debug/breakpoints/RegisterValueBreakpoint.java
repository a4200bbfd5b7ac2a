package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.debug.layers.SpiFrameLayer;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.w5500.ChipEvent;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Stops when a register byte takes a value (it did not hold it at the previous chip event),
 * whoever changed it: an SPI write, a command, the network.
 */
public class RegisterValueBreakpoint extends NetStepBreakpoint {

    public static final String MARKER = "io.netstep.debug.registerValueMarker";
    static final String BLOCK = "io.netstep.debug.block";
    static final String OFFSET = "io.netstep.debug.offset";
    static final String VALUE = "io.netstep.debug.value";

    public RegisterValueBreakpoint() {
    }

    public RegisterValueBreakpoint(int block, int offset, int value, boolean register) throws org.eclipse.core.runtime.CoreException {
        create(MARKER, Map.of(BLOCK, block, OFFSET, offset, VALUE, value & 0xFF), register);
    }

    public int block() {
        return intAttribute(BLOCK, 0);
    }

    public int offset() {
        return intAttribute(OFFSET, 0);
    }

    public int value() {
        return intAttribute(VALUE, 0);
    }

    public void setRegister(int block, int offset) throws org.eclipse.core.runtime.CoreException {
        update(BLOCK, block);
        update(OFFSET, offset);
    }

    public void setValue(int value) throws org.eclipse.core.runtime.CoreException {
        update(VALUE, value & 0xFF);
    }

    @Override
    public Predicate<LogEntry> matcher(Session session, ProtocolLayers layers) {
        int block = block();
        int offset = offset();
        int value = value();
        int[] last = {session.peek(block, offset)};
        return entry -> {
            // Only chip events: they are logged by the thread that holds the chip, so peeking
            // here cannot deadlock with it; every change of a register comes with one.
            if (!(entry.event() instanceof ChipEvent)) {
                return false;
            }
            int now = session.peek(block, offset);
            boolean hit = now == value && last[0] != value;
            last[0] = now;
            return hit;
        };
    }

    @Override
    public String describe() {
        return String.format("%s (BSB %d, 0x%04X) becomes 0x%02X", SpiFrameLayer.target(block(), offset()), block(),
                offset(), value());
    }
}
