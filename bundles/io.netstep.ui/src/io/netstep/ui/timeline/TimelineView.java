package io.netstep.ui.timeline;

import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.EventSelectionProvider;
import io.netstep.ui.Events;
import io.netstep.ui.NetStepInput;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;

/**
 * Protocol Timeline: every event of the current {@link NetStepInput} across layers, in one
 * virtual table (rows are filled only when shown, so a million events stay fluid). New events
 * are taken every {@value #REFRESH_MS} ms; filtering a large timeline runs in a job. The
 * selected row is this view's selection (a {@link ProtocolEvent}).
 */
public class TimelineView extends ViewPart {

    public static final String ID = "io.netstep.ui.timeline";
    static final int REFRESH_MS = 100;
    private static final String[] COLUMNS = { "No.", "Time (ms)", "Layer", "Socket", "Dir", "Summary" };
    private static final int[] WIDTHS = { 70, 110, 100, 60, 40, 600 };

    private Table table;
    private Text search;
    private Label status;
    private final EventSelectionProvider selection = new EventSelectionProvider();
    private TimelineRows rows;
    private Job scanJob;
    private boolean follow = true;
    private boolean timerRunning;
    private final Consumer<NetStepInput> inputListener = in -> asyncExec(() -> setInput(in));
    private final ISelectionListener selectionListener = this::otherSelection;

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 2).applyTo(parent);
        search = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("Search summaries (e.g. ClientHello, CONNACK, Sn_CR)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addModifyListener(e -> applyFilter(filter().withText(search.getText())));
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(status);

        table = new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(table);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, i == 0 || i == 1 || i == 3 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, e.index));
        table.addListener(SWT.Selection, e -> selection.set(selectedEvents()));

        getSite().setSelectionProvider(selection);
        getSite().getPage().addPostSelectionListener(selectionListener);
        contributeActions();
        NetStepInput.addListener(inputListener);
        setInput(NetStepInput.current());
    }

    /** Shows another input (null: empty). UI thread. */
    public void setInput(NetStepInput input) {
        if (table == null || table.isDisposed()) {
            return;
        }
        if (rows != null) {
            rows.dispose();
        }
        rows = input == null ? null : new TimelineRows(input.analysis());
        if (rows != null) {
            rows.setFilter(filterFromUi());
        }
        table.removeAll();
        table.setItemCount(0);
        selection.set(List.of());
        setContentDescription(input == null ? "No NetStep session" : input.analysis().sourceName());
        refresh();
        startTimer();
    }

    /** Current filter (ALL when there is no input). */
    public TimelineFilter filter() {
        return rows == null ? lastFilter : rows.filter();
    }

    private TimelineFilter lastFilter = TimelineFilter.ALL;

    private TimelineFilter filterFromUi() {
        return lastFilter;
    }

    /** Shows only the rows that match. UI thread. */
    public void applyFilter(TimelineFilter f) {
        if (f.equals(filter()) && (rows == null || f.equals(rows.filter()))) {
            return;
        }
        lastFilter = f;
        if (!search.getText().toLowerCase(java.util.Locale.ROOT).equals(f.text())) {
            search.setText(f.text());   // a filter set by code shows in the box too
        }
        if (rows == null) {
            return;
        }
        ProtocolEvent keep = selectedEvent();
        rows.setFilter(f);
        table.clearAll();
        table.setItemCount(rows.rowCount());
        pendingReveal = keep;
        refresh();
    }

    private ProtocolEvent pendingReveal;

    /** Rows shown now. */
    public int rowCount() {
        return rows == null ? 0 : rows.rowCount();
    }

    /** True while new events or a filter are still being taken in. */
    public boolean isBusy() {
        return rows != null && (rows.scannedUpTo() < rows.published() || table.getItemCount() != rows.rowCount());
    }

    public Table table() {
        return table;
    }

    /** The event shown in a row, or null. */
    public ProtocolEvent eventAt(int row) {
        return rows == null ? null : rows.row(row);
    }

    /** Selects and reveals an event if it is shown; returns whether it is. */
    public boolean reveal(ProtocolEvent e) {
        int i = rows == null || e == null ? -1 : rows.indexOf(e);
        if (i < 0) {
            return false;
        }
        showRowsUpTo(i);
        table.setSelection(i);
        table.showSelection();
        selection.set(e);
        return true;
    }

    /**
     * Selects exactly those of {@code events} that the current filter shows (e.g. the events of
     * a diagnosis's evidence), reveals the first and publishes them as this view's selection.
     * Returns how many are shown. UI thread.
     */
    public int select(List<ProtocolEvent> events) {
        List<ProtocolEvent> shown = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (ProtocolEvent e : events) {
            int i = rows == null || e == null ? -1 : rows.indexOf(e);
            if (i >= 0 && !indices.contains(i)) {
                indices.add(i);
                shown.add(e);
            }
        }
        table.deselectAll();
        indices.forEach(this::showRowsUpTo);
        if (!indices.isEmpty()) {
            table.select(indices.stream().mapToInt(Integer::intValue).toArray());
            table.setTopIndex(Math.max(0, indices.get(0) - 2));
        }
        selection.set(shown);
        return shown.size();
    }

    /** A row decoded since the last batch refresh is not in the table yet: grow it now. */
    private void showRowsUpTo(int row) {
        if (row >= table.getItemCount()) {
            table.setItemCount(rows.rowCount());
        }
    }

    /** The events selected in the table, in row order. */
    public List<ProtocolEvent> selectedEvents() {
        List<ProtocolEvent> out = new ArrayList<>();
        for (int i : table.getSelectionIndices()) {
            ProtocolEvent e = eventAt(i);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    public void setFollow(boolean on) {
        follow = on;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        NetStepInput.removeListener(inputListener);
        getSite().getPage().removePostSelectionListener(selectionListener);
        if (rows != null) {
            rows.dispose();
        }
        if (scanJob != null) {
            scanJob.cancel();
        }
        super.dispose();
    }

    // ---- rows

    private void fill(TableItem item, int index) {
        ProtocolEvent e = rows == null ? null : rows.row(index);
        if (e == null) {
            return;
        }
        int sn = Events.socket(e);
        item.setText(new String[] { Long.toString(e.id()), Events.time(e), Events.layer(e),
            sn < 0 ? "" : Integer.toString(sn), Events.dir(e), e.summary() });
    }

    private ProtocolEvent selectedEvent() {
        int i = table.getSelectionIndex();
        return i < 0 ? null : eventAt(i);
    }

    /** Takes what arrived since the last refresh; starts a scan when a filter is on. */
    private void refresh() {
        if (rows == null || table.isDisposed()) {
            status.setText("");
            return;
        }
        if (!rows.filter().isAll() && rows.scannedUpTo() < rows.published() && (scanJob == null)) {
            startScan();
        }
        int n = rows.rowCount();
        int before = table.getItemCount();
        if (n != before) {
            table.setItemCount(n);
            if (pendingReveal != null && reveal(pendingReveal)) {
                pendingReveal = null;
            } else if (follow && n > before && table.getSelectionIndex() < 0) {
                table.setTopIndex(Math.max(0, n - visibleRows()));
            }
        }
        long total = rows.published();
        status.setText(rows.filter().isAll() ? total + " events" : n + " of " + total + " events"
                + (rows.scannedUpTo() < total ? " (filtering…)" : ""));
    }

    private int visibleRows() {
        int h = Math.max(1, table.getItemHeight());
        return Math.max(1, (table.getClientArea().height - table.getHeaderHeight()) / h);
    }

    private void startScan() {
        final int gen = rows.generation();
        final long from = rows.scannedUpTo();
        final long to = rows.published();
        final TimelineRows target = rows;
        final TimelineFilter f = rows.filter();
        Job job = new Job("Filtering the protocol timeline") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                int[] ids = TimelineRows.scan(target.analysis(), f, from, to);
                asyncExec(() -> {
                    scanJob = null;
                    if (rows == target) {
                        target.accept(gen, from, to, ids);
                        refresh();
                    }
                });
                return Status.OK_STATUS;
            }
        };
        job.setSystem(to - from < 100_000);
        scanJob = job;
        job.schedule();
    }

    /** Batches live updates: one refresh every REFRESH_MS while the view lives. */
    private void startTimer() {
        if (timerRunning) {
            return;
        }
        timerRunning = true;
        Display d = table.getDisplay();
        Runnable tick = new Runnable() {
            @Override
            public void run() {
                if (table.isDisposed()) {
                    return;
                }
                refresh();
                d.timerExec(REFRESH_MS, this);
            }
        };
        d.timerExec(REFRESH_MS, tick);
    }

    private void otherSelection(IWorkbenchPart part, ISelection sel) {
        if (part == this || !(sel instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        List<ProtocolEvent> wanted = new ArrayList<>();
        for (Object o : s.toList()) {
            ProtocolEvent e = NetStepInput.eventOf(o);
            if (e != null) {
                wanted.add(e);
            }
        }
        if (rows == null || wanted.isEmpty() || wanted.equals(selectedEvents())) {
            return;
        }
        if (wanted.size() == 1) {
            reveal(wanted.get(0));
        } else {
            select(wanted);
        }
    }

    private void asyncExec(Runnable r) {
        if (table != null && !table.isDisposed()) {
            table.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    // ---- filter menu

    private void contributeActions() {
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        MenuManager layers = new MenuManager("Layers");
        for (Layer l : Layer.values()) {
            layers.add(new Action(l.name(), IAction.AS_CHECK_BOX) {
                {
                    setChecked(true);
                }

                @Override
                public void run() {
                    Set<Layer> s = EnumSet.noneOf(Layer.class);
                    s.addAll(filter().layers());
                    if (isChecked()) {
                        s.add(l);
                    } else {
                        s.remove(l);
                    }
                    applyFilter(filter().withLayers(s));
                }
            });
        }
        MenuManager sockets = new MenuManager("Socket");
        sockets.add(socketAction("Any socket", TimelineFilter.ANY_SOCKET, true));
        sockets.add(socketAction("No socket (chip, session)", -1, false));
        for (int sn = 0; sn < 8; sn++) {
            sockets.add(socketAction("Socket " + sn, sn, false));
        }
        MenuManager dirs = new MenuManager("Direction");
        dirs.add(dirAction("Both directions", null, true));
        dirs.add(dirAction("\u2192 firmware to peer", Dir.C2S, false));
        dirs.add(dirAction("\u2190 peer to firmware", Dir.S2C, false));
        menu.add(layers);
        menu.add(sockets);
        menu.add(dirs);
        menu.add(new Separator());
        Action followAction = new Action("Follow new events", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                follow = isChecked();
            }
        };
        followAction.setChecked(follow);
        menu.add(followAction);
        getViewSite().getActionBars().getToolBarManager().add(followAction);
    }

    private Action socketAction(String label, int socket, boolean checked) {
        Action a = new Action(label, IAction.AS_RADIO_BUTTON) {
            @Override
            public void run() {
                if (isChecked()) {
                    applyFilter(filter().withSocket(socket));
                }
            }
        };
        a.setChecked(checked);
        return a;
    }

    private Action dirAction(String label, Dir dir, boolean checked) {
        Action a = new Action(label, IAction.AS_RADIO_BUTTON) {
            @Override
            public void run() {
                if (isChecked()) {
                    applyFilter(filter().withDir(dir));
                }
            }
        };
        a.setChecked(checked);
        return a;
    }
}
