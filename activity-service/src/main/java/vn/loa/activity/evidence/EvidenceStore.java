package vn.loa.activity.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of evidence files live, behind the S3 API's few verbs: put, open, delete. Keys are ours
 * ({@code activities/<activity id>/<evidence id>}); the metadata (name, type, size, SHA-256, who, when) is in
 * PostgreSQL. Objects are written once and never changed, so no implementation needs versioning or locking.
 */
public interface EvidenceStore {

    /** Stores {@code file} under {@code key}, replacing nothing (keys are new UUIDs). */
    void put(String key, Path file, String contentType) throws IOException;

    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The object's bytes, streamed; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes the object; an object that is not there is not an error (the cleanup may race a delete). */
    void delete(String key) throws IOException;

    /** For logs and the README: "filesystem /var/lib/loa/evidence", "s3 http://minio:9000/loa-evidence". */
    String describe();

    /** The object is not in the store (a row without its object: only after someone removed it by hand). */
    class NoSuchObjectException extends IOException {
        public NoSuchObjectException(String key) {
            super("no stored object " + key);
        }
    }
}
