// Activities of the commune: filters (plan, status, unit, overdue), text search, and scheduling a new one.
import {h, field, input, select, button, badge, act, announce, table, empty, date, num,
    ACTIVITY_STATUS, CHANNELS} from '../ui.js';

/** The issued plans of the caller's unit for the working year (activities hang off an issued plan). */
export async function issuedPlans(ctx) {
    const r = await ctx.api.get('/api/plans?orgUnit=' + encodeURIComponent(ctx.orgUnit) + '&year=' + ctx.year + '&status=ISSUED&size=50');
    return (r.data.items || []).filter((p) => p.orgUnit === ctx.orgUnit);
}

export function statusBadge(a) {
    return [badge(ACTIVITY_STATUS[a.status] || a.status, 's-' + String(a.status).toLowerCase()),
        a.overdue ? badge('Quá hạn', 'bad') : null];
}

function fold(text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export async function render(root, ctx) {
    root.appendChild(h('h1', {}, 'Hoạt động năm ' + ctx.year));
    const [plans, org] = await Promise.all([issuedPlans(ctx), ctx.orgUnitInfo()]);
    if (!plans.length) {
        root.appendChild(h('div', {class: 'panel'}, empty('Chưa có kế hoạch đã ban hành của năm ' + ctx.year
            + '. Hoạt động được lập theo kế hoạch đã ban hành (mục “Kế hoạch”).')));
        return;
    }
    const plan = plans[0];
    const units = org.units || [];
    const unitName = (code) => (units.find((u) => u.code === code) || {}).name || code;

    const params = new URLSearchParams((location.hash.split('?')[1]) || '');
    const q = input({type: 'search', name: 'q', value: params.get('q') || '', placeholder: 'Tìm theo tên hoạt động', id: 'filter-q'});
    const status = select({name: 'status', id: 'filter-status'}, [['', 'Tất cả'], ...Object.entries(ACTIVITY_STATUS)], params.get('status') || '');
    const unit = select({name: 'unit', id: 'filter-unit'}, [['', 'Tất cả đơn vị'], ...units.map((u) => [u.code, u.name])], params.get('unit') || '');
    const overdue = h('input', {type: 'checkbox', id: 'filter-overdue', checked: params.get('overdue') === 'true'});
    const filters = h('form', {class: 'panel filters', role: 'search'},
        h('div', {class: 'row'}, field('Tìm kiếm', q), field('Trạng thái', status), field('Đơn vị thực hiện', unit),
            h('div', {class: 'field check'}, overdue, h('label', {for: 'filter-overdue'}, 'Chỉ hoạt động quá hạn'))));
    const listSlot = h('div', {class: 'list-slot', 'aria-live': 'polite'});
    const newButton = button('+ Thêm hoạt động', () => {
        formHolder.hidden = !formHolder.hidden;
        if (!formHolder.hidden) {
            formHolder.querySelector('input, select, textarea').focus();
        }
    }, {id: 'activity-new', 'aria-expanded': 'false', 'aria-controls': 'activity-form'});
    const formHolder = h('div', {hidden: true});
    formHolder.appendChild(newActivityForm(ctx, plan, units, () => load()));
    root.append(h('p', {class: 'hint'}, 'Theo Kế hoạch số ' + (plan.documentNumber || '') + ' · ' + plan.title),
        h('div', {class: 'actions'}, newButton), formHolder, filters, listSlot);

    let items = [];
    const show = () => {
        const needle = fold(q.value.trim());
        const shown = needle ? items.filter((a) => fold(a.title).includes(needle)) : items;
        listSlot.textContent = '';
        listSlot.appendChild(h('p', {class: 'count', id: 'activity-count'}, shown.length + ' hoạt động'));
        if (!shown.length) {
            listSlot.appendChild(empty('Không có hoạt động nào khớp với bộ lọc.'));
            return;
        }
        listSlot.appendChild(h('ul', {class: 'cards', id: 'activity-list'}, shown.map((a) => h('li', {class: 'card', dataset: {id: a.id, status: a.status}},
            h('a', {href: '#/hoat-dong/' + a.id, class: 'card-title'}, a.title),
            h('p', {}, statusBadge(a)),
            h('p', {class: 'meta'}, (CHANNELS[a.channel] || a.channel) + ' · ' + unitName(a.unit) + ' · hạn ' + date(a.dueDate)
                + (a.status === 'COMPLETED' ? ' · đạt ' + num(a.quantity) : ''))))));
    };
    const load = async () => {
        const query = new URLSearchParams({planId: plan.id, size: '200'});
        if (status.value) {
            query.set('status', status.value);
        }
        if (unit.value) {
            query.set('unit', unit.value);
        }
        if (overdue.checked) {
            query.set('overdue', 'true');
        }
        const keep = new URLSearchParams({q: q.value, status: status.value, unit: unit.value, overdue: String(overdue.checked)});
        history.replaceState(null, '', '#/hoat-dong?' + keep);
        const r = await ctx.api.get('/api/activities?' + query);
        items = (r.data.items || []).sort((a, b) => (a.dueDate || '').localeCompare(b.dueDate || ''));
        show();
        document.body.dataset.loaded = String(Date.now());
    };
    [status, unit, overdue].forEach((c) => c.addEventListener('change', load));
    q.addEventListener('input', show);
    filters.addEventListener('submit', (e) => e.preventDefault());
    newButton.addEventListener('click', () => newButton.setAttribute('aria-expanded', String(!formHolder.hidden)));
    await load();
}

function checkboxes(name, legend, options) {
    return h('fieldset', {class: 'checks'}, h('legend', {}, legend), options.map(([value, text]) => {
        const id = name + '-' + value;
        return h('span', {class: 'check'}, h('input', {type: 'checkbox', id, name, value}), h('label', {for: id}, text));
    }));
}

function checked(form, name) {
    return [...form.querySelectorAll('input[name="' + name + '"]:checked')].map((c) => c.value);
}

function newActivityForm(ctx, plan, units, reload) {
    const title = input({name: 'title', required: true, maxlength: 500});
    const channels = (plan.channels && plan.channels.length ? plan.channels : Object.keys(CHANNELS));
    const channel = select({name: 'channel'}, channels.map((c) => [c, CHANNELS[c] || c]));
    const unit = select({name: 'unit'}, units.map((u) => [u.code, u.name]));
    const due = input({type: 'date', name: 'dueDate', required: true});
    const planned = input({type: 'number', name: 'plannedQuantity', min: 0, step: 'any', inputmode: 'decimal'});
    const slot = h('div', {class: 'slot'});
    const submit = h('button', {type: 'submit', id: 'activity-create'}, 'Lên lịch hoạt động');
    const form = h('form', {class: 'panel', id: 'activity-form', novalidate: true},
        h('h2', {}, 'Hoạt động mới'),
        field('Tên hoạt động', title), h('div', {class: 'row'}, field('Hình thức', channel), field('Đơn vị chủ trì', unit)),
        h('div', {class: 'row'}, field('Hạn hoàn thành', due), field('Số lượng dự kiến', planned)),
        checkboxes('targetCodes', 'Chỉ tiêu phục vụ', (plan.targets || []).map((t) => [t.code, t.code + ' – ' + t.description])),
        checkboxes('topics', 'Nội dung tuyên truyền', (plan.topics || []).map((t) => [t.code, t.code + ') ' + t.title])),
        checkboxes('coordinatingUnits', 'Đơn vị phối hợp', units.map((u) => [u.code, u.name])),
        h('div', {class: 'actions'}, submit), slot);
    // One key per filled form: pressing twice on a slow line creates one activity, not two.
    let idempotencyKey = crypto.randomUUID();
    form.addEventListener('input', () => {
        idempotencyKey = crypto.randomUUID();
    });
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(submit, slot, async () => {
            const body = {planId: plan.id, title: title.value.trim(), channel: channel.value, unit: unit.value,
                dueDate: due.value || null, topics: checked(form, 'topics'), targetCodes: checked(form, 'targetCodes'),
                coordinatingUnits: checked(form, 'coordinatingUnits')};
            if (planned.value !== '') {
                body.plannedQuantity = Number(planned.value);
            }
            const r = await ctx.api.create('/api/activities', body, {headers: {'Idempotency-Key': idempotencyKey}});
            announce('Đã lên lịch “' + r.data.title + '”.');
            location.hash = '#/hoat-dong/' + r.data.id;
        });
    });
    return form;
}
