package vn.loa.notification.template;

public record RenderedMessage(String subject, String body) {
}
