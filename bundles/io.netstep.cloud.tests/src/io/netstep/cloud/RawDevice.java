package io.netstep.cloud;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A device that writes MQTT 3.1.1 packets byte by byte over real TLS, for the cases where the test
 * must see exactly what comes back (or that nothing but the close does).
 */
final class RawDevice implements AutoCloseable {

    private final SSLSocket s;
    private final DataInputStream in;
    private final OutputStream out;

    RawDevice(CloudProfile cloud, AwsIotPki.Device device, boolean sendSni) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(device == null ? null : device.keyManagers().getKeyManagers(), cloud.pki().trustManagers().getTrustManagers(), null);
        s = (SSLSocket) c.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), cloud.port());
        s.setSoTimeout(20_000); // bounds a broken test, never a measured duration
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(sendSni ? List.of(new SNIHostName(cloud.endpoint())) : List.of());
        s.setSSLParameters(p);
        s.startHandshake();
        in = new DataInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    static byte[] utf8(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[b.length + 2];
        r[0] = (byte) (b.length >> 8);
        r[1] = (byte) b.length;
        System.arraycopy(b, 0, r, 2, b.length);
        return r;
    }

    void send(int first, byte[]... parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.write(p);
        ByteArrayOutputStream pkt = new ByteArrayOutputStream();
        pkt.write(first);
        int len = body.size();
        do {
            int d = len % 128;
            len /= 128;
            pkt.write(len > 0 ? d | 0x80 : d);
        } while (len > 0);
        body.writeTo(pkt);
        out.write(pkt.toByteArray());
        out.flush();
    }

    /** CONNECT (clean session) and the CONNACK's return code. */
    int connect(String clientId, int keepAlive) throws IOException {
        send(0x10, utf8("MQTT"), new byte[] { 4, 2, (byte) (keepAlive >> 8), (byte) keepAlive }, utf8(clientId));
        byte[] ack = readPacket();
        if (ack == null) throw new EOFException("closed instead of CONNACK");
        if ((ack[0] & 0xF0) != 0x20) throw new IOException("expected CONNACK, got type " + ((ack[0] & 0xFF) >> 4));
        return ack[3];
    }

    void publish(String topic, int qos, int packetId, String payload) throws IOException {
        byte[] pid = qos > 0 ? new byte[] { (byte) (packetId >> 8), (byte) packetId } : new byte[0];
        send(0x30 | (qos << 1), utf8(topic), pid, payload.getBytes(StandardCharsets.UTF_8));
    }

    void subscribe(String filter, int qos, int packetId) throws IOException {
        send(0x82, new byte[] { (byte) (packetId >> 8), (byte) packetId }, utf8(filter), new byte[] { (byte) qos });
    }

    void pingreq() throws IOException {
        send(0xC0);
    }

    /** The next whole packet, or null when the emulator closed the connection. */
    byte[] readPacket() throws IOException {
        try {
            int first = in.read();
            if (first < 0) return null;
            ByteArrayOutputStream pkt = new ByteArrayOutputStream();
            pkt.write(first);
            int len = 0;
            int mult = 1;
            int d;
            do {
                d = in.readUnsignedByte();
                pkt.write(d);
                len += (d & 0x7F) * mult;
                mult *= 128;
            } while ((d & 0x80) != 0);
            byte[] body = new byte[len];
            in.readFully(body);
            pkt.write(body);
            return pkt.toByteArray();
        } catch (EOFException | SocketException e) {
            return null;
        } catch (javax.net.ssl.SSLException e) {
            return null; // the TCP connection was dropped under TLS
        }
    }

    static int type(byte[] packet) {
        return (packet[0] & 0xFF) >> 4;
    }

    @Override public void close() throws IOException {
        s.close();
    }
}
