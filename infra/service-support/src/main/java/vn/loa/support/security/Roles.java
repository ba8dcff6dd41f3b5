package vn.loa.support.security;

/** The roles of API.md, as they appear in the token's {@code roles} claim. */
public final class Roles {

    public static final String COMMUNE_OFFICER = "COMMUNE_OFFICER";
    public static final String DISTRICT_OFFICER = "DISTRICT_OFFICER";
    public static final String PROVINCE_VIEWER = "PROVINCE_VIEWER";
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
