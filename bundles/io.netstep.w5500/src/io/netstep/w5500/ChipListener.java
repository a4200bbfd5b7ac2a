package io.netstep.w5500;

/** Receives every {@link ChipEvent}, on the thread that drives the chip. Must not throw. */
@FunctionalInterface
public interface ChipListener {
    void onEvent(ChipEvent event);
}
