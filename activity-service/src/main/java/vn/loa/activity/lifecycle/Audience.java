package vn.loa.activity.lifecycle;

/**
 * The audiences of the seed plan: officials (cán bộ, công chức, viên chức), citizens (nhân dân), businesses and
 * investors (doanh nghiệp, nhà đầu tư). A completion says how many of each it reached, beside a total.
 */
public enum Audience {
    OFFICIALS, CITIZENS, BUSINESSES;

    static Audience parse(String code) {
        for (Audience a : values()) {
            if (a.name().equals(code)) {
                return a;
            }
        }
        return null;
    }
}
