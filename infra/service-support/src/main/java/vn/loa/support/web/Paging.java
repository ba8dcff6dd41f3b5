package vn.loa.support.web;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import vn.loa.common.problem.FieldText;

import java.util.ArrayList;
import java.util.List;

/** Validates {@code ?page=&size=} (size at most 200, API.md) and turns them into a {@link Pageable}. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        List<FieldText> errors = new ArrayList<>();
        if (p < 0) {
            errors.add(FieldText.of("page", "field.page"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(FieldText.of("size", "field.page-size", (long) MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Paging(p, s);
    }

    public Pageable pageable(Sort sort) {
        return PageRequest.of(page, size, sort);
    }

    public long offset() {
        return (long) page * size;
    }
}
