package io.netstep.ui.diagnosis;

import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.session.SessionListener;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.EventSelectionProvider;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.timeline.TimelineView;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Hyperlink;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.TableWrapLayout;
import org.eclipse.ui.part.ViewPart;

/**
 * Diagnosis: the failures of failures.md (F1–F16) that the current {@link NetStepInput} shows,
 * each with its confidence and why, the cause in plain words, the evidence as hyperlinks (a
 * link selects the events it names in the Protocol Timeline and Packet Detail) and the fix.
 * The diagnoser runs in a job when the input changes and, for a live session, when it suspends
 * or ends (at most once per {@value #THROTTLE_MS} ms).
 */
public class DiagnosisView extends ViewPart {

    public static final String ID = "io.netstep.ui.diagnosis";
    static final int THROTTLE_MS = 1000;

    private FormToolkit toolkit;
    private ScrolledForm form;
    private final EventSelectionProvider selection = new EventSelectionProvider();
    private final Consumer<NetStepInput> inputListener = in -> asyncExec(() -> setInput(in));
    private final SessionListener sessionListener = new SessionListener() {
        @Override
        public void suspended(SuspendReason reason, LogEntry cause) {
            asyncExec(DiagnosisView.this::requestRefresh);
        }

        @Override
        public void terminated() {
            asyncExec(DiagnosisView.this::requestRefresh);
        }
    };

    // UI thread
    private NetStepInput input;
    private Session listenedSession;
    private List<Findings.Finding> findings = List.of();
    private String unavailable;
    private final List<List<Hyperlink>> links = new ArrayList<>();
    private int generation;
    private boolean running;
    private boolean refreshQueued;
    private long lastRun;

    @Override
    public void createPartControl(Composite parent) {
        toolkit = new FormToolkit(parent.getDisplay());
        form = toolkit.createScrolledForm(parent);
        form.setText("Diagnosis");
        TableWrapLayout layout = new TableWrapLayout();
        layout.verticalSpacing = 10;
        form.getBody().setLayout(layout);
        getSite().setSelectionProvider(selection);
        Action refresh = new Action("Diagnose again") {
            @Override
            public void run() {
                rerun();
            }
        };
        refresh.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_TOOL_REDO));
        getViewSite().getActionBars().getToolBarManager().add(refresh);
        NetStepInput.addListener(inputListener);
        setInput(NetStepInput.current());
    }

    // ---- public API (also for tests)

    /** The findings shown (empty while running, without input, or when nothing is found). */
    public List<Findings.Finding> findings() {
        return findings;
    }

    /** Why the input cannot be diagnosed (a capture, a serial log, no input), else null. */
    public String unavailable() {
        return unavailable;
    }

    /** The input the view shows (it takes a new one shortly after {@link NetStepInput#show}). */
    public NetStepInput input() {
        return input;
    }

    /** True while the diagnoser runs or a run is queued. */
    public boolean isBusy() {
        return running || refreshQueued;
    }

    /**
     * The hyperlink (an {@code org.eclipse.ui.forms.widgets.Hyperlink}) of evidence item
     * {@code item} of finding {@code finding}, or null when that item names no event.
     */
    public Control evidenceLink(int finding, int item) {
        return links.get(finding).get(item);
    }

    /**
     * What following an evidence link does: makes its events this view's selection and selects
     * exactly them in the Protocol Timeline (and the first in Packet Detail) if those are open.
     * Returns the events.
     */
    public List<ProtocolEvent> activateEvidence(int finding, int item) {
        List<ProtocolEvent> events = findings.get(finding).evidenceEvents().get(item);
        selection.set(events);
        for (IViewPart v : new IViewPart[] { getSite().getPage().findView(TimelineView.ID),
            getSite().getPage().findView(PacketDetailView.ID) }) {
            if (v instanceof TimelineView t) {
                t.select(events);
            } else if (v instanceof PacketDetailView d && !events.isEmpty()) {
                d.show(events.get(0));
            }
        }
        return events;
    }

    /** Runs the diagnoser again on the current input. */
    public void rerun() {
        requestRefresh();
    }

    @Override
    public void setFocus() {
        form.setFocus();
    }

    @Override
    public void dispose() {
        NetStepInput.removeListener(inputListener);
        listen(null);
        toolkit.dispose();
        super.dispose();
    }

    // ---- running

    private void setInput(NetStepInput in) {
        if (form == null || form.isDisposed()) {
            return;
        }
        input = in;
        listen(in == null ? null : in.session());
        setContentDescription(in == null ? "No NetStep session" : in.analysis().sourceName());
        lastRun = 0;
        run();
    }

    private void listen(Session s) {
        if (listenedSession != null) {
            listenedSession.removeSessionListener(sessionListener);
        }
        listenedSession = s;
        if (s != null) {
            s.addSessionListener(sessionListener);
        }
    }

    /** Runs now, or once THROTTLE_MS after the last run. */
    private void requestRefresh() {
        if (form.isDisposed() || refreshQueued) {
            return;
        }
        long wait = lastRun + THROTTLE_MS - System.currentTimeMillis();
        if (wait <= 0 && !running) {
            run();
            return;
        }
        refreshQueued = true;
        form.getDisplay().timerExec((int) Math.max(50, wait), () -> {
            refreshQueued = false;
            if (!form.isDisposed()) {
                if (running) {
                    requestRefresh();
                } else {
                    run();
                }
            }
        });
    }

    private void run() {
        final NetStepInput in = input;
        final int gen = ++generation;
        lastRun = System.currentTimeMillis();
        running = true;
        render(List.of(), null, in == null ? null : "Diagnosing\u2026");
        Job job = new Job("Diagnosing the NetStep session") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Checking F1\u2013F16", IProgressMonitor.UNKNOWN);
                Findings.Result r;
                try {
                    r = Findings.of(in);
                } catch (RuntimeException e) {
                    r = new Findings.Result(List.of(), "The diagnosis failed: " + e);
                }
                final Findings.Result result = r;
                asyncExec(() -> {
                    if (gen == generation) {
                        running = false;
                        render(result.findings(), result.unavailable(), null);
                    }
                });
                return Status.OK_STATUS;
            }
        };
        job.setUser(false);
        job.schedule();
    }

    // ---- rendering

    private void render(List<Findings.Finding> list, String why, String busy) {
        findings = List.copyOf(list);
        unavailable = why;
        links.clear();
        for (Control c : form.getBody().getChildren()) {
            c.dispose();
        }
        Composite body = form.getBody();
        if (busy != null) {
            FindingSection.paragraph(toolkit, body, busy);
        } else if (why != null) {
            FindingSection.paragraph(toolkit, body, why);
        } else if (list.isEmpty()) {
            FindingSection.paragraph(toolkit, body, "No known failure found (checked F1\u2013F16).");
        }
        for (int i = 0; i < list.size(); i++) {
            final int finding = i;
            links.add(FindingSection.create(toolkit, body, list.get(i), item -> activateEvidence(finding, item)));
        }
        form.setText(busy != null || why != null ? "Diagnosis"
                : "Diagnosis: " + (list.isEmpty() ? "no known failure" : list.size() == 1 ? "1 finding" : list.size() + " findings"));
        form.reflow(true);
    }

    private void asyncExec(Runnable r) {
        if (form != null && !form.isDisposed()) {
            form.getDisplay().asyncExec(() -> {
                if (!form.isDisposed()) {
                    r.run();
                }
            });
        }
    }
}
