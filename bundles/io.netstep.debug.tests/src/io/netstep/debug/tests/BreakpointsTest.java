package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.RegisterValueBreakpoint;
import io.netstep.debug.breakpoints.SocketCommandBreakpoint;
import io.netstep.debug.breakpoints.SocketStateBreakpoint;
import io.netstep.debug.breakpoints.TlsAlertBreakpoint;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.net.NetworkOptions;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.session.SessionListener;
import io.netstep.session.cli.NetworkSetup;
import io.netstep.session.diagnosis.Confidence;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BreakpointsTest {

    private final List<IBreakpoint> created = new ArrayList<>();

    @AfterEach
    void delete() throws Exception {
        for (IBreakpoint b : created) {
            b.delete();
        }
    }

    private <T extends NetStepBreakpoint> T keep(T b) {
        created.add(b);
        return b;
    }

    @Test
    void breakpointsLiveOnPersistentWorkspaceRootMarkersAndComeBackFromThem() throws Exception {
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        SocketStateBreakpoint state = keep(new SocketStateBreakpoint(3, Registers.SOCK_CLOSE_WAIT, true));
        MqttPacketBreakpoint mqtt = keep(new MqttPacketBreakpoint("PUBLISH", "sensors/+/temp", true));
        for (NetStepBreakpoint b : List.of(state, mqtt)) {
            IMarker m = b.getMarker();
            assertEquals(IResource.ROOT, m.getResource().getType());
            assertTrue(m.getAttribute(IBreakpoint.PERSISTED, false));
            assertTrue(m.getType().startsWith(NetStepDebug.PLUGIN_ID + "."), m.getType());
            assertSame(b, manager.getBreakpoint(m));
            assertTrue(List.of(manager.getBreakpoints(NetStepDebug.MODEL_ID)).contains(b));
        }
        assertEquals("Sn_SR becomes SOCK_CLOSE_WAIT on socket 3", state.getMarker().getAttribute(IMarker.MESSAGE));

        // what the breakpoint manager does at start-up: a fresh instance on the stored marker
        SocketStateBreakpoint restored = new SocketStateBreakpoint();
        restored.setMarker(state.getMarker());
        assertEquals(3, restored.socket());
        assertEquals(Registers.SOCK_CLOSE_WAIT, restored.state());
        MqttPacketBreakpoint restoredMqtt = new MqttPacketBreakpoint();
        restoredMqtt.setMarker(mqtt.getMarker());
        assertEquals("MQTT PUBLISH on sensors/+/temp", restoredMqtt.describe());
    }

    @Test
    void mqttTopicFiltersMatchAsTheSpecSays() {
        assertTrue(MqttPacketBreakpoint.topicMatches("sensors/+/temp", "sensors/kitchen/temp"));
        assertFalse(MqttPacketBreakpoint.topicMatches("sensors/+/temp", "sensors/kitchen/hum"));
        assertFalse(MqttPacketBreakpoint.topicMatches("sensors/+/temp", "sensors/a/b/temp"));
        assertTrue(MqttPacketBreakpoint.topicMatches("sensors/#", "sensors"));
        assertTrue(MqttPacketBreakpoint.topicMatches("sensors/#", "sensors/a/b"));
        assertTrue(MqttPacketBreakpoint.topicMatches("#", "a/b"));
        assertFalse(MqttPacketBreakpoint.topicMatches("#", "$SYS/broker"));
        assertFalse(MqttPacketBreakpoint.topicMatches("+/broker", "$SYS/broker"));
        assertFalse(MqttPacketBreakpoint.topicMatches("a/b", "a/b/c"));
        assertFalse(MqttPacketBreakpoint.topicMatches("a/b", null));
    }

    /**
     * The TLS / MQTT / diagnosis breakpoints match on layer, type and attributes only. This
     * layer maps notes "LAYER TYPE k=v ..." to such events, to check the matching of each kind
     * in isolation (the real TLS/MQTT events come from the analysis: see LaunchAndDebugTest).
     */
    private static final class NoteLayer implements ProtocolLayer {
        @Override public String id() { return "test"; }
        @Override public String label() { return "test"; }
        @Override public int level() { return 600; }

        @Override
        public ProtocolEvent decode(LogEntry entry) {
            if (!(entry.event() instanceof SessionEvent.NetworkNote n) || !n.kind().equals("analysis-test")) {
                return null;
            }
            String[] w = n.message().split(" ");
            Map<String, String> attrs = new java.util.HashMap<>();
            for (int i = 2; i < w.length; i++) {
                attrs.put(w[i].substring(0, w[i].indexOf('=')), w[i].substring(w[i].indexOf('=') + 1));
            }
            return new ProtocolEvent(w[0], w[1], 0, entry, n.message(), attrs, List.of());
        }
    }

    private static boolean fires(NetStepBreakpoint b, String note) throws Exception {
        ProtocolLayers layers = new ProtocolLayers(List.of(new NoteLayer()));
        Predicate<LogEntry> p = b.matcher(null, layers);
        return p.test(new LogEntry(1, 0, 0, new SessionEvent.NetworkNote("analysis-test", note)));
    }

    @Test
    void analysisBreakpointsMatchOnLayerTypeAndAttributes() throws Exception {
        MqttPacketBreakpoint publish = keep(new MqttPacketBreakpoint("PUBLISH", "sensors/+/temp", false));
        assertTrue(fires(publish, AnalysisLayers.MQTT_PACKET + " PUBLISH topic=sensors/k/temp"));
        assertFalse(fires(publish, AnalysisLayers.MQTT_PACKET + " PUBLISH topic=other"));
        assertFalse(fires(publish, AnalysisLayers.MQTT_PACKET + " SUBSCRIBE topic=sensors/k/temp"));

        TlsAlertBreakpoint anyAlert = keep(new TlsAlertBreakpoint(null, false));
        TlsAlertBreakpoint badCert = keep(new TlsAlertBreakpoint("bad_certificate", false));
        String alert = AnalysisLayers.TLS_HANDSHAKE + " Alert level=fatal description=unknown_ca";
        assertTrue(fires(anyAlert, alert));
        assertFalse(fires(badCert, alert));

        HandshakeMessageBreakpoint hello = keep(new HandshakeMessageBreakpoint("ServerHello", false));
        assertTrue(fires(hello, AnalysisLayers.TLS_HANDSHAKE + " ServerHello side=server"));
        assertFalse(fires(hello, alert));
        assertFalse(fires(hello, AnalysisLayers.TLS_HANDSHAKE + " ClientHello side=client"));

        DiagnosisBreakpoint f1 = keep(new DiagnosisBreakpoint("F1", false));
        assertTrue(fires(f1, AnalysisLayers.DIAGNOSIS + " raised id=F1"));
        assertFalse(fires(f1, AnalysisLayers.DIAGNOSIS + " raised id=F2"));

        // the built-in layers never produce these events: nothing fires on the chip's own
        ProtocolLayers builtIn = ProtocolLayers.builtIn();
        assertFalse(publish.matcher(null, builtIn).test(new LogEntry(1, 0, 0,
                new io.netstep.w5500.ChipEvent.StateChange(0, 0, 0x15, 0x17, "CON"))));
    }

    @Test
    void diagnosisBreakpointsMatchTheIdAndAtLeastTheConfidence() throws Exception {
        DiagnosisBreakpoint likely = keep(new DiagnosisBreakpoint("F1", Confidence.LIKELY, false));
        assertTrue(fires(likely, AnalysisLayers.DIAGNOSIS + " raised id=F1 confidence=CERTAIN"));
        assertTrue(fires(likely, AnalysisLayers.DIAGNOSIS + " raised id=F1 confidence=LIKELY"));
        assertFalse(fires(likely, AnalysisLayers.DIAGNOSIS + " raised id=F1 confidence=POSSIBLE"));
        assertFalse(fires(likely, AnalysisLayers.DIAGNOSIS + " raised id=F3 confidence=CERTAIN"));
        likely.setMinimumConfidence(Confidence.CERTAIN);
        likely.setDiagnosisId("");
        assertFalse(fires(likely, AnalysisLayers.DIAGNOSIS + " raised id=F1 confidence=LIKELY"));
        assertTrue(fires(likely, AnalysisLayers.DIAGNOSIS + " raised id=F3 confidence=CERTAIN"));
        assertEquals("diagnosis (any) raised, certain or surer", likely.getMarker().getAttribute(IMarker.MESSAGE));
    }

    /** Markers as an earlier version persisted them (attribute names by hand): they still load and match. */
    @Test
    void persistedMarkersLoadWithTheirAttributeNames() throws Exception {
        IMarker diag = ResourcesPlugin.getWorkspace().getRoot().createMarker(DiagnosisBreakpoint.MARKER);
        IMarker state = ResourcesPlugin.getWorkspace().getRoot().createMarker(SocketStateBreakpoint.MARKER);
        try {
            diag.setAttributes(Map.of(IBreakpoint.ID, NetStepDebug.MODEL_ID, "io.netstep.debug.diagnosisId", "F11"));
            state.setAttributes(Map.of(IBreakpoint.ID, NetStepDebug.MODEL_ID, "io.netstep.debug.socket", 2,
                    "io.netstep.debug.state", Registers.SOCK_CLOSE_WAIT));
            DiagnosisBreakpoint d = new DiagnosisBreakpoint();
            d.setMarker(diag);
            assertEquals("F11", d.diagnosisId());
            assertEquals(Confidence.POSSIBLE, d.minimumConfidence(), "no minimum stored: any");
            assertTrue(fires(d, AnalysisLayers.DIAGNOSIS + " raised id=F11 confidence=POSSIBLE"));
            SocketStateBreakpoint s = new SocketStateBreakpoint();
            s.setMarker(state);
            assertEquals("Sn_SR becomes SOCK_CLOSE_WAIT on socket 2", s.describe());
        } finally {
            diag.delete();
            state.delete();
        }
    }

    /** The shared skeleton: layer, type, socket, then the breakpoint's own attributes; setters update the marker. */
    @Test
    void socketBreakpointsMatchTheirSocketAndFollowTheirSetters() throws Exception {
        SocketCommandBreakpoint cmd = keep(new SocketCommandBreakpoint(SocketCommandBreakpoint.ANY_SOCKET,
                Registers.Sn_CR_CONNECT, false));
        Predicate<LogEntry> any = cmd.matcher(null, ProtocolLayers.builtIn());
        assertTrue(any.test(command(1, Registers.Sn_CR_CONNECT)));
        assertFalse(any.test(command(1, Registers.Sn_CR_SEND)));
        assertFalse(any.test(new LogEntry(1, 0, 0, new io.netstep.w5500.ChipEvent.StateChange(0, 1, 0x13, 0x17, "CON"))),
                "a state change is not a command, though on the same layer");
        cmd.setSocket(2);
        cmd.setCommand(Registers.Sn_CR_SEND);
        assertEquals("Sn_CR SEND on socket 2", cmd.getMarker().getAttribute(IMarker.MESSAGE));
        Predicate<LogEntry> two = cmd.matcher(null, ProtocolLayers.builtIn());
        assertTrue(two.test(command(2, Registers.Sn_CR_SEND)));
        assertFalse(two.test(command(1, Registers.Sn_CR_SEND)));
        assertFalse(two.test(command(2, Registers.Sn_CR_CONNECT)));
    }

    private static LogEntry command(int socket, int command) {
        return new LogEntry(1, 0, 0, new io.netstep.w5500.ChipEvent.Command(0, socket, command, Registers.SOCK_INIT));
    }

    @Test
    void registerValueBreakpointStopsTheSessionWhenTheRegisterTakesTheValue() throws Exception {
        RegisterValueBreakpoint sipr = keep(new RegisterValueBreakpoint(Registers.BSB_COMMON, Registers.SIPR + 3, 7, false));
        assertEquals("SIPR+3 (BSB 0, 0x0012) becomes 0x07", sipr.describe());
        try (Session session = new Session(NetworkSetup.binder(new NetworkOptions()))) {
            CompletableFuture<LogEntry> stop = new CompletableFuture<>();
            session.addSessionListener(new SessionListener() {
                @Override
                public void suspended(SuspendReason reason, LogEntry cause) {
                    if (reason == SuspendReason.BREAKPOINT) {
                        stop.complete(cause);
                    }
                }
            });
            session.addBreakpoint(new io.netstep.session.Breakpoint("sipr", sipr.matcher(session, ProtocolLayers.builtIn())));
            session.start();
            // SPI writes as the shim sends them: offset, control byte, data
            int control = Registers.control(Registers.BSB_COMMON, true, Registers.OM_VDM);
            session.frame(true, new byte[] {0, (byte) Registers.SIPR, (byte) control, (byte) 192, (byte) 168, 1, 9}, 0, true);
            assertFalse(session.isPaused(), "192.168.1.9: SIPR+3 is not 7");
            session.frame(true, new byte[] {0, (byte) Registers.SIPR, (byte) control, (byte) 192, (byte) 168, 1, 7}, 0, true);
            LogEntry cause = stop.get(30, TimeUnit.SECONDS);
            assertTrue(cause.event() instanceof io.netstep.w5500.ChipEvent.SpiFrame, cause.toString());
            assertEquals(7, session.peek(Registers.BSB_COMMON, Registers.SIPR + 3));
        }
    }
}
