// Loa dashboard page: plain JavaScript, no library. The page shell is public; every figure is fetched
// with the signed-in user's bearer token, and the API decides what the user may see.
(function () {
    'use strict';

    const TOKEN_KEY = 'loa.token';
    const tokenUrl = document.querySelector('meta[name="loa-token-url"]').content || '/auth/token';
    const $ = (id) => document.getElementById(id);

    const QUARTER_NAMES = {1: 'Quý I', 2: 'Quý II', 3: 'Quý III', 4: 'Quý IV'};
    // Report periods of the regime (Decree 09/2019): a quarter, the first six months, the year.
    const PART_TITLES = {Q1: 'Quý I năm ', Q2: 'Quý II năm ', Q3: 'Quý III năm ', Q4: 'Quý IV năm ',
        H1: '6 tháng đầu năm ', Y: 'năm '};
    // "2022-H1" → "H1", "2022" → "Y", "2022-Q3" → "Q3".
    function partOf(period) {
        const m = /^\d{4}(?:-(Q[1-4]|H1))?$/.exec(period || '');
        return m ? (m[1] || 'Y') : null;
    }
    const STATUS_NAMES = {DRAFT: 'Chưa nộp', SUBMITTED: 'Đã nộp', APPROVED: 'Đã duyệt', RETURNED: 'Bị trả lại'};
    const CHANNEL_NAMES = {
        RADIO: 'Truyền thanh', WEBSITE: 'Trang thông tin điện tử', PRESS: 'Báo chí', PANEL_POSTER: 'Pa-nô, áp phích',
        TRAINING: 'Tập huấn', MEETING: 'Hội nghị, họp', LAW_DAY: 'Ngày Pháp luật', POSTAL_SERVICE: 'Bưu chính công ích',
        OTHER: 'Khác'
    };
    const ROLE_NAMES = {LEAD: 'Chủ trì', COORDINATE: 'Phối hợp'};
    const percent = new Intl.NumberFormat('vi-VN', {style: 'percent', maximumFractionDigits: 1});
    const number = new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 2});

    const state = {
        orgUnit: decodeURIComponent(location.pathname.replace(/^\/dashboards\/?/, '').split('/')[0] || ''),
        year: null,
        quarter: null, // 1..4, or null for the whole year
        data: null,
        trend: null,
        sort: {key: 'rank', dir: 1},
        report: null, // {code, name, quarter}
        stream: null,
        loading: null
    };

    // ---- identity -------------------------------------------------------------------------------

    function token() {
        return sessionStorage.getItem(TOKEN_KEY);
    }

    function claims(jwt) {
        try {
            const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
            const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
            return JSON.parse(new TextDecoder().decode(bytes));
        } catch (e) {
            return null;
        }
    }

    function validToken() {
        const t = token();
        const c = t && claims(t);
        return c && (!c.exp || c.exp * 1000 > Date.now()) ? t : null;
    }

    function showSignIn(reason) {
        stopStream();
        sessionStorage.removeItem(TOKEN_KEY);
        $('dashboard').hidden = true;
        $('message').hidden = true;
        $('who').hidden = true;
        $('signin').hidden = false;
        const error = $('signin-error');
        error.textContent = reason || '';
        error.hidden = !reason;
        $('username').focus();
    }

    async function signIn(event) {
        event.preventDefault();
        const button = $('signin-submit');
        button.disabled = true;
        $('signin-error').hidden = true;
        try {
            const response = await fetch(tokenUrl, {
                method: 'POST',
                headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                body: JSON.stringify({username: $('username').value.trim(), password: $('password').value})
            });
            if (response.status === 401) {
                return failSignIn('Tên đăng nhập hoặc mật khẩu không đúng.');
            }
            if (response.status === 429) {
                return failSignIn('Nhập sai quá nhiều lần; vui lòng thử lại sau ' + (response.headers.get('Retry-After') || 'ít') + ' giây.');
            }
            if (!response.ok) {
                return failSignIn('Không đăng nhập được (mã ' + response.status + ').');
            }
            const body = await response.json();
            sessionStorage.setItem(TOKEN_KEY, body.access_token);
            $('password').value = '';
            start();
        } catch (e) {
            failSignIn('Không kết nối được máy chủ đăng nhập.');
        } finally {
            button.disabled = false;
        }
    }

    function failSignIn(text) {
        const error = $('signin-error');
        error.textContent = text;
        error.hidden = false;
    }

    // ---- loading --------------------------------------------------------------------------------

    class HttpError extends Error {
        constructor(status) {
            super('HTTP ' + status);
            this.status = status;
        }
    }

    async function api(path) {
        const response = await fetch(path, {headers: {'Authorization': 'Bearer ' + token(), 'Accept': 'application/json'}});
        if (!response.ok) {
            throw new HttpError(response.status);
        }
        return response.json();
    }

    function failed(error) {
        if (error instanceof HttpError && error.status === 401) {
            showSignIn('Phiên đăng nhập đã hết hạn hoặc không hợp lệ; vui lòng đăng nhập lại.');
            return;
        }
        let text;
        if (error instanceof HttpError && error.status === 404) {
            text = 'Không tìm thấy đơn vị “' + state.orgUnit + '” trong phạm vi tài khoản của bạn được xem. '
                + 'Bạn chỉ xem được đơn vị của mình và các đơn vị trực thuộc.';
        } else if (error instanceof HttpError && error.status === 403) {
            text = 'Vai trò của bạn không được phép xem bảng theo dõi này.';
        } else {
            text = 'Không tải được số liệu' + (error instanceof HttpError ? ' (mã ' + error.status + ')' : '') + '. Vui lòng thử lại sau.';
        }
        stopStream();
        $('dashboard').hidden = true;
        const message = $('message');
        message.textContent = '';
        const p = document.createElement('p');
        p.textContent = text;
        message.appendChild(p);
        const c = claims(token() || '');
        if (c && c.org_unit && c.org_unit !== state.orgUnit) {
            const a = document.createElement('a');
            a.href = '/dashboards/' + encodeURIComponent(c.org_unit) + '?' + query();
            a.textContent = 'Mở bảng theo dõi của đơn vị mình (' + c.org_unit + ')';
            message.appendChild(a);
        }
        message.hidden = false;
    }

    function query() {
        return state.quarter ? 'period=' + state.year + '-Q' + state.quarter : 'year=' + state.year;
    }

    async function load() {
        const ticket = {};
        state.loading = ticket;
        const unit = encodeURIComponent(state.orgUnit);
        try {
            const main = api('/api/dashboards/' + unit + '?' + query());
            const trend = state.quarter ? api('/api/dashboards/' + unit + '?year=' + state.year) : null;
            const data = await main;
            const year = trend ? await trend : data;
            if (state.loading !== ticket) {
                return; // a newer load started (period changed meanwhile)
            }
            state.data = data;
            state.trend = year.trend || [];
            $('message').hidden = true;
            $('dashboard').hidden = false;
            render();
            if (state.report) {
                openReport(state.report.code, state.report.name, state.report.quarter);
            }
            document.body.dataset.loaded = String(Date.now());
        } catch (e) {
            if (state.loading === ticket) {
                failed(e);
            }
        }
    }

    // ---- live updates: fetch() streaming, so that the bearer token goes in a header --------------

    function stopStream() {
        if (state.stream) {
            state.stream.abort();
            state.stream = null;
        }
        live('off', 'Chưa kết nối');
    }

    function live(s, text) {
        $('live').dataset.state = s;
        $('live-text').textContent = text;
    }

    function startStream() {
        stopStream();
        const controller = new AbortController();
        state.stream = controller;
        const url = '/api/dashboards/' + encodeURIComponent(state.orgUnit) + '/events?' + query();
        let retry = 1000;
        const connect = async () => {
            while (!controller.signal.aborted) {
                try {
                    const response = await fetch(url, {
                        headers: {'Authorization': 'Bearer ' + token(), 'Accept': 'text/event-stream, application/problem+json'},
                        signal: controller.signal,
                        cache: 'no-store'
                    });
                    if (response.status === 401) {
                        showSignIn('Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.');
                        return;
                    }
                    if (!response.ok) {
                        live('error', 'Không nhận được cập nhật trực tiếp (mã ' + response.status + ')');
                        return;
                    }
                    await read(response.body, controller, () => {
                        retry = 1000;
                    });
                } catch (e) {
                    if (controller.signal.aborted) {
                        return;
                    }
                }
                live('retry', 'Mất kết nối, đang kết nối lại…');
                await new Promise((resolve) => setTimeout(resolve, retry));
                retry = Math.min(retry * 2, 30000);
            }
        };
        connect();
    }

    async function read(body, controller, connected) {
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        while (true) {
            const {value, done} = await reader.read();
            if (done) {
                return;
            }
            buffer += value.replace(/\r\n?/g, '\n');
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                let name = 'message';
                for (const line of block.split('\n')) {
                    if (line.startsWith('event:')) {
                        name = line.slice(6).trim();
                    }
                }
                if (name === 'ready') {
                    connected();
                    live('on', 'Đang cập nhật trực tiếp');
                } else if (name === 'changed' && !controller.signal.aborted) {
                    load();
                }
            }
        }
    }

    // ---- rendering ------------------------------------------------------------------------------

    function fmtPercent(v) {
        return v === null || v === undefined ? '–' : percent.format(v);
    }

    function element(tag, text, className) {
        const e = document.createElement(tag);
        if (text !== undefined && text !== null) {
            e.textContent = text;
        }
        if (className) {
            e.className = className;
        }
        return e;
    }

    function render() {
        const d = state.data;
        $('title').textContent = 'Bảng theo dõi · ' + d.name;
        document.title = d.name + ' – Bảng theo dõi tuyên truyền CCHC';
        const from = new Date(d.from + 'T00:00:00'), to = new Date(d.to + 'T00:00:00');
        const df = new Intl.DateTimeFormat('vi-VN', {day: '2-digit', month: '2-digit', year: 'numeric'});
        $('window').textContent = (state.quarter ? QUARTER_NAMES[state.quarter] + ' năm ' + state.year : 'Năm ' + state.year)
            + ': ' + df.format(from) + ' – ' + df.format(to);
        $('completeness').textContent = fmtPercent(d.completeness);
        $('completeness-sub').textContent = d.reportsSubmitted + '/' + d.reportsExpected + ' báo cáo đã nộp';
        $('timeliness').textContent = fmtPercent(d.timeliness);
        $('timeliness-sub').textContent = d.reportsOnTime + '/' + d.reportsExpected + ' báo cáo đúng hạn';
        $('achievement').textContent = fmtPercent(d.achievement);
        $('completed').textContent = number.format(d.activitiesCompleted);
        $('overdue').textContent = number.format(d.activitiesOverdue);
        const communes = d.children.some((c) => c.level === 'COMMUNE');
        $('children-title').textContent = communes ? 'Các xã, thị trấn' : 'Các đơn vị trực thuộc';
        $('children-hint').textContent = communes ? 'Bấm vào tên xã để xem báo cáo quý của xã.'
            : 'Bấm vào tên đơn vị để mở bảng theo dõi của đơn vị đó.';
        renderTable();
        renderBars();
        renderTrend();
    }

    function sortValue(c, key) {
        switch (key) {
            case 'name':
                return c.name;
            case 'report':
                return c.reportStatus ? (STATUS_NAMES[c.reportStatus] || c.reportStatus) : (c.completeness ?? -1);
            case 'onTime':
                return c.onTime === undefined || c.onTime === null ? (c.timeliness ?? -1) : (c.onTime ? 1 : 0);
            default:
                return c[key] === null || c[key] === undefined ? -1 : c[key];
        }
    }

    function renderTable() {
        const {key, dir} = state.sort;
        const rows = [...state.data.children].sort((a, b) => {
            const x = sortValue(a, key), y = sortValue(b, key);
            const order = typeof x === 'string' ? x.localeCompare(y, 'vi') : x - y;
            return order !== 0 ? order * dir : a.rank - b.rank;
        });
        document.querySelectorAll('#children th').forEach((th) => {
            th.setAttribute('aria-sort', th.dataset.key === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
        });
        const tbody = document.querySelector('#children tbody');
        tbody.textContent = '';
        for (const c of rows) {
            const tr = document.createElement('tr');
            tr.dataset.code = c.code;
            tr.appendChild(element('td', String(c.rank), 'num'));
            const name = element('td', null, 'name');
            const link = element('a', c.name);
            if (c.level === 'COMMUNE') {
                link.href = '#bao-cao-' + c.code;
                link.addEventListener('click', (e) => {
                    e.preventDefault();
                    // The report this row counts: on a quarter's page the one due at its end (H1 for Q2).
                    openReport(c.code, c.name, partOf(c.reportPeriod) || (state.quarter ? 'Q' + state.quarter : 'Y'));
                });
            } else {
                link.href = '/dashboards/' + encodeURIComponent(c.code) + '?' + query();
            }
            name.appendChild(link);
            tr.appendChild(name);
            tr.appendChild(element('td', fmtPercent(c.achievement), 'num achievement'));
            tr.appendChild(element('td', number.format(c.activitiesCompleted), 'num completed'));
            tr.appendChild(element('td', number.format(c.activitiesOverdue), 'num overdue' + (c.activitiesOverdue > 0 ? ' bad' : '')));
            if (c.reportStatus) {
                tr.appendChild(element('td', STATUS_NAMES[c.reportStatus] || c.reportStatus, 'status s-' + c.reportStatus.toLowerCase()));
            } else {
                tr.appendChild(element('td', c.reportsSubmitted + '/' + c.reportsExpected, 'status'));
            }
            let onTime;
            if (c.onTime === true) {
                onTime = 'Đúng hạn';
            } else if (c.onTime === false) {
                // Only a received report is late or on time; a draft or a returned one is neither yet.
                onTime = c.reportStatus === 'SUBMITTED' || c.reportStatus === 'APPROVED' ? 'Trễ hạn' : '–';
            } else {
                onTime = c.reportsOnTime + '/' + c.reportsExpected;
            }
            tr.appendChild(element('td', onTime, 'ontime'));
            tbody.appendChild(tr);
        }
    }

    const SVG = 'http://www.w3.org/2000/svg';

    function svg(tag, attrs, text) {
        const e = document.createElementNS(SVG, tag);
        for (const [k, v] of Object.entries(attrs || {})) {
            e.setAttribute(k, v);
        }
        if (text !== undefined) {
            e.textContent = text;
        }
        return e;
    }

    function renderBars() {
        const rows = [...state.data.children].sort((a, b) => a.rank - b.rank);
        const box = $('chart-achievement');
        box.textContent = '';
        // Drawn at the box's own width, so that labels keep their size on a phone.
        const width = Math.max(box.clientWidth || 480, 300), rowH = 26, labelW = Math.min(130, width * 0.34),
            barW = width - labelW - 56;
        const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + (rows.length * rowH + 8), role: 'img',
            'aria-label': 'Mức đạt chỉ tiêu theo đơn vị', class: 'bars'});
        rows.forEach((c, i) => {
            const y = i * rowH + 4;
            const v = c.achievement === null || c.achievement === undefined ? 0 : Math.min(c.achievement, 1);
            const g = svg('g', {'data-code': c.code});
            g.appendChild(svg('text', {x: labelW - 8, y: y + 16, 'text-anchor': 'end', class: 'label'}, c.name));
            g.appendChild(svg('rect', {x: labelW, y: y + 3, width: barW, height: rowH - 8, rx: 3, class: 'track'}));
            g.appendChild(svg('rect', {x: labelW, y: y + 3, width: Math.max(v * barW, 0.5), height: rowH - 8, rx: 3,
                class: 'bar' + (v >= 0.8 ? ' good' : v >= 0.5 ? ' fair' : ' low')}));
            g.appendChild(svg('text', {x: labelW + barW + 6, y: y + 16, class: 'value'}, fmtPercent(c.achievement)));
            root.appendChild(g);
        });
        box.appendChild(root);
    }

    function renderTrend() {
        const points = state.trend || [];
        const box = $('chart-trend');
        box.textContent = '';
        $('trend-title').textContent = 'Xu hướng theo quý năm ' + state.year;
        const width = Math.max(box.clientWidth || 480, 300), height = 220, left = 44, right = 12, top = 12, bottom = 30;
        const plotW = width - left - right, plotH = height - top - bottom;
        const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Xu hướng theo quý', class: 'trend'});
        for (let i = 0; i <= 4; i++) {
            const y = top + plotH - (i / 4) * plotH;
            root.appendChild(svg('line', {x1: left, x2: width - right, y1: y, y2: y, class: 'grid'}));
            root.appendChild(svg('text', {x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis'}, (i * 25) + '%'));
        }
        const step = plotW / Math.max(points.length, 1);
        const series = [['achievement', 'k-achievement'], ['completeness', 'k-completeness'], ['timeliness', 'k-timeliness']];
        const groupW = step * 0.7, barW = groupW / series.length;
        points.forEach((p, i) => {
            const x0 = left + i * step + (step - groupW) / 2;
            series.forEach(([key, cls], j) => {
                const v = p[key] === null || p[key] === undefined ? 0 : Math.min(p[key], 1);
                const h = v * plotH;
                const rect = svg('rect', {x: x0 + j * barW, y: top + plotH - h, width: barW - 2, height: Math.max(h, 0.5), class: 'tbar ' + cls});
                rect.appendChild(svg('title', {}, QUARTER_NAMES[Number(p.period.slice(-1))] + ': ' + fmtPercent(p[key])));
                root.appendChild(rect);
            });
            const q = Number(p.period.slice(-1));
            const label = svg('text', {x: left + i * step + step / 2, y: height - 10, 'text-anchor': 'middle',
                class: 'axis' + (q === state.quarter ? ' current' : '')}, QUARTER_NAMES[q]);
            root.appendChild(label);
        });
        box.appendChild(root);
    }

    // ---- drill-down: one commune's quarterly report ----------------------------------------------

    async function openReport(code, name, quarter) {
        state.report = {code, name, quarter};
        const panel = $('report');
        panel.hidden = false;
        $('report-title').textContent = 'Báo cáo ' + PART_TITLES[quarter] + state.year + ' · ' + name;
        $('report-quarter').value = String(quarter);
        try {
            const r = await api('/api/reports/' + encodeURIComponent(code) + '/' + state.year
                + (quarter === 'Y' ? '' : '-' + quarter));
            if (!state.report || state.report.code !== code || state.report.quarter !== quarter) {
                return;
            }
            renderReport(r);
            if (panel.dataset.scrolled !== code + quarter) {
                panel.dataset.scrolled = code + quarter;
                panel.scrollIntoView({block: 'start'});
            }
        } catch (e) {
            if (e instanceof HttpError && e.status === 401) {
                failed(e);
                return;
            }
            const body = $('report-body');
            body.textContent = '';
            body.appendChild(element('p', e instanceof HttpError && e.status === 404
                ? 'Bạn không có quyền xem báo cáo của xã này.' : 'Không tải được báo cáo.', 'error'));
        }
    }

    // Columns from firstNumber on hold figures (right-aligned, header too).
    function table(headers, rows, className, firstNumber) {
        const wrap = element('div', null, 'table-scroll');
        const t = element('table', null, className);
        const head = document.createElement('tr');
        headers.forEach((h, i) => head.appendChild(element('th', h, i >= firstNumber ? 'num' : null)));
        t.appendChild(element('thead')).appendChild(head);
        const body = element('tbody');
        rows.forEach((cells) => {
            const tr = document.createElement('tr');
            cells.forEach((c, i) => tr.appendChild(element('td', c, i >= firstNumber ? 'num' : null)));
            body.appendChild(tr);
        });
        t.appendChild(body);
        wrap.appendChild(t);
        return wrap;
    }

    function renderReport(r) {
        const body = $('report-body');
        body.textContent = '';
        body.dataset.orgUnit = r.orgUnit;
        body.dataset.period = r.period;
        const status = element('p', null, 'report-status');
        status.appendChild(element('strong', STATUS_NAMES[r.status] || r.status, 'status s-' + String(r.status).toLowerCase()));
        const parts = [];
        if (r.documentNumber) {
            parts.push('số ' + r.documentNumber);
        }
        if (r.expected === false) {
            parts.push('không phải nộp');
        }
        if (r.planDocumentNumber) {
            parts.push('theo Kế hoạch số ' + r.planDocumentNumber);
        }
        if (r.dueDate) {
            parts.push('hạn nộp ' + new Intl.DateTimeFormat('vi-VN').format(new Date(r.dueDate + 'T00:00:00')));
        }
        if (r.onTime === true) {
            parts.push('nộp đúng hạn');
        } else if (r.onTime === false) {
            parts.push('nộp trễ hạn');
        }
        status.appendChild(document.createTextNode(' · ' + parts.join(' · ')));
        body.appendChild(status);

        body.appendChild(element('h3', 'Chỉ tiêu'));
        body.appendChild(table(['Mã', 'Chỉ tiêu', 'Kế hoạch', 'Đạt', 'Tỷ lệ'], (r.targets || []).map((t) => [
            t.code, t.description, t.planned === null ? '–' : number.format(t.planned),
            t.achieved === null ? '–' : number.format(t.achieved), fmtPercent(t.ratio)]), 'report-targets', 2));
        body.appendChild(element('h3', 'Hình thức tuyên truyền'));
        body.appendChild(table(['Hình thức', 'Kế hoạch', 'Hoàn thành', 'Số lượng', 'Lượt tiếp cận'], (r.channels || []).map((c) => [
            CHANNEL_NAMES[c.channel] || c.channel, number.format(c.activitiesPlanned), number.format(c.activitiesCompleted),
            c.quantity === null ? '–' : number.format(c.quantity), number.format(c.reach || 0)]), 'report-channels', 1));
        body.appendChild(element('h3', 'Đơn vị thực hiện'));
        body.appendChild(table(['Đơn vị', 'Vai trò', 'Được giao', 'Hoàn thành', 'Quá hạn'], (r.units || []).map((u) => [
            u.name || u.unit, ROLE_NAMES[u.role] || u.role || '', number.format(u.assigned), number.format(u.completed),
            number.format(u.overdue)]), 'report-units', 2));
    }

    // ---- controls -------------------------------------------------------------------------------

    function setPeriodFromUrl() {
        const params = new URLSearchParams(location.search);
        const period = /^(\d{4})-Q([1-4])$/.exec(params.get('period') || '');
        const now = new Date();
        if (period) {
            state.year = Number(period[1]);
            state.quarter = Number(period[2]);
        } else if (/^\d{4}$/.test(params.get('year') || '')) {
            state.year = Number(params.get('year'));
            state.quarter = null;
        } else {
            state.year = now.getFullYear();
            state.quarter = Math.floor(now.getMonth() / 3) + 1;
        }
        const years = $('year');
        years.textContent = '';
        const last = Math.max(now.getFullYear() + 1, state.year);
        for (let y = last; y >= Math.min(2020, state.year); y--) {
            const o = element('option', String(y));
            o.value = String(y);
            years.appendChild(o);
        }
        years.value = String(state.year);
        $('quarter').value = state.quarter ? String(state.quarter) : 'year';
    }

    function periodChanged() {
        state.year = Number($('year').value);
        state.quarter = $('quarter').value === 'year' ? null : Number($('quarter').value);
        history.replaceState(null, '', location.pathname + '?' + query());
        if (state.report) {
            state.report.quarter = state.quarter ? 'Q' + state.quarter : state.report.quarter;
        }
        load();
        startStream();
    }

    function start() {
        const t = validToken();
        if (!t) {
            showSignIn(token() ? 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.' : null);
            return;
        }
        const c = claims(t);
        if (!state.orgUnit) {
            location.replace('/dashboards/' + encodeURIComponent(c.org_unit || '') + location.search);
            return;
        }
        $('signin').hidden = true;
        $('who').hidden = false;
        $('user').textContent = c.sub + (c.org_unit ? ' · ' + c.org_unit : '');
        load();
        startStream();
    }

    document.addEventListener('DOMContentLoaded', () => {
        setPeriodFromUrl();
        $('signin-form').addEventListener('submit', signIn);
        $('signout').addEventListener('click', () => {
            sessionStorage.removeItem('loa.refresh'); // the web app's refresh token (/app): signing out ends both
            showSignIn(null);
        });
        $('year').addEventListener('change', periodChanged);
        $('quarter').addEventListener('change', periodChanged);
        $('report-close').addEventListener('click', () => {
            state.report = null;
            $('report').hidden = true;
        });
        $('report-quarter').addEventListener('change', () => {
            if (state.report) {
                openReport(state.report.code, state.report.name, $('report-quarter').value);
            }
        });
        document.querySelectorAll('#children th button').forEach((b) => b.addEventListener('click', () => {
            const key = b.parentElement.dataset.key;
            state.sort = state.sort.key === key ? {key, dir: -state.sort.dir}
                : {key, dir: b.parentElement.dataset.type === 'number' && key !== 'rank' ? -1 : 1};
            renderTable();
        }));
        let resizing;
        window.addEventListener('resize', () => {
            clearTimeout(resizing);
            resizing = setTimeout(() => {
                if (state.data && !$('dashboard').hidden) {
                    renderBars();
                    renderTrend();
                }
            }, 150);
        });
        start();
    });
})();
