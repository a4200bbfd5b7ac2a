package io.netstep.debug.model;

import io.netstep.debug.launch.LaunchSettings;
import io.netstep.session.diagnosis.FirmwareSide;
import io.netstep.session.diagnosis.ProjectArrays;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamsProxy;

/**
 * What the launch knows about the firmware for the diagnosis: the source folder of the launch
 * configuration (its arrays read once) and what the firmware printed so far (the Console's
 * buffered text).
 */
final class LaunchFirmwareSide implements Supplier<FirmwareSide> {

    private final NetStepDebugTarget target;
    private ProjectArrays project;
    private boolean projectRead;

    LaunchFirmwareSide(NetStepDebugTarget target) {
        this.target = target;
    }

    @Override
    public synchronized FirmwareSide get() {
        if (!projectRead) {
            projectRead = true;
            Path dir = projectDir();
            project = dir == null ? null : new ProjectArrays(dir);
        }
        return new FirmwareSide(project, output());
    }

    private Path projectDir() {
        ILaunchConfiguration c = target.getLaunch() == null ? null : target.getLaunch().getLaunchConfiguration();
        try {
            return c == null ? null : LaunchSettings.projectDir(c);
        } catch (CoreException e) {
            return null; // the launch checked it already; an unreadable value only costs the source-side evidence
        }
    }

    private List<String> output() {
        IProcess p = target.getProcess();
        IStreamsProxy streams = p == null ? null : p.getStreamsProxy();
        if (streams == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (streams.getOutputStreamMonitor() != null) {
            lines.addAll(streams.getOutputStreamMonitor().getContents().lines().toList());
        }
        if (streams.getErrorStreamMonitor() != null) {
            lines.addAll(streams.getErrorStreamMonitor().getContents().lines().toList());
        }
        return lines;
    }
}
