package io.netstep.installcheck;

import java.io.File;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.PlatformUI;

/**
 * Runs the install check once the workbench is up, when the install test asks for it with
 * {@code -Dnetstep.installcheck.out=<folder>}; does nothing otherwise.
 */
public class OpenViewsAtStartup implements IStartup {

    static final String OUT_PROPERTY = "netstep.installcheck.out";

    @Override
    public void earlyStartup() {
        String out = System.getProperty(OUT_PROPERTY);
        if (out == null || out.isBlank()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> new ViewCheck(new File(out)).runAndClose());
    }
}
