package io.netstep.session.diagnosis;

/** How sure a diagnosis is; the diagnosis itself says why. */
public enum Confidence {
    /** The events prove it. */
    CERTAIN,
    /** The events fit this cause and no other we know; a detail we cannot see (e.g. encrypted bytes) is missing. */
    LIKELY,
    /** One of several causes the events allow; the candidates are listed. */
    POSSIBLE
}
