package vn.loa.activity.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code loa.evidence.*}: the limits of evidence files and where they are stored (README, "Evidence files").
 *
 * @param maxFileSize          one file: 20 MiB (SHARED-DECISIONS)
 * @param maxFilesPerActivity  files attached to one activity
 * @param maxTotalPerActivity  bytes attached to one activity, all files together
 * @param maxImagePixels       width × height of an image, read from its header before anything decodes it (a
 *                             decompression bomb is refused, a 48 or 50 MP phone photo is not)
 * @param thumbnailSize        the longer side of a thumbnail, in pixels
 * @param storage              {@code filesystem} (the local stack's default) or {@code s3}
 * @param tempDirectory        where an upload is spooled while it is hashed and checked (empty: the JVM's)
 */
@ConfigurationProperties("loa.evidence")
public record EvidenceProperties(
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("20") int maxFilesPerActivity,
        @DefaultValue("100MB") DataSize maxTotalPerActivity,
        @DefaultValue("64000000") long maxImagePixels,
        @DefaultValue("320") int thumbnailSize,
        @DefaultValue("filesystem") String storage,
        Path tempDirectory,
        @DefaultValue Filesystem filesystem,
        @DefaultValue S3 s3,
        @DefaultValue Cleanup cleanup) {

    /** Room for the multipart envelope (boundaries, part headers, the note) around the largest file. */
    static final DataSize MULTIPART_ENVELOPE = DataSize.ofKilobytes(64);

    /** The largest request body the upload route accepts (the gateway needs at least this). */
    public DataSize maxUploadBody() {
        return DataSize.ofBytes(maxFileSize.toBytes() + MULTIPART_ENVELOPE.toBytes());
    }

    /** @param directory the root of the stored objects; relative to the working directory unless absolute */
    public record Filesystem(@DefaultValue(".loa/evidence") Path directory) {
    }

    /**
     * Any S3-compatible store (AWS S3, MinIO, Adobe's S3Mock in the tests).
     *
     * @param endpoint        empty for AWS itself; {@code http://minio:9000} for MinIO
     * @param region          the signing region (MinIO accepts any; {@code us-east-1} by convention)
     * @param bucket          created at start when {@code createBucket} (local and compose); made by operations elsewhere
     * @param accessKey       with {@code secretKey}: static credentials; empty: the SDK's default chain (env, IRSA, …)
     * @param pathStyleAccess {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (MinIO, S3Mock)
     * @param prefix          prepended to every key, so that one bucket can hold several environments
     */
    public record S3(String endpoint, @DefaultValue("us-east-1") String region, @DefaultValue("loa-evidence") String bucket,
                     String accessKey, String secretKey, @DefaultValue("true") boolean pathStyleAccess,
                     @DefaultValue("false") boolean createBucket, @DefaultValue("") String prefix) {

        /** The endpoint to call, or null for AWS itself (an empty value from an unset environment variable too). */
        java.net.URI endpointUri() {
            return endpoint == null || endpoint.isBlank() ? null : java.net.URI.create(endpoint.strip());
        }
    }

    /**
     * The removal of objects no row refers to (an upload that died between the object and its row, a deleted file
     * whose object could not be removed at once).
     *
     * @param interval    how often one replica looks (ShedLock)
     * @param uploadGrace how long an upload may take before its object counts as orphaned
     * @param batchSize   objects removed per run at most
     */
    public record Cleanup(@DefaultValue("true") boolean enabled, @DefaultValue("PT10M") Duration interval,
                          @DefaultValue("PT30M") Duration uploadGrace, @DefaultValue("500") int batchSize) {
    }
}
