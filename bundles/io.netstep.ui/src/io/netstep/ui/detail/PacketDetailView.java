package io.netstep.ui.detail;

import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.Events;
import io.netstep.ui.NetStepInput;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;

/**
 * Packet Detail: the selected event's fields (spec names and values) over a hex/ASCII dump of
 * its bytes; selecting a field highlights its bytes. Follows any selection that is or adapts
 * to a {@link ProtocolEvent} (the timeline's rows, and debug frames once they adapt).
 */
public class PacketDetailView extends ViewPart {

    public static final String ID = "io.netstep.ui.detail";
    /** Larger events are dumped up to here (a TLS record is at most ~16 KiB). */
    private static final int MAX_DUMP = 256 * 1024;

    private Label title;
    private TreeViewer fields;
    private StyledText hex;
    private Color markFg;
    private Color markBg;
    private ProtocolEvent event;
    private DetailNode root;
    private int[] highlighted = { -1, 0 };
    private final ISelectionListener listener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        title = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        fields = new TreeViewer(sash, SWT.FULL_SELECTION | SWT.BORDER | SWT.SINGLE);
        fields.getTree().setHeaderVisible(true);
        fields.getTree().setLinesVisible(true);
        fields.setContentProvider(new Content());
        column("Field", 220, n -> n.name());
        column("Value", 380, n -> n.value());
        fields.addSelectionChangedListener(e -> {
            // only a chosen field changes the mark: GTK reports an empty selection for a hidden tree
            if (e.getStructuredSelection().getFirstElement() instanceof DetailNode n) {
                mark(n);
            }
        });

        hex = new StyledText(sash, SWT.READ_ONLY | SWT.BORDER | SWT.H_SCROLL | SWT.V_SCROLL);
        hex.setFont(JFaceResources.getTextFont());
        markFg = new Color(parent.getDisplay(), new RGB(0, 0, 0));
        markBg = new Color(parent.getDisplay(), new RGB(0x9C, 0xC8, 0xFF));
        sash.setWeights(55, 45);

        getSite().getPage().addPostSelectionListener(listener);
        show(null);
        ISelection now = getSite().getPage().getSelection();
        if (now != null) {
            selectionChanged(null, now);
        }
    }

    /** Shows an event (null: nothing). UI thread. */
    public void show(ProtocolEvent e) {
        event = e;
        if (e == null) {
            title.setText("Select an event in the Protocol Timeline");
            root = null;
            fields.setInput(null);
            hex.setText("");
            highlighted = new int[] { -1, 0 };
            return;
        }
        int sn = Events.socket(e);
        title.setText("#" + e.id() + "  " + Events.layer(e) + (sn < 0 ? "" : "  socket " + sn) + "  "
                + Events.dir(e) + "  " + Events.heading(e));
        root = DetailNode.of(e);
        fields.setInput(new DetailNode[] { root });   // the input must not be an element itself
        fields.expandToLevel(3);
        byte[] b = e.bytes();
        int shown = Math.min(b.length, MAX_DUMP);
        hex.setText(HexDump.text(b, shown) + (shown < b.length ? "… " + (b.length - shown) + " more bytes\n" : ""));
        mark(null);
    }

    /** Selects the first field of that name (as a user's click would) and returns whether there is one. */
    public boolean selectField(String name) {
        DetailNode n = root == null ? null : root.find(name);
        if (n == null) {
            return false;
        }
        fields.setSelection(new StructuredSelection(n), true);
        mark(n);   // also when the tree is hidden (a stacked view), where GTK reports no selection
        return true;
    }

    /** The field names of the tree, depth first (for checks). */
    public String fieldDump() {
        StringBuilder sb = new StringBuilder();
        if (root != null) {
            dump(root, 0, sb);
        }
        return sb.toString();
    }

    /** The highlighted bytes as {from, length} in the event's bytes; from -1 for none. */
    public int[] highlightedBytes() {
        return highlighted.clone();
    }

    public ProtocolEvent event() {
        return event;
    }

    /** The header line above the fields, e.g. "#12  SPI  → SPI write common SHAR". */
    public String title() {
        return title.getText();
    }

    public org.eclipse.swt.widgets.Tree fieldTree() {
        return fields.getTree();
    }

    public StyledText hexText() {
        return hex;
    }

    /** Character offsets of byte i in the dump: {hex, ascii}. */
    public static int[] charOffsets(int i) {
        return new int[] { HexDump.hexOffset(i), HexDump.asciiOffset(i) };
    }

    @Override
    public void setFocus() {
        fields.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(listener);
        markFg.dispose();
        markBg.dispose();
        super.dispose();
    }

    private void selectionChanged(IWorkbenchPart part, ISelection sel) {
        if (part == this || !(sel instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        ProtocolEvent e = NetStepInput.eventOf(s.getFirstElement());
        if (e != null && e != event) {
            show(e);
        }
    }

    private void mark(DetailNode n) {
        hex.setStyleRanges(new StyleRange[0]);
        int size = event == null ? 0 : Math.min(event.bytes().length, MAX_DUMP);
        if (n == null || n.from() < 0 || n.length() == 0 || n.from() >= size) {
            highlighted = new int[] { -1, 0 };
            return;
        }
        int len = Math.min(n.length(), size - n.from());
        List<StyleRange> ranges = HexDump.highlight(n.from(), len, markFg, markBg);
        hex.setStyleRanges(ranges.toArray(new StyleRange[0]));
        hex.setTopIndex(Math.max(0, n.from() / HexDump.PER_LINE - 1));
        highlighted = new int[] { n.from(), len };
    }

    private static void dump(DetailNode n, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(n.name());
        if (!n.value().isEmpty()) {
            sb.append(": ").append(n.value());
        }
        sb.append('\n');
        for (DetailNode c : n.children()) {
            dump(c, depth + 1, sb);
        }
    }

    private void column(String titleText, int width, java.util.function.Function<DetailNode, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(fields, SWT.LEFT);
        c.getColumn().setText(titleText);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((DetailNode) element);
            }
        });
    }

    private static final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof DetailNode[] roots ? roots : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return ((DetailNode) parent).children().toArray();
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return !((DetailNode) element).children().isEmpty();
        }
    }
}
