// The officials' web app: sign-in, the navigation of the signed-in role, and a hash router
// (#/hoat-dong/…), so the gateway serves one static page and every screen is a plain ES module.
import {createClient, ApiProblem} from './api.js';
import {h, ROLES, showProblem, empty} from './ui.js';
import * as plan from './views/plan.js';
import * as activities from './views/activities.js';
import * as activity from './views/activity.js';
import * as importing from './views/import.js';
import * as report from './views/report.js';
import * as inbox from './views/inbox.js';
import * as district from './views/district.js';
import * as ops from './views/ops.js';

const $ = (id) => document.getElementById(id);
const YEAR_KEY = 'loa.app.year';

const api = createClient({onSignedOut: (reason) => showSignIn(reason)});

/** Screens per role: [hash, label, module's render]. The first is the role's home. */
const MENUS = {
    COMMUNE_OFFICER: [
        ['#/hoat-dong', 'Hoạt động', activities.render],
        ['#/ke-hoach', 'Kế hoạch', plan.render],
        ['#/bao-cao', 'Báo cáo quý', report.render],
        ['#/nhap-hoat-dong', 'Nhập từ tệp', importing.render],
        ['#/thong-bao', 'Thông báo', inbox.render]
    ],
    DISTRICT_OFFICER: [
        ['#/tiep-nhan', 'Kế hoạch các xã', district.renderAdoption],
        ['#/duyet-bao-cao', 'Duyệt báo cáo', district.renderReports],
        ['#/ky-bao-cao', 'Khóa kỳ báo cáo', district.renderPeriods],
        ['dashboard', 'Bảng theo dõi', null],
        ['#/thong-bao', 'Thông báo', inbox.render]
    ],
    PROVINCE_VIEWER: [
        ['dashboard', 'Bảng theo dõi', null],
        ['#/duyet-bao-cao', 'Báo cáo các xã', district.renderReports]
    ],
    OPERATOR: [
        ['#/van-hanh', 'Vận hành', ops.render]
    ]
};

/** Routes with a parameter, not in the menu. */
const DETAIL = [
    [/^#\/hoat-dong\/([0-9a-f-]{36})$/, activity.render],
    [/^#\/duyet-bao-cao\/([a-z0-9-]+)\/([0-9]{4}(?:-[QH][1-4])?)$/, district.renderReport]
];

const state = {claims: null, role: null, org: null};

function roleOf(claims) {
    const roles = (claims && claims.roles) || [];
    return ['COMMUNE_OFFICER', 'DISTRICT_OFFICER', 'OPERATOR', 'PROVINCE_VIEWER'].find((r) => roles.includes(r)) || null;
}

function year() {
    return Number(sessionStorage.getItem(YEAR_KEY)) || new Date().getFullYear();
}

function showSignIn(reason) {
    state.claims = null;
    $('who').hidden = true;
    $('nav').hidden = true;
    const view = $('view');
    [...view.children].forEach((c) => {
        if (c.id !== 'signin') {
            c.remove();
        }
    });
    $('signin').hidden = false;
    const slot = $('signin-error');
    showProblem(slot, reason ? new ApiProblem(401, {title: reason}) : null);
    $('username').focus();
}

async function signIn(event) {
    event.preventDefault();
    const submit = $('signin-submit');
    const slot = $('signin-error');
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) {
        showProblem(slot, new ApiProblem(400, {title: 'Nhập tên đăng nhập và mật khẩu.'}));
        return;
    }
    submit.disabled = true;
    try {
        await api.signIn(username, password);
        $('password').value = '';
        start();
    } catch (e) {
        showProblem(slot, e);
    } finally {
        submit.disabled = false;
    }
}

function dashboardHref() {
    return '/dashboards/' + encodeURIComponent(state.claims.org_unit || '') + '?year=' + year();
}

function renderNav() {
    const nav = $('nav');
    nav.textContent = '';
    const here = (location.hash || '').split('?')[0];
    const list = h('ul', {});
    for (const [hash, label] of MENUS[state.role] || []) {
        const href = hash === 'dashboard' ? dashboardHref() : hash;
        const current = hash !== 'dashboard' && (here === hash || here.startsWith(hash + '/'));
        const link = h('a', {href, 'aria-current': current ? 'page' : null,
            dataset: {nav: hash === 'dashboard' ? 'dashboard' : hash.slice(2)}}, label);
        if (hash !== 'dashboard') {
            // The screen one is on: clicking it again loads it afresh (no hashchange would).
            link.addEventListener('click', (e) => {
                if ((location.hash || '').split('?')[0] === hash) {
                    e.preventDefault();
                    history.replaceState(null, '', hash);
                    route();
                }
            });
        }
        list.appendChild(h('li', {}, link));
    }
    nav.appendChild(list);
    nav.hidden = false;
}

function start() {
    const claims = api.claims();
    if (!claims || !api.signedIn()) {
        showSignIn(null);
        return;
    }
    state.claims = claims;
    state.role = roleOf(claims);
    $('signin').hidden = true;
    $('who').hidden = false;
    $('user').textContent = claims.sub + ' · ' + (ROLES[state.role] || '') + (claims.org_unit ? ' · ' + claims.org_unit : '');
    const years = $('year');
    if (!years.options.length) {
        for (let y = new Date().getFullYear() + 1; y >= 2020; y--) {
            years.appendChild(h('option', {value: String(y)}, String(y)));
        }
    }
    years.value = String(year());
    route();
}

let renderTicket = 0;

async function route() {
    if (!state.claims) {
        return;
    }
    const menu = MENUS[state.role] || [];
    let hash = location.hash;
    let render = null;
    let params = [];
    for (const [pattern, fn] of DETAIL) {
        const m = pattern.exec(hash);
        if (m) {
            render = fn;
            params = m.slice(1);
        }
    }
    if (!render) {
        const entry = menu.find(([x]) => x === hash.split('?')[0]);
        if (entry && entry[2]) {
            render = entry[2];
        } else {
            const home = menu.find(([x]) => x !== 'dashboard');
            if (home && hash !== home[0]) {
                location.replace(home[0]);
                return;
            }
            render = home ? home[2] : null;
        }
    }
    renderNav();
    const ticket = ++renderTicket;
    const view = $('view');
    const container = h('div', {class: 'screen', 'aria-busy': 'true'});
    [...view.children].forEach((c) => {
        if (c.id !== 'signin') {
            c.remove();
        }
    });
    view.appendChild(container);
    const ctx = {
        api,
        claims: state.claims,
        role: state.role,
        orgUnit: state.claims.org_unit,
        year: year(),
        params,
        refresh: () => route(),
        orgUnitInfo: async () => {
            if (!state.org || state.org.code !== state.claims.org_unit) {
                state.org = (await api.get('/api/org-units/' + encodeURIComponent(state.claims.org_unit))).data;
            }
            return state.org;
        }
    };
    try {
        if (!render) {
            container.appendChild(empty('Vai trò của bạn chưa có màn hình nào trong ứng dụng.'));
        } else {
            await render(container, ctx);
        }
    } catch (e) {
        if (ticket === renderTicket && state.claims) {
            container.textContent = '';
            const slot = h('div', {class: 'slot'});
            container.appendChild(slot);
            showProblem(slot, e, () => route());
        }
    } finally {
        container.removeAttribute('aria-busy');
        if (ticket === renderTicket) {
            document.body.dataset.screen = (hash || '').replace(/^#\//, '').split('/')[0];
            document.body.dataset.loaded = String(Date.now());
        }
    }
    const heading = container.querySelector('h1');
    if (heading && document.activeElement === document.body) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({preventScroll: true});
    }
}

document.addEventListener('DOMContentLoaded', () => {
    $('signin-form').addEventListener('submit', signIn);
    $('signout').addEventListener('click', () => {
        api.signOut();
        location.hash = '';
        showSignIn(null);
    });
    $('year').addEventListener('change', () => {
        sessionStorage.setItem(YEAR_KEY, $('year').value);
        route();
    });
    window.addEventListener('hashchange', () => {
        route();
        const view = $('view');
        view.focus({preventScroll: true});
    });
    start();
});
