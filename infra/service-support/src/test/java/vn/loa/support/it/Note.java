package vn.loa.support.it;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** The test service's aggregate, saved with JPA. */
@Entity
public class Note {

    @Id
    private UUID id;
    private String text;
    private Integer priority;

    protected Note() {
    }

    Note(UUID id, String text, Integer priority) {
        this.id = id;
        this.text = text;
        this.priority = priority;
    }

    public UUID getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
