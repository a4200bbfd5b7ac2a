package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.launch.LaunchSettings;
import io.netstep.testing.ReferenceFirmware;

import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Launch settings resolve Eclipse string variables as every launch does (a generated
 * project's launch names its firmware as ${workspace_loc:/…}), keep NetStep's own
 * ${netstep_cloud_*} argument variables for the session, and fail on an unknown variable.
 */
class LaunchSettingsTest {

    private static final String PROPERTY = "netstep.test.firmwareDir";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void resolvesVariablesInPathsAndKeepsNetStepsOwnInArguments() throws Exception {
        Path exe = ReferenceFirmware.mbedtls();
        System.setProperty(PROPERTY, exe.getParent().toString());
        ILaunchConfigurationWorkingCopy wc = Launches.newConfiguration("variables");
        wc.setAttribute(LaunchAttributes.FIRMWARE, "${system_property:" + PROPERTY + "}/" + exe.getFileName());
        wc.setAttribute(LaunchAttributes.WORKING_DIRECTORY, "${system_property:" + PROPERTY + "}");
        wc.setAttribute(LaunchAttributes.ARGUMENTS, "--dir ${system_property:" + PROPERTY + "} --ca ${netstep_cloud_ca}");

        LaunchSettings s = LaunchSettings.read(wc);

        assertEquals(exe.toAbsolutePath(), s.firmware());
        assertEquals(exe.getParent().toAbsolutePath(), s.workingDirectory());
        assertEquals(java.util.List.of("--dir", exe.getParent().toString(), "--ca", "${netstep_cloud_ca}"), s.arguments());
    }

    @Test
    void anUnknownVariableInTheFirmwarePathFailsTheLaunchNamingIt() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Launches.newConfiguration("unknown-variable");
        wc.setAttribute(LaunchAttributes.FIRMWARE, "${no_such_variable}/fw");
        CoreException e = assertThrows(CoreException.class, () -> LaunchSettings.read(wc));
        assertTrue(e.getStatus().getMessage().contains("no_such_variable"), e.getStatus().getMessage());
    }
}
