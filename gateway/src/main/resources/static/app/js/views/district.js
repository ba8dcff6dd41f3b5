// The district officer's screens: the communes' adoption of the district plan, reviewing reports
// (approve, return with a comment), closing and reopening a period. The dashboard is the existing page.
import {h, field, input, select, button, badge, act, announce, table, empty, date, time, pct, periodPicker,
    periodLabel, PLAN_STATUS, REPORT_STATUS, PERIOD_STATUS} from '../ui.js';
import {reportFigures, exportButtons, evidenceZipButton, workingPeriod, setWorkingPeriod} from './report.js';

function quarterOf(ctx) {
    const p = workingPeriod(ctx);
    return /-Q[1-4]$/.test(p) ? p : ctx.year + '-Q1';
}

export async function renderAdoption(root, ctx) {
    const org = await ctx.orgUnitInfo();
    root.appendChild(h('h1', {}, 'Kế hoạch các xã năm ' + ctx.year));
    const plans = (await ctx.api.get('/api/plans?orgUnit=' + encodeURIComponent(ctx.orgUnit) + '&year=' + ctx.year + '&status=ISSUED&size=50')).data.items
        .filter((p) => p.orgUnit === ctx.orgUnit);
    if (!plans.length) {
        root.appendChild(h('div', {class: 'panel'}, empty(org.name + ' chưa có kế hoạch đã ban hành năm ' + ctx.year + '.')));
        return;
    }
    const plan = plans[0];
    const adoption = (await ctx.api.get('/api/plans/' + plan.id + '/adoption')).data;
    const slot = h('div', {class: 'slot', id: 'adoption-problem'});
    root.appendChild(h('section', {class: 'panel', id: 'adoption', dataset: {planId: plan.id}},
        h('p', {}, 'Kế hoạch số ' + (plan.documentNumber || '') + ' · ' + plan.title),
        h('p', {id: 'adoption-summary'}, adoption.issuedCount + '/' + adoption.childCount + ' xã đã ban hành kế hoạch thực hiện.'),
        slot,
        table(['Xã', 'Kế hoạch của xã', 'Chỉ tiêu áp dụng', 'Chỉ tiêu không áp dụng', ''], (adoption.children || []).map((c) => {
            const p = c.plan;
            return h('tr', {dataset: {code: c.orgUnit, status: p ? p.status : 'NONE'}},
                h('td', {}, c.orgUnitName || c.orgUnit),
                h('td', {}, p ? [badge(PLAN_STATUS[p.status] || p.status, 's-' + p.status.toLowerCase()),
                    p.documentNumber ? ' ' + p.documentNumber + ' (' + date(p.issuedOn) + ')' : ''] : badge('Chưa có', 'bad')),
                h('td', {}, (c.adoptedTargetCodes || []).join(', ') || '–'),
                h('td', {}, (c.droppedTargetCodes || []).join(', ') || '–'),
                h('td', {}, p ? null : button('Lập dự thảo cho xã', (e) => act(e.currentTarget, slot, async () => {
                    await ctx.api.create('/api/plans/' + plan.id + '/derive', {orgUnit: c.orgUnit});
                    announce('Đã lập dự thảo kế hoạch cho ' + (c.orgUnitName || c.orgUnit) + '; xã chỉnh sửa và ban hành.');
                    ctx.refresh();
                }), {class: 'secondary', dataset: {derive: c.orgUnit}})));
        }), {id: 'adoption-table'})));
}

export async function renderReports(root, ctx) {
    const period = quarterOf(ctx);
    root.appendChild(h('h1', {}, 'Báo cáo ' + periodLabel(period)));
    root.appendChild(h('div', {class: 'panel'}, periodPicker(period, (p) => {
        setWorkingPeriod(p);
        ctx.refresh();
    }, false)));
    const d = (await ctx.api.get('/api/dashboards/' + encodeURIComponent(ctx.orgUnit) + '?period=' + period)).data;
    const rows = (d.children || []).map((c) => {
        const commune = !c.level || c.level === 'COMMUNE';
        return h('tr', {dataset: {code: c.code, status: c.reportStatus || ''}},
            h('td', {}, commune ? h('a', {href: '#/duyet-bao-cao/' + c.code + '/' + period}, c.name)
                : h('a', {href: '/dashboards/' + encodeURIComponent(c.code) + '?period=' + period}, c.name)),
            h('td', {}, c.reportStatus ? badge(REPORT_STATUS[c.reportStatus] || c.reportStatus, 's-' + c.reportStatus.toLowerCase())
                : (c.reportsSubmitted ?? '–') + '/' + (c.reportsExpected ?? '–')),
            h('td', {}, c.onTime === true ? 'Đúng hạn' : c.onTime === false && (c.reportStatus === 'SUBMITTED' || c.reportStatus === 'APPROVED') ? 'Trễ hạn' : '–'),
            h('td', {class: 'num'}, pct(c.achievement)));
    });
    root.appendChild(h('section', {class: 'panel'},
        h('p', {}, 'Đã nộp ' + (d.reportsSubmitted ?? '–') + '/' + (d.reportsExpected ?? '–') + ' · đầy đủ ' + pct(d.completeness) + ' · đúng hạn ' + pct(d.timeliness)),
        rows.length ? table(['Đơn vị', 'Báo cáo', 'Thời hạn', 'Mức đạt'], rows, {id: 'reports-table'}) : empty('Không có đơn vị trực thuộc.'),
        h('p', {}, h('a', {href: '/dashboards/' + encodeURIComponent(ctx.orgUnit) + '?period=' + period, id: 'dashboard-link'}, 'Mở bảng theo dõi của ' + ctx.orgUnit + ' →'))));
}

export async function renderReport(root, ctx) {
    const [commune, period] = ctx.params;
    const path = '/api/reports/' + encodeURIComponent(commune) + '/' + period;
    const read = await ctx.api.get(path);
    const r = read.data;
    const reload = () => ctx.refresh();
    root.appendChild(h('p', {class: 'back'}, h('a', {href: '#/duyet-bao-cao'}, '← Báo cáo các xã')));
    root.appendChild(h('h1', {}, 'Báo cáo ' + periodLabel(period) + ' · ' + (r.orgUnitName || commune)));
    const exportSlot = h('div', {class: 'slot'});
    const n = r.narrative || {};
    root.appendChild(h('section', {class: 'panel', id: 'report', dataset: {period: r.period, status: r.status}}, reportFigures(r),
        h('h2', {}, 'Đánh giá chung'),
        h('dl', {class: 'facts'}, [['Kết quả', n.results], ['Tồn tại, hạn chế', n.shortcomings], ['Phương hướng', n.nextSteps]]
            .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '–')])),
        exportButtons(ctx, path, exportSlot), h('div', {class: 'actions'}, evidenceZipButton(ctx, commune, period, exportSlot)),
        exportSlot));
    if (r.status !== 'SUBMITTED' || ctx.role !== 'DISTRICT_OFFICER') {
        return;
    }
    const slot = h('div', {class: 'slot', id: 'review-problem'});
    const reason = h('textarea', {name: 'reason', rows: 3, maxlength: 2000, id: 'return-reason-input'});
    const approve = button('Duyệt báo cáo', (e) => act(e.currentTarget, slot, async () => {
        await ctx.api.change('POST', path + '/approve', read.etag, null);
        announce('Đã duyệt báo cáo.');
        reload();
    }, reload), {id: 'report-approve'});
    const giveBack = button('Trả lại để bổ sung', (e) => act(e.currentTarget, slot, async () => {
        if (!reason.value.trim()) {
            reason.focus();
            throw Object.assign(new Error(), {problem: {title: 'Cần ghi ý kiến', detail: 'Ghi rõ nội dung xã cần bổ sung trước khi trả lại.'}});
        }
        await ctx.api.change('POST', path + '/return', read.etag, {reason: reason.value.trim()});
        announce('Đã trả lại báo cáo.');
        reload();
    }, reload), {id: 'report-return', class: 'danger'});
    root.appendChild(h('section', {class: 'panel', id: 'review'}, h('h2', {}, 'Xử lý báo cáo'),
        h('div', {class: 'actions'}, approve),
        field('Ý kiến khi trả lại', reason), h('div', {class: 'actions'}, giveBack), slot));
}

/** datetime-local (Vietnam's wall clock) → ISO-8601 with +07:00, as the API takes instants with an offset. */
function withOffset(local) {
    return local ? (local.length === 16 ? local + ':00' : local) + '+07:00' : null;
}

export async function renderPeriods(root, ctx) {
    const period = quarterOf(ctx);
    root.appendChild(h('h1', {}, 'Khóa kỳ báo cáo · ' + periodLabel(period)));
    root.appendChild(h('div', {class: 'panel'}, periodPicker(period, (p) => {
        setWorkingPeriod(p);
        ctx.refresh();
    }, false)));
    const reload = () => ctx.refresh();
    const base = (unit) => '/api/periods/' + encodeURIComponent(unit) + '/' + period;
    const read = await ctx.api.get(base(ctx.orgUnit));
    const p = read.data;
    const slot = h('div', {class: 'slot', id: 'period-problem'});
    const status = h('section', {class: 'panel', id: 'period', dataset: {status: p.status}},
        h('p', {}, badge(PERIOD_STATUS[p.status] || p.status, 's-' + String(p.status).toLowerCase()),
            ' Số liệu từ ' + date(p.from) + ' đến ' + date(p.to) + ' · hạn báo cáo ' + date(p.dueDate)),
        p.closedAt ? h('p', {}, 'Khóa lúc ' + time(p.closedAt) + ' bởi ' + (p.closedBy || '')) : null,
        p.reopenedUntil ? h('p', {}, 'Mở lại đến ' + time(p.reopenedUntil) + ' (' + (p.reopenReason || '') + ')') : null,
        h('p', {class: 'hint'}, 'Khi khóa kỳ, các xã không ghi nhận được kết quả có ngày trong kỳ nữa; muốn bổ sung phải được mở lại có thời hạn.'),
        p.status === 'OPEN' ? h('div', {class: 'actions'}, button('Khóa kỳ cho tất cả các xã', (e) => act(e.currentTarget, slot, async () => {
            await ctx.api.change('POST', base(ctx.orgUnit) + '/close', read.etag, null);
            announce('Đã khóa ' + periodLabel(period) + '.');
            reload();
        }, reload), {id: 'period-close', class: 'danger'})) : null,
        slot);
    root.appendChild(status);

    if (p.status !== 'OPEN') {
        const children = (await ctx.api.get('/api/org-units/' + encodeURIComponent(ctx.orgUnit) + '/children')).data;
        const list = Array.isArray(children) ? children : children.items || [];
        const scope = select({name: 'scope', id: 'reopen-scope'}, [[ctx.orgUnit, 'Toàn huyện'], ...list.map((c) => [c.code, c.name])]);
        const scopeState = h('p', {class: 'hint', id: 'reopen-scope-state'});
        const reason = h('textarea', {name: 'reason', rows: 2, maxlength: 2000, id: 'reopen-reason'});
        const until = input({type: 'datetime-local', name: 'until', id: 'reopen-until'});
        const rslot = h('div', {class: 'slot', id: 'reopen-problem'});
        const submit = h('button', {type: 'submit', id: 'period-reopen'}, 'Mở lại kỳ');
        let etag = read.etag;
        scope.addEventListener('change', () => act(null, rslot, async () => {
            const r = await ctx.api.get(base(scope.value));
            etag = r.etag;
            scopeState.textContent = (PERIOD_STATUS[r.data.status] || r.data.status) + (r.data.reopenedUntil ? ' đến ' + time(r.data.reopenedUntil) : '');
        }));
        const form = h('form', {class: 'panel', id: 'reopen-form', novalidate: true}, h('h2', {}, 'Mở lại có thời hạn'),
            field('Phạm vi', scope), scopeState, field('Lý do', reason), field('Mở đến (giờ Việt Nam)', until, 'Để trống: theo mặc định của hệ thống.'),
            h('div', {class: 'actions'}, submit), rslot);
        form.addEventListener('submit', (e) => {
            e.preventDefault();
            act(submit, rslot, async () => {
                const body = {reason: reason.value.trim()};
                if (until.value) {
                    body.until = withOffset(until.value);
                }
                await ctx.api.change('POST', base(scope.value) + '/reopen', etag, body);
                announce('Đã mở lại ' + periodLabel(period) + '.');
                reload();
            }, reload);
        });
        root.appendChild(form);
    }

    try {
        const audit = (await ctx.api.get(base(ctx.orgUnit) + '/audit')).data || [];
        root.appendChild(h('section', {class: 'panel', id: 'period-audit'}, h('h2', {}, 'Nhật ký khóa, mở kỳ'),
            audit.length ? table(['Thời điểm', 'Việc', 'Đơn vị', 'Người thực hiện', 'Lý do'], audit.map((a) => h('tr', {},
                h('td', {}, time(a.at)), h('td', {}, a.action === 'CLOSED' || a.action === 'close' ? 'Khóa' : a.action === 'REOPENED' || a.action === 'reopen' ? 'Mở lại' : a.action),
                h('td', {}, a.orgUnit), h('td', {}, a.actor || ''), h('td', {}, (a.reason || '') + (a.until ? ' (đến ' + time(a.until) + ')' : ''))))) : empty('Chưa có lần khóa hay mở lại nào.')));
    } catch (e) {
        // the audit is extra information: its absence does not stop the screen
    }
}
