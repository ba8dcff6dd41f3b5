package vn.loa.activity.evidence;

import vn.loa.common.problem.ProblemCode;
import vn.loa.common.problem.Text;
import vn.loa.support.web.ApiException;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The refusals of evidence uploads and deletions: codes of the shared catalogue ({@link ProblemCode}), details from
 * its bundles, each with the limit it is about as a member.
 */
final class EvidenceProblems {

    private EvidenceProblems() {
    }

    /** "Evidence file {id} of activity {id}" as the bundles name it. */
    static Text file(UUID activityId, UUID evidenceId) {
        return Text.of("object.evidence-file", String.valueOf(evidenceId), String.valueOf(activityId));
    }

    static ApiException fileNotFound(UUID activityId, UUID evidenceId) {
        return ApiException.of(ProblemCode.NOT_FOUND, "object", file(activityId, evidenceId));
    }

    static ApiException fileTooLarge(long limit) {
        return ApiException.of(ProblemCode.PAYLOAD_TOO_LARGE, "evidence-file", human(limit), bytes(limit))
                .with("limit", limit);
    }

    static ApiException totalTooLarge(long limit, long used, long size) {
        return ApiException.of(ProblemCode.EVIDENCE_TOTAL_LIMIT, "limit", human(limit), human(used), human(size))
                .with("limit", limit).with("used", used);
    }

    static ApiException tooManyFiles(int limit) {
        return ApiException.of(ProblemCode.EVIDENCE_COUNT_LIMIT, "limit", String.valueOf(limit))
                .with("limit", limit);
    }

    static ApiException typeNotAllowed(String detected) {
        return ApiException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "evidence", detected, EvidenceType.allowedNames())
                .with("detected", detected).with("allowed", EvidenceType.allowedMediaTypes());
    }

    static ApiException imageTooLarge(long pixels, long limit) {
        return ApiException.of(ProblemCode.IMAGE_TOO_LARGE, "limit", megapixels(pixels), megapixels(limit))
                .with("limit", limit).with("pixels", pixels);
    }

    static ApiException noThumbnail(UUID evidenceId, String contentType) {
        return ApiException.of(ProblemCode.NO_THUMBNAIL, "file", String.valueOf(evidenceId), contentType);
    }

    static ApiException cancelled(UUID activityId) {
        return ApiException.of(ProblemCode.INVALID_TRANSITION, "evidence-cancelled", String.valueOf(activityId));
    }

    static ApiException ifMatchRequired() {
        return ApiException.of(ProblemCode.PRECONDITION_REQUIRED, "evidence");
    }

    static ApiException stale(String current, String ifMatch) {
        return ApiException.of(ProblemCode.VERSION_CONFLICT, "evidence", current, ifMatch);
    }

    static ApiException storageUnavailable() {
        return ApiException.of(ProblemCode.SERVICE_UNAVAILABLE, "evidence-store");
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }

    private static String bytes(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }

    private static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }
}
