// The app's one way to the API: the gateway's sign-in (/auth/token, /auth/refresh), the bearer token on
// every call, Accept-Language: vi, If-Match with the ETag that was read on every change, and problems
// (RFC 9457) turned into ApiProblem errors that keep the server's title and detail as they came.
// No DOM here: the module runs in Node for its unit test (gateway/src/test/js).

/** sessionStorage keys; 'loa.token' is the dashboard page's too, so that it opens signed in. */
export const ACCESS_KEY = 'loa.token';
export const REFRESH_KEY = 'loa.refresh';

/** Refresh this long before the access token (10 minutes) expires, so a call never leaves with a dying one. */
const REFRESH_MARGIN_MS = 30_000;

export class ApiProblem extends Error {
    /**
     * @param status  HTTP status (0: the server could not be reached)
     * @param problem the problem+json body, or a stand-in with title/detail when the answer had none
     */
    constructor(status, problem) {
        super(problem.detail || problem.title || ('HTTP ' + status));
        this.status = status;
        this.problem = problem;
        this.code = problem.code || null;
    }

    /** Someone else changed the object since it was read (412), or the change went without If-Match (428). */
    get isConflict() {
        return this.status === 412 || this.status === 428;
    }
}

/** The payload of a JWT (no signature check: the API does that), or null. */
export function claimsOf(jwt) {
    try {
        const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        const padded = part + '='.repeat((4 - part.length % 4) % 4);
        const binary = atob(padded);
        const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
        return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
        return null;
    }
}

function filenameOf(disposition) {
    if (!disposition) {
        return null;
    }
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (star) {
        try {
            return decodeURIComponent(star[1]);
        } catch (e) {
            // fall through to the plain name
        }
    }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1] : null;
}

async function problemOf(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
        try {
            const body = await response.json();
            if (body && typeof body === 'object') {
                return body;
            }
        } catch (e) {
            // not JSON after all
        }
    }
    return {status: response.status, title: 'Lỗi ' + response.status, detail: ''};
}

/**
 * @param options.fetch      the fetch function (tests pass a fake)
 * @param options.storage    where tokens live (sessionStorage: one sign-in per tab, gone when it closes)
 * @param options.now        clock in ms
 * @param options.onSignedOut called with a Vietnamese reason when the session cannot be renewed
 * @param options.xhr        XMLHttpRequest constructor, for uploads with progress
 */
export function createClient(options = {}) {
    const fetchFn = options.fetch || ((...args) => globalThis.fetch(...args));
    const storage = options.storage || globalThis.sessionStorage;
    const now = options.now || (() => Date.now());
    const onSignedOut = options.onSignedOut || (() => {});
    const Xhr = options.xhr || globalThis.XMLHttpRequest;
    let refreshing = null;

    function access() {
        return storage.getItem(ACCESS_KEY);
    }

    function claims() {
        const token = access();
        return token ? claimsOf(token) : null;
    }

    function store(body) {
        storage.setItem(ACCESS_KEY, body.access_token);
        if (body.refresh_token) {
            storage.setItem(REFRESH_KEY, body.refresh_token);
        }
    }

    function signOut(reason) {
        storage.removeItem(ACCESS_KEY);
        storage.removeItem(REFRESH_KEY);
        if (reason) {
            onSignedOut(reason);
        }
    }

    async function postJson(path, body) {
        return fetchFn(path, {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json',
                'Accept-Language': 'vi'},
            body: JSON.stringify(body)
        });
    }

    async function signIn(username, password) {
        let response;
        try {
            response = await postJson('/auth/token', {username, password});
        } catch (e) {
            throw new ApiProblem(0, {title: 'Không kết nối được máy chủ', detail: 'Kiểm tra kết nối mạng rồi thử lại.'});
        }
        if (!response.ok) {
            throw new ApiProblem(response.status, await problemOf(response));
        }
        store(await response.json());
        return claims();
    }

    /** One refresh at a time: calls that find the token old wait for the same answer. */
    function refresh() {
        if (!refreshing) {
            refreshing = (async () => {
                const token = storage.getItem(REFRESH_KEY);
                if (!token) {
                    return false;
                }
                try {
                    const response = await postJson('/auth/refresh', {refresh_token: token});
                    if (!response.ok) {
                        return false;
                    }
                    store(await response.json());
                    return true;
                } catch (e) {
                    return false;
                }
            })().finally(() => {
                refreshing = null;
            });
        }
        return refreshing;
    }

    function expiresSoon() {
        const c = claims();
        return !c || (c.exp && c.exp * 1000 - REFRESH_MARGIN_MS <= now());
    }

    async function freshToken() {
        if (expiresSoon() && !(await refresh())) {
            signOut('Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.');
            throw new ApiProblem(401, {title: 'Phiên làm việc đã hết hạn', detail: 'Vui lòng đăng nhập lại.', code: 'unauthorized'});
        }
        return access();
    }

    function headersFor(token, extra) {
        return Object.assign({
            'Authorization': 'Bearer ' + token,
            'Accept': 'application/json, application/problem+json',
            'Accept-Language': 'vi'
        }, extra || {});
    }

    /**
     * One call. {@code etag} becomes If-Match. A 401 is answered by one refresh and one retry. Returns
     * {status, etag, data, location, response}; data is parsed JSON (or a Blob with {@code blob: true}).
     */
    async function request(method, path, opts = {}) {
        const extra = Object.assign({}, opts.headers || {});
        let body = opts.body;
        if (body !== undefined && body !== null && !(body instanceof Blob) && !(body instanceof ArrayBuffer)
            && !(typeof FormData !== 'undefined' && body instanceof FormData)) {
            body = JSON.stringify(body);
            extra['Content-Type'] = 'application/json';
        }
        if (opts.etag) {
            extra['If-Match'] = opts.etag;
        }
        for (let attempt = 0; ; attempt++) {
            const token = await freshToken();
            let response;
            try {
                response = await fetchFn(path, {method, headers: headersFor(token, extra), body: body === null ? undefined : body});
            } catch (e) {
                throw new ApiProblem(0, {title: 'Không kết nối được máy chủ', detail: 'Kiểm tra kết nối mạng rồi thử lại.'});
            }
            if (response.status === 401 && attempt === 0 && await refresh()) {
                continue; // the token was refused (expired, key rotated): once more with the new one
            }
            if (response.status === 401) {
                signOut('Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.');
            }
            if (!response.ok) {
                throw new ApiProblem(response.status, await problemOf(response));
            }
            let data = null;
            if (opts.blob) {
                data = await response.blob();
            } else if (response.status !== 204) {
                const text = await response.text();
                data = text ? JSON.parse(text) : null;
            }
            return {
                status: response.status,
                etag: response.headers.get('ETag'),
                location: response.headers.get('Location'),
                filename: filenameOf(response.headers.get('Content-Disposition')),
                data,
                response
            };
        }
    }

    /** A change of something read before: refuses to go without the ETag it was read with. */
    function change(method, path, etag, body) {
        if (!etag) {
            return Promise.reject(new ApiProblem(428, {title: 'Thiếu phiên bản', code: 'precondition-required',
                detail: 'Hãy tải lại trang rồi thực hiện lại thao tác.'}));
        }
        return request(method, path, {etag, body});
    }

    /** multipart/form-data upload with progress (fetch cannot report upload progress). */
    async function upload(path, file, onProgress) {
        const token = await freshToken();
        return new Promise((resolve, reject) => {
            const xhr = new Xhr();
            xhr.open('POST', path);
            const headers = headersFor(token);
            Object.keys(headers).forEach((k) => xhr.setRequestHeader(k, headers[k]));
            if (xhr.upload && onProgress) {
                xhr.upload.onprogress = (e) => {
                    if (e.lengthComputable) {
                        onProgress(e.loaded, e.total);
                    }
                };
            }
            xhr.onload = () => {
                let body = null;
                try {
                    body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
                } catch (e) {
                    body = null;
                }
                if (xhr.status >= 200 && xhr.status < 300) {
                    resolve({status: xhr.status, data: body});
                } else {
                    reject(new ApiProblem(xhr.status, body && typeof body === 'object' ? body
                        : {status: xhr.status, title: 'Lỗi ' + xhr.status, detail: ''}));
                }
            };
            xhr.onerror = () => reject(new ApiProblem(0, {title: 'Tải lên bị gián đoạn',
                detail: 'Kết nối bị ngắt trong khi gửi tệp. Kiểm tra mạng rồi thử lại.'}));
            const form = new FormData();
            form.append('file', file, file.name);
            xhr.send(form);
        });
    }

    return {
        signIn, signOut, refresh, claims, request, change, upload,
        get: (path, opts) => request('GET', path, opts),
        /** Creation (POST to a collection): no If-Match, per the shared decisions. */
        create: (path, body, opts) => request('POST', path, Object.assign({body}, opts || {})),
        signedIn: () => !!access() && (!!storage.getItem(REFRESH_KEY) || !expiresSoon())
    };
}
