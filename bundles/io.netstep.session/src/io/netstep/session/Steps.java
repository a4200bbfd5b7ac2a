package io.netstep.session;

import io.netstep.w5500.ChipEvent;

import java.util.function.Predicate;

/** Ready-made "run until" conditions for {@link Session#step}. */
public final class Steps {

    private Steps() { }

    /** The next SPI chip-select frame. */
    public static Predicate<LogEntry> nextSpiFrame() {
        return e -> e.event() instanceof ChipEvent.SpiFrame;
    }

    /** The next socket command (a value the chip took from Sn_CR). */
    public static Predicate<LogEntry> nextSocketCommand() {
        return e -> e.event() instanceof ChipEvent.Command;
    }

    /** The next Sn_SR change. */
    public static Predicate<LogEntry> nextStateChange() {
        return e -> e.event() instanceof ChipEvent.StateChange;
    }

    /** The next event of the given record type. */
    public static Predicate<LogEntry> next(Class<?> type) {
        return e -> type.isInstance(e.event());
    }
}
