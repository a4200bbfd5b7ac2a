package io.netstep.w5500.internal;

import io.netstep.w5500.Registers;

/**
 * One direction's 16 KB buffer memory (TX or RX). Sockets get consecutive regions in socket
 * order, each Sn_xXBUF_SIZE KB; a socket's 16-bit buffer offset maps to
 * {@code base + (offset & (size - 1))}. The datasheet leaves a sum above 16 KB undefined;
 * the model keeps the 14-bit physical address, so an overcommitted socket's region wraps
 * onto the start of the memory (it overwrites socket 0's data, as one would expect of the
 * hardware), and the chip reports it.
 */
public final class BufferMemory {

    public static final int TOTAL = 16 * 1024;

    private final byte[] mem = new byte[TOTAL];
    private final int[] sizeRegister = new int[8];

    public BufferMemory() {
        reset();
    }

    public void reset() {
        java.util.Arrays.fill(sizeRegister, Registers.Sn_BUF_SIZE_RESET);
    }

    public int sizeRegister(int sn) {
        return sizeRegister[sn];
    }

    public void setSizeRegister(int sn, int value) {
        sizeRegister[sn] = value & 0xFF;
    }

    /** Size in bytes; a value the datasheet does not list counts as 0 KB. */
    public int size(int sn) {
        return Math.max(0, Registers.bufferBytes(sizeRegister[sn]));
    }

    public int base(int sn) {
        int b = 0;
        for (int i = 0; i < sn; i++) {
            b += size(i);
        }
        return b;
    }

    public int totalBytes() {
        return base(8);
    }

    private int physical(int sn, int offset) {
        return (base(sn) + (offset & (size(sn) - 1))) & (TOTAL - 1);
    }

    public int read(int sn, int offset) {
        return size(sn) == 0 ? 0 : mem[physical(sn, offset)] & 0xFF;
    }

    public void write(int sn, int offset, int value) {
        if (size(sn) != 0) {
            mem[physical(sn, offset)] = (byte) value;
        }
    }

    /** Copies {@code len} bytes into the ring starting at 16-bit pointer {@code ptr}. */
    public void put(int sn, int ptr, byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(sn, (ptr + i) & 0xFFFF, data[off + i]);
        }
    }

    /** The {@code len} bytes of the ring from 16-bit pointer {@code ptr}. */
    public byte[] get(int sn, int ptr, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) read(sn, (ptr + i) & 0xFFFF);
        }
        return out;
    }
}
