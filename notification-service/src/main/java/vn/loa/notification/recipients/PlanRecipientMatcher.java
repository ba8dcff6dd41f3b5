package vn.loa.notification.recipients;

import vn.loa.notification.orgunit.OrgUnit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matches the free-text lines of a plan's *nơi nhận* ("Phòng VHTT(KH)", "Phòng tư pháp,Nội vụ (b/c)",
 * "UBND các xã, thị trấn") against the org tree we know. A line that names nobody we know (the
 * chairman, the archive copy) matches nothing: such people are reached through their unit's
 * subscriptions, not by guessing.
 */
final class PlanRecipientMatcher {

    private PlanRecipientMatcher() {
    }

    static List<Recipient> match(String name, OrgUnit own, OrgUnit parent, List<OrgUnit> children) {
        if (name == null || own == null) {
            return List.of();
        }
        String text = " " + normalize(name) + " ";
        if (text.startsWith(" luu ")) {
            return List.of(); // "Lưu: VT" is the archive copy
        }
        List<Recipient> out = new ArrayList<>();
        boolean mentionsPhong = text.contains(" phong ");
        // District offices (phòng) are units of the parent org unit.
        if (mentionsPhong && parent != null) {
            for (OrgUnit.Unit u : parent.units()) {
                if (anyKeyIn(text, phongKeys(u))) {
                    out.add(Recipient.unit(parent.code(), u.code(), parent.path()));
                }
            }
        }
        if (!mentionsPhong) {
            for (OrgUnit.Unit u : own.units()) {
                if (anyKeyIn(text, unitKeys(u))) {
                    out.add(Recipient.unit(own.code(), u.code(), own.path()));
                }
            }
        }
        if (out.isEmpty() && parent != null && text.contains(" " + normalize(parent.name()) + " ")) {
            out.add(Recipient.orgUnit(parent.code(), parent.path()));
        }
        if (out.isEmpty() && children != null && (text.contains(" cac xa ") || text.contains(" cac don vi "))) {
            for (OrgUnit child : children) {
                out.add(Recipient.orgUnit(child.code(), child.path()));
            }
        }
        return out;
    }

    private static Set<String> unitKeys(OrgUnit.Unit u) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(normalize(u.name()));
        keys.add(normalize(u.code()));
        return keys;
    }

    private static Set<String> phongKeys(OrgUnit.Unit u) {
        Set<String> keys = unitKeys(u);
        for (String k : List.copyOf(keys)) {
            if (k.startsWith("phong ") && k.length() > "phong ".length() + 3) {
                keys.add(k.substring("phong ".length()));
            }
        }
        return keys;
    }

    private static boolean anyKeyIn(String text, Set<String> keys) {
        return keys.stream().filter(k -> !k.isBlank()).anyMatch(k -> text.contains(" " + k + " "));
    }

    /** Lower case ASCII words: "Phòng Văn hóa – Thông tin" → "phong van hoa thong tin". */
    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String d = Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
