// Unit tests of the web app's API client (gateway/src/main/resources/static/app/js/api.js) with Node's
// own test runner: no npm, no packages. Run by WebAppScriptTests under Maven, or: node --test gateway/src/test/js
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createClient, claimsOf, ACCESS_KEY, REFRESH_KEY} from '../../main/resources/static/app/js/api.js';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims) => b64({alg: 'RS256'}) + '.' + b64(claims) + '.c2ln';
const NOW = 1_700_000_000_000;
const fresh = (sub = 'lienminh.vhtt', extra = {}) => jwt(Object.assign({sub, org_unit: 'lien-minh', roles: ['COMMUNE_OFFICER'], exp: NOW / 1000 + 600}, extra));

function storage(initial = {}) {
    const m = new Map(Object.entries(initial));
    return {getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), map: m};
}

function json(status, body, headers = {}) {
    return new Response(body === null ? null : JSON.stringify(body), {status,
        headers: Object.assign({'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json'}, headers)});
}

/** A fake fetch answering from a list of handlers, recording every call. */
function server(...answers) {
    const calls = [];
    const fetch = async (url, init) => {
        calls.push({url, method: init.method || 'GET', headers: init.headers || {}, body: init.body});
        const next = answers.shift();
        if (!next) {
            throw new Error('unexpected call ' + url);
        }
        return typeof next === 'function' ? next(url, init) : next;
    };
    return {fetch, calls};
}

test('reads the claims of a token, Vietnamese names included', () => {
    assert.equal(claimsOf(jwt({sub: 'đức.thọ', exp: 1})).sub, 'đức.thọ');
    assert.equal(claimsOf('not a token'), null);
});

test('signs in at /auth/token in Vietnamese and keeps both tokens for the tab', async () => {
    const s = storage();
    const srv = server(json(200, {access_token: fresh(), refresh_token: 'r1', expires_in: 600}));
    const client = createClient({fetch: srv.fetch, storage: s, now: () => NOW});
    const claims = await client.signIn('lienminh.vhtt', 'demo');
    assert.equal(claims.org_unit, 'lien-minh');
    assert.equal(srv.calls[0].url, '/auth/token');
    assert.equal(srv.calls[0].headers['Accept-Language'], 'vi');
    assert.deepEqual(JSON.parse(srv.calls[0].body), {username: 'lienminh.vhtt', password: 'demo'});
    assert.equal(s.getItem(REFRESH_KEY), 'r1');
});

test('a refused sign-in keeps the problem as it came', async () => {
    const srv = server(json(401, {title: 'Sai tên đăng nhập hoặc mật khẩu', detail: 'Kiểm tra lại.', code: 'invalid-credentials', status: 401}));
    const client = createClient({fetch: srv.fetch, storage: storage(), now: () => NOW});
    await assert.rejects(client.signIn('x', 'y'), (e) => e.status === 401 && e.code === 'invalid-credentials'
        && e.problem.title === 'Sai tên đăng nhập hoặc mật khẩu');
});

test('every call carries the bearer token and Accept-Language: vi; a change carries If-Match', async () => {
    const token = fresh();
    const srv = server(json(200, {id: 'a1'}, {ETag: '"3"'}), json(200, {id: 'a1', status: 'IN_PROGRESS'}, {ETag: '"4"'}));
    const client = createClient({fetch: srv.fetch, storage: storage({[ACCESS_KEY]: token, [REFRESH_KEY]: 'r'}), now: () => NOW});
    const read = await client.get('/api/activities/a1');
    assert.equal(read.etag, '"3"');
    const changed = await client.change('POST', '/api/activities/a1/start', read.etag, null);
    assert.equal(changed.etag, '"4"');
    assert.equal(srv.calls[0].headers.Authorization, 'Bearer ' + token);
    assert.equal(srv.calls[0].headers['Accept-Language'], 'vi');
    assert.equal(srv.calls[0].headers['If-Match'], undefined);
    assert.equal(srv.calls[1].headers['If-Match'], '"3"');
});

test('a change without the ETag it read is not sent at all', async () => {
    const srv = server();
    const client = createClient({fetch: srv.fetch, storage: storage({[ACCESS_KEY]: fresh()}), now: () => NOW});
    await assert.rejects(client.change('PATCH', '/api/activities/a1', null, {reason: 'x'}), (e) => e.status === 428);
    assert.equal(srv.calls.length, 0);
});

test('412 is a conflict whose problem is kept as it came', async () => {
    const srv = server(json(412, {title: 'Dữ liệu đã thay đổi', detail: 'Phiên bản hiện tại là "5".', code: 'version-conflict', status: 412}));
    const client = createClient({fetch: srv.fetch, storage: storage({[ACCESS_KEY]: fresh()}), now: () => NOW});
    await assert.rejects(client.change('PUT', '/api/plans/p1', '"4"', {title: 'x'}),
        (e) => e.isConflict && e.code === 'version-conflict' && e.problem.detail === 'Phiên bản hiện tại là "5".');
});

test('a token refused with 401 is refreshed once and the call repeated with the new one', async () => {
    const s = storage({[ACCESS_KEY]: fresh('old'), [REFRESH_KEY]: 'r1'});
    const renewed = fresh('new');
    const srv = server(json(401, {title: 'Unauthorized', status: 401}),
        json(200, {access_token: renewed, refresh_token: 'r2'}),
        json(200, {ok: true}));
    const client = createClient({fetch: srv.fetch, storage: s, now: () => NOW});
    const r = await client.get('/api/notifications');
    assert.deepEqual(r.data, {ok: true});
    assert.equal(srv.calls[1].url, '/auth/refresh');
    assert.deepEqual(JSON.parse(srv.calls[1].body), {refresh_token: 'r1'});
    assert.equal(srv.calls[2].headers.Authorization, 'Bearer ' + renewed);
    assert.equal(s.getItem(REFRESH_KEY), 'r2');
});

test('a token about to expire is refreshed before the call, once for concurrent calls', async () => {
    const s = storage({[ACCESS_KEY]: fresh('old', {exp: NOW / 1000 + 10}), [REFRESH_KEY]: 'r1'});
    const renewed = fresh('new');
    let refreshes = 0;
    const fetch = async (url, init) => {
        if (url === '/auth/refresh') {
            refreshes++;
            await new Promise((r) => setTimeout(r, 10));
            return json(200, {access_token: renewed, refresh_token: 'r2'});
        }
        assert.equal(init.headers.Authorization, 'Bearer ' + renewed);
        return json(200, {url});
    };
    const client = createClient({fetch, storage: s, now: () => NOW});
    const answers = await Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')]);
    assert.deepEqual(answers.map((a) => a.data.url), ['/api/a', '/api/b', '/api/c']);
    assert.equal(refreshes, 1);
});

test('when the session cannot be renewed the user is signed out with a Vietnamese reason', async () => {
    const s = storage({[ACCESS_KEY]: fresh('old'), [REFRESH_KEY]: 'r1'});
    const reasons = [];
    const srv = server(json(401, {title: 'Unauthorized', status: 401}), json(401, {title: 'invalid', status: 401}));
    const client = createClient({fetch: srv.fetch, storage: s, now: () => NOW, onSignedOut: (r) => reasons.push(r)});
    await assert.rejects(client.get('/api/plans'), (e) => e.status === 401);
    assert.equal(s.getItem(ACCESS_KEY), null);
    assert.equal(s.getItem(REFRESH_KEY), null);
    assert.match(reasons[0], /đăng nhập lại/);
});

test('an unreachable server is a problem in Vietnamese, not a raw TypeError', async () => {
    const client = createClient({fetch: async () => {
        throw new TypeError('Failed to fetch');
    }, storage: storage({[ACCESS_KEY]: fresh()}), now: () => NOW});
    await assert.rejects(client.get('/api/plans'), (e) => e.status === 0 && /Không kết nối được/.test(e.problem.title));
});
