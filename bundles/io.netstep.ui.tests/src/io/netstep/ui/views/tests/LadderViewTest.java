package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.ladder.LadderModel;
import io.netstep.ui.ladder.LadderModel.Arrow;
import io.netstep.ui.ladder.LadderModel.Side;
import io.netstep.ui.ladder.LadderView;
import io.netstep.ui.timeline.TimelineFilter;
import io.netstep.ui.timeline.TimelineView;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The Handshake Ladder over a session recorded from the reference firmware against mosquitto over TLS. */
class LadderViewTest {

    @AfterEach
    void clear() {
        NetStepInput.show(null);
    }

    @Test
    void ladderShowsTheHandshakeAndMqttFollowsSelectionAndExports() throws Exception {
        Path session = RecordedSessions.good();
        TimelineView timeline = Ui.open(TimelineView.ID);
        timeline.applyFilter(TimelineFilter.ALL);
        PacketDetailView detail = Ui.open(PacketDetailView.ID);
        LadderView ladder = Ui.open(LadderView.ID);
        NetStepInput input = Opened.open(session);
        Ui.until(() -> ladder.analysis() == input.analysis() && ladder.connection() != null && !ladder.isBusy() && !ladder.model().arrows().isEmpty(),
                "the ladder of the TLS connection is built");
        assertTrue(ladder.connection().isTls(), ladder.connection().toString());

        LadderModel m = ladder.model();
        List<String> labels = m.labels();
        // the order a TLS 1.2 (mbedTLS, ECDHE) connect and an MQTT session take
        List<String> expected = List.of("SYN", "SYN/ACK", "ClientHello", "ServerHello", "Certificate",
                "ServerKeyExchange", "ServerHelloDone", "ClientKeyExchange", "ChangeCipherSpec", "Finished",
                "CONNECT", "CONNACK", "SUBSCRIBE", "SUBACK", "PUBLISH");
        int at = -1;
        for (String l : expected) {
            int next = indexAfter(labels, l, at);
            assertTrue(next > at, l + " after " + (at < 0 ? "the start" : labels.get(at)) + " in " + labels);
            at = next;
        }
        assertEquals(Side.DEVICE, arrow(m, "ClientHello").from());
        assertEquals(Side.BROKER, arrow(m, "ServerHello").from());
        assertEquals(Side.DEVICE, arrow(m, "CONNECT").from());
        assertEquals(Side.BROKER, arrow(m, "CONNACK").from());
        assertTrue(labels.contains("FIN"), "the connection's close: " + labels);

        // states: the decoder's client state is the device's (the firmware is the TLS client)
        for (Arrow a : m.arrows()) {
            String client = a.event().attr("client_state");
            if (client != null) {
                assertEquals(client, a.deviceState(), a.label());
                assertEquals(a.event().attr("server_state"), a.brokerState(), a.label());
            }
            if (a.kind() == LadderModel.Kind.ALERT) {
                assertTrue(a.red(), "alerts are red: " + a);
            }
            if (Boolean.FALSE.equals(a.event().attributes().get("read_by_firmware"))) {
                assertTrue(a.cut(), "bytes the firmware never read end in an X: " + a);
            }
        }
        assertEquals("CONNECTED", arrow(m, "CONNACK").deviceState());
        assertEquals("CONNECTED", arrow(m, "CONNACK").brokerState());
        assertTrue(!arrow(m, "ClientHello").deviceState().equals("CONNECTED"));

        // a click on an arrow selects its event: the timeline and the packet detail follow
        Ui.page().activate(ladder);
        int serverHello = m.indexOf("ServerHello");
        ladder.clickArrow(serverHello);
        ProtocolEvent sh = m.arrows().get(serverHello).event();
        Ui.until(() -> detail.event() == sh, "packet detail shows the clicked ServerHello");
        Ui.until(() -> timeline.selectedEvents().equals(List.of(sh)), "the timeline selects the ServerHello");
        assertEquals(serverHello, ladder.highlighted());

        // selecting elsewhere highlights the arrow: the CONNACK itself, then the record that carried the ServerHello
        Ui.page().activate(timeline);
        ProtocolEvent connack = arrow(m, "CONNACK").event();
        assertTrue(timeline.reveal(connack));
        Ui.until(() -> ladder.highlighted() == m.indexOf("CONNACK"), "the ladder highlights the CONNACK");
        ProtocolEvent record = sh.carriedBy().get(0);
        assertEquals(Layer.TLS_RECORD, record.layer());
        assertTrue(timeline.reveal(record));
        Ui.until(() -> ladder.highlighted() == serverHello, "a record highlights the message it carried");

        // SVG: well-formed, one text per label
        Path dir = Files.createTempDirectory("netstep-ladder");
        Path svg = dir.resolve("ladder.svg");
        ladder.exportSvg(svg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        NodeList texts = doc.getElementsByTagName("text");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            shown.add(texts.item(i).getTextContent());
        }
        for (String l : labels) {
            assertTrue(shown.contains(l), "the SVG shows " + l);
        }
        assertTrue(shown.contains("CONNECTED"), "the states are in the SVG");

        // PNG: decodes to an image of the drawing's size
        Path png = dir.resolve("ladder.png");
        int[] size = ladder.exportPng(png);
        assertEquals(ladder.drawing().width(), size[0]);
        assertEquals(ladder.drawing().height(), size[1]);
        ImageData[] data;
        try (InputStream in = Files.newInputStream(png)) {
            data = new ImageLoader().load(in);
        }
        assertEquals(size[0], data[0].width);
        assertEquals(size[1], data[0].height);
        assertTrue(size[1] > m.arrows().size() * 30, "one band per arrow: " + size[1]);
        assertTrue(Ui.distinctColours(data[0]) >= 4, "the PNG is drawn, not blank");
        Files.copy(png, screenshotDir().resolve("handshake-ladder-export.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(svg, screenshotDir().resolve("handshake-ladder-export.svg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ladder.clickArrow(m.indexOf("ClientHello"));
        assertTrue(Ui.distinctColours(Ui.screenshot(ladder, "handshake-ladder")) >= 8);
        assertSame(input, NetStepInput.current());
    }

    static Path screenshotDir() throws java.io.IOException {
        return Files.createDirectories(Path.of(System.getProperty("netstep.screenshots", "target/screenshots")));
    }

    private static Arrow arrow(LadderModel m, String label) {
        int i = m.indexOf(label);
        assertTrue(i >= 0, "no " + label + " in " + m.labels());
        return m.arrows().get(i);
    }

    private static int indexAfter(List<String> labels, String l, int after) {
        for (int i = after + 1; i < labels.size(); i++) {
            if (labels.get(i).equals(l)) {
                return i;
            }
        }
        return -1;
    }
}
