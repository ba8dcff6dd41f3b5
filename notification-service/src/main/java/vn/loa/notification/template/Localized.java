package vn.loa.notification.template;

/** A model value that reads differently per language (e.g. "đúng hạn" / "on time"). */
public record Localized(String vi, String en) {

    String in(String language) {
        return "en".equals(language) ? en : vi;
    }
}
