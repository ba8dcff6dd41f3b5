// DOM helpers, Vietnamese labels and formats shared by the screens. Text goes in as text nodes only
// (never innerHTML), so nothing the API returns can become markup.

export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === null || v === undefined || v === false) {
            continue;
        }
        if (k.startsWith('on') && typeof v === 'function') {
            el.addEventListener(k.slice(2), v);
        } else if (k === 'class') {
            el.className = v;
        } else if (k === 'dataset') {
            Object.assign(el.dataset, v);
        } else if (v === true) {
            el.setAttribute(k, '');
        } else {
            el.setAttribute(k, String(v));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const c of children) {
        if (c === null || c === undefined || c === false) {
            continue;
        }
        if (Array.isArray(c)) {
            append(el, c);
        } else {
            el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
        }
    }
}

let fieldSeq = 0;

/** A labelled field: the label names the control (for= id), hints and errors are described-by. */
export function field(labelText, control, hint) {
    const id = control.id || ('f' + (++fieldSeq));
    control.id = id;
    const parts = [h('label', {for: id}, labelText), control];
    if (hint) {
        const hid = id + '-hint';
        control.setAttribute('aria-describedby', hid);
        parts.push(h('small', {id: hid, class: 'hint'}, hint));
    }
    return h('div', {class: 'field'}, parts);
}

export function input(attrs) {
    return h('input', Object.assign({type: 'text'}, attrs));
}

export function select(attrs, options, value) {
    const s = h('select', attrs, options.map(([v, text]) => h('option', {value: v}, text)));
    if (value !== undefined && value !== null) {
        s.value = String(value);
    }
    return s;
}

export function button(text, onclick, attrs) {
    return h('button', Object.assign({type: 'button', onclick}, attrs || {}), text);
}

export const ACTIVITY_STATUS = {PLANNED: 'Đã lên lịch', IN_PROGRESS: 'Đang thực hiện', COMPLETED: 'Hoàn thành', CANCELLED: 'Đã hủy'};
export const PLAN_STATUS = {DRAFT: 'Dự thảo', ISSUED: 'Đã ban hành', CLOSED: 'Đã kết thúc'};
export const REPORT_STATUS = {DRAFT: 'Chưa nộp', SUBMITTED: 'Đã nộp', APPROVED: 'Đã duyệt', RETURNED: 'Bị trả lại'};
export const PERIOD_STATUS = {OPEN: 'Đang mở', CLOSED: 'Đã khóa', REOPENED: 'Mở lại có thời hạn'};
export const CHANNELS = {
    RADIO: 'Truyền thanh cơ sở', WEBSITE: 'Trang thông tin điện tử', PRESS: 'Báo chí', PANEL_POSTER: 'Pa-nô, áp phích',
    TRAINING: 'Tập huấn, bồi dưỡng', MEETING: 'Phiên họp thường kỳ UBND', LAW_DAY: 'Ngày Pháp luật',
    POSTAL_SERVICE: 'Bưu chính công ích', OTHER: 'Khác'
};
export const ROLES = {COMMUNE_OFFICER: 'Cán bộ xã', DISTRICT_OFFICER: 'Cán bộ huyện', PROVINCE_VIEWER: 'Theo dõi cấp tỉnh',
    OPERATOR: 'Vận hành hệ thống'};

const numberFormat = new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 2});
const percentFormat = new Intl.NumberFormat('vi-VN', {style: 'percent', maximumFractionDigits: 1});
const dateFormat = new Intl.DateTimeFormat('vi-VN', {timeZone: 'Asia/Ho_Chi_Minh'});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit',
    day: '2-digit', month: '2-digit', year: 'numeric'});

export function num(v) {
    return v === null || v === undefined || v === '' ? '–' : numberFormat.format(Number(v));
}

export function pct(v) {
    return v === null || v === undefined ? '–' : percentFormat.format(Number(v));
}

export function vnd(v) {
    return v === null || v === undefined ? '–' : numberFormat.format(Number(v)) + ' đ';
}

export function date(v) {
    return v ? dateFormat.format(new Date(v.length === 10 ? v + 'T00:00:00+07:00' : v)) : '–';
}

export function time(v) {
    return v ? timeFormat.format(new Date(v)) : '–';
}

export function bytes(n) {
    if (n === null || n === undefined) {
        return '–';
    }
    if (n < 1024) {
        return n + ' B';
    }
    if (n < 1024 * 1024) {
        return numberFormat.format(Math.round(n / 102.4) / 10) + ' KiB';
    }
    return numberFormat.format(Math.round(n / 104857.6) / 10) + ' MiB';
}

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (the API's "today"). */
export function today() {
    return new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Ho_Chi_Minh'}).format(new Date());
}

export function badge(text, kind) {
    return h('span', {class: 'badge ' + (kind || '')}, text);
}

/**
 * A problem as it came: the server's title and detail (Vietnamese by default), the field errors, and
 * for 412/428 the one thing to do: reload.
 */
export function problemBox(error, onReload) {
    const p = error && error.problem ? error.problem : {title: 'Đã xảy ra lỗi', detail: String(error && error.message || error)};
    const box = h('div', {class: 'problem', role: 'alert', dataset: {status: String(error && error.status || ''), code: p.code || ''}});
    if (error && error.isConflict) {
        box.appendChild(h('p', {class: 'conflict'}, 'Người khác vừa thay đổi mục này — hãy tải lại để xem bản mới nhất rồi làm lại.'));
    }
    box.appendChild(h('strong', {class: 'problem-title'}, p.title || ('Lỗi ' + (error.status || ''))));
    if (p.detail) {
        box.appendChild(h('p', {class: 'problem-detail'}, p.detail));
    }
    if (Array.isArray(p.errors) && p.errors.length) {
        box.appendChild(h('ul', {class: 'problem-errors'}, p.errors.map((e) =>
            h('li', {}, (e.field ? e.field + ': ' : '') + (e.message || '')))));
    }
    if (error && error.isConflict && onReload) {
        box.appendChild(button('Tải lại', onReload, {class: 'secondary'}));
    }
    return box;
}

/** Shows a problem (or clears with null) in a slot element. */
export function showProblem(slot, error, onReload) {
    slot.textContent = '';
    if (error) {
        const box = problemBox(error, onReload);
        slot.appendChild(box);
        box.setAttribute('tabindex', '-1');
        box.focus();
    }
}

/** Announces a short success message in the page's live region. */
export function announce(text) {
    const live = document.getElementById('status');
    if (live) {
        live.textContent = '';
        live.textContent = text;
        live.hidden = false;
        clearTimeout(announce.timer);
        announce.timer = setTimeout(() => {
            live.hidden = true;
        }, 6000);
    }
}

/** Runs an action with its button disabled; a problem goes to the slot. */
export async function act(buttonEl, slot, action, onReload) {
    if (buttonEl) {
        buttonEl.disabled = true;
    }
    if (slot) {
        slot.textContent = '';
    }
    try {
        return await action();
    } catch (e) {
        if (slot) {
            showProblem(slot, e, onReload);
        } else {
            throw e;
        }
        return undefined;
    } finally {
        if (buttonEl) {
            buttonEl.disabled = false;
        }
    }
}

/** Saves a Blob as a file (the API's exports need the bearer token, so no plain link). */
export function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = h('a', {href: url, download: filename || 'tai-ve'});
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    // For the browser tests and for the curious: what was saved last.
    document.body.dataset.lastDownload = (filename || '') + ' ' + blob.size;
}

export function table(headers, rows, attrs) {
    // A column of figures is right-aligned, its header too (read from the first row's cells).
    const first = rows.length ? rows[0].children : [];
    return h('div', {class: 'table-scroll'},
        h('table', attrs || {},
            h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', {scope: 'col',
                class: first[i] && first[i].classList.contains('num') ? 'num' : null}, x)))),
            h('tbody', {}, rows)));
}

export function empty(text) {
    return h('p', {class: 'empty'}, text);
}

export function periodLabel(period) {
    const q = /^(\d{4})-Q([1-4])$/.exec(period || '');
    if (q) {
        return 'Quý ' + ['I', 'II', 'III', 'IV'][q[2] - 1] + ' năm ' + q[1];
    }
    const half = /^(\d{4})-H([12])$/.exec(period || '');
    if (half) {
        return (half[2] === '1' ? '6 tháng đầu năm ' : '6 tháng cuối năm ') + half[1];
    }
    return /^\d{4}$/.test(period || '') ? 'Năm ' + period : (period || '');
}

/** Year and period pickers: quarters, six months and the year (Decree 09/2019's regime). */
export function periodPicker(period, onChange, withHalves) {
    const m = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(period) || [null, String(new Date().getFullYear()), 'Q1'];
    const thisYear = new Date().getFullYear();
    const years = [];
    for (let y = thisYear + 1; y >= 2020; y--) {
        years.push([String(y), String(y)]);
    }
    const year = select({name: 'year'}, years, m[1]);
    const parts = [['Q1', 'Quý I'], ['Q2', 'Quý II'], ['Q3', 'Quý III'], ['Q4', 'Quý IV']];
    if (withHalves) {
        parts.push(['H1', '6 tháng đầu năm'], ['H2', '6 tháng cuối năm'], ['', 'Cả năm']);
    }
    const part = select({name: 'period'}, parts, m[2] || '');
    const changed = () => onChange(year.value + (part.value ? '-' + part.value : ''));
    year.addEventListener('change', changed);
    part.addEventListener('change', changed);
    return h('div', {class: 'row'}, field('Năm', year), field('Kỳ', part));
}

/** The current quarter in Vietnam, e.g. 2026-Q4. */
export function currentQuarter() {
    const [y, m] = today().split('-').map(Number);
    return y + '-Q' + (Math.floor((m - 1) / 3) + 1);
}
