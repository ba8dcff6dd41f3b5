package vn.loa.common.problem;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The problem catalogue: every {@code code} a Loa problem may carry (API.md, Conventions), each listed once
 * with its one HTTP status. The services (servlet) and the gateway (reactive) answer with these and no
 * others; {@code type} is {@link #TYPE_BASE} followed by the code, the same everywhere. Titles and
 * details come from the bundles {@code problems_vi.properties} / {@code problems_en.properties} next to
 * this class ({@link ProblemTexts}).
 * <p>
 * To add a code: add a constant here (grouped by status), and {@code problem.<code>.title} and
 * {@code problem.<code>.detail} to both bundles ({@code ProblemCatalogueTests} fails until both are there).
 * A code keeps its status for ever: a client may dispatch on either.
 */
public enum ProblemCode {

    // 400: the request itself is wrong
    /** A 400 that none of the codes below describes (a missing query parameter, a header Spring refused). */
    BAD_REQUEST(400, "bad-request"),
    /** The body is not JSON at all, or not the shape the endpoint reads. */
    MALFORMED_REQUEST(400, "malformed-request"),
    /** Fields at fault, named in {@code errors[]} with their messages (also unknown JSON fields, bounds). */
    VALIDATION_FAILED(400, "validation-failed"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid-idempotency-key"),
    /** An import file with more rows than one import takes (activity-service): refused whole. */
    TOO_MANY_ROWS(400, "too-many-rows"),

    // 401
    UNAUTHORIZED(401, "unauthorized"),
    INVALID_CREDENTIALS(401, "invalid-credentials"),
    INVALID_REFRESH_TOKEN(401, "invalid-refresh-token"),

    // 403
    FORBIDDEN(403, "forbidden"),

    // 404: also an object outside the caller's org scope (API.md)
    NOT_FOUND(404, "not-found"),
    /** An evidence file that has no thumbnail (a document, WebP, HEIC), activity-service. */
    NO_THUMBNAIL(404, "no-thumbnail"),

    // 405, 406, 408
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable"),
    /** An export format the endpoint does not make ({@code ?format=}). */
    UNSUPPORTED_FORMAT(406, "unsupported-format"),
    REQUEST_TIMEOUT(408, "request-timeout"),

    // 409: the request conflicts with the state of an object
    CONFLICT(409, "conflict"),
    REPLAY_FAILED(409, "replay-failed"),
    REPLAY_UNAVAILABLE(409, "replay-unavailable"),
    INVALID_TRANSITION(409, "invalid-transition"),
    PERIOD_LOCKED(409, "period-locked"),
    PERIOD_CLOSED(409, "period-closed"),
    /** A reopening asked for a quarter that is not closed (reporting-service). */
    PERIOD_OPEN(409, "period-open"),
    DUPLICATE_DOCUMENT_NUMBER(409, "duplicate-document-number"),
    PLAN_NOT_EDITABLE(409, "plan-not-editable"),
    PLAN_EXISTS(409, "plan-exists"),
    ORG_UNIT_EXISTS(409, "org-unit-exists"),
    ORG_UNIT_HAS_CHILDREN(409, "org-unit-has-children"),
    ORG_UNIT_CLOSED(409, "org-unit-closed"),
    SUBTREE_TOO_LARGE(409, "subtree-too-large"),
    IDEMPOTENCY_IN_PROGRESS(409, "idempotency-in-progress"),
    REBUILD_RUNNING(409, "rebuild-running"),
    /** An activity has as many evidence files as it may have (activity-service, {@code limit}). */
    EVIDENCE_COUNT_LIMIT(409, "evidence-count-limit"),

    // 412, 413, 414, 415
    VERSION_CONFLICT(412, "version-conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large"),
    /** The evidence files of one activity would add up to more than allowed ({@code limit}, {@code used}). */
    EVIDENCE_TOTAL_LIMIT(413, "evidence-total-limit"),
    /** A photo with more pixels than evidence takes ({@code limit}, {@code pixels}), read from its header. */
    IMAGE_TOO_LARGE(413, "image-too-large"),
    URI_TOO_LONG(414, "uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),

    // 422: well-formed, but it names something that does not exist or is not in the state it needs (API.md)
    UNPROCESSABLE(422, "unprocessable"),
    PLAN_NOT_ISSUED(422, "plan-not-issued"),
    PLAN_INCOMPLETE(422, "plan-incomplete"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused"),
    UNKNOWN_ORG_UNIT(422, "unknown-org-unit"),
    UNKNOWN_LEVEL(422, "unknown-level"),
    INVALID_PARENT_LEVEL(422, "invalid-parent-level"),
    INVALID_MERGE(422, "invalid-merge"),
    TREE_TOO_DEEP(422, "tree-too-deep"),
    NOT_A_DISTRICT(422, "not-a-district"),
    /** A report asked of a unit that owes none for the period (no plan, not in its regime, closed; reporting-service). */
    REPORT_NOT_OWED(422, "report-not-owed"),

    // 428, 429, 431
    PRECONDITION_REQUIRED(428, "precondition-required"),
    /** Too many requests: the gateway's per-user limit and its sign-in flood guard (one code for 429, issue 16). */
    RATE_LIMITED(429, "rate-limited"),
    TOO_MANY_LOGIN_FAILURES(429, "too-many-login-failures"),
    HEADERS_TOO_LARGE(431, "headers-too-large"),

    // 5xx
    INTERNAL_ERROR(500, "internal-error"),
    NOT_IMPLEMENTED(501, "not-implemented"),
    BAD_GATEWAY(502, "bad-gateway"),
    SERVICE_UNAVAILABLE(503, "service-unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout");

    /** The base of every problem's {@code type}: {@code https://loa.gov.vn/problems/<code>}. */
    public static final String TYPE_BASE = "https://loa.gov.vn/problems/";

    private static final Map<String, ProblemCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProblemCode::code, Function.identity()));

    /** The code answered for a bare status (Spring's own errors, a status a proxy passed on). */
    private static final Map<Integer, ProblemCode> GENERIC = Map.ofEntries(
            Map.entry(400, BAD_REQUEST), Map.entry(401, UNAUTHORIZED), Map.entry(403, FORBIDDEN),
            Map.entry(404, NOT_FOUND), Map.entry(405, METHOD_NOT_ALLOWED), Map.entry(406, NOT_ACCEPTABLE),
            Map.entry(408, REQUEST_TIMEOUT), Map.entry(409, CONFLICT), Map.entry(412, VERSION_CONFLICT),
            Map.entry(413, PAYLOAD_TOO_LARGE), Map.entry(414, URI_TOO_LONG), Map.entry(415, UNSUPPORTED_MEDIA_TYPE),
            Map.entry(422, UNPROCESSABLE), Map.entry(428, PRECONDITION_REQUIRED), Map.entry(429, RATE_LIMITED),
            Map.entry(431, HEADERS_TOO_LARGE), Map.entry(500, INTERNAL_ERROR), Map.entry(501, NOT_IMPLEMENTED),
            Map.entry(502, BAD_GATEWAY), Map.entry(503, SERVICE_UNAVAILABLE), Map.entry(504, GATEWAY_TIMEOUT));

    private final int status;
    private final String code;

    ProblemCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** The stable machine code, e.g. {@code validation-failed}. */
    public String code() {
        return code;
    }

    /** The one HTTP status of this code. */
    public int status() {
        return status;
    }

    /** {@code https://loa.gov.vn/problems/<code>}. */
    public String type() {
        return TYPE_BASE + code;
    }

    /** The bundle key of the title: {@code problem.<code>.title}. */
    public String titleKey() {
        return "problem." + code + ".title";
    }

    /** The bundle key of the default detail: {@code problem.<code>.detail}. */
    public String detailKey() {
        return "problem." + code + ".detail";
    }

    /** The bundle key of a particular detail: {@code problem.<code>.<variant>}, e.g. {@code problem.not-found.plan}. */
    public String detailKey(String variant) {
        return "problem." + code + "." + variant;
    }

    /** The catalogue entry of a code as written in a problem ({@code "validation-failed"}). */
    public static Optional<ProblemCode> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /**
     * The generic code of a status (404 {@code not-found}, 429 {@code rate-limited}, …). A status without one
     * falls back to {@code bad-request} (4xx) or {@code internal-error} (5xx), whose status the answer then takes.
     */
    public static ProblemCode forStatus(int status) {
        ProblemCode generic = GENERIC.get(status);
        if (generic != null) {
            return generic;
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    }

    @Override
    public String toString() {
        return code;
    }
}
