package vn.loa.notification.egress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Where webhooks may go ({@code loa.webhooks.*}). By default only public addresses: loopback,
 * link-local (cloud metadata at 169.254.169.254), private, shared (100.64/10), unique-local,
 * multicast, unspecified and other special-purpose addresses are refused. An operator opens
 * exceptions:
 * <ul>
 * <li>{@code allowed-networks} (env {@code LOA_WEBHOOKS_ALLOWEDNETWORKS}, comma-separated CIDRs): addresses
 * in these networks are accepted although special (the local stack: {@code 127.0.0.0/8,::1/128});</li>
 * <li>{@code allowed-hosts} (env {@code LOA_WEBHOOKS_ALLOWEDHOSTS}): host names accepted whatever they
 * resolve to (an in-house receiver on a private address);</li>
 * <li>{@code denied-ports}: the stack's own ports, refused on every address that is accepted only
 * because of the two lists above, so that allowing loopback does not open the services,
 * PostgreSQL or Kafka to a subscription.</li>
 * </ul>
 */
@ConfigurationProperties("loa.webhooks")
public record WebhookProperties(
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue({"8080", "8081", "8082", "8083", "8084", "15432", "5432", "19092", "19093", "9092", "9093",
                "3025", "3143"}) List<Integer> deniedPorts) {
}
