package io.netstep.w5500;

/**
 * Everything the chip does, in order. {@code time} is the virtual clock in nanoseconds.
 * Socket numbers are 0..7; {@code -1} where the event belongs to the common block.
 * Byte arrays are owned by the event (copies); listeners must not modify them.
 */
public sealed interface ChipEvent {

    long time();

    /**
     * One SPI chip-select frame as the chip decoded it. {@code block} is the BSB (0..31),
     * {@code offset} the 16-bit start address, {@code om} the operation mode (0 = variable,
     * 1/2/3 = fixed 1/2/4 bytes), {@code data} the data phase (written or read bytes).
     * {@code problem} is null for a well-formed frame, else what was wrong (cut short,
     * reserved block, fixed length mismatch).
     */
    record SpiFrame(long time, int block, int offset, boolean write, int om, byte[] data, String problem)
            implements ChipEvent { }

    /** A value written to Sn_CR and taken by the chip, with the state it met. */
    record Command(long time, int socket, int command, int stateBefore) implements ChipEvent { }

    /** Sn_SR changed. */
    record StateChange(long time, int socket, int from, int to, String cause) implements ChipEvent { }

    /** Interrupt bits were raised ({@code raised}) in Sn_IR (socket ≥ 0) or IR (socket -1); {@code intLine} is the INTn level after it (true = asserted, low). */
    record Interrupt(long time, int socket, int raised, boolean intLine) implements ChipEvent { }

    /** Bytes moved between a socket's ring and the network ({@code tx}: sent by the chip). */
    record Data(long time, int socket, boolean tx, byte[] bytes, byte[] peerIp, int peerPort) implements ChipEvent { }

    /** Something the firmware or the network did that the real chip would ignore or mishandle. */
    record Diagnostic(long time, int socket, String message) implements ChipEvent { }

    /** Software reset (MR RST) or power-on. */
    record Reset(long time, boolean software) implements ChipEvent { }
}
