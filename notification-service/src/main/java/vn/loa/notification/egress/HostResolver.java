package vn.loa.notification.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The default asks the JVM's resolver; tests replace it to make a
 * name resolve to an address they choose (that is how a refused address is tested without sending
 * anything to it).
 */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
