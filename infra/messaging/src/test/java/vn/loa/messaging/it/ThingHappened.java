package vn.loa.messaging.it;

import vn.loa.messaging.EventType;
import vn.loa.messaging.Topics;

/** The test event. {@code behaviour}: "ok", "fail-while-switched" (retryable failure), "invalid" (IllegalArgumentException). */
@EventType(value = "thing-happened", topic = Topics.PLAN_EVENTS)
public record ThingHappened(String thingId, String name, String behaviour) {

    public static ThingHappened ok(String thingId, String name) {
        return new ThingHappened(thingId, name, "ok");
    }
}
