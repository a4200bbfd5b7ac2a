package io.netstep.ui.open;

import io.netstep.session.analysis.Analysis;
import io.netstep.session.capture.Progress;
import io.netstep.ui.NetStepInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Decodes a session file, pcap/pcapng capture or serial log ({@link Analysis#open}) off the UI
 * thread and, if it worked and was not cancelled, makes it the {@link NetStepInput}. Progress is
 * the file's bytes read, then decoded ({@link #TICKS} units in all); a cancel is seen within
 * 64 KiB of reading or a few thousand packets of decoding and drops everything. A failure goes
 * to {@code onError} (the message says what was wrong); the current input stays as it was.
 */
public final class OpenSessionJob extends Job {

    /** Units of the job's progress: reading the file is the first half, decoding the second. */
    public static final int TICKS = 10_000;

    private final Path file;
    private final Path keyLog;
    private final Consumer<IStatus> onError;
    private volatile IProgressMonitor observer;

    /** {@code keyLog}: an NSS key log file or null; {@code onError} runs on the job's thread. */
    public OpenSessionJob(Path file, Path keyLog, Consumer<IStatus> onError) {
        super("Opening " + file.getFileName());
        this.file = file;
        this.keyLog = keyLog;
        this.onError = onError;
        setUser(true);
    }

    /**
     * Also reports the job's progress to {@code observer} (begin, sub-tasks, work): for callers
     * that show it elsewhere, and tests. Cancel the job itself with {@link #cancel()}. Set it
     * before scheduling.
     */
    public void setObserver(IProgressMonitor observer) {
        this.observer = observer;
    }

    @Override
    protected IStatus run(IProgressMonitor jobMonitor) {
        IProgressMonitor monitor = observer == null ? jobMonitor : new Tee(jobMonitor, observer);
        SubMonitor sub = SubMonitor.convert(monitor, "Opening " + file.getFileName() + " (chip, TLS, MQTT)", TICKS);
        Analysis analysis;
        try {
            analysis = Analysis.open(file, keyLog, new MonitorProgress(sub));
        } catch (Progress.Cancelled e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            IStatus s = Status.error("Cannot open " + file + ": " + message(e), e);
            onError.accept(s);
            return Status.OK_STATUS;   // reported through onError; not again by the job manager
        }
        if (monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        NetStepInput.show(NetStepInput.of(analysis));
        monitor.done();
        return Status.OK_STATUS;
    }

    /** The session's {@link Progress} onto the job's monitor: done/total as ticks, the step as the sub-task. */
    private static final class MonitorProgress implements Progress {
        private final SubMonitor sub;
        private int ticks;
        private String step;

        MonitorProgress(SubMonitor sub) {
            this.sub = sub;
        }

        @Override
        public void worked(long done, long total, String what) {
            int t = (int) Math.min(TICKS, done * TICKS / Math.max(1, total));
            if (t > ticks) {
                sub.worked(t - ticks);
                ticks = t;
            }
            if (!what.equals(step)) {
                step = what;
                sub.subTask(what);
            }
        }

        @Override
        public boolean isCancelled() {
            return sub.isCanceled();
        }
    }

    /** The job's monitor, with everything reported also going to an observer. */
    private static final class Tee extends ProgressMonitorWrapper {
        private final IProgressMonitor observer;

        Tee(IProgressMonitor monitor, IProgressMonitor observer) {
            super(monitor);
            this.observer = observer;
        }

        @Override
        public void beginTask(String name, int totalWork) {
            super.beginTask(name, totalWork);
            observer.beginTask(name, totalWork);
        }

        @Override
        public void subTask(String name) {
            super.subTask(name);
            observer.subTask(name);
        }

        @Override
        public void worked(int work) {
            super.worked(work);
            observer.internalWorked(work);
        }

        @Override
        public void internalWorked(double work) {
            super.internalWorked(work);
            observer.internalWorked(work);
        }

        @Override
        public void done() {
            super.done();
            observer.done();
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
