package io.netstep.cloud;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.cloud.IotPolicy.Action;
import io.netstep.cloud.IotPolicy.Context;
import io.netstep.cloud.IotPolicy.Decision;

import org.junit.jupiter.api.Test;

class IotPolicyTest {

    private static final String ARN = "arn:aws:iot:us-east-1:123456789012:";
    private static final Context THING = new Context("sensor-1", "sensor-1", "sensor-1");

    @Test void wildcardsAreIamStyleNotMqttStyle() {
        assertTrue(IotPolicy.glob("a/*", "a/b/c"), "* spans slashes");
        assertTrue(IotPolicy.glob("a/?", "a/b"));
        assertFalse(IotPolicy.glob("a/?", "a/bc"));
        assertFalse(IotPolicy.glob("a/+", "a/b"), "+ is a plain character in a policy");
        assertTrue(IotPolicy.glob("a/+", "a/+"));
        assertTrue(IotPolicy.glob("*", ""));
        assertFalse(IotPolicy.glob("abc", "abcd"));
    }

    @Test void thingScopedPolicyAdmitsTheThingsOwnTopicsOnly() {
        IotPolicy p = IotPolicy.thingScoped("us-east-1", "123456789012");
        assertTrue(p.evaluate(Action.CONNECT, ARN + "client/sensor-1", THING).allowed());
        assertTrue(p.evaluate(Action.PUBLISH, ARN + "topic/sensor-1/telemetry", THING).allowed());
        assertTrue(p.evaluate(Action.SUBSCRIBE, ARN + "topicfilter/sensor-1/cmd/#", THING).allowed());
        assertTrue(p.evaluate(Action.PUBLISH, ARN + "topic/$aws/things/sensor-1/shadow/update", THING).allowed());
        Decision other = p.evaluate(Action.PUBLISH, ARN + "topic/sensor-2/telemetry", THING);
        assertFalse(other.allowed());
        assertTrue(other.rule().contains("iot:Publish") && other.rule().contains("topic/sensor-2/telemetry"), other.rule());
        assertFalse(p.evaluate(Action.SUBSCRIBE, ARN + "topicfilter/#", THING).allowed());
        assertFalse(p.evaluate(Action.PUBLISH, "arn:aws:iot:eu-west-1:123456789012:topic/sensor-1/x", THING).allowed(),
                "another region's ARN does not match");
    }

    @Test void unattachedThingNameResolvesToNothing() {
        IotPolicy p = IotPolicy.thingScoped("us-east-1", "123456789012");
        Context noThing = new Context("my-laptop", null, "sensor-1");
        Decision d = p.evaluate(Action.CONNECT, ARN + "client/my-laptop", noThing);
        assertFalse(d.allowed());
        assertTrue(d.rule().contains("is not the name of a thing attached"), d.rule());
    }

    @Test void explicitDenyWinsOverAllow() {
        IotPolicy p = IotPolicy.parse("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"iot:*","Resource":"*"},
                  {"Effect":"Deny","Action":["iot:Publish"],"Resource":["arn:aws:iot:us-east-1:123456789012:topic/${iot:ClientId}/secret"]}
                ]}""");
        assertTrue(p.evaluate(Action.PUBLISH, ARN + "topic/sensor-1/open", THING).allowed());
        Decision d = p.evaluate(Action.PUBLISH, ARN + "topic/sensor-1/secret", THING);
        assertFalse(d.allowed());
        assertTrue(d.rule().startsWith("Statement 2: Deny"), d.rule());
        assertTrue(p.evaluate(Action.PUBLISH, ARN + "topic/sensor-2/secret", THING).allowed(), "the variable is this client's ID");
    }

    @Test void badPoliciesAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IotPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\""));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IotPolicy.parse(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\",\"Condition\":{}}]}"));
        assertTrue(e.getMessage().contains("Condition"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IotPolicy.parse(
                "{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"iot:Connect\",\"Resource\":\"*\"}]}"));
        assertTrue(e.getMessage().contains("Effect"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IotPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}"));
        assertTrue(e.getMessage().contains("Action"), e.getMessage());
    }

    @Test void keepAliveIsClampedLikeAwsIot() {
        AwsIotOptions o = new AwsIotOptions();
        assertEquals(1200, o.effectiveKeepAlive(0));
        assertEquals(30, o.effectiveKeepAlive(5));
        assertEquals(60, o.effectiveKeepAlive(60));
        assertEquals(1200, o.effectiveKeepAlive(3600));
    }

    @Test void cloudSpecParses() {
        assertEquals(AwsIotOptions.DEFAULT_THING, CloudProfile.parse("aws-iot").thingName());
        assertEquals("sensor-1", CloudProfile.parse("aws-iot:sensor-1").thingName());
        assertThrows(IllegalArgumentException.class, () -> CloudProfile.parse("azure"));
        assertThrows(IllegalArgumentException.class, () -> CloudProfile.parse("aws-iot:bad name"));
        assertEquals("us-west-2", new AwsIotOptions().endpoint("abc-ats.iot.us-west-2.amazonaws.com").region());
        assertThrows(IllegalArgumentException.class, () -> new AwsIotOptions().endpoint("broker.test"));
    }
}
