package io.netstep.session.diagnosis;

import java.util.List;

/** One failure of failures.md, checked over the reconstructed session. */
interface Rule {

    /** Findings for this failure; empty when the events do not show it. */
    List<Diagnosis> check(SessionTrace trace);
}
