package vn.loa.reporting;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.reporting.support.MutableClock;
import vn.loa.reporting.support.TestEvents;
import vn.loa.reporting.support.TestTokenEndpoint;
import vn.loa.testsupport.LoaIntegrationTest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Base of the reporting ITs: the whole service on a real PostgreSQL and Kafka (test-support), a
 * clock the tests set, and a producer that publishes events as plan- and activity-service would.
 * The service also listens on a random port (browser tests load the dashboard page from it) and
 * serves a test token endpoint; one context for every IT class, so one set of Kafka listeners.
 * Each test class works on org units of its own so that the classes can share the database.
 */
@LoaIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        ReportingIntegrationTest.TOKEN_KEY,
        // The reminder job runs when a test calls it, on the test's clock, not on its timer.
        "loa.report-reminders.enabled=false"})
@AutoConfigureMockMvc
@Import({ReportingIntegrationTest.TestClock.class, TestTokenEndpoint.class})
public abstract class ReportingIntegrationTest {

    /**
     * test-support registers the token key through a DynamicPropertyRegistrar, which runs after Boot's
     * conditions chose the JWT decoder (so the gateway's JWKS default won); stated here as a plain
     * test property, it is seen in time.
     */
    public static final String TOKEN_KEY =
            "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:test-only-keys/loa-test-jwt-public.pem";

    private static TestEvents events;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected Environment environment;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2022-04-02T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
        }
    }

    protected TestEvents events() {
        if (events == null) {
            events = new TestEvents(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), json);
        }
        return events;
    }

    @AfterAll
    static void closeProducer() {
        if (events != null) {
            events.close();
            events = null;
        }
    }

    /** A response: status and body, read with JsonPath. */
    protected record Answer(int status, String body, String etag) {
        public <T> T read(String path) {
            return JsonPath.read(body, path);
        }

        public double number(String path) {
            return ((Number) JsonPath.read(body, path)).doubleValue();
        }
    }

    protected Answer call(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        MvcResult r = mvc.perform(request.header("Authorization", bearer).accept(MediaType.APPLICATION_JSON))
                .andReturn();
        return new Answer(r.getResponse().getStatus(), r.getResponse().getContentAsString(StandardCharsets.UTF_8),
                r.getResponse().getHeader("ETag"));
    }

    protected Answer getJson(String url, String bearer) throws Exception {
        return call(get(url), bearer);
    }

    protected Answer postJson(String url, String body, String bearer) throws Exception {
        MockHttpServletRequestBuilder request = post(url);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return call(request, bearer);
    }

    protected Answer putJson(String url, String body, String bearer) throws Exception {
        return call(put(url).contentType(MediaType.APPLICATION_JSON).content(body), bearer);
    }

    /** A change as a client makes it: read the resource ({@code url} without its last segment), send its ETag as If-Match. */
    protected Answer putIfMatch(String url, String body, String bearer) throws Exception {
        return call(ifMatch(put(url).contentType(MediaType.APPLICATION_JSON).content(body), url, bearer), bearer);
    }

    protected Answer postIfMatch(String url, String body, String bearer) throws Exception {
        MockHttpServletRequestBuilder request = post(url);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return call(ifMatch(request, url, bearer), bearer);
    }

    private MockHttpServletRequestBuilder ifMatch(MockHttpServletRequestBuilder request, String url, String bearer)
            throws Exception {
        String resource = url.substring(0, url.lastIndexOf('/'));
        String etag = getJson(resource, bearer).etag();
        return etag == null ? request : request.header("If-Match", etag);
    }
}
