package vn.loa.activity.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Evidence objects in a bucket of any S3-compatible store: AWS S3, MinIO (compose, Kubernetes), Adobe's S3Mock (ITs).
 * Path-style addressing by default, since MinIO and S3Mock serve {@code http://host/bucket/key}.
 * <p>
 * The SDK's default request checksums (CRC on every put since 2.30) are asked for only where S3 requires them:
 * several S3-compatible servers refuse or mishandle the new trailing checksums, and our own SHA-256 of each file is
 * kept in the database anyway.
 */
class S3EvidenceStore implements EvidenceStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3EvidenceStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String description;

    S3EvidenceStore(EvidenceProperties.S3 config) {
        this(client(config), config.bucket(), config.prefix(),
                "s3 " + (config.endpointUri() == null ? "aws:" + config.region() : config.endpointUri()) + "/" + config.bucket());
        if (config.createBucket()) {
            createBucketIfMissing();
        }
    }

    S3EvidenceStore(S3Client s3, String bucket, String prefix, String description) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isBlank() ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
        this.description = description;
    }

    static S3Client client(EvidenceProperties.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyleAccess())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(config));
        if (config.endpointUri() != null) {
            builder.endpointOverride(config.endpointUri());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(EvidenceProperties.S3 config) {
        if (config.accessKey() != null && !config.accessKey().isBlank()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            create();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            create();
        }
    }

    private void create() {
        try {
            s3.createBucket(b -> b.bucket(bucket));
            log.info("Created the evidence bucket {}", bucket);
        } catch (S3Exception e) {
            // Another replica created it at the same moment.
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            s3.putObject(p -> p.bucket(bucket).key(prefix + key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("cannot store " + key + " in " + description, e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        try {
            s3.putObject(p -> p.bucket(bucket).key(prefix + key).contentType(contentType), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("cannot store " + key + " in " + description, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(g -> g.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(key);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + " from " + description, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(h -> h.bucket(bucket).key(prefix + key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("cannot look up " + key + " in " + description, e);
        } catch (SdkException e) {
            throw new IOException("cannot look up " + key + " in " + description, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(d -> d.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw new IOException("cannot delete " + key + " from " + description, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        s3.close();
    }
}
