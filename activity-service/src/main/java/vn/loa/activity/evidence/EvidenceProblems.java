package vn.loa.activity.evidence;

import org.springframework.http.HttpStatus;
import vn.loa.support.web.ApiException;

import java.text.NumberFormat;
import java.util.Locale;

/** The refusals of evidence uploads and deletions, each with a stable code and the limit it is about. */
final class EvidenceProblems {

    private EvidenceProblems() {
    }

    static ApiException fileTooLarge(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "The file is larger than " + human(limit) + " (" + bytes(limit) + " bytes), the limit for one evidence file.")
                .with("limit", limit);
    }

    static ApiException totalTooLarge(long limit, long used, long size) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "evidence-total-limit", "Evidence total limit reached",
                "The activity's evidence files may add up to " + human(limit) + "; " + human(used) + " are used and this file has "
                        + human(size) + ". Remove a file or send a smaller one (a photo at the phone's usual size is enough).")
                .with("limit", limit).with("used", used);
    }

    static ApiException tooManyFiles(int limit) {
        return new ApiException(HttpStatus.CONFLICT, "evidence-count-limit", "Evidence count limit reached",
                "An activity may have at most " + limit + " evidence files and this one has " + limit
                        + ". Remove one before adding another.")
                .with("limit", limit);
    }

    static ApiException typeNotAllowed(String detected) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "The file's content is " + detected + ", which evidence may not be. Allowed: " + EvidenceType.allowedNames()
                        + ". The type is read from the file's bytes, not from its name.")
                .with("detected", detected).with("allowed", EvidenceType.allowedMediaTypes());
    }

    static ApiException imageTooLarge(long pixels, long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "image-too-large", "Image too large",
                "The image has " + megapixels(pixels) + " megapixels; evidence photos may have at most " + megapixels(limit)
                        + ". A photo at the phone's usual resolution is enough.")
                .with("limit", limit).with("pixels", pixels);
    }

    static ApiException cancelled(java.util.UUID activityId) {
        return ApiException.conflict("invalid-transition",
                "Activity " + activityId + " is cancelled; evidence can only be added to planned, started or completed activities.");
    }

    static ApiException ifMatchRequired() {
        return new ApiException(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
                "Deleting an evidence file needs If-Match with the ETag of the file as you read it (its SHA-256).");
    }

    static ApiException storageUnavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Service unavailable",
                "The evidence store cannot be reached at the moment. Nothing was saved; please try again shortly.");
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
