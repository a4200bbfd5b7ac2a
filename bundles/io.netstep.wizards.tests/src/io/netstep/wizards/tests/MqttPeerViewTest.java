package io.netstep.wizards.tests;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.testing.MosquittoBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.preflight.MqttPeer;
import io.netstep.preflight.PeerMessage;
import io.netstep.preflight.PreflightSettings;
import io.netstep.wizards.peer.MqttPeerView;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT Peer view on a real mosquitto (TLS): it sees what another client publishes, and its publications arrive. */
class MqttPeerViewTest {

    private MqttPeerView view;

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @BeforeEach
    void open() throws Exception {
        view = (MqttPeerView) page().showView(MqttPeerView.ID);
    }

    @AfterEach
    void close() {
        page().hideView(view);
    }

    @Test
    void receivesAndPublishesThroughTheBroker(@TempDir Path tmp) throws Exception {
        TestPki pki = TestPki.generate();
        try (MosquittoBroker m = MosquittoBroker.tls(pki, tmp.resolve("broker"));
             MqttPeer device = new MqttPeer(new PreflightSettings().host("localhost").port(m.port()).caFile(m.pem().ca()).clientId("device01"))) {
            view.setConnection("localhost", m.port(), true, m.pem().ca(), null, null, "viewer01");
            view.connect();
            Ui.until(() -> !view.status().startsWith("Connecting"), "the view to connect");
            assertTrue(view.isConnected(), view.status());
            assertTrue(view.status().startsWith("Connected to localhost:" + m.port()), view.status());

            LinkedBlockingQueue<PeerMessage> toDevice = new LinkedBlockingQueue<>();
            device.addListener(toDevice::add);
            device.connect().get();
            device.subscribe("commands/device01", 1).get();
            // retained before the view subscribes: the broker hands it over with the retain flag set
            device.publish("devices/device01/raw", new byte[] {0x00, 0x7f, (byte) 0xff}, 0, true).get();

            view.setSubscription("devices/#", 1);
            view.subscribe();
            Ui.until(() -> view.subscriptions().contains("devices/#"), "SUBACK");
            device.publish("devices/device01/state", "on".getBytes(StandardCharsets.UTF_8), 1, false).get();

            Ui.until(() -> view.rows().size() >= 2, "the device's messages in the table");
            assertTrue(view.rows().get(0).contains(" | devices/device01/raw | 0 | yes | "), view.rows().get(0));
            assertTrue(view.rows().get(1).endsWith(" | devices/device01/state | 1 |  | on"), view.rows().get(1));
            view.setHex(true);
            assertTrue(view.rows().get(0).endsWith(" | 00 7f ff"), view.rows().get(0));
            assertTrue(view.rows().get(1).endsWith(" | 6f 6e"), view.rows().get(1));

            view.setPublication("commands/device01", "reboot", 1, false);
            view.publish();
            PeerMessage[] got = new PeerMessage[1];
            Ui.until(() -> (got[0] = toDevice.poll()) != null, "the view's message at the device");
            assertEquals("commands/device01", got[0].topic());
            assertEquals("reboot", got[0].payloadText());
            assertEquals(1, got[0].qos());
            Ui.until(() -> view.status().startsWith("Published"), "PUBACK");
            screenshot("peer-view");

            view.disconnect();
            Ui.until(() -> view.status().startsWith("Disconnected"), "the disconnect");
            assertFalse(view.isConnected());
        }
    }

    @Test
    void aWrongPortIsShownInTheViewNotThrown() throws Exception {
        int closed = MosquittoBroker.freePort();
        view.setConnection("localhost", closed, false, null, null, null, "viewer02");
        view.connect();
        Ui.until(() -> !view.status().startsWith("Connecting"), "the connect to fail");
        assertFalse(view.isConnected());
        assertTrue(view.status().contains(Integer.toString(closed)), view.status());
        screenshot("peer-view-error");
        view.subscribe();
        assertEquals("Connect first.", view.status());
    }

    private void screenshot(String name) {
        IWorkbenchPage page = page();
        page.activate(view);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        Ui.screenshot(view.getSite().getShell(), name);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
    }
}
