package io.netstep.session.diagnosis;

import java.util.List;

/**
 * One finding: {@code id} and {@code name} as in failures.md ("F3", "record-too-large"),
 * a one-line {@code title}, how sure and {@code why}, the {@code explanation} in the
 * firmware developer's terms, the {@code evidence}, the {@code fix} (ioLibrary / mbedTLS /
 * wolfSSL calls and settings) and, when unsure, the other {@code candidates} with what
 * speaks for and against them.
 */
public record Diagnosis(String id, String name, String title, Confidence confidence, String why,
                        String explanation, List<Evidence> evidence, String fix, List<String> candidates) {

    public Diagnosis {
        evidence = List.copyOf(evidence);
        candidates = List.copyOf(candidates);
    }

    /** The first evidence entry's sequence number, for ordering findings along the timeline. */
    long firstSeq() {
        return evidence.stream().mapToLong(Evidence::seq).filter(s -> s > 0).min().orElse(Long.MAX_VALUE);
    }
}
