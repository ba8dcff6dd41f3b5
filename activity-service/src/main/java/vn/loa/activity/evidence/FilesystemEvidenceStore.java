package vn.loa.activity.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Evidence objects as files under one directory (the local stack's default, {@code .loa/evidence}). A file is
 * written beside its final name and moved into place, so a reader never sees half an object and a crash leaves
 * only a {@code .part} file, which nothing refers to.
 */
class FilesystemEvidenceStore implements EvidenceStore {

    private final Path root;

    FilesystemEvidenceStore(Path directory) {
        this.root = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence directory " + root, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.copy(file, part);
            move(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.write(part, bytes);
            move(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        // Leave no empty activity directories behind (another upload may be creating one: then it is not empty).
        Path dir = file.getParent();
        while (dir != null && !dir.equals(root)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            } catch (NoSuchFileException gone) {
                // removed meanwhile
            }
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmptyAnyMore) {
                break;
            }
            dir = dir.getParent();
        }
    }

    @Override
    public String describe() {
        return "filesystem " + root;
    }

    /** Keys are ours, but a key must never leave the root whatever it holds. */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("evidence key outside the store: " + key);
        }
        return path;
    }
}
