package io.netstep.cloud;

import io.netstep.net.broker.TestPki;

import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the AWS IoT emulator behaves. The defaults are AWS IoT Core's documented message broker
 * behaviour and limits (checked against the AWS IoT developer guide, "MQTT" and "AWS IoT Core
 * endpoints and quotas"): keepalive 30..1200 s (0 means 1200), disconnect after 1.5 x keepalive,
 * payload at most 128 KB, at most 7 slashes and 256 bytes in a topic, at most 8 filters in one
 * SUBSCRIBE, client ID at most 128 bytes.
 */
public final class AwsIotOptions {

    /** An endpoint of the shape {@code describe-endpoint --endpoint-type iot:Data-ATS} returns. */
    public static final String DEFAULT_ENDPOINT = "a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com";
    public static final String DEFAULT_THING = "netstep-thing";
    public static final String DEFAULT_ACCOUNT = "123456789012";

    private static final Pattern ENDPOINT = Pattern.compile("[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.iot\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    private String endpoint = DEFAULT_ENDPOINT;
    private String thingName = DEFAULT_THING;
    private String account = DEFAULT_ACCOUNT;
    private IotPolicy policy;
    private LongSupplier clock = System::nanoTime;
    private TestPki.KeyType keyType = TestPki.KeyType.RSA_2048;
    private int maxPayloadBytes = 128 * 1024;
    private int maxTopicBytes = 256;
    private int maxTopicSlashes = 7;
    private int maxFiltersPerSubscribe = 8;
    private int maxClientIdBytes = 128;
    private int keepAliveMinSeconds = 30;
    private int keepAliveMaxSeconds = 1200;

    /** The endpoint name devices connect to and must send as SNI ({@code PREFIX-ats.iot.REGION.amazonaws.com}). */
    public AwsIotOptions endpoint(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!ENDPOINT.matcher(n).matches())
            throw new IllegalArgumentException("endpoint '" + name + "' is not of the form PREFIX-ats.iot.REGION.amazonaws.com");
        this.endpoint = n;
        return this;
    }

    /** The thing whose certificate the device gets (and whose name the default policy scopes topics to). */
    public AwsIotOptions thingName(String thing) {
        if (thing == null || !thing.matches("[a-zA-Z0-9:_-]{1,128}"))
            throw new IllegalArgumentException("thing name '" + thing + "' must be 1-128 of a-z A-Z 0-9 : _ -");
        this.thingName = thing;
        return this;
    }

    public AwsIotOptions account(String acct) {
        if (acct == null || !acct.matches("[0-9]{12}")) throw new IllegalArgumentException("account '" + acct + "' must be 12 digits");
        this.account = acct;
        return this;
    }

    /** The policy attached to the device certificate; default {@link IotPolicy#thingScoped}. */
    public AwsIotOptions policy(IotPolicy p) {
        this.policy = p;
        return this;
    }

    /** The time base for keepalive (nanoseconds): the session's virtual clock, so a paused session freezes it. */
    public AwsIotOptions clock(LongSupplier nanos) {
        if (nanos == null) throw new IllegalArgumentException("clock missing");
        this.clock = nanos;
        return this;
    }

    /** Key type of the endpoint and device certificates (AWS ATS endpoints present RSA 2048 by default). */
    public AwsIotOptions keyType(TestPki.KeyType t) {
        this.keyType = t;
        return this;
    }

    public AwsIotOptions maxPayloadBytes(int n) {
        if (n < 1) throw new IllegalArgumentException("max payload must be positive");
        this.maxPayloadBytes = n;
        return this;
    }

    public String endpoint() { return endpoint; }
    public String thingName() { return thingName; }
    public String account() { return account; }
    public LongSupplier clock() { return clock; }
    public TestPki.KeyType keyType() { return keyType; }
    public int maxPayloadBytes() { return maxPayloadBytes; }
    public int maxTopicBytes() { return maxTopicBytes; }
    public int maxTopicSlashes() { return maxTopicSlashes; }
    public int maxFiltersPerSubscribe() { return maxFiltersPerSubscribe; }
    public int maxClientIdBytes() { return maxClientIdBytes; }
    public int keepAliveMinSeconds() { return keepAliveMinSeconds; }
    public int keepAliveMaxSeconds() { return keepAliveMaxSeconds; }

    /** The region label of the endpoint ({@code us-east-1}). */
    public String region() {
        Matcher m = ENDPOINT.matcher(endpoint);
        if (!m.matches()) throw new IllegalStateException(endpoint);
        return m.group(1);
    }

    /** {@code arn:aws:iot:REGION:ACCOUNT:} */
    public String arnPrefix() {
        return "arn:aws:iot:" + region() + ":" + account + ":";
    }

    public IotPolicy policy() {
        return policy != null ? policy : IotPolicy.thingScoped(region(), account);
    }

    /** The keepalive AWS IoT applies for a requested one: 0 means the maximum, the rest is clamped to the bounds. */
    public int effectiveKeepAlive(int requested) {
        if (requested <= 0) return keepAliveMaxSeconds;
        return Math.max(keepAliveMinSeconds, Math.min(keepAliveMaxSeconds, requested));
    }
}
