package vn.loa.activity.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * An evidence file as the API shows it.
 *
 * @param href      where its bytes are ({@code GET}, same access as the activity)
 * @param thumbnail where its 320 px JPEG thumbnail is; absent for documents and photos the service cannot decode
 *                  (WebP, HEIC/HEIF)
 * @param width     of a photo, upright; absent for documents
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EvidenceView(UUID id, UUID activityId, String name, String contentType, long size, String sha256, String href,
                    String thumbnail, Integer width, Integer height, String note, String uploadedBy,
                    OffsetDateTime uploadedAt) {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    static EvidenceView of(EvidenceFile f) {
        String href = "/api/activities/" + f.activityId() + "/evidence/" + f.id();
        return new EvidenceView(f.id(), f.activityId(), f.name(), f.contentType(), f.size(), f.sha256(), href,
                f.thumbnailKey() == null ? null : href + "/thumbnail", f.width(), f.height(), f.note(), f.uploadedBy(),
                f.uploadedAt().atZone(ZONE).toOffsetDateTime());
    }
}
