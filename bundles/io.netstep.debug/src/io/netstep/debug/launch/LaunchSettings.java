package io.netstep.debug.launch;

import io.netstep.debug.NetStepDebug;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;

/** A launch configuration read and checked: bad values fail the launch with a message saying which. */
public record LaunchSettings(Path firmware, List<String> arguments, Path workingDirectory, String[] environment,
        String broker, List<String> nameMap, List<String> faults, String cloudProfile, Path recordFile,
        boolean stopAtFirstSpiFrame, Path cloudCertsDir, Path cloudPolicy, Path projectDir) {

    public static LaunchSettings read(ILaunchConfiguration c) throws CoreException {
        String fw = expand(c.getAttribute(LaunchAttributes.FIRMWARE, "")).trim();
        if (fw.isEmpty()) {
            throw fail("no firmware executable is set");
        }
        Path firmware = Path.of(fw).toAbsolutePath();
        if (!Files.isRegularFile(firmware) || !Files.isExecutable(firmware)) {
            throw fail("the firmware " + firmware + " does not exist or is not executable");
        }
        String wd = expand(c.getAttribute(LaunchAttributes.WORKING_DIRECTORY, "")).trim();
        Path dir = wd.isEmpty() ? firmware.getParent() : Path.of(wd).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw fail("the working directory " + dir + " does not exist");
        }
        String broker = c.getAttribute(LaunchAttributes.BROKER, LaunchAttributes.EMBEDDED_BROKER).trim();
        if (broker.isEmpty()) {
            broker = LaunchAttributes.EMBEDDED_BROKER;
        }
        String record = expand(c.getAttribute(LaunchAttributes.RECORD_FILE, "")).trim();
        String cloud = c.getAttribute(LaunchAttributes.CLOUD_PROFILE, "").trim();
        if (!cloud.isEmpty()) {
            try {
                io.netstep.cloud.CloudProfile.parse(cloud);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
        String certs = expand(c.getAttribute(LaunchAttributes.CLOUD_CERTS_DIR, "")).trim();
        String policy = expand(c.getAttribute(LaunchAttributes.CLOUD_POLICY, "")).trim();
        if (!policy.isEmpty() && !Files.isRegularFile(Path.of(policy))) {
            throw fail("the cloud policy file " + Path.of(policy).toAbsolutePath() + " does not exist");
        }
        Path project = projectDir(c);
        if (project != null && !Files.isDirectory(project)) {
            throw fail("the project folder " + project + " does not exist");
        }
        return new LaunchSettings(firmware,
                Arrays.asList(DebugPlugin.parseArguments(expandKnown(c.getAttribute(LaunchAttributes.ARGUMENTS, "")))),
                dir,
                DebugPlugin.getDefault().getLaunchManager().getEnvironment(c),
                broker,
                List.copyOf(c.getAttribute(LaunchAttributes.NAME_MAP, List.of())),
                List.copyOf(c.getAttribute(LaunchAttributes.FAULTS, List.of())),
                cloud,
                record.isEmpty() ? null : Path.of(record).toAbsolutePath(),
                c.getAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, false),
                certs.isEmpty() ? null : Path.of(certs).toAbsolutePath(),
                policy.isEmpty() ? null : Path.of(policy).toAbsolutePath(),
                project);
    }

    /** The firmware's source folder ({@link LaunchAttributes#PROJECT_DIR}, variables expanded), or null when not set. */
    public static Path projectDir(ILaunchConfiguration c) throws CoreException {
        String project = expand(c.getAttribute(LaunchAttributes.PROJECT_DIR, "")).trim();
        return project.isEmpty() ? null : Path.of(project).toAbsolutePath();
    }

    /** Whether the embedded broker is wanted: asked for, and no cloud profile brings its own. */
    public boolean embeddedBroker() {
        return LaunchAttributes.EMBEDDED_BROKER.equalsIgnoreCase(broker) && !hasCloud();
    }

    public boolean hasCloud() {
        return cloudProfile != null && !cloudProfile.isEmpty();
    }

    /** Eclipse string variables (${workspace_loc:/p/f}, …) as in any launch; an unknown one fails the launch. */
    private static String expand(String value) throws CoreException {
        return VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(value, true);
    }

    /** Arguments keep variables Eclipse does not know: ${netstep_cloud_*} is filled in by the session. */
    private static String expandKnown(String value) throws CoreException {
        return VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(value, false);
    }

    static CoreException fail(String message) {
        return new CoreException(new Status(IStatus.ERROR, NetStepDebug.PLUGIN_ID, "NetStep launch: " + message));
    }

    static CoreException fail(String message, Throwable cause) {
        return new CoreException(new Status(IStatus.ERROR, NetStepDebug.PLUGIN_ID, "NetStep launch: " + message, cause));
    }
}
