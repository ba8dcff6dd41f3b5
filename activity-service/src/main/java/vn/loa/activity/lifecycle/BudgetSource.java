package vn.loa.activity.lifecycle;

/** Where the money of an activity comes from: the budget sources of the plan (API.md, plans' {@code budget}). */
public enum BudgetSource {
    PROVINCE, DISTRICT, COMMUNE, OTHER;

    static BudgetSource parse(String code) {
        for (BudgetSource s : values()) {
            if (s.name().equals(code)) {
                return s;
            }
        }
        return null;
    }
}
