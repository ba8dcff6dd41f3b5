package vn.loa.activity.lifecycle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;

/**
 * People of one audience reached by a completed activity: in requests, answers and events
 * ({@code audiences: [{audience: "CITIZENS", reach: 3200}]}). The audience stays a string in requests so that an
 * unknown one is a field error naming it.
 */
public record AudienceReach(@Size(max = Limits.CODE) String audience, @Max(Limits.REACH) Long reach) {
}
