package vn.loa.messaging;

import java.util.Collection;
import java.util.UUID;

/**
 * An event of a type the consumer handles, but in a {@code dataversion} it has no record for (a new major
 * version of the schema: fields may have changed meaning). Binding it to the known version's record would
 * fill it with nulls; instead it goes to the dead-letter topic, with this reason, to be replayed once the
 * consumer knows the version. An {@link InvalidEventException}: not retried.
 */
public class UnknownDataVersionException extends InvalidEventException {

    public UnknownDataVersionException(String consumer, UUID eventId, String type, int dataversion,
                                       Collection<Integer> known) {
        super("event " + eventId + " (" + type + ") has dataversion " + dataversion + ", which consumer " + consumer
                + " does not know (it knows " + known + "): sent to the dead-letter topic, replay it once the consumer"
                + " handles that version");
    }
}
