package io.netstep.w5500.internal;

/** What the SPI frame decoder reads and writes: the chip's blocks by BSB and 16-bit offset. */
public interface Bus {

    int read(int bsb, int offset);

    void write(int bsb, int offset, int value);

    /** Called once when a frame's header is complete: null if fine, else what is wrong with it. */
    String check(int bsb, int offset, boolean write);
}
