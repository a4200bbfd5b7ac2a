package io.netstep.debug.launch;

import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.debug.model.NetStepDebugTarget;

import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

/**
 * Launches "NetStep Virtual W5500": the session and its network, then the firmware as a
 * process of the launch (its output goes to the Console view). In debug mode the session is
 * also the launch's debug target. Runs in the launch job, off the UI thread; the monitor shows
 * each step, and a cancelled launch ends whatever it had started (the platform then removes
 * the launch).
 */
public class NetStepLaunchDelegate extends LaunchConfigurationDelegate {

    public static final String PROCESS_TYPE = "io.netstep.firmware";

    /** Step names, as the progress monitor shows them. */
    public static final String TASK = "Starting the virtual W5500";
    public static final String STEP_SESSION = "Starting the session";
    public static final String STEP_BRIDGE = "Opening the bridge";
    public static final String STEP_FIRMWARE = "Starting the firmware";
    public static final String STEP_HELLO = "Waiting for the firmware's HELLO";

    /** How long the launch waits for the shim's HELLO before it leaves the firmware to itself. */
    private static final long HELLO_MILLIS = 15_000;

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, TASK, 10);
        LaunchSettings settings = LaunchSettings.read(configuration);
        boolean debug = ILaunchManager.DEBUG_MODE.equals(mode);
        if (progress.isCanceled()) {
            return;
        }
        RunningSession run = RunningSession.prepare(settings, progress.newChild(4));
        try {
            NetStepDebugTarget target = debug
                    ? new NetStepDebugTarget(launch, run.session(), ProtocolLayers.fromRegistry(), run::close)
                    : null;
            if (target != null) {
                launch.addDebugTarget(target);
            }
            progress.subTask(STEP_BRIDGE);
            if (cancelled(progress, run)) {
                return;
            }
            run.start(debug && settings.stopAtFirstSpiFrame());
            progress.worked(1);
            progress.subTask(STEP_FIRMWARE);
            if (cancelled(progress, run)) {
                return;
            }
            Process p = run.startFirmware();
            IProcess process = DebugPlugin.newProcess(launch, p, settings.firmware().getFileName().toString(),
                    Map.of(IProcess.ATTR_PROCESS_TYPE, PROCESS_TYPE,
                            IProcess.ATTR_CMDLINE, settings.firmware() + " " + String.join(" ", settings.arguments())));
            if (target != null) {
                target.setProcess(process);
            }
            progress.worked(2);
            progress.subTask(STEP_HELLO);
            try {
                run.awaitHello(HELLO_MILLIS, progress::isCanceled);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                progress.setCanceled(true);
            }
            if (cancelled(progress, run)) {
                return;
            }
            progress.worked(3);
        } catch (CoreException | RuntimeException e) {
            run.close();
            throw e;
        } finally {
            progress.done();
        }
    }

    /** When the user cancelled: ends the firmware, bridge, broker and session started so far. */
    private static boolean cancelled(SubMonitor progress, RunningSession run) {
        if (!progress.isCanceled()) {
            return false;
        }
        run.close();
        return true;
    }
}
