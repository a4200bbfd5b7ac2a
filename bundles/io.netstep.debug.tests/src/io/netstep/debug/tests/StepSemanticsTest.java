package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.layers.SocketDataLayer;
import io.netstep.debug.layers.SpiFrameLayer;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step over / into / return on a real session (reference firmware → virtual W5500 → a real
 * mosquitto over TLS 1.2):
 * over = the next event at the frame's layer, into = one layer down or the next MQTT field,
 * return = one layer up (from a field: back to its packet).
 */
class StepSemanticsTest {

    private static final long WAIT = 90;

    @TempDir
    static Path dir;
    private static MosquittoBroker mosquitto;

    private ILaunch launch;
    private final List<IBreakpoint> breakpoints = new ArrayList<>();

    @BeforeAll
    static void startMosquitto() throws Exception {
        mosquitto = MosquittoBroker.tls(TestPki.generate(), dir);
    }

    @AfterAll
    static void stopMosquitto() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        for (IBreakpoint b : breakpoints) {
            b.delete();
        }
        assertEquals(List.of(), ReferenceFirmware.alive(), "no firmware process is left running");
    }

    private static LayerStackFrame frame(W5500Thread thread, String layer) throws Exception {
        for (IStackFrame f : thread.getStackFrames()) {
            if (((LayerStackFrame) f).layer().id().equals(layer)) {
                return (LayerStackFrame) f;
            }
        }
        throw new AssertionError("no " + layer + " frame in " + Arrays.toString(thread.getStackFrames()));
    }

    private static LayerStackFrame top(W5500Thread thread) throws Exception {
        return (LayerStackFrame) thread.getTopStackFrame();
    }

    /** Waits for RESUME(kind) of the target, then the thread's SUSPEND(STEP_END). */
    private static void stepped(DebugEvents events, NetStepDebugTarget target, W5500Thread thread, int kind) throws Exception {
        events.next("RESUME(" + kind + ")", DebugEvents.of(target, DebugEvent.RESUME, kind), WAIT);
        events.next("thread SUSPEND(STEP_END)", DebugEvents.of(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END), WAIT);
    }

    @Test
    void mqttFieldsAreSteppedIntoOverAndOutOfWithoutRunning() throws Exception {
        MqttPacketBreakpoint connack = new MqttPacketBreakpoint("CONNACK", null, true);
        breakpoints.add(connack);
        try (DebugEvents events = new DebugEvents()) {
            launch = Launches.mosquitto("step-fields", mosquitto).doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND at CONNACK",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            LayerStackFrame packet = top(thread);
            assertEquals(AnalysisLayers.MQTT_PACKET, packet.layer().id());
            assertEquals("CONNACK", packet.event().type());
            int logSize = target.session().log().size();

            // step into the packet: its first field, on top of the packet; nothing ran
            packet.stepInto();
            stepped(events, target, thread, DebugEvent.STEP_INTO);
            LayerStackFrame first = top(thread);
            assertEquals(AnalysisLayers.MQTT_FIELD, first.layer().id(), Arrays.toString(thread.getStackFrames()));
            assertEquals("0", first.event().attribute("index"));
            assertEquals("CONNACK", first.event().attribute("packet"));
            assertEquals(packet.event().entry().seq(), first.event().entry().seq());
            assertEquals(packet.event(), frame(thread, AnalysisLayers.MQTT_PACKET).event(), "the packet frame stays below");
            int count = Integer.parseInt(first.event().attribute("count"));
            assertTrue(count >= 2, "a CONNACK has at least its flags and return code: " + first.event().attributes());
            assertEquals(first.event().attribute("field"), first.getVariables()[0].getName(), "the field is the first variable");
            // the whole stack, top first: MQTT field, MQTT packet, TLS message, TLS record, socket data, SPI frame
            List<String> stack = Arrays.stream(thread.getStackFrames()).map(f -> ((LayerStackFrame) f).layer().id()).toList();
            List<String> wanted = List.of(AnalysisLayers.MQTT_FIELD, AnalysisLayers.MQTT_PACKET, AnalysisLayers.TLS_HANDSHAKE,
                    AnalysisLayers.TLS_RECORD, SocketDataLayer.ID, SpiFrameLayer.ID);
            assertEquals(wanted, stack.stream().filter(wanted::contains).toList(), stack.toString());

            // step over at the field level: the next field of the same packet
            first.stepOver();
            stepped(events, target, thread, DebugEvent.STEP_OVER);
            LayerStackFrame second = top(thread);
            assertEquals(AnalysisLayers.MQTT_FIELD, second.layer().id());
            assertEquals("1", second.event().attribute("index"));
            assertNotEquals(first.event().attribute("field"), second.event().attribute("field"));
            assertEquals(packet.event().entry().seq(), second.event().entry().seq());

            // step return from a field: back to its packet
            second.stepReturn();
            stepped(events, target, thread, DebugEvent.STEP_RETURN);
            assertEquals(packet.event(), top(thread).event());
            assertTrue(target.session().isPaused());
            assertEquals(logSize, target.session().log().size(), "stepping through fields does not run the session");

            // step over past the last field: the first field of the next MQTT packet (this runs)
            top(thread).stepInto();
            stepped(events, target, thread, DebugEvent.STEP_INTO);
            for (int i = 1; i < count; i++) {
                top(thread).stepOver();
                stepped(events, target, thread, DebugEvent.STEP_OVER);
                assertEquals(Integer.toString(i), top(thread).event().attribute("index"));
            }
            top(thread).stepOver();
            stepped(events, target, thread, DebugEvent.STEP_OVER);
            LayerStackFrame nextFirst = top(thread);
            assertEquals(AnalysisLayers.MQTT_FIELD, nextFirst.layer().id());
            assertEquals("0", nextFirst.event().attribute("index"));
            assertTrue(List.of("SUBSCRIBE", "PUBLISH").contains(nextFirst.event().attribute("packet")), nextFirst.event().summary());
            assertTrue(nextFirst.event().entry().seq() > packet.event().entry().seq());
            assertEquals(nextFirst.event().attribute("packet"), frame(thread, AnalysisLayers.MQTT_PACKET).event().type());
            assertTrue(mosquitto.log().contains("step-fields"), "the real broker had the client: " + mosquitto.log());

            target.terminate();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        }
    }

    @Test
    void stepIntoGoesOneLayerDownAndStepReturnOneLayerUp() throws Exception {
        HandshakeMessageBreakpoint serverHello = new HandshakeMessageBreakpoint("ServerHello", true);
        breakpoints.add(serverHello);
        try (DebugEvents events = new DebugEvents()) {
            launch = Launches.mosquitto("step-layers", mosquitto).doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND at ServerHello",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            LayerStackFrame hello = frame(thread, AnalysisLayers.TLS_HANDSHAKE);
            assertEquals("ServerHello", hello.event().type());
            long at = thread.cause().seq();

            // into from the TLS handshake message: the next TLS record on the socket
            hello.stepInto();
            stepped(events, target, thread, DebugEvent.STEP_INTO);
            LayerStackFrame record = frame(thread, AnalysisLayers.TLS_RECORD);
            assertEquals(record.event().entry().seq(), thread.cause().seq(), "stopped at the record's log entry");
            assertTrue(thread.cause().seq() >= at);
            assertEquals("Record", record.event().type());

            // into from the record: one layer down, the socket's next data transfer (a log entry of its own)
            record.stepInto();
            stepped(events, target, thread, DebugEvent.STEP_INTO);
            LayerStackFrame data = frame(thread, SocketDataLayer.ID);
            assertEquals(thread.cause().seq(), data.event().entry().seq(), "the socket data frame is the event stepped to");
            assertTrue(thread.cause().seq() > record.event().entry().seq());
            long dataSeq = thread.cause().seq();

            // return from socket data: one layer up, the next TLS record
            data.stepReturn();
            stepped(events, target, thread, DebugEvent.STEP_RETURN);
            LayerStackFrame up = frame(thread, AnalysisLayers.TLS_RECORD);
            assertTrue(up.event().entry().seq() >= dataSeq, up.event().summary());
            assertEquals(up.event().entry().seq(), thread.cause().seq());

            // return from the record: the next TLS message above it
            up.stepReturn();
            stepped(events, target, thread, DebugEvent.STEP_RETURN);
            LayerStackFrame message = frame(thread, AnalysisLayers.TLS_HANDSHAKE);
            assertEquals(message.event().entry().seq(), thread.cause().seq());
            assertNotEquals("ServerHello", message.event().type());

            // over at the SPI layer: the next SPI frame of this socket, nothing above it chosen
            LayerStackFrame spi = frame(thread, SpiFrameLayer.ID);
            long before = thread.cause().seq();
            spi.stepOver();
            stepped(events, target, thread, DebugEvent.STEP_OVER);
            assertTrue(thread.cause().seq() > before);
            assertEquals(thread.cause().seq(), frame(thread, SpiFrameLayer.ID).event().entry().seq());
            assertNotNull(thread.cause());

            target.terminate();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        }
    }
}
