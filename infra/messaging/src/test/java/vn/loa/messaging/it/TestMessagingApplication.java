package vn.loa.messaging.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small service using the library as the real ones do: JPA, an outbox publisher, a routed listener. */
@SpringBootApplication
public class TestMessagingApplication {

    public static void main(String[] args) {
        SpringApplication.run(TestMessagingApplication.class, args);
    }
}
