package io.netstep.w5500.internal;

import io.netstep.w5500.ChipEvent;
import java.io.ByteArrayOutputStream;

/**
 * The SPI slave: address phase (2 bytes, MSB first), control phase (BSB, RWB, OM), data phase.
 * While the header is clocked in, MISO shows 0x01, 0x02, 0x03 (what a real W5500 drives,
 * undocumented). Data bytes take effect one by one as they are clocked, with the offset
 * auto-incrementing and wrapping at 16 bits. In fixed-length mode (OM 1/2/3) the frame ends
 * after 1/2/4 data bytes whatever SCSn does; further bytes start a new frame.
 */
public final class SpiFrameDecoder {

    private final Bus bus;
    private final Emitter out;

    private boolean selected;
    private int headerCount;
    private int address;
    private int control;
    private int offset;
    private int fixedLength;
    private int dataCount;
    private String problem;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    /** A fixed-length frame ended inside this selection: a header cut short is then explained. */
    private boolean afterFixedFrame;

    public SpiFrameDecoder(Bus bus, Emitter out) {
        this.bus = bus;
        this.out = out;
    }

    public boolean selected() {
        return selected;
    }

    public void select() {
        if (selected) {
            out.diag(-1, "SCSn driven low while already low: no new frame starts");
            return;
        }
        selected = true;
        afterFixedFrame = false;
        startFrame();
    }

    private void startFrame() {
        headerCount = 0;
        address = 0;
        control = 0;
        dataCount = 0;
        problem = null;
        data.reset();
    }

    public byte[] exchange(byte[] mosi) {
        if (mosi == null) {
            out.diag(-1, "SPI exchange without data (null)");
            return new byte[0];
        }
        byte[] miso = new byte[mosi.length];
        if (!selected) {
            out.diag(-1, mosi.length + " byte(s) clocked while SCSn is high: the chip ignores them, MISO stays released");
            return miso;
        }
        for (int i = 0; i < mosi.length; i++) {
            miso[i] = (byte) clock(mosi[i] & 0xFF);
        }
        return miso;
    }

    private int clock(int b) {
        if (headerCount < 3) {
            if (headerCount < 2) {
                address = (address << 8) | b;
            } else {
                control = b;
                offset = address;
                int om = control & 3;
                fixedLength = om == 0 ? 0 : om == 3 ? 4 : om;
                problem = bus.check(bsb(), address, write());
                if (problem != null) {
                    out.diag(-1, problem);
                }
            }
            headerCount++;
            return headerCount; // 0x01, 0x02, 0x03
        }
        int miso = 0;
        if (write()) {
            bus.write(bsb(), offset, b);
            data.write(b);
        } else {
            miso = bus.read(bsb(), offset) & 0xFF;
            data.write(miso);
        }
        offset = (offset + 1) & 0xFFFF;
        dataCount++;
        if (fixedLength > 0 && dataCount == fixedLength) {
            endFrame();
            afterFixedFrame = true;
            startFrame();
        }
        return miso;
    }

    public void deselect() {
        if (!selected) {
            out.diag(-1, "SCSn driven high while already high");
            return;
        }
        selected = false;
        if (headerCount == 0) {
            if (!afterFixedFrame) {
                problem = "empty frame: SCSn went low and high with no byte clocked";
                out.diag(-1, problem);
                out.emit(new ChipEvent.SpiFrame(out.now(), -1, -1, false, 0, new byte[0], problem));
            }
            return;
        }
        if (headerCount < 3) {
            problem = "frame cut short: SCSn went high after " + headerCount + " of 3 header bytes"
                    + (afterFixedFrame ? " (bytes after a fixed-length frame start a new frame)" : "")
                    + "; the chip ignores it";
            out.diag(-1, problem);
            int partialOffset = headerCount == 2 ? address : -1; // the offset is known once both address bytes came
            out.emit(new ChipEvent.SpiFrame(out.now(), -1, partialOffset, false, 0, new byte[0], problem));
            return;
        }
        if (fixedLength > 0 && dataCount < fixedLength) {
            addProblem("fixed-length frame of " + fixedLength + " byte(s) ended by SCSn after " + dataCount
                    + " data byte(s); the bytes clocked took effect");
        } else if (fixedLength == 0 && dataCount == 0) {
            addProblem("variable-length frame without a data phase");
        }
        endFrame();
    }

    private void addProblem(String p) {
        out.diag(-1, p);
        problem = problem == null ? p : problem + "; " + p;
    }

    private void endFrame() {
        out.emit(new ChipEvent.SpiFrame(out.now(), bsb(), address, write(), control & 3, data.toByteArray(), problem));
    }

    private int bsb() {
        return (control >> 3) & 0x1F;
    }

    private boolean write() {
        return (control & 0x04) != 0;
    }
}
