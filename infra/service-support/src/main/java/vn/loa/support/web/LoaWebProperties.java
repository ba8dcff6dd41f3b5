package vn.loa.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code loa.web.*}: the request body limits of every service (SHARED-DECISIONS; the gateway has the same).
 *
 * @param maxJsonBody   JSON bodies (and bodies without a type): 256 KiB. Kafka's 1 MiB record limit is four
 *                      times that, so that an event built from one request always fits
 * @param maxImportBody CSV/XLSX imports and multipart uploads: 10 MiB
 */
@ConfigurationProperties("loa.web")
public record LoaWebProperties(
        @DefaultValue("256KB") DataSize maxJsonBody,
        @DefaultValue("10MB") DataSize maxImportBody) {
}
