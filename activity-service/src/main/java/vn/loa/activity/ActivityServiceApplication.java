package vn.loa.activity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.observation.SecurityObservationSettings;

import java.time.Clock;
import java.time.ZoneId;

@SpringBootApplication
@EnableScheduling
public class ActivityServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ActivityServiceApplication.class, args);
    }

    /** "Today" and deadlines are in Asia/Ho_Chi_Minh; tests replace this clock to control time. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    /**
     * No Spring Security observations at all (nothing reads them; the request's own {@code http.server.requests}
     * stays). Turning them off by property only made them no-ops: the chain still wrapped every filter in an
     * observation decorator, and the authentication and authorization managers in observing ones, about a twentieth
     * of a completion's CPU (issue 17.3, JFR). With this bean Spring Security builds the plain chain.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
