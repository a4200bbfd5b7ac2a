package io.netstep.ui.open;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * "Open NetStep Session or Capture…": choose a session file, a pcap/pcapng capture or a serial
 * debug log; it is decoded in a job and shown in the NetStep views without a running target.
 */
public final class OpenSessionHandler extends AbstractHandler {

    public static final String COMMAND_ID = "io.netstep.ui.openSession";
    /** Title of the error dialog when a file cannot be opened. */
    public static final String ERROR_TITLE = "Cannot open NetStep session";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        FileDialog d = new FileDialog(shell, SWT.OPEN);
        d.setText("Open NetStep Session or Capture");
        d.setFilterNames(new String[] { "NetStep session files, captures and serial logs", "Session files (*.nsj, *.jsonl)",
            "Captures (*.pcapng, *.pcap)", "Serial logs (*.log, *.txt)", "All files" });
        d.setFilterExtensions(new String[] { "*.nsj;*.jsonl;*.json;*.pcapng;*.pcap;*.log;*.txt", "*.nsj;*.jsonl",
            "*.pcapng;*.pcap", "*.log;*.txt", "*" });
        String file = d.open();
        if (file != null) {
            open(Path.of(file), shell.getDisplay());
        }
        return null;
    }

    /** Opens {@code file} in a job; an error is shown in a dialog. Returns the scheduled job. */
    public static OpenSessionJob open(Path file, Display display) {
        OpenSessionJob job = job(file, display);
        job.schedule();
        return job;
    }

    /** The job {@link #open} schedules, not scheduled yet (e.g. to give it a progress group first). */
    public static OpenSessionJob job(Path file, Display display) {
        return new OpenSessionJob(file, null, status -> display.asyncExec(() -> {
            Shell parent = display.getActiveShell();
            MessageDialog.openError(parent, ERROR_TITLE, status.getMessage()
                    + "\n\nNetStep opens its session files (netstep run --save-session), pcap and pcapng captures and"
                    + " mbedTLS / wolfSSL debug logs. What the views showed before is still there.");
        }));
    }
}
