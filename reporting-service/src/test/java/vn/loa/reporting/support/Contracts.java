package vn.loa.reporting.support;

import vn.loa.contracts.EventContracts;

/** Validates an event envelope against infra/contracts' JSON Schema of its type. */
public final class Contracts {

    private Contracts() {
    }

    public static void assertValid(String type, String json) {
        EventContracts.assertValid(type, json);
    }
}
