package io.netstep.tls;

/** A contiguous run of bytes [offset, offset+length) in one {@link ByteSpace} of a direction. */
public record ByteRange(ByteSpace space, long offset, int length) {
    public long end() {
        return offset + length;
    }

    @Override
    public String toString() {
        return space + "[" + offset + "+" + length + "]";
    }
}
