package vn.loa.activity.evidence;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.web.PageResponse;
import vn.loa.support.web.Paging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;

/** Evidence files of an activity: upload, list, download, thumbnail, delete (README, "Evidence files"). */
@RestController
@RequestMapping("/api/activities/{activityId}/evidence")
class EvidenceController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EvidenceController.class);

    /** What a note may hold (stored, shown in the manifest). */
    static final int MAX_NOTE = 2000;

    private final EvidenceService service;

    EvidenceController(EvidenceService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<EvidenceView> upload(@PathVariable UUID activityId,
                                        @RequestPart(name = "file", required = false) MultipartFile file,
                                        @RequestParam(name = "note", required = false) @Size(max = MAX_NOTE) String note,
                                        CurrentUser user) {
        EvidenceService.Uploaded uploaded = service.upload(user, activityId, file, note);
        EvidenceView view = EvidenceView.of(uploaded.file());
        ResponseEntity.BodyBuilder answer = uploaded.created()
                ? ResponseEntity.created(URI.create(view.href())) : ResponseEntity.ok().location(URI.create(view.href()));
        return answer.eTag(EvidenceETags.of(view.sha256())).body(view);
    }

    @GetMapping
    PageResponse<EvidenceView> list(@PathVariable UUID activityId, @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size, CurrentUser user) {
        Paging paging = Paging.of(page, size);
        EvidenceService.Page result = service.list(user, activityId, paging.page(), paging.size());
        return new PageResponse<>(result.items().stream().map(EvidenceView::of).toList(), result.page(), result.size(),
                result.total());
    }

    /**
     * The bytes, as an attachment under the original (sanitised) name, with the type read from them at upload and
     * {@code nosniff}, so that a browser neither guesses another type nor renders the file as a page of this origin.
     */
    @GetMapping("/{evidenceId}")
    void download(@PathVariable UUID activityId, @PathVariable UUID evidenceId,
                  @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                  CurrentUser user, HttpServletResponse response) throws IOException {
        EvidenceFile file = service.get(user, activityId, evidenceId);
        send(response, file.storageKey(), file.contentType(), file.size(), file.sha256(), ifNoneMatch,
                FileNames.contentDisposition("attachment", file.name()));
    }

    @GetMapping("/{evidenceId}/thumbnail")
    void thumbnail(@PathVariable UUID activityId, @PathVariable UUID evidenceId,
                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                   CurrentUser user, HttpServletResponse response) throws IOException {
        EvidenceFile file = service.get(user, activityId, evidenceId);
        if (file.thumbnailKey() == null) {
            throw EvidenceProblems.noThumbnail(evidenceId, file.contentType());
        }
        // The thumbnail is derived from the bytes: the file's hash identifies it too (another tag than the file's).
        String thumbName = FileNames.sanitise(stem(file.name()) + " (ảnh thu nhỏ).jpg", EvidenceType.JPEG);
        send(response, file.thumbnailKey(), "image/jpeg", -1, file.sha256() + "-thumb", ifNoneMatch,
                FileNames.contentDisposition("inline", thumbName));
    }

    @DeleteMapping("/{evidenceId}")
    ResponseEntity<Void> delete(@PathVariable UUID activityId, @PathVariable UUID evidenceId,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                CurrentUser user) {
        service.delete(user, activityId, evidenceId, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private void send(HttpServletResponse response, String key, String contentType, long size, String tag,
                      String ifNoneMatch, String disposition) throws IOException {
        response.setHeader(HttpHeaders.ETAG, EvidenceETags.of(tag));
        // Revalidated each time (the answer depends on who asks), cheaply: If-None-Match gets a 304.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (EvidenceETags.matches(ifNoneMatch, tag)) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        try (InputStream in = service.open(key)) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(contentType);
            if (size >= 0) {
                response.setContentLengthLong(size);
            }
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
            // Opened directly, the file is a sandboxed document without scripts, whatever it holds.
            response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
            OutputStream out = response.getOutputStream();
            try {
                in.transferTo(out);
                out.flush();
            } catch (IOException e) {
                // Mostly a phone that went away mid-download. The status is sent: nothing else can be said to anyone.
                log.info("Download of {} ended early: {}", key, e.toString());
            }
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
