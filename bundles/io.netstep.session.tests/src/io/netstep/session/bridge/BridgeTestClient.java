package io.netstep.session.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A small client speaking the bridge wire protocol the way the C shim does, for tests. */
final class BridgeTestClient implements AutoCloseable {

    record Answer(int type, int flags, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private BridgeTestClient(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    static BridgeTestClient connect(String endpoint) throws IOException {
        if (endpoint.startsWith("unix:")) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(Path.of(endpoint.substring(5))));
            return new BridgeTestClient(ch);
        }
        String[] hp = endpoint.substring(4).split(":");
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
        return new BridgeTestClient(ch);
    }

    void send(int type, int flags, byte[] payload) throws IOException {
        Wire.writeMessage(out, type, flags, payload);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Answer read() throws IOException {
        byte[] h = Wire.readHeader(in);
        if (h == null) {
            return null;
        }
        byte[] p = new byte[(int) Wire.u32(h, 4)];
        Wire.readFully(in, p);
        return new Answer(h[0] & 0xFF, h[1] & 0xFF, p);
    }

    /** True when the server has closed the connection (after any pending message). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    Answer hello(String token, String program) throws IOException {
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        byte[] name = program.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[4 + t.length + name.length];
        Wire.putU16(p, 0, Wire.VERSION);
        Wire.putU16(p, 2, t.length);
        System.arraycopy(t, 0, p, 4, t.length);
        System.arraycopy(name, 0, p, 4 + t.length, name.length);
        send(Wire.HELLO, 0, p);
        return read();
    }

    /** Sends one FRAME without waiting for the answer. */
    void sendFrame(int flags, byte[] mosi, int readLength) throws IOException {
        byte[] p = new byte[4 + mosi.length];
        Wire.putU32(p, 0, readLength);
        System.arraycopy(mosi, 0, p, 4, mosi.length);
        send(Wire.FRAME, flags, p);
    }

    Answer frame(int flags, byte[] mosi, int readLength) throws IOException {
        sendFrame(flags, mosi, readLength);
        return read();
    }

    /** A whole chip-select frame writing {@code data} at {@code offset} of {@code block} (variable length mode). */
    Answer writeRegister(int block, int offset, byte... data) throws IOException {
        byte[] mosi = new byte[3 + data.length];
        mosi[0] = (byte) (offset >> 8);
        mosi[1] = (byte) offset;
        mosi[2] = (byte) (block << 3 | 0x04);
        System.arraycopy(data, 0, mosi, 3, data.length);
        return frame(Wire.FLAG_SELECT | Wire.FLAG_DESELECT, mosi, 0);
    }

    /** A whole chip-select frame reading {@code n} bytes at {@code offset} of {@code block}. */
    Answer readRegister(int block, int offset, int n) throws IOException {
        return frame(Wire.FLAG_SELECT | Wire.FLAG_DESELECT, readHeaderBytes(block, offset), n);
    }

    static byte[] readHeaderBytes(int block, int offset) {
        return new byte[] {(byte) (offset >> 8), (byte) offset, (byte) (block << 3)};
    }

    long millis() throws IOException {
        send(Wire.MILLIS, 0, new byte[0]);
        Answer a = read();
        if (a.type() != Wire.MILLIS_OK) {
            throw new IOException("expected MILLIS_OK, got " + Wire.typeName(a.type()) + " " + a.text());
        }
        return Wire.u64(a.payload(), 0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
