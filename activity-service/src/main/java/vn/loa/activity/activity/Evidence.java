package vn.loa.activity.activity;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A proof of the work: a link (e.g. the article on the commune website) and/or a note. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String url, String note) {
}
