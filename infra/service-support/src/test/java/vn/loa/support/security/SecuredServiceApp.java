package vn.loa.support.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service of one endpoint with service-support's security, as every Loa service has it. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "vn.loa.messaging.autoconfigure.MessagingAutoConfiguration",
        "vn.loa.messaging.autoconfigure.DeadLetterWebAutoConfiguration"})
class SecuredServiceApp {


    @RestController
    static class Hello {

        @GetMapping("/api/hello")
        String hello(CurrentUser user) {
            return user.username();
        }
    }
}
