package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.launch.NetStepLaunchDelegate;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.testing.ReferenceFirmware;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launch shows its steps, and a launch cancelled at any of them leaves no firmware, session or launch behind. */
class LaunchCancellationTest {

    private static final long WAIT = 60;

    private ILaunch launch;

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        assertEquals(List.of(), ReferenceFirmware.alive(), "no firmware process is left running");
    }

    /** Records the steps; cancels when the step named {@code cancelAt} begins (null: never). */
    private static final class Steps extends NullProgressMonitor {
        final List<String> seen = new ArrayList<>();
        private final String cancelAt;

        Steps(String cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void subTask(String name) {
            seen.add(name);
            if (name.equals(cancelAt)) {
                setCanceled(true);
            }
        }
    }

    @Test
    void aLaunchShowsEachStepUntilTheFirmwareSaysHello() throws Exception {
        Steps steps = new Steps(null);
        List<String> ours = List.of("Starting the broker", NetStepLaunchDelegate.STEP_SESSION,
                NetStepLaunchDelegate.STEP_BRIDGE, NetStepLaunchDelegate.STEP_FIRMWARE, NetStepLaunchDelegate.STEP_HELLO);
        try (DebugEvents events = new DebugEvents()) {
            launch = Launches.embeddedBroker("progress").doSave().launch(ILaunchManager.DEBUG_MODE, steps);
            assertEquals(ours, steps.seen.stream().filter(ours::contains).toList(), steps.seen.toString());
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            assertTrue(target.session().log().snapshot().stream()
                    .anyMatch(e -> e.event() instanceof io.netstep.session.SessionEvent.BridgeConnected),
                    "the launch returned after the firmware's HELLO");
            IProcess process = launch.getProcesses()[0];
            events.await("process TERMINATE", e -> e.getSource() == process && e.getKind() == DebugEvent.TERMINATE, WAIT);
            assertEquals(0, process.getExitValue());
        }
    }

    @Test
    void cancelledWhileWaitingForHelloEndsTheFirmwareAndTheSession() throws Exception {
        Steps steps = new Steps(NetStepLaunchDelegate.STEP_HELLO);
        try (DebugEvents events = new DebugEvents()) {
            launch = Launches.embeddedBroker("cancel-hello").doSave().launch(ILaunchManager.DEBUG_MODE, steps);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            assertTrue(target.session().isTerminated(), "the session ended");
            assertTrue(target.isTerminated());
            IProcess process = launch.getProcesses()[0];
            events.await("process TERMINATE", DebugEvents.of(process, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            assertTrue(launch.isTerminated());
            assertFalse(List.of(DebugPlugin.getDefault().getLaunchManager().getLaunches()).contains(launch),
                    "the platform removed the cancelled launch");
            assertEquals(List.of(), ReferenceFirmware.alive());
        }
    }

    @Test
    void cancelledBeforeTheFirmwareStartsStartsNone() throws Exception {
        Steps steps = new Steps(NetStepLaunchDelegate.STEP_FIRMWARE);
        launch = Launches.embeddedBroker("cancel-firmware").doSave().launch(ILaunchManager.DEBUG_MODE, steps);
        assertEquals(0, launch.getProcesses().length, "no firmware process");
        NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
        assertTrue(target.session().isTerminated());
        assertTrue(launch.isTerminated());
        assertFalse(List.of(DebugPlugin.getDefault().getLaunchManager().getLaunches()).contains(launch));
    }
}
