package io.netstep.ui.diagnosis;

import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.session.diagnosis.Diagnosis;
import io.netstep.session.diagnosis.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.forms.events.HyperlinkAdapter;
import org.eclipse.ui.forms.events.HyperlinkEvent;
import org.eclipse.ui.forms.widgets.ExpandableComposite;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Hyperlink;
import org.eclipse.ui.forms.widgets.Section;
import org.eclipse.ui.forms.widgets.TableWrapData;
import org.eclipse.ui.forms.widgets.TableWrapLayout;

/** One finding of the Diagnosis view as a form section: confidence, cause, evidence links, fix, candidates. */
final class FindingSection {

    private FindingSection() { }

    /**
     * Builds the section; returns, per evidence item, its hyperlink (null for an item that
     * names no event). {@code activate} gets the item's index when its link is followed.
     */
    static List<Hyperlink> create(FormToolkit tk, Composite parent, Findings.Finding f, IntConsumer activate) {
        Diagnosis d = f.diagnosis();
        Section s = tk.createSection(parent, ExpandableComposite.TITLE_BAR | ExpandableComposite.TWISTIE
                | ExpandableComposite.EXPANDED);
        s.setText(f.heading());
        s.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        Composite c = tk.createComposite(s);
        TableWrapLayout l = new TableWrapLayout();
        l.verticalSpacing = 4;
        c.setLayout(l);
        s.setClient(c);

        Label conf = tk.createLabel(c, "Confidence: " + d.confidence() + " \u2014 " + d.why(), SWT.WRAP);
        conf.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        heading(tk, c, "What happened");
        paragraph(tk, c, d.explanation());
        heading(tk, c, "Evidence");
        List<Hyperlink> links = new ArrayList<>();
        for (int i = 0; i < d.evidence().size(); i++) {
            Evidence e = d.evidence().get(i);
            List<ProtocolEvent> events = f.evidenceEvents().get(i);
            String text = (e.seq() > 0 ? "#" + e.seq() + "  " : "") + e.time() + "  " + e.what();
            if (events.isEmpty()) {
                paragraph(tk, c, "\u2022 " + text);
                links.add(null);
            } else {
                final int item = i;
                Hyperlink h = tk.createHyperlink(c, text, SWT.WRAP);
                h.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
                h.setToolTipText("Select " + (events.size() == 1 ? "this event" : "these " + events.size() + " events")
                        + " in the Protocol Timeline and Packet Detail");
                h.addHyperlinkListener(new HyperlinkAdapter() {
                    @Override
                    public void linkActivated(HyperlinkEvent ev) {
                        activate.accept(item);
                    }
                });
                links.add(h);
            }
        }
        heading(tk, c, "Fix");
        paragraph(tk, c, d.fix());
        if (!d.candidates().isEmpty()) {
            heading(tk, c, "Other candidates (for and against)");
            for (String cand : d.candidates()) {
                paragraph(tk, c, "\u2022 " + cand);
            }
        }
        return links;
    }

    static Label paragraph(FormToolkit tk, Composite parent, String text) {
        Label l = tk.createLabel(parent, text, SWT.WRAP);
        l.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
        return l;
    }

    private static void heading(FormToolkit tk, Composite parent, String text) {
        Label l = tk.createLabel(parent, text);
        l.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        l.setLayoutData(new TableWrapData(TableWrapData.FILL_GRAB));
    }
}
