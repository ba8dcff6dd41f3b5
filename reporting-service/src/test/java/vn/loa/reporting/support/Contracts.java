package vn.loa.reporting.support;

/** Validates an event envelope against infra/contracts' JSON Schema of its type. */
public final class Contracts {

    private Contracts() {
    }

    public static void assertValid(String type, String json) {
        try {
            Class.forName("vn.loa.contracts.EventContracts").getMethod("assertValid", String.class, String.class)
                    .invoke(null, type, json);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("infra/contracts (EventContracts.assertValid) is not available: " + e);
        }
    }
}
