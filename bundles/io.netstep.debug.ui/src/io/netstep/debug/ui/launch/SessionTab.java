package io.netstep.debug.ui.launch;

import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.ui.preferences.Preferences;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Text;

/** The session: a record file of every event, and whether to suspend at the first SPI frame. */
public class SessionTab extends AbstractLaunchConfigurationTab {

    private Text record;
    private Button stopAtFirst;

    @Override
    public String getName() {
        return "Session";
    }

    @Override
    public String getId() {
        return "io.netstep.debug.ui.sessionTab";
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(c);
        setControl(c);
        Group g = new Group(c, SWT.NONE);
        g.setText("&Record every event to (JSON lines; empty: no record file):");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(g);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        record = new Text(g, SWT.SINGLE | SWT.BORDER);
        record.setMessage("e.g. /tmp/session.jsonl");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(record);
        record.addModifyListener(e -> updateLaunchConfigurationDialog());
        Button browse = createPushButton(g, "&Browse…", null);
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.SAVE);
            d.setFilterExtensions(new String[] {"*.jsonl", "*"});
            String f = d.open();
            if (f != null) {
                record.setText(f);
            }
        });
        stopAtFirst = createCheckButton(c, "&Stop at the firmware's first SPI frame (debug mode)");
        stopAtFirst.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.RECORD_FILE, "");
        config.setAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, Preferences.stopAtFirstSpiFrame());
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        record.setText(FirmwareTab.attribute(config, LaunchAttributes.RECORD_FILE));
        try {
            stopAtFirst.setSelection(config.getAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, false));
        } catch (CoreException e) {
            stopAtFirst.setSelection(false);
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.RECORD_FILE, record.getText().trim());
        config.setAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, stopAtFirst.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        String problem = problem(FirmwareTab.attribute(config, LaunchAttributes.RECORD_FILE));
        setErrorMessage(problem);
        return problem == null;
    }

    /** What is wrong with a record file setting, or null: its folder must exist, and it must not be a folder. */
    public static String problem(String recordFile) {
        if (recordFile.isBlank()) {
            return null;
        }
        Path p;
        try {
            p = Path.of(FirmwareTab.substitute(recordFile.trim())).toAbsolutePath();
        } catch (CoreException e) {
            return "Record file: " + e.getStatus().getMessage();
        } catch (RuntimeException e) {
            return "The record file is not a path: " + recordFile;
        }
        if (Files.isDirectory(p)) {
            return "The record file " + p + " is a folder";
        }
        if (p.getParent() == null || !Files.isDirectory(p.getParent())) {
            return "The record file's folder " + p.getParent() + " does not exist";
        }
        return null;
    }
}
