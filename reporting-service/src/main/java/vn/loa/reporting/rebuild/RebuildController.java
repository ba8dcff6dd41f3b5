package vn.loa.reporting.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.support.security.CurrentUser;

import java.net.URI;
import java.util.UUID;

/** Operators rebuild the read models from the topics ({@code /api/ops/**} needs OPERATOR). */
@RestController
@RequestMapping("/api/ops/projections/rebuild")
class RebuildController {

    private final ProjectionRebuild rebuild;

    RebuildController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** Starts a rebuild: 202 with its progress, to follow at the Location. */
    @PostMapping
    ResponseEntity<RebuildProgress> start(CurrentUser user) {
        RebuildProgress progress = rebuild.start(user.username());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/ops/projections/rebuild/" + progress.id())).body(progress);
    }

    /** The latest rebuild. */
    @GetMapping
    RebuildProgress latest() {
        return rebuild.progress(null);
    }

    @GetMapping("/{id}")
    RebuildProgress get(@PathVariable UUID id) {
        return rebuild.progress(id);
    }
}
