package io.netstep.debug.ui.launch;

import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.ui.preferences.Preferences;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.StringVariableSelectionDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The host-built firmware: executable, arguments (with {@value LaunchAttributes#BROKER_CA_ARGUMENT}
 * for the embedded broker's CA), working directory.
 */
public class FirmwareTab extends AbstractLaunchConfigurationTab {

    private Text executable;
    private Text arguments;
    private Text workingDirectory;
    private Text sourceFolder;

    @Override
    public String getName() {
        return "Firmware";
    }

    @Override
    public String getId() {
        return "io.netstep.debug.ui.firmwareTab";
    }

    @Override
    public Image getImage() {
        return DebugUITools.getImage(IDebugUIConstants.IMG_ACT_RUN);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(c);
        setControl(c);

        Group exe = group(c, "Firmware &executable (built for the PC, linked with libnetstep_shim):");
        executable = text(exe, SWT.SINGLE | SWT.BORDER);
        Composite b = buttons(exe);
        button(b, "&Browse…", () -> browseFile(executable));
        button(b, "&Variables…", () -> insertVariable(executable));

        Group args = group(c, "&Arguments:");
        Label hint = new Label(args, SWT.WRAP);
        hint.setText(LaunchAttributes.BROKER_CA_ARGUMENT + " is the embedded broker's CA file; "
                + LaunchAttributes.CLOUD_ENDPOINT_ARGUMENT + ", " + LaunchAttributes.CLOUD_CA_ARGUMENT + ", "
                + LaunchAttributes.CLOUD_CERT_ARGUMENT + " and " + LaunchAttributes.CLOUD_KEY_ARGUMENT
                + " are the cloud profile's endpoint and the device's files.");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(hint);
        arguments = new Text(args, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, 60).applyTo(arguments);
        arguments.addModifyListener(e -> changed());
        button(buttons(args), "Varia&bles…", () -> insertVariable(arguments));

        Group wd = group(c, "&Working directory (empty: the executable's directory):");
        workingDirectory = text(wd, SWT.SINGLE | SWT.BORDER);
        Composite wb = buttons(wd);
        button(wb, "B&rowse…", () -> browseDirectory(workingDirectory));
        button(wb, "Variab&les…", () -> insertVariable(workingDirectory));

        Group src = group(c, "Firmware &source folder (optional: the diagnosis checks its certificate arrays, F6):");
        sourceFolder = text(src, SWT.SINGLE | SWT.BORDER);
        Composite sb = buttons(src);
        button(sb, "Bro&wse…", () -> browseDirectory(sourceFolder));
        button(sb, "Var&iables…", () -> insertVariable(sourceFolder));
    }

    private Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.swtDefaults().applyTo(g);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        return g;
    }

    private Text text(Composite parent, int style) {
        Text t = new Text(parent, style);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
        t.addModifyListener(e -> changed());
        return t;
    }

    private static Composite buttons(Composite parent) {
        Composite b = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).applyTo(b);
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(b);
        return b;
    }

    private void button(Composite parent, String label, Runnable action) {
        Button b = createPushButton(parent, label, null);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void browseFile(Text into) {
        FileDialog d = new FileDialog(getShell(), SWT.OPEN);
        d.setText("Firmware executable");
        String start = startFolder(into.getText());
        if (start != null) {
            d.setFilterPath(start);
        }
        String chosen = d.open();
        if (chosen != null) {
            into.setText(chosen);
        }
    }

    private void browseDirectory(Text into) {
        DirectoryDialog d = new DirectoryDialog(getShell());
        d.setText("Working directory");
        String start = startFolder(into.getText());
        if (start != null) {
            d.setFilterPath(start);
        }
        String chosen = d.open();
        if (chosen != null) {
            into.setText(chosen);
        }
    }

    /** Where a Browse… dialog opens: the current value's folder, else the preferred firmware folder. */
    private static String startFolder(String current) {
        try {
            Path p = Path.of(substitute(current.trim()));
            if (!current.isBlank()) {
                return (Files.isDirectory(p) ? p : p.getParent()).toString();
            }
        } catch (CoreException | RuntimeException e) {
            // fall back to the preference
        }
        String pref = Preferences.firmwareFolder();
        return pref.isEmpty() ? null : pref;
    }

    private void insertVariable(Text into) {
        StringVariableSelectionDialog d = new StringVariableSelectionDialog(getShell());
        if (d.open() == StringVariableSelectionDialog.OK && d.getVariableExpression() != null) {
            into.insert(d.getVariableExpression());
        }
    }

    private void changed() {
        updateLaunchConfigurationDialog();
    }

    static String substitute(String s) throws CoreException {
        return VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(s, true);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.FIRMWARE, "");
        config.setAttribute(LaunchAttributes.ARGUMENTS, "");
        config.setAttribute(LaunchAttributes.WORKING_DIRECTORY, "");
        config.setAttribute(LaunchAttributes.PROJECT_DIR, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        executable.setText(attribute(config, LaunchAttributes.FIRMWARE));
        arguments.setText(attribute(config, LaunchAttributes.ARGUMENTS));
        workingDirectory.setText(attribute(config, LaunchAttributes.WORKING_DIRECTORY));
        sourceFolder.setText(attribute(config, LaunchAttributes.PROJECT_DIR));
    }

    static String attribute(ILaunchConfiguration config, String name) {
        try {
            return config.getAttribute(name, "");
        } catch (CoreException e) {
            return "";
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.FIRMWARE, executable.getText().trim());
        config.setAttribute(LaunchAttributes.ARGUMENTS, arguments.getText().trim());
        config.setAttribute(LaunchAttributes.WORKING_DIRECTORY, workingDirectory.getText().trim());
        config.setAttribute(LaunchAttributes.PROJECT_DIR, sourceFolder.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        String problem = problem(attribute(config, LaunchAttributes.FIRMWARE), attribute(config, LaunchAttributes.WORKING_DIRECTORY));
        if (problem == null) {
            problem = folderProblem("The source folder", attribute(config, LaunchAttributes.PROJECT_DIR));
        }
        setErrorMessage(problem);
        return problem == null;
    }

    /** What stops a launch with this executable and working directory, or null. */
    public static String problem(String firmware, String workingDirectory) {
        if (firmware.isBlank()) {
            return "Choose the firmware executable";
        }
        Path exe;
        try {
            exe = Path.of(substitute(firmware.trim()));
        } catch (CoreException e) {
            return "Firmware executable: " + e.getStatus().getMessage();
        } catch (RuntimeException e) {
            return "Firmware executable: not a path: " + firmware;
        }
        if (!Files.exists(exe)) {
            return "The firmware executable " + exe + " does not exist";
        }
        if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
            return "The firmware " + exe + " is not an executable file";
        }
        return folderProblem("The working directory", workingDirectory);
    }

    /** What is wrong with an optional folder setting (empty is fine), or null. */
    static String folderProblem(String what, String folder) {
        if (folder.isBlank()) {
            return null;
        }
        try {
            Path dir = Path.of(substitute(folder.trim()));
            return Files.isDirectory(dir) ? null : what + " " + dir + " does not exist";
        } catch (CoreException e) {
            return what + ": " + e.getStatus().getMessage();
        } catch (RuntimeException e) {
            return what + ": not a path: " + folder;
        }
    }
}
