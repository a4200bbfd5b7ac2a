package io.netstep.session.bridge;

import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.SessionTerminatedException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One attached shim: reads requests in order, runs each against the session (which holds
 * it while paused), writes the answer. Any protocol violation ends this client with an
 * ERROR message and a session event; the session itself carries on.
 */
final class BridgeConnection {

    private final BridgeServer server;
    private final Session session;
    private final SocketChannel channel;
    private final Thread thread;
    private String program = "?";
    private boolean hello;

    BridgeConnection(BridgeServer server, SocketChannel channel) {
        this.server = server;
        this.session = server.session();
        this.channel = channel;
        this.thread = new Thread(this::serve, "netstep-bridge-client");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void close() {
        BridgeServer.closeQuietly(channel);
    }

    private void serve() {
        String reason = "end of stream without BYE";
        // Unbuffered: each answer is one write (see Wire.writeMessage); the channel is closed in finally.
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel);
        try {
            try {
                reason = loop(in, out);
            } catch (BridgeProtocolException e) {
                reason = "protocol error";
                refuse(out, e.getMessage());
            } catch (SessionTerminatedException e) {
                reason = "session ended";
                refuse(out, "the session has ended");
            } catch (IllegalStateException e) {
                reason = "internal error";
                refuse(out, "internal error in the virtual chip: " + e.getMessage());
            }
        } catch (IOException e) {
            reason = "the firmware closed the connection without BYE (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            reason = "interrupted";
            Thread.currentThread().interrupt();
        } finally {
            close();
            server.removed(this);
            if (hello) {
                session.record(new SessionEvent.BridgeDisconnected(program, reason));
            }
        }
    }

    /** Serves until BYE or end of stream; returns why it ended. */
    private String loop(InputStream in, OutputStream out)
            throws IOException, SessionTerminatedException, InterruptedException {
        while (true) {
            byte[] h = Wire.readHeader(in);
            if (h == null) {
                return "end of stream without BYE";
            }
            int type = h[0] & 0xFF;
            int flags = h[1] & 0xFF;
            int reserved = Wire.u16(h, 2);
            long length = Wire.u32(h, 4);
            if (length > Wire.MAX_LENGTH) {
                throw new BridgeProtocolException(Wire.typeName(type) + " announces " + length
                        + " payload bytes, more than the limit of " + Wire.MAX_LENGTH);
            }
            byte[] payload = new byte[(int) length];
            try {
                Wire.readFully(in, payload);
            } catch (EOFException e) {
                throw new BridgeProtocolException("truncated message: " + Wire.typeName(type) + " announces "
                        + length + " payload bytes, the stream ended after " + e.getMessage());
            }
            if (reserved != 0) {
                throw new BridgeProtocolException("reserved header bytes of " + Wire.typeName(type)
                        + " must be 0, got 0x" + Integer.toHexString(reserved));
            }
            if (type != Wire.HELLO && !hello) {
                throw new BridgeProtocolException(Wire.typeName(type) + " before HELLO");
            }
            try {
                switch (type) {
                    case Wire.HELLO -> hello(payload, out);
                    case Wire.FRAME -> frame(flags, payload, out);
                    case Wire.MILLIS -> millis(payload, out);
                    case Wire.KEYLOG -> session.keyLogLine(utf8(payload, "KEYLOG line"));
                    case Wire.BYE -> {
                        return "BYE";
                    }
                    default -> throw new BridgeProtocolException("unknown message type " + Wire.typeName(type));
                }
            } catch (BridgeProtocolException e) {
                throw e;
            } catch (IOException e) {
                // The answer could not be written: a shim that exits may send BYE without
                // collecting its last answer. Say so instead of "broken pipe" when it did.
                if (byeFollows(in)) {
                    return "BYE (without reading the answer to its last " + Wire.typeName(type) + ")";
                }
                throw e;
            }
        }
    }

    private static boolean byeFollows(InputStream in) {
        try {
            byte[] h = Wire.readHeader(in);
            return h != null && (h[0] & 0xFF) == Wire.BYE;
        } catch (IOException e) {
            return false;
        }
    }

    private void hello(byte[] p, OutputStream out) throws IOException {
        if (hello) {
            throw new BridgeProtocolException("a second HELLO on the same connection");
        }
        if (p.length < 4) {
            throw new BridgeProtocolException("HELLO too short: " + p.length + " bytes, needs at least 4");
        }
        int version = Wire.u16(p, 0);
        int tokenLength = Wire.u16(p, 2);
        if (4 + tokenLength > p.length) {
            throw new BridgeProtocolException("HELLO token length " + tokenLength + " runs past the payload ("
                    + p.length + " bytes)");
        }
        if (version != Wire.VERSION) {
            throw new BridgeProtocolException("bridge protocol version " + version
                    + " is not supported; this session speaks version " + Wire.VERSION);
        }
        byte[] token = java.util.Arrays.copyOfRange(p, 4, 4 + tokenLength);
        if (!server.tokenMatches(token)) {
            throw new BridgeProtocolException("wrong or missing session token (set NETSTEP_TOKEN to the one "
                    + "this session printed for its TCP bridge)");
        }
        String name = utf8(java.util.Arrays.copyOfRange(p, 4 + tokenLength, p.length), "program name");
        if (!server.attached.compareAndSet(null, this)) {
            throw new BridgeProtocolException("another firmware is already attached to this virtual chip");
        }
        program = name.isEmpty() ? "?" : name;
        hello = true;
        session.record(new SessionEvent.BridgeConnected(program, server.transport()));
        byte[] answer = new byte[2];
        Wire.putU16(answer, 0, Wire.VERSION);
        Wire.writeMessage(out, Wire.HELLO_OK, 0, answer);
    }

    private void frame(int flags, byte[] p, OutputStream out)
            throws IOException, SessionTerminatedException, InterruptedException {
        if (p.length < 4) {
            throw new BridgeProtocolException("FRAME too short: " + p.length + " bytes, needs the 4-byte read length");
        }
        if ((flags & ~(Wire.FLAG_SELECT | Wire.FLAG_DESELECT)) != 0) {
            throw new BridgeProtocolException(String.format("FRAME has unknown flag bits 0x%02X", flags));
        }
        long n = Wire.u32(p, 0);
        if (n > Wire.MAX_LENGTH) {
            throw new BridgeProtocolException("FRAME asks to read " + n + " bytes, more than the limit of "
                    + Wire.MAX_LENGTH);
        }
        byte[] mosi = java.util.Arrays.copyOfRange(p, 4, p.length);
        Session.FrameAnswer a = session.frame((flags & Wire.FLAG_SELECT) != 0, mosi, (int) n,
                (flags & Wire.FLAG_DESELECT) != 0);
        Wire.writeMessage(out, Wire.FRAME_OK, a.intLine() ? Wire.FLAG_INT : 0, a.miso());
    }

    private void millis(byte[] p, OutputStream out)
            throws IOException, SessionTerminatedException, InterruptedException {
        if (p.length != 0) {
            throw new BridgeProtocolException("MILLIS carries no payload, got " + p.length + " bytes");
        }
        byte[] answer = new byte[8];
        Wire.putU64(answer, 0, session.millisRequest());
        Wire.writeMessage(out, Wire.MILLIS_OK, 0, answer);
    }

    private static String utf8(byte[] b, String what) throws BridgeProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new BridgeProtocolException(what + " is not valid UTF-8");
        }
    }

    /** Tells the client why it is dropped, records it, and lets the caller close. */
    private void refuse(OutputStream out, String message) {
        session.record(new SessionEvent.BridgeError(message));
        try {
            Wire.writeMessage(out, Wire.ERROR, 0, message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client is gone already; the event above keeps the reason
        }
    }
}
