package vn.loa.messaging.it;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** The consumer side's effect, written with JPA inside the inbox transaction. */
@Entity
public class Effect {

    @Id
    private UUID id;
    private UUID eventId;
    private String consumer;
    private String name;

    protected Effect() {
    }

    Effect(UUID eventId, String consumer, String name) {
        this.id = UUID.randomUUID();
        this.eventId = eventId;
        this.consumer = consumer;
        this.name = name;
    }
}
