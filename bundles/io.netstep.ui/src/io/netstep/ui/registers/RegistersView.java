package io.netstep.ui.registers;

import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent.ResumeReason;
import io.netstep.session.SessionEvent.SuspendReason;
import io.netstep.session.SessionListener;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.registers.RegisterSet.Group;
import io.netstep.ui.registers.RegisterSet.Reg;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;

/**
 * W5500 Registers: the common and socket registers by datasheet name, read from the chip
 * without side effects. Registers that changed since the previous suspend are shown bold and
 * coloured; values can be edited while the session is suspended.
 */
public class RegistersView extends ViewPart {

    public static final String ID = "io.netstep.ui.registers";

    private TreeViewer viewer;
    private Session session;
    private RegisterValues current;
    /** Values at the previous suspend: what "changed" is measured against. */
    private RegisterValues baseline;
    /** Values at the latest suspend: the next baseline. */
    private RegisterValues atSuspend;
    private Color changedColor;
    private Color changedBackground;
    private String lastError;

    private final Consumer<NetStepInput> inputListener = in -> asyncExec(() -> setInput(in));
    private final SessionListener sessionListener = new SessionListener() {
        @Override
        public void suspended(SuspendReason reason, LogEntry cause) {
            asyncExec(RegistersView.this::suspendedRefresh);
        }

        @Override
        public void resumed(ResumeReason reason) {
            asyncExec(() -> viewer.refresh());   // editable state follows
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.SINGLE);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setContentProvider(new Content());
        changedColor = new Color(parent.getDisplay(), new RGB(0xC0, 0x00, 0x00));
        changedBackground = new Color(parent.getDisplay(), new RGB(0xFF, 0xF2, 0xB0));

        column("Register", 170, this::name);
        column("Address", 110, o -> o instanceof Reg r
                ? String.format("0x%04X%s", r.offset(), r.width() > 1 ? " (" + r.width() + ")" : "") : "");
        TreeViewerColumn value = column("Value", 150, o -> o instanceof Reg r && current != null ? current.hex(r) : "");
        value.setEditingSupport(new ValueEditing());
        column("Meaning", 180, o -> o instanceof Reg r && current != null ? current.meaning(r) : "");

        viewer.setInput(RegisterSet.GROUPS);
        viewer.expandToLevel(2);
        Action refresh = new Action("Refresh") {
            @Override
            public void run() {
                reread();
            }
        };
        refresh.setToolTipText("Read the registers again (no side effects on the chip)");
        getViewSite().getActionBars().getToolBarManager().add(refresh);

        NetStepInput.addListener(inputListener);
        setInput(NetStepInput.current());
    }

    /** Shows the registers of an input's session (none for a file input). UI thread. */
    public void setInput(NetStepInput input) {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        if (session != null) {
            session.removeSessionListener(sessionListener);
        }
        session = input == null ? null : input.session();
        baseline = null;
        atSuspend = null;
        current = null;
        if (session != null) {
            session.addSessionListener(sessionListener);
            current = RegisterValues.read(session);
            atSuspend = current;
        }
        setContentDescription(session == null ? "No running NetStep session" : stateText());
        viewer.refresh();
    }

    /** The register's value as shown, e.g. "0x13" for S0_SR; null if unknown. {@code socket} -1: common. */
    public String valueText(int socket, String datasheetName) {
        Reg r = RegisterSet.find(socket, datasheetName);
        return r == null || current == null ? null : current.hex(r);
    }

    public String meaningText(int socket, String datasheetName) {
        Reg r = RegisterSet.find(socket, datasheetName);
        return r == null || current == null ? null : current.meaning(r);
    }

    /** Whether the register is highlighted as changed since the previous suspend. */
    public boolean isChanged(int socket, String datasheetName) {
        Reg r = RegisterSet.find(socket, datasheetName);
        return r != null && changed(r);
    }

    /** Whether a value can be edited now (the session is suspended). */
    public boolean isEditable() {
        return session != null && session.isPaused() && !session.isTerminated();
    }

    /**
     * Writes a register as the user typed it (off the UI thread); the view re-reads after.
     *
     * @return the job doing it, or null if not editable
     * @throws IllegalArgumentException when the text is not a value for that register
     */
    public Job write(int socket, String datasheetName, String text) {
        Reg r = RegisterSet.find(socket, datasheetName);
        if (r == null) {
            throw new IllegalArgumentException("no register " + datasheetName);
        }
        return poke(r, RegisterValues.parse(r, text));
    }

    /** The last write error shown in the view, or null. */
    public String lastError() {
        return lastError;
    }

    public TreeViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        NetStepInput.removeListener(inputListener);
        if (session != null) {
            session.removeSessionListener(sessionListener);
        }
        changedColor.dispose();
        changedBackground.dispose();
        super.dispose();
    }

    // ---- reading

    private void suspendedRefresh() {
        if (session == null) {
            return;
        }
        baseline = atSuspend;
        current = RegisterValues.read(session);
        atSuspend = current;
        setContentDescription(stateText());
        viewer.refresh();
    }

    private void reread() {
        if (session == null) {
            return;
        }
        current = RegisterValues.read(session);
        setContentDescription(stateText());
        viewer.refresh();
    }

    private String stateText() {
        return session.isTerminated() ? "Session ended" : session.isPaused()
                ? "Suspended: changes since the previous suspend are highlighted; values are editable"
                : "Running: values as of the last refresh";
    }

    private boolean changed(Reg r) {
        return current != null && current.differs(r, baseline);
    }

    private Job poke(Reg r, byte[] bytes) {
        if (!isEditable()) {
            lastError = "registers can only be written while the session is suspended";
            return null;
        }
        Session s = session;
        Job job = new Job("Writing " + r.label()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    for (int i = 0; i < bytes.length; i++) {
                        s.poke(r.block(), r.offset() + i, bytes[i] & 0xFF);
                    }
                    lastError = null;
                } catch (Exception e) {
                    lastError = "writing " + r.label() + " failed: " + e.getMessage();
                }
                asyncExec(RegistersView.this::reread);
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
        job.schedule();
        return job;
    }

    private String name(Object o) {
        if (o instanceof Group g) {
            if (g.socket() >= 0 && current != null) {
                Reg sr = RegisterSet.find(g.socket(), "Sn_SR");
                return g.label() + "  " + current.meaning(sr);
            }
            return g.label();
        }
        return ((Reg) o).label();
    }

    private TreeViewerColumn column(String title, int width, java.util.function.Function<Object, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public Font getFont(Object element) {
                return element instanceof Reg r && changed(r)
                        ? JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT) : null;
            }

            @Override
            public Color getForeground(Object element) {
                return element instanceof Reg r && changed(r) ? changedColor : null;
            }

            @Override
            public Color getBackground(Object element) {
                return element instanceof Reg r && changed(r) ? changedBackground : null;
            }
        });
        return c;
    }

    private void asyncExec(Runnable r) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.getControl().getDisplay().asyncExec(() -> {
                if (!viewer.getControl().isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private static final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return RegisterSet.GROUPS.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof Group g ? g.registers().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof Reg r ? RegisterSet.groupOf(r) : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Group;
        }
    }

    /** The Value column: editable while suspended; bad input is shown, nothing is written. */
    private final class ValueEditing extends EditingSupport {
        private final TextCellEditor editor = new TextCellEditor(viewer.getTree());

        ValueEditing() {
            super(viewer);
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            return editor;
        }

        @Override
        protected boolean canEdit(Object element) {
            return element instanceof Reg && isEditable();
        }

        @Override
        protected Object getValue(Object element) {
            return current == null ? "" : current.hex((Reg) element);
        }

        @Override
        protected void setValue(Object element, Object value) {
            Reg r = (Reg) element;
            try {
                poke(r, RegisterValues.parse(r, String.valueOf(value)));
            } catch (IllegalArgumentException e) {
                lastError = e.getMessage();
                setContentDescription(e.getMessage());
            }
        }
    }
}
