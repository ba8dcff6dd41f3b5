package vn.loa.support.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import vn.loa.support.web.ApiException;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small service as the real ones are built: JPA (so a JpaTransactionManager), a @Transactional
 * application service, a controller with Bean Validation, and service-support's filters and problems.
 */
@SpringBootApplication
public class SupportTestApplication {

    /** While set, POST /api/notes with "wait" waits here (a request that hangs with its key). */
    static volatile CountDownLatch hold = new CountDownLatch(0);

    /**
     * Stands for the connection to the client being lost after the service committed: with the header
     * {@code X-Test-Lose-Answer}, the answer is dropped and the client gets a 502 instead.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> loseTheAnswer() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getHeader("X-Test-Lose-Answer") == null) {
                    chain.doFilter(request, response);
                    return;
                }
                ContentCachingResponseWrapper swallowed = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, swallowed);
                response.reset();
                response.setStatus(502);
            }
        });
        registration.setOrder(-10); // after security (-100), around the Idempotency-Key filter (0)
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** The request: every field stored has a bound. */
    record NewNote(@NotBlank @Size(max = 200) String text, @Size(max = 5) List<@Size(max = 20) String> tags,
                   @Max(1000) Integer priority,
                   @Size(max = 40, message = "must have at most {max} characters") String author) {
    }

    /** @param lease the request transaction's idle_in_transaction_session_timeout, as the database sees it */
    record NoteView(UUID id, String text, String lease) {
    }

    @Service
    static class NoteService {
        private final Notes notes;
        private final JdbcTemplate jdbc;

        NoteService(Notes notes, JdbcTemplate jdbc) {
            this.notes = notes;
            this.jdbc = jdbc;
        }

        @Transactional
        NoteView create(NewNote note) {
            Note saved = notes.save(new Note(UUID.randomUUID(), note.text(), note.priority()));
            // (author is not stored: it only shows that a message written on the annotation is kept)
            switch (note.text()) {
                case "refuse" -> throw ApiException.conflict("refused", "Refused after writing, rolled back.");
                case "fail" -> throw new IllegalStateException("fails after writing");
                case "wait" -> {
                    try {
                        hold.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    notes.flush();
                }
                default -> {
                }
            }
            return new NoteView(saved.getId(), saved.getText(),
                    jdbc.queryForObject("select current_setting('idle_in_transaction_session_timeout')", String.class));
        }
    }

    @RestController
    @RequestMapping("/api/notes")
    static class NoteController {
        private final NoteService service;

        NoteController(NoteService service) {
            this.service = service;
        }

        @PostMapping(consumes = "application/json")
        ResponseEntity<NoteView> create(@Valid @RequestBody NewNote note) {
            NoteView view = service.create(note);
            return ResponseEntity.created(URI.create("/api/notes/" + view.id())).body(view);
        }

        @PostMapping(path = "/import", consumes = "text/csv")
        String importCsv(@RequestBody byte[] csv) {
            return "{\"bytes\":" + csv.length + "}";
        }
    }
}
