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
 * also the launch's debug target. Runs in the launch job, off the UI thread.
 */
public class NetStepLaunchDelegate extends LaunchConfigurationDelegate {

    public static final String PROCESS_TYPE = "io.netstep.firmware";

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "Starting the virtual W5500", 3);
        LaunchSettings settings = LaunchSettings.read(configuration);
        boolean debug = ILaunchManager.DEBUG_MODE.equals(mode);
        RunningSession run = RunningSession.prepare(settings);
        progress.worked(1);
        try {
            NetStepDebugTarget target = debug
                    ? new NetStepDebugTarget(launch, run.session(), ProtocolLayers.fromRegistry(), run::close)
                    : null;
            if (target != null) {
                launch.addDebugTarget(target);
            }
            if (progress.isCanceled()) {
                run.close();
                return;
            }
            run.start(debug && settings.stopAtFirstSpiFrame());
            progress.worked(1);
            Process p = run.startFirmware();
            IProcess process = DebugPlugin.newProcess(launch, p, settings.firmware().getFileName().toString(),
                    Map.of(IProcess.ATTR_PROCESS_TYPE, PROCESS_TYPE,
                            IProcess.ATTR_CMDLINE, settings.firmware() + " " + String.join(" ", settings.arguments())));
            if (target != null) {
                target.setProcess(process);
            }
            progress.worked(1);
        } catch (CoreException | RuntimeException e) {
            run.close();
            throw e;
        }
    }
}
