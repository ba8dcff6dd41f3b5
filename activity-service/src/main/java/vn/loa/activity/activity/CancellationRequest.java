package vn.loa.activity.activity;

public record CancellationRequest(String reason) {
}
