package vn.loa.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * {@code @ExtendWith(StackLogsOnFailure.class)}: when a test fails, prints the end of every process's log
 * (the full logs stay in {@code target/e2e-logs/}).
 */
public final class StackLogsOnFailure implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.out.println("[loa-e2e] " + context.getDisplayName() + " failed: " + cause);
        LoaStack stack = LoaStack.startedOrNull();
        if (stack != null) {
            stack.printLogTails(System.out, Integer.getInteger("loa.e2e.log-lines", 80));
        }
    }
}
