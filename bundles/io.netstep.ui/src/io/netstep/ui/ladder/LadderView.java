package io.netstep.ui.ladder;

import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Connection;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.EventSelectionProvider;
import io.netstep.ui.NetStepInput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

/**
 * Handshake Ladder: device ↔ broker arrows of one connection of the current
 * {@link NetStepInput} (chosen in the combo, or by selecting one of its events elsewhere),
 * each side's TLS state on its lifeline, alerts red, drops/resets/timeouts ending in an X.
 * A click selects the arrow's {@link ProtocolEvent} (the timeline and packet detail follow);
 * selecting an event elsewhere highlights its arrow. The model is built in a job; a live
 * session is re-read at most every {@value #REFRESH_MS} ms. Exports SVG and PNG.
 */
public class LadderView extends ViewPart {

    public static final String ID = "io.netstep.ui.ladder";
    static final int REFRESH_MS = 500;

    private Combo combo;
    private Label status;
    private LadderCanvas canvas;
    private final EventSelectionProvider selection = new EventSelectionProvider();
    private final Consumer<NetStepInput> inputListener = in -> asyncExec(() -> setInput(in));
    private final ISelectionListener selectionListener = this::otherSelection;
    private final AtomicLong published = new AtomicLong();
    private final Consumer<ProtocolEvent> counter = e -> published.accumulateAndGet(e.id(), Math::max);

    // UI thread
    private Analysis analysis;
    private List<Connection> connections = List.of();
    private Connection connection;
    private LadderModel model = LadderModel.empty("No NetStep session");
    private ProtocolEvent wanted;
    private long builtAt = -1;
    private int generation;
    private boolean building;
    /** What the build job draws next: set on the UI thread, read by the job. */
    private volatile Request request;

    private record Request(Analysis analysis, Connection connection, int generation, long upTo) { }
    private final Job buildJob = new Job("Drawing the handshake ladder") {
        @Override
        protected IStatus run(IProgressMonitor monitor) {
            return build(monitor);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(6, 2).margins(2, 2).applyTo(parent);
        new Label(parent, SWT.NONE).setText("Connection:");
        combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        combo.addListener(SWT.Selection, e -> {
            int i = combo.getSelectionIndex();
            if (i >= 0 && i < connections.size()) {
                showConnection(connections.get(i));
            }
        });
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(status);
        canvas = new LadderCanvas(parent);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(canvas);
        canvas.onClick(this::clickArrow);
        buildJob.setSystem(true);

        getSite().setSelectionProvider(selection);
        getSite().getPage().addPostSelectionListener(selectionListener);
        contributeActions();
        NetStepInput.addListener(inputListener);
        setInput(NetStepInput.current());
        startTimer();
    }

    // ---- public API (also for tests)

    /** The ladder shown now (empty before the first build finished). */
    public LadderModel model() {
        return model;
    }

    /** The laid-out drawing on screen, or null before the first build. */
    public LadderLayout.Drawing drawing() {
        return canvas.drawing();
    }

    /** The analysis the view shows (it takes a new input shortly after {@link NetStepInput#show}), or null. */
    public Analysis analysis() {
        return analysis;
    }

    /** The connection shown, or null. */
    public Connection connection() {
        return connection;
    }

    /** The connections offered in the combo. */
    public List<Connection> connections() {
        return connections;
    }

    /** True while a build is pending or running, or new events have not been taken yet. */
    public boolean isBusy() {
        return building || (analysis != null && connection != null && builtAt != published.get());
    }

    /** Shows another connection of the current input. UI thread. */
    public void showConnection(Connection c) {
        if (c == connection) {
            return;
        }
        connection = c;
        int i = connections.indexOf(c);
        if (i >= 0 && combo.getSelectionIndex() != i) {
            combo.select(i);
        }
        model = LadderModel.empty(c == null ? "No connection" : LadderModelBuilder.title(c));
        canvas.select(-1);
        canvas.setModel(model);
        rebuild();
    }

    /** What a click on arrow {@code i} does: highlight it and make its event the selection. */
    public void clickArrow(int i) {
        if (i < 0 || i >= model.arrows().size()) {
            return;
        }
        canvas.select(i);
        selection.set(model.arrows().get(i).event());
    }

    /** Index of the highlighted arrow, or -1. */
    public int highlighted() {
        return canvas.selected();
    }

    /** Writes the ladder as SVG. */
    public void exportSvg(Path file) throws IOException {
        LadderLayout.Drawing d = LadderLayout.layout(model);
        Files.writeString(file, SvgWriter.svg(d, model.title()), StandardCharsets.UTF_8);
    }

    /** Writes the ladder as PNG; returns its {width, height}. UI thread. */
    public int[] exportPng(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return PngExport.write(canvas.getDisplay(), model, out);
        }
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        NetStepInput.removeListener(inputListener);
        getSite().getPage().removePostSelectionListener(selectionListener);
        if (analysis != null) {
            analysis.removeListener(counter);
        }
        buildJob.cancel();
        super.dispose();
    }

    // ---- input and building

    private void setInput(NetStepInput input) {
        if (canvas == null || canvas.isDisposed()) {
            return;
        }
        if (analysis != null) {
            analysis.removeListener(counter);
        }
        analysis = input == null ? null : input.analysis();
        published.set(0);
        builtAt = -1;
        connections = List.of();
        connection = null;
        combo.removeAll();
        if (analysis != null) {
            analysis.addListener(counter);
            published.accumulateAndGet(analysis.events().size(), Math::max);
        }
        setContentDescription(input == null ? "No NetStep session" : input.analysis().sourceName());
        model = LadderModel.empty("No connection");
        canvas.select(-1);
        canvas.setModel(model);
        refreshConnections();
    }

    /** Takes new connections into the combo; picks the first TLS/MQTT one when none is shown. */
    private void refreshConnections() {
        if (analysis == null) {
            status.setText("");
            return;
        }
        List<Connection> now = analysis.connections();
        if (now.size() != connections.size()) {
            connections = now;
            combo.setItems(now.stream().map(LadderModelBuilder::title).toArray(String[]::new));
            if (connection == null && !now.isEmpty()) {
                Connection pick = now.stream().filter(c -> c.isTls() || !c.mqttPackets().isEmpty()).findFirst()
                        .orElse(now.get(0));
                showConnection(pick);
            } else if (connection != null) {
                combo.select(now.indexOf(connection));
            }
        }
        if (connection != null && builtAt != published.get()) {
            rebuild();
        }
        if (connections.isEmpty()) {
            status.setText("no connections yet");
        }
    }

    private void rebuild() {
        if (analysis == null || connection == null) {
            return;
        }
        generation++;
        building = true;
        request = new Request(analysis, connection, generation, published.get());
        buildJob.schedule();   // a running build is re-run once after it ends: updates coalesce
    }

    private IStatus build(IProgressMonitor monitor) {
        Request r = request;
        Analysis a = r.analysis();
        Connection c = r.connection();
        int gen = r.generation();
        long upTo = r.upTo();
        monitor.beginTask("Drawing the handshake ladder of " + c, IProgressMonitor.UNKNOWN);
        LadderModel m = LadderModelBuilder.build(a, c, monitor::isCanceled);
        if (monitor.isCanceled()) {
            asyncExec(() -> building = false);
            return Status.CANCEL_STATUS;
        }
        asyncExec(() -> {
            if (gen != generation || a != analysis || c != connection) {
                return;   // an older request; the newer one is scheduled
            }
            building = false;
            builtAt = upTo;
            boolean atEnd = model.arrows().isEmpty() || canvas.getVerticalBar().getSelection()
                    + canvas.getClientArea().height >= canvas.drawing().height() - 4;
            int keep = canvas.selected() >= 0 && canvas.selected() < model.arrows().size()
                    ? m.indexOf(model.arrows().get(canvas.selected()).event()) : -1;
            model = m;
            canvas.setModel(m);
            status.setText(m.arrows().size() + " messages");
            if (wanted != null && m.indexOf(wanted) >= 0) {
                canvas.select(m.indexOf(wanted));
                wanted = null;
            } else if (keep >= 0) {
                canvas.select(keep);
            } else if (atEnd && NetStepInput.current() != null && NetStepInput.current().session() != null) {
                canvas.scrollToEnd();
            }
        });
        return Status.OK_STATUS;
    }

    /** Live sessions: every REFRESH_MS, take new connections and events. */
    private void startTimer() {
        Runnable tick = new Runnable() {
            @Override
            public void run() {
                if (canvas.isDisposed()) {
                    return;
                }
                if (!building) {
                    refreshConnections();
                }
                canvas.getDisplay().timerExec(REFRESH_MS, this);
            }
        };
        canvas.getDisplay().timerExec(REFRESH_MS, tick);
    }

    // ---- selection

    private void otherSelection(IWorkbenchPart part, ISelection sel) {
        if (part == this || !(sel instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        ProtocolEvent e = NetStepInput.eventOf(s.getFirstElement());
        if (e == null || analysis == null) {
            return;
        }
        int i = arrowFor(e);
        if (i >= 0) {
            canvas.select(i);
            return;
        }
        Connection c = e.connection();
        if (c != null && c != connection && connections.contains(c)) {
            wanted = e;
            showConnection(c);
        } else {
            canvas.select(-1);
        }
    }

    /** The arrow of {@code e}, or of the message it carries (a TLS record → its handshake message). */
    private int arrowFor(ProtocolEvent e) {
        List<ProtocolEvent> candidates = new ArrayList<>();
        candidates.add(e);
        for (ProtocolEvent up : e.carries()) {
            candidates.add(up);
            candidates.addAll(up.carries());
        }
        for (ProtocolEvent c : candidates) {
            int i = model.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    // ---- actions

    private void contributeActions() {
        IToolBarManager bar = getViewSite().getActionBars().getToolBarManager();
        Action svg = new Action("Export as SVG\u2026") {
            @Override
            public void run() {
                export("svg");
            }
        };
        Action png = new Action("Export as PNG\u2026") {
            @Override
            public void run() {
                export("png");
            }
        };
        svg.setToolTipText("Export the handshake ladder as SVG");
        png.setToolTipText("Export the handshake ladder as PNG");
        svg.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ETOOL_SAVEAS_EDIT));
        png.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ETOOL_SAVE_EDIT));
        bar.add(svg);
        bar.add(png);
        getViewSite().getActionBars().getMenuManager().add(svg);
        getViewSite().getActionBars().getMenuManager().add(png);
    }

    private void export(String kind) {
        FileDialog d = new FileDialog(canvas.getShell(), SWT.SAVE);
        d.setText("Export handshake ladder");
        d.setFilterExtensions(new String[] { "*." + kind, "*.*" });
        d.setFileName("handshake-ladder." + kind);
        d.setOverwrite(true);
        String file = d.open();
        if (file == null) {
            return;
        }
        try {
            if (kind.equals("svg")) {
                exportSvg(Path.of(file));
            } else {
                exportPng(Path.of(file));
            }
        } catch (IOException | RuntimeException ex) {
            MessageDialog.openError(canvas.getShell(), "Export failed", "Could not write " + file + ":\n" + ex.getMessage());
        }
    }

    private void asyncExec(Runnable r) {
        if (canvas != null && !canvas.isDisposed()) {
            canvas.getDisplay().asyncExec(() -> {
                if (!canvas.isDisposed()) {
                    r.run();
                }
            });
        }
    }
}
