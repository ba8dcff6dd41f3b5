package vn.loa.activity.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.loa.support.web.RouteBodyLimit;

import java.util.Locale;

/** The evidence store chosen by {@code loa.evidence.storage}, the upload route's body limit, the cleanup's schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvidenceProperties.class)
class EvidenceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EvidenceConfiguration.class);

    /** The path of uploads, for the body limit (the gateway has the same route). */
    static final String UPLOAD_PATH = "/api/activities/*/evidence";

    @Bean
    EvidenceStore evidenceStore(EvidenceProperties properties) {
        EvidenceStore store = switch (properties.storage().toLowerCase(Locale.ROOT)) {
            case "filesystem" -> new FilesystemEvidenceStore(properties.filesystem().directory());
            case "s3" -> new S3EvidenceStore(properties.s3());
            default -> throw new IllegalStateException("loa.evidence.storage must be filesystem or s3, not " + properties.storage());
        };
        log.info("Evidence files are stored in {}", store.describe());
        return store;
    }

    /**
     * Uploads on this route may be as large as one evidence file and its multipart envelope, instead of the 10 MiB
     * of imports (service-support's body limit); everything else keeps its limit.
     */
    @Bean
    RouteBodyLimit evidenceUploadBodyLimit(EvidenceProperties properties) {
        return new RouteBodyLimit(UPLOAD_PATH, properties.maxUploadBody(), "evidence uploads");
    }

    /** Ticks the cleanup on every replica; its lock lets one run. {@code loa.evidence.cleanup.enabled=false}: off. */
    @Component
    @ConditionalOnProperty(name = "loa.evidence.cleanup.enabled", havingValue = "true", matchIfMissing = true)
    static class CleanupTrigger {

        private final OrphanCleanup cleanup;

        CleanupTrigger(OrphanCleanup cleanup) {
            this.cleanup = cleanup;
        }

        @Scheduled(fixedDelayString = "${loa.evidence.cleanup.interval:PT10M}",
                initialDelayString = "${loa.evidence.cleanup.interval:PT10M}")
        void fire() {
            cleanup.run();
        }
    }
}
