package vn.loa.activity.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;

/** A proof of the work: a link (e.g. the article on the commune website) and/or a note. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(@Size(max = Limits.URL) String url, @Size(max = Limits.NOTE) String note) {
}
