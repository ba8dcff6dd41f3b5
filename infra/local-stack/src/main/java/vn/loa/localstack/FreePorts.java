package vn.loa.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free ports for a test stack, below Linux's ephemeral range (32768–60999): what restarts must find its port
 * free again minutes later, and a port of the ephemeral range ({@code new ServerSocket(0)}) can meanwhile
 * become the local end of some outgoing connection (a Kafka client's, a JDBC pool's), and the restart fails.
 */
public final class FreePorts {

    private static final int FROM = 20_000;
    private static final int COUNT = 12_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Random RANDOM = new Random();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = FROM + RANDOM.nextInt(COUNT);
            if (!HANDED_OUT.add(port)) {
                continue; // never twice in one JVM, even once it is in use
            }
            if (PortCheck.isFree(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port in " + FROM + "-" + (FROM + COUNT - 1)));
    }
}
