package io.netstep.session.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Real tshark as the reference decoder: its PDML output gives one {@code <proto name="mqtt">}
 * per MQTT control packet, so packets sharing a frame or a TLS record stay apart.
 */
final class Tshark {

    /** One MQTT packet as tshark decoded it; {@code dir} "c2s" when sent to the broker port. */
    record Mqtt(String dir, String type, String topic, String payloadHex, String packetId) { }

    /** One TLS handshake message: type name by tshark's number, the chosen suite code of a ServerHello. */
    record Hello(String dir, int type, String cipherSuite, String sni) { }

    private Tshark() {
    }

    static Path exe() {
        for (String c : new String[] {"/usr/bin/tshark", "/usr/local/bin/tshark"}) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        assumeTrue(false, "tshark is not installed (apt-get install tshark)");
        return null;
    }

    static Document pdml(Path file, int port, String filter) throws Exception {
        List<String> cmd = List.of(exe().toString(), "-n", "-r", file.toString(), "-d", "tcp.port==" + port + ",tls",
                "-d", "tls.port==" + port + ",mqtt", "-Y", filter, "-T", "pdml");
        Path err = Files.createTempFile("netstep-tshark", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish");
        }
        String e = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " exited " + p.exitValue() + ": " + e);
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(out));
    }

    static List<Mqtt> mqtt(Path file, int port) throws Exception {
        Document d = pdml(file, port, "mqtt");
        List<Mqtt> out = new ArrayList<>();
        NodeList packets = d.getElementsByTagName("packet");
        for (int i = 0; i < packets.getLength(); i++) {
            Element packet = (Element) packets.item(i);
            String dir = String.valueOf(port).equals(show(packet, "tcp.dstport")) ? "c2s" : "s2c";
            NodeList protos = packet.getElementsByTagName("proto");
            for (int j = 0; j < protos.getLength(); j++) {
                Element proto = (Element) protos.item(j);
                if (!"mqtt".equals(proto.getAttribute("name"))) {
                    continue;
                }
                int type = Integer.parseInt(show(proto, "mqtt.msgtype"));
                String msg = attr(proto, "mqtt.msg", "value");
                out.add(new Mqtt(dir, TYPES[type], show(proto, "mqtt.topic"), type == 3 ? (msg == null ? "" : msg) : null,
                        show(proto, "mqtt.msgid")));
            }
        }
        return out;
    }

    static List<Hello> hellos(Path file, int port) throws Exception {
        Document d = pdml(file, port, "tls.handshake.type == 1 || tls.handshake.type == 2");
        List<Hello> out = new ArrayList<>();
        NodeList packets = d.getElementsByTagName("packet");
        for (int i = 0; i < packets.getLength(); i++) {
            Element packet = (Element) packets.item(i);
            String dir = String.valueOf(port).equals(show(packet, "tcp.dstport")) ? "c2s" : "s2c";
            int type = Integer.parseInt(show(packet, "tls.handshake.type"));
            out.add(new Hello(dir, type, type == 2 ? show(packet, "tls.handshake.ciphersuite") : null,
                    show(packet, "tls.handshake.extensions_server_name")));
        }
        return out;
    }

    private static final String[] TYPES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
        "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    private static String show(Element scope, String field) {
        return attr(scope, field, "show");
    }

    /** An attribute of the first {@code <field name=…>} under {@code scope}, or null. */
    private static String attr(Element scope, String field, String attribute) {
        NodeList fields = scope.getElementsByTagName("field");
        for (int i = 0; i < fields.getLength(); i++) {
            Element f = (Element) fields.item(i);
            if (field.equals(f.getAttribute("name"))) {
                return f.getAttribute(attribute);
            }
        }
        return null;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
