package vn.loa.activity.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A page of GET /api/activities: {@code {items, page, size, total}} as API.md has it, and {@code next}, the
 * keyset cursor of the page after this one ({@code ?after=<next>}; absent on the last page). {@code total} is
 * counted for offset pages, not for pages asked by cursor (a client that pages by cursor has it from the first
 * page, and counting a province's activities on every page is the scan keyset paging avoids).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityPage(List<ActivityView> items, int page, int size, Long total, String next) {
}
