package io.netstep.ui.open;

import io.netstep.session.analysis.Analysis;
import io.netstep.ui.NetStepInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Decodes a session file, pcap/pcapng capture or serial log ({@link Analysis#open}) off the UI
 * thread and, if it worked and was not cancelled, makes it the {@link NetStepInput}. A failure
 * goes to {@code onError} (the message says what was wrong); the current input stays as it was.
 * Cancelling interrupts the reading; a decode already past reading is finished and dropped.
 */
public final class OpenSessionJob extends Job {

    private final Path file;
    private final Path keyLog;
    private final Consumer<IStatus> onError;
    private volatile Thread worker;

    /** {@code keyLog}: an NSS key log file or null; {@code onError} runs on the job's thread. */
    public OpenSessionJob(Path file, Path keyLog, Consumer<IStatus> onError) {
        super("Opening " + file.getFileName());
        this.file = file;
        this.keyLog = keyLog;
        this.onError = onError;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask("Decoding " + file.getFileName() + " (chip, TLS, MQTT)", IProgressMonitor.UNKNOWN);
        worker = Thread.currentThread();
        Analysis analysis;
        try {
            analysis = Analysis.open(file, keyLog);
        } catch (IOException | RuntimeException e) {
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            IStatus s = Status.error("Cannot open " + file + ": " + message(e), e);
            onError.accept(s);
            return Status.OK_STATUS;   // reported through onError; not again by the job manager
        } finally {
            worker = null;
            Thread.interrupted();   // an interrupt from canceling() must not leak into the pool thread
        }
        if (monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        NetStepInput.show(NetStepInput.of(analysis));
        monitor.done();
        return Status.OK_STATUS;
    }

    @Override
    protected void canceling() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
