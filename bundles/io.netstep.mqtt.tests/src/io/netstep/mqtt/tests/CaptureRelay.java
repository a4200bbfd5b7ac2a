package io.netstep.mqtt.tests;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A TCP relay on 127.0.0.1 between MQTT clients and a broker that decodes each connection's
 * bytes as they pass. Bytes are decoded before they are forwarded, so an answer is never
 * decoded before the packet it answers.
 */
final class CaptureRelay implements AutoCloseable {

    /** What one relayed connection carried. */
    static final class Capture {
        final MqttConnection connection = new MqttConnection();
        final List<MqttPacket> packets = Collections.synchronizedList(new ArrayList<>());
        final List<MqttViolation> streamProblems = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

        List<MqttPacket> packets(Direction d) {
            List<MqttPacket> out = new ArrayList<>();
            synchronized (packets) {
                for (MqttPacket p : packets) {
                    if (p.direction() == d) {
                        out.add(p);
                    }
                }
            }
            return out;
        }
    }

    private final ServerSocket server;
    private final int brokerPort;
    final List<Capture> captures = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    CaptureRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "mqtt-capture-relay");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(broker);
                Capture c = new Capture();
                captures.add(c);
                pump(client, broker, c, Direction.CLIENT_TO_SERVER);
                pump(broker, client, c, Direction.SERVER_TO_CLIENT);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, Capture c, Direction d) {
        c.connection.decoder(d).addListener(new io.netstep.mqtt.MqttListener() {
            @Override
            public void packet(MqttPacket p) {
                c.packets.add(p);
            }

            @Override
            public void streamProblem(Direction dir, MqttViolation v) {
                c.streamProblems.add(v);
            }
        });
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    c.connection.decoder(d).feed(buf, 0, n);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the peer closed
            } catch (RuntimeException e) {
                c.errors.add(e);
            } finally {
                c.connection.decoder(d).endOfStream();
                try {
                    to.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "mqtt-capture-" + d.shortName());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
