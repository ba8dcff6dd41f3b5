package vn.loa.deployment;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository as the tests read it: files, YAML documents, poms, the services' settings. */
final class Repo {

    /** The five deployable modules and their HTTP ports (HELPER-BRIEF "Shared facts"). */
    static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080, "plan-service", 8081, "activity-service", 8082,
            "reporting-service", 8083, "notification-service", 8084);

    /**
     * The management port of each (MANAGEMENT_SERVER_PORT in compose and Kubernetes): the actuator lives there,
     * open to Prometheus and the probes and routed nowhere; on the API port it needs role OPERATOR. Distinct
     * numbers (API port + 1000), so that pods on one host network (podman kube play) do not collide.
     */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of(
            "gateway", 9080, "plan-service", 9081, "activity-service", 9082,
            "reporting-service", 9083, "notification-service", 9084);

    static final Path ROOT = findRoot();

    private Repo() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("docker-compose.yml")))) {
            dir = dir.getParent();
        }
        return Objects.requireNonNull(dir, "repository root (mvnw and docker-compose.yml) not found");
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(Path file) {
        return (Map<String, Object>) yaml().load(read(file));
    }

    /** Every non-empty document of a multi-document YAML file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(read(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    // --- navigating parsed YAML ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? List.of() : (List<Object>) value;
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }

    /** Nested maps as dotted property names (as Spring sees application.yml). */
    static Map<String, String> flatten(Map<String, Object> tree) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, String> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, flat));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(prefix, String.valueOf(node));
        }
    }

    // --- the services --------------------------------------------------------------------------------

    static Map<String, String> applicationYml(String module) {
        return flatten(yamlMap(path(module + "/src/main/resources/application.yml")));
    }

    /** The default HTTP port in the module's application.yml ({@code ${PORT:8081}} or {@code 8080}). */
    static int configuredPort(String module) {
        String port = applicationYml(module).get("server.port");
        Matcher placeholder = Pattern.compile("\\$\\{[^:}]+:(\\d+)}").matcher(port);
        return Integer.parseInt(placeholder.matches() ? placeholder.group(1) : port);
    }

    static boolean usesServiceSupport(String module) {
        return read(path(module + "/pom.xml")).contains("<artifactId>loa-service-support</artifactId>");
    }

    static boolean consumesKafka(String module) {
        try (Stream<Path> files = Files.walk(path(module + "/src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> read(f).contains("@KafkaListener"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topics a module's {@code @KafkaListener}s name (Topics constants), e.g. loa.plan.events. */
    static Set<String> listenedTopics(String module) {
        Set<String> topics = new java.util.TreeSet<>();
        Pattern listener = Pattern.compile("@KafkaListener\\(([^)]*)\\)", Pattern.DOTALL);
        Pattern constant = Pattern.compile("Topics\\.([A-Z_]+)");
        try (Stream<Path> files = Files.walk(path(module + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = listener.matcher(read(file));
                while (m.find()) {
                    Matcher c = constant.matcher(m.group(1));
                    while (c.find()) {
                        try {
                            topics.add(String.valueOf(vn.loa.messaging.Topics.class.getField(c.group(1)).get(null)));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    static boolean producesEvents(String module) {
        return read(path(module + "/pom.xml")).contains("<artifactId>loa-messaging</artifactId>");
    }

    /**
     * The settings a container must be given: every application.yml value that points at this machine
     * (localhost), as environment variable names a relaxed binding accepts (dashes dropped or turned into
     * underscores), plus what the shared libraries default to localhost outside application.yml.
     * Each entry is a set of alternatives: one of them must be set.
     */
    static List<Set<String>> requiredSettings(String module) {
        List<Set<String>> required = new ArrayList<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");
        applicationYml(module).forEach((key, value) -> {
            boolean local = value.contains("localhost") || value.contains("127.0.0.1");
            // A bind address is where the service itself listens, not a server it reaches.
            if (!local || key.endsWith("bind-address")) {
                return;
            }
            Matcher m = placeholder.matcher(value);
            Set<String> names = new LinkedHashSet<>(envNames(key));
            if (m.find()) {
                names.add(m.group(1));
            }
            required.add(names);
        });
        if (usesServiceSupport(module)) {
            // service-support trusts http://localhost:8080/auth/jwks unless told otherwise.
            required.add(Set.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "LOA_SECURITY_JWKSETURI",
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));
            required.add(Set.of("LOA_SECURITY_ISSUER", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));
        }
        if (module.equals("gateway")) {
            // ${user.home}/.loa is not a place a container keeps: a key file on a volume, or the key itself.
            required.add(Set.of("LOA_AUTH_KEY_FILE", "LOA_AUTH_SIGNING_KEY"));
        }
        if (producesEvents(module)) {
            required.add(Set.of("LOA_MESSAGING_TOPICS_PARTITIONS"));
        }
        return required;
    }

    /** The environment variable names Spring Boot binds to a property. */
    static Set<String> envNames(String property) {
        String upper = property.toUpperCase().replace('.', '_');
        return new LinkedHashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    // --- poms ----------------------------------------------------------------------------------------

    /** The jar file name the module's build produces: artifactId-version[-classifier].jar. */
    static String jarName(String module) {
        Document pom = xml(path(module + "/pom.xml"));
        Element project = pom.getDocumentElement();
        String artifactId = child(project, "artifactId").orElseThrow();
        String version = child(project, "version")
                .or(() -> child(firstElement(project, "parent"), "version")).orElseThrow();
        String classifier = null;
        var plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("spring-boot-maven-plugin".equals(child(plugin, "artifactId").orElse(null))) {
                Element configuration = firstElement(plugin, "configuration");
                classifier = configuration == null ? null : child(configuration, "classifier").orElse(null);
            }
        }
        return artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
    }

    static List<String> rootModules() {
        var modules = xml(path("pom.xml")).getElementsByTagName("module");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        return names;
    }

    private static Document xml(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }

    private static Element firstElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Optional<String> child(Element parent, String name) {
        Element e = parent == null ? null : firstElement(parent, name);
        return Optional.ofNullable(e).map(el -> el.getTextContent().trim());
    }
}
