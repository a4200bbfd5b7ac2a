package io.netstep.tls;

import io.netstep.tls.names.TlsNames;

/** An Alert (RFC 8446 section 6): level and description. */
public final class AlertMessage extends TlsEvent {
    private final int level;
    private final int description;
    private final boolean decrypted;

    public AlertMessage(Direction direction, Field fields, int level, int description, boolean decrypted) {
        super(direction, fields);
        this.level = level;
        this.description = description;
        this.decrypted = decrypted;
    }

    @Override
    public String type() {
        return "Alert";
    }

    public int level() {
        return level;
    }

    public String levelName() {
        return TlsNames.ALERT_LEVELS.name(level);
    }

    public int description() {
        return description;
    }

    /** IANA name, e.g. "handshake_failure". */
    public String descriptionName() {
        return TlsNames.ALERT_DESCRIPTIONS.name(description);
    }

    public boolean isFatal() {
        return level == 2;
    }

    /** True when the alert came from a decrypted record. */
    public boolean wasDecrypted() {
        return decrypted;
    }

    @Override
    public String summary() {
        return direction().shortName() + " Alert " + levelName() + " " + descriptionName();
    }
}
