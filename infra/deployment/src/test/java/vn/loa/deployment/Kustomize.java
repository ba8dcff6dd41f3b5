package vn.loa.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.loa.deployment.Repo.list;
import static vn.loa.deployment.Repo.string;

/**
 * Just enough of Kustomize for static checks: a kustomization's {@code resources} resolved recursively
 * (files, or directories with their own kustomization.yaml), and its patch files. Generators and
 * transformers are not applied; the tests look at what they name.
 */
record Kustomize(Path directory, Map<String, Object> kustomization, List<Map<String, Object>> resources) {

    static Kustomize load(Path directory) {
        Map<String, Object> kustomization = Repo.yamlMap(directory.resolve("kustomization.yaml"));
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization, "resources")) {
            Path target = directory.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(target)) {
                resources.addAll(load(target).resources());
            } else {
                if (!Files.exists(target)) {
                    throw new IllegalStateException(directory + " lists a missing resource " + entry);
                }
                resources.addAll(Repo.yamlDocuments(target));
            }
        }
        return new Kustomize(directory, kustomization, resources);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(string(r, "metadata", "name"))).findFirst();
    }

    /** The documents of this kustomization's own patch files. */
    List<Map<String, Object>> patches() {
        List<Map<String, Object>> patches = new ArrayList<>();
        for (Object patch : list(kustomization, "patches")) {
            String path = string(patch, "path");
            if (path != null) {
                patches.addAll(Repo.yamlDocuments(directory.resolve(path)));
            }
        }
        return patches;
    }
}
