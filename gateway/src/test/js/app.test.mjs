// Unit tests of the web app's evidence calls (upload through XMLHttpRequest, download name, delete with
// If-Match) and of its static files (Vietnamese text in NFC, nothing inline that the CSP would block).
// Node's own test runner, no packages: node --test gateway/src/test/js
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createClient, ACCESS_KEY, REFRESH_KEY} from '../../main/resources/static/app/js/api.js';

const APP = join(dirname(fileURLToPath(import.meta.url)), '../../main/resources/static/app');
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const NOW = 1_700_000_000_000;
const TOKEN = b64({alg: 'RS256'}) + '.' + b64({sub: 'lienminh.vhtt', org_unit: 'lien-minh', roles: ['COMMUNE_OFFICER'], exp: NOW / 1000 + 600}) + '.c2ln';

function storage() {
    const m = new Map([[ACCESS_KEY, TOKEN], [REFRESH_KEY, 'r']]);
    return {getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k)};
}

/** An XMLHttpRequest stand-in answering with one status and body, reporting progress once. */
function fakeXhr(status, body, sent) {
    return class {
        constructor() {
            this.headers = {};
            this.upload = {};
        }
        open(method, path) {
            Object.assign(sent, {method, path});
        }
        setRequestHeader(k, v) {
            this.headers[k] = v;
        }
        send(form) {
            Object.assign(sent, {headers: this.headers, form});
            queueMicrotask(() => {
                this.upload.onprogress && this.upload.onprogress({lengthComputable: true, loaded: 5, total: 10});
                this.status = status;
                this.responseText = JSON.stringify(body);
                this.onload();
            });
        }
    };
}

test('an evidence file goes as the multipart part "file" with the token, Accept-Language: vi and progress', async () => {
    const sent = {};
    const api = createClient({storage: storage(), now: () => NOW, fetch: async () => assert.fail('no fetch'),
        xhr: fakeXhr(201, {id: 'e1', name: 'ảnh buổi phát thanh.png', sha256: 'ab'}, sent)});
    const progress = [];
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'ảnh buổi phát thanh.png', {type: 'image/png'});
    const r = await api.upload('/api/activities/a1/evidence', file, (loaded, total) => progress.push(loaded / total));
    assert.equal(sent.method, 'POST');
    assert.equal(sent.path, '/api/activities/a1/evidence');
    assert.equal(sent.headers['Authorization'], 'Bearer ' + TOKEN);
    assert.equal(sent.headers['Accept-Language'], 'vi');
    assert.equal(sent.form.get('file').name, 'ảnh buổi phát thanh.png');
    assert.deepEqual(progress, [0.5]);
    assert.equal(r.status, 201);
    assert.equal(r.data.name, 'ảnh buổi phát thanh.png');
});

test('a refused upload is the server problem as it came (415, Vietnamese detail)', async () => {
    const problem = {type: 'about:blank', status: 415, code: 'unsupported-media-type', title: 'Loại tệp không được chấp nhận',
        detail: 'Tệp “biên bản.pdf” thực chất là text/plain; chỉ nhận ảnh, PDF, DOCX, XLSX.'};
    const api = createClient({storage: storage(), now: () => NOW, xhr: fakeXhr(415, problem, {})});
    await assert.rejects(api.upload('/api/activities/a1/evidence', new File(['x'], 'biên bản.pdf')), (e) => {
        assert.equal(e.status, 415);
        assert.equal(e.code, 'unsupported-media-type');
        assert.equal(e.problem.detail, problem.detail);
        return true;
    });
});

test('a download keeps the Vietnamese name of Content-Disposition (RFC 8187 filename*)', async () => {
    const api = createClient({storage: storage(), now: () => NOW, fetch: async () => new Response(new Uint8Array([1, 2, 3]), {status: 200,
        headers: {'Content-Type': 'application/pdf',
            'Content-Disposition': 'attachment; filename="Bien ban.pdf"; filename*=UTF-8\'\'Bi%C3%AAn%20b%E1%BA%A3n.pdf'}})});
    const r = await api.get('/api/activities/a1/evidence/e1', {blob: true});
    assert.equal(r.filename, 'Biên bản.pdf');
    assert.equal(r.data.size, 3);
});

test('deleting an evidence file sends If-Match with its "<sha256>" and takes 204 without a body', async () => {
    const calls = [];
    const api = createClient({storage: storage(), now: () => NOW, fetch: async (url, init) => {
        calls.push({url, init});
        return new Response(null, {status: 204});
    }});
    const r = await api.change('DELETE', '/api/activities/a1/evidence/e1', '"ab12"', null);
    assert.equal(r.status, 204);
    assert.equal(r.data, null);
    assert.equal(calls[0].init.method, 'DELETE');
    assert.equal(calls[0].init.headers['If-Match'], '"ab12"');
    assert.equal(calls[0].init.body, undefined);
});

function files(dir) {
    return readdirSync(dir).flatMap((n) => statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]);
}

test('every text of the app is Vietnamese in NFC', () => {
    const texts = files(APP).filter((f) => /\.(js|html|css|svg)$/.test(f));
    assert.ok(texts.length > 10);
    for (const f of texts) {
        const s = readFileSync(f, 'utf8');
        assert.equal(s, s.normalize('NFC'), f + ' is not NFC');
    }
});

test('nothing inline that the CSP (script-src/style-src self) would block, nothing from a CDN', () => {
    const html = readFileSync(join(APP, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline script');
    assert.doesNotMatch(html, /<style/i, 'inline style element');
    assert.doesNotMatch(html, /\sstyle=/i, 'style attribute');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'a file from another origin');
    for (const f of files(join(APP, 'js'))) {
        const s = readFileSync(f, 'utf8');
        assert.doesNotMatch(s, /\.innerHTML\s*=|insertAdjacentHTML|document\.write|eval\(|new Function\(/, f);
        assert.doesNotMatch(s, /from\s+['"](https?:)?\/\//, f + ' imports from another origin (no CDN)');
    }
});
