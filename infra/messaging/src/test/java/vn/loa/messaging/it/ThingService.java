package vn.loa.messaging.it;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.loa.messaging.EventPublisher;

import java.util.List;
import java.util.UUID;

/** Changes a thing and publishes the fact in the same transaction, as services do. */
@Service
public class ThingService {

    private final ThingRepository things;
    private final EventPublisher events;

    ThingService(ThingRepository things, EventPublisher events) {
        this.things = things;
        this.events = events;
    }

    @Transactional
    public UUID create(String key, String name) {
        UUID id = UUID.randomUUID();
        things.save(new Thing(id, name));
        return events.publish(key, id.toString(), ThingHappened.ok(id.toString(), name));
    }

    /** Several things, their events written in one batch ({@link EventPublisher#publishAll}). */
    @Transactional
    public List<UUID> createAll(String key, List<String> names) {
        List<EventPublisher.Event> events = new java.util.ArrayList<>();
        for (String name : names) {
            UUID id = UUID.randomUUID();
            things.save(new Thing(id, name));
            events.add(new EventPublisher.Event(key, id.toString(), ThingHappened.ok(id.toString(), name)));
        }
        return this.events.publishAll(events);
    }

    /** Publishes, then fails: nothing of it may reach Kafka. */
    @Transactional
    public UUID createThenFail(String key, String name) {
        UUID id = UUID.randomUUID();
        things.save(new Thing(id, name));
        UUID eventId = events.publish(key, id.toString(), ThingHappened.ok(id.toString(), name));
        throw new RolledBack(eventId);
    }

    public static final class RolledBack extends RuntimeException {
        public final UUID eventId;

        RolledBack(UUID eventId) {
            super("rolled back on purpose");
            this.eventId = eventId;
        }
    }
}
