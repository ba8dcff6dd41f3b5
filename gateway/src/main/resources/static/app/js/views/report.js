// The commune's periodic report: figures drafted from the logged work, the narrative, submit, exports.
import {h, field, button, badge, act, announce, table, empty, num, pct, vnd, date, time, saveBlob, periodPicker,
    periodLabel, currentQuarter, REPORT_STATUS, CHANNELS} from '../ui.js';

const PERIOD_KEY = 'loa.app.period';

export function workingPeriod(ctx) {
    const stored = sessionStorage.getItem(PERIOD_KEY);
    if (stored && stored.startsWith(String(ctx.year))) {
        return stored;
    }
    const current = currentQuarter();
    return current.startsWith(String(ctx.year)) ? current : ctx.year + '-Q1';
}

export function setWorkingPeriod(period) {
    sessionStorage.setItem(PERIOD_KEY, period);
}

export function exportButtons(ctx, path, slot) {
    return h('div', {class: 'actions'}, [['pdf', 'In (PDF)'], ['docx', 'Word (DOCX)'], ['xlsx', 'Excel (XLSX)'], ['csv', 'CSV']]
        .map(([format, label]) => button(label, (e) => act(e.currentTarget, slot, async () => {
            const r = await ctx.api.get(path + '/export?format=' + format, {blob: true});
            saveBlob(r.data, r.filename || ('bao-cao.' + format));
            announce('Đã tải ' + (r.filename || format.toUpperCase()));
        }), {class: 'secondary', dataset: {export: format}})));
}

/**
 * The commune's evidence of a period as one ZIP (a folder per completed activity, manifest.csv): what the PAR
 * Index self-assessment asks for, in one click.
 */
export function evidenceZipButton(ctx, orgUnit, period, slot) {
    return button('Tải minh chứng của kỳ (ZIP)', (e) => act(e.currentTarget, slot, async () => {
        const r = await ctx.api.get('/api/evidence/' + encodeURIComponent(orgUnit) + '/' + period + '.zip', {blob: true});
        saveBlob(r.data, r.filename || ('minh-chung-' + orgUnit + '-' + period + '.zip'));
        announce('Đã tải ' + (r.filename || 'tệp ZIP minh chứng'));
    }), {class: 'secondary', id: 'evidence-zip'});
}

/** Status line and figures of a report (shared with the district's review screen). */
export function reportFigures(r) {
    const status = h('p', {class: 'report-status', id: 'report-status', dataset: {status: r.status}},
        badge(REPORT_STATUS[r.status] || r.status, 's-' + String(r.status).toLowerCase()),
        r.documentNumber ? ' Số ' + r.documentNumber : '',
        r.dueDate ? ' · hạn nộp ' + date(r.dueDate) : '',
        r.submittedAt ? ' · nộp lúc ' + time(r.submittedAt) + (r.onTime === false ? ' (trễ hạn)' : r.onTime ? ' (đúng hạn)' : '') : '',
        r.planDocumentNumber ? ' · theo Kế hoạch số ' + r.planDocumentNumber : '');
    const parts = [status];
    if (r.status === 'RETURNED' && r.returnReason) {
        parts.push(h('p', {class: 'problem', id: 'return-reason'}, 'Huyện trả lại: ' + r.returnReason));
    }
    parts.push(h('h2', {}, 'Chỉ tiêu'), (r.targets || []).length
        ? table(['Mã', 'Chỉ tiêu', 'Kế hoạch', 'Đạt', 'Tỷ lệ'], r.targets.map((t) => h('tr', {dataset: {code: t.code}},
            h('td', {}, t.code), h('td', {}, t.description), h('td', {class: 'num'}, num(t.planned)),
            h('td', {class: 'num'}, num(t.achieved)), h('td', {class: 'num'}, pct(t.ratio)))), {id: 'report-targets'})
        : empty('Kỳ này không có chỉ tiêu.'));
    parts.push(h('h2', {}, 'Hình thức tuyên truyền'), table(['Hình thức', 'Kế hoạch', 'Hoàn thành', 'Số lượng', 'Lượt tiếp cận'],
        (r.channels || []).map((c) => h('tr', {}, h('td', {}, CHANNELS[c.channel] || c.channel), h('td', {class: 'num'}, num(c.activitiesPlanned)),
            h('td', {class: 'num'}, num(c.activitiesCompleted)), h('td', {class: 'num'}, num(c.quantity)), h('td', {class: 'num'}, num(c.reach))))));
    parts.push(h('h2', {}, 'Đơn vị thực hiện'), table(['Đơn vị', 'Vai trò', 'Được giao', 'Hoàn thành', 'Quá hạn'],
        (r.units || []).map((u) => h('tr', {}, h('td', {}, u.name || u.unit), h('td', {}, u.role === 'LEAD' ? 'Chủ trì' : u.role ? 'Phối hợp' : ''),
            h('td', {class: 'num'}, num(u.assigned)), h('td', {class: 'num'}, num(u.completed)), h('td', {class: 'num'}, num(u.overdue))))));
    if (r.budget) {
        parts.push(h('p', {}, 'Kinh phí: kế hoạch ' + vnd(r.budget.plannedVnd) + ', đã chi ' + vnd(r.budget.spentVnd) + '.'));
    }
    return parts;
}

export async function render(root, ctx) {
    const org = await ctx.orgUnitInfo();
    const period = workingPeriod(ctx);
    root.appendChild(h('h1', {}, 'Báo cáo ' + periodLabel(period) + ' · ' + org.name));
    root.appendChild(h('div', {class: 'panel'}, periodPicker(period, (p) => {
        setWorkingPeriod(p);
        ctx.refresh();
    }, true)));
    const path = '/api/reports/' + encodeURIComponent(ctx.orgUnit) + '/' + period;
    const read = await ctx.api.get(path);
    const r = read.data;
    const etag = read.etag;
    const reload = () => ctx.refresh();
    const exportSlot = h('div', {class: 'slot'});
    root.appendChild(h('section', {class: 'panel', id: 'report', dataset: {period: r.period, status: r.status}},
        reportFigures(r), h('h2', {}, 'Xuất báo cáo'), exportButtons(ctx, path, exportSlot),
        h('div', {class: 'actions'}, evidenceZipButton(ctx, ctx.orgUnit, period, exportSlot)), exportSlot));

    const editable = r.status === 'DRAFT' || r.status === 'RETURNED';
    const n = r.narrative || {};
    const results = h('textarea', {name: 'results', rows: 4, maxlength: 10000, readonly: !editable}, n.results || '');
    const shortcomings = h('textarea', {name: 'shortcomings', rows: 3, maxlength: 10000, readonly: !editable}, n.shortcomings || '');
    const nextSteps = h('textarea', {name: 'nextSteps', rows: 3, maxlength: 10000, readonly: !editable}, n.nextSteps || '');
    const slot = h('div', {class: 'slot', id: 'report-problem'});
    const save = h('button', {type: 'submit', id: 'narrative-save'}, 'Lưu nội dung');
    const submit = button('Nộp báo cáo cho huyện', (e) => act(e.currentTarget, slot, async () => {
        let current = etag;
        if (results.value !== (n.results || '') || shortcomings.value !== (n.shortcomings || '') || nextSteps.value !== (n.nextSteps || '')) {
            // what was typed is saved first, then submitted with the version that save returned
            current = (await ctx.api.change('PUT', path + '/narrative', etag,
                {results: results.value, shortcomings: shortcomings.value, nextSteps: nextSteps.value})).etag;
        }
        await ctx.api.change('POST', path + '/submit', current, null);
        announce('Đã nộp báo cáo ' + periodLabel(period) + '.');
        reload();
    }, reload), {id: 'report-submit'});
    const form = h('form', {class: 'panel', id: 'narrative', novalidate: true},
        h('h2', {}, 'Đánh giá chung'),
        field('Kết quả đạt được', results), field('Tồn tại, hạn chế và nguyên nhân', shortcomings), field('Phương hướng, nhiệm vụ kỳ tới', nextSteps),
        editable ? h('div', {class: 'actions'}, save, submit) : h('p', {class: 'hint'}, 'Báo cáo đã nộp: chỉ sửa được khi huyện trả lại.'),
        slot);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(save, slot, async () => {
            await ctx.api.change('PUT', path + '/narrative', etag,
                {results: results.value, shortcomings: shortcomings.value, nextSteps: nextSteps.value});
            announce('Đã lưu nội dung báo cáo.');
            reload();
        }, reload);
    });
    root.appendChild(form);
}
