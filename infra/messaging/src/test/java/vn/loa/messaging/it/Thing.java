package vn.loa.messaging.it;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** The producer side's aggregate. */
@Entity
public class Thing {

    @Id
    private UUID id;
    private String name;

    protected Thing() {
    }

    Thing(UUID id, String name) {
        this.id = id;
        this.name = name;
    }
}
