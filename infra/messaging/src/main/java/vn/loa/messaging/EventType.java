package vn.loa.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event a record carries: its CloudEvents {@code type} (kebab-case, a past fact such as
 * {@code activity-completed}), the topic it travels on and the version of its schema. Producers
 * and consumers each annotate their own copy of the record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The CloudEvents type, e.g. {@code plan-issued}. */
    String value();

    /** The topic, one of {@link Topics}. */
    String topic();

    /** Schema version of the data; only additive changes within a version. */
    int version() default 1;
}
