// The commune's plan of the working year: read it, edit the draft (PUT with If-Match), issue it, print it.
import {h, field, input, button, badge, act, announce, table, empty, num, vnd, date, today,
    saveBlob, PLAN_STATUS, CHANNELS} from '../ui.js';

/** The fields of PUT /api/plans/{id} (unknown fields are refused, so exactly these). */
const REQUEST_FIELDS = ['orgUnit', 'year', 'title', 'implementsPlanId', 'preamble', 'legalBases', 'purposes',
    'requirements', 'targets', 'topics', 'channels', 'forms', 'budget', 'budgetNote', 'assignments',
    'assignmentsNote', 'recipients', 'closing'];
const TARGET_FIELDS = ['code', 'description', 'indicator', 'yearlyValue', 'quarterlyValues', 'channel', 'unit',
    'parentTargetCode', 'measure', 'recurrence'];

function pick(object, fields) {
    const out = {};
    for (const f of fields) {
        if (object[f] !== undefined && object[f] !== null) {
            out[f] = object[f];
        }
    }
    return out;
}

export async function render(root, ctx) {
    const org = await ctx.orgUnitInfo();
    root.appendChild(h('h1', {}, 'Kế hoạch năm ' + ctx.year + ' · ' + org.name));
    const found = (await ctx.api.get('/api/plans?orgUnit=' + encodeURIComponent(ctx.orgUnit) + '&year=' + ctx.year + '&size=50')).data;
    const mine = (found.items || []).filter((p) => p.orgUnit === ctx.orgUnit);
    const current = mine.find((p) => p.status !== 'CLOSED') || mine[0];
    if (!current) {
        root.appendChild(h('div', {class: 'panel'},
            empty('Xã chưa có kế hoạch tuyên truyền CCHC năm ' + ctx.year + '.'),
            h('p', {}, 'Kế hoạch của xã được xây dựng từ kế hoạch của huyện: Phòng Văn hóa – Thông tin huyện lập dự thảo cho xã '
                + '(màn hình “Kế hoạch các xã”), sau đó xã chỉnh sửa và ban hành tại đây.')));
        return;
    }
    const read = await ctx.api.get('/api/plans/' + current.id);
    renderPlan(root, ctx, read.data, read.etag);
}

function renderPlan(root, ctx, plan, etag) {
    const reload = () => ctx.refresh();
    const head = h('div', {class: 'panel plan-head', dataset: {planId: plan.id, status: plan.status}},
        h('p', {class: 'plan-title'}, plan.title),
        h('p', {}, badge(PLAN_STATUS[plan.status] || plan.status, 's-' + plan.status.toLowerCase()),
            plan.documentNumber ? ' Số ' + plan.documentNumber + ' ngày ' + date(plan.issuedOn) : ' Chưa có số hiệu',
            plan.implementsDocumentNumber ? ' · thực hiện Kế hoạch số ' + plan.implementsDocumentNumber : ''));
    const exportSlot = h('div', {class: 'slot'});
    const exportButton = (format, label) => button(label, (e) => act(e.currentTarget, exportSlot, async () => {
        const r = await ctx.api.get('/api/plans/' + plan.id + '/export?format=' + format, {blob: true});
        saveBlob(r.data, r.filename || ('ke-hoach.' + format));
        announce('Đã tải ' + (r.filename || format.toUpperCase()));
    }), {class: 'secondary', dataset: {export: format}});
    head.appendChild(h('div', {class: 'actions'}, exportButton('pdf', 'In (PDF)'), exportButton('docx', 'Tải bản Word (DOCX)')));
    head.appendChild(exportSlot);
    root.appendChild(head);

    if (plan.status === 'DRAFT') {
        root.appendChild(editor(ctx, plan, etag, reload));
        root.appendChild(issueForm(ctx, plan, etag, reload));
    } else {
        root.appendChild(targetsTable(plan));
    }
    root.appendChild(assignmentsTable(plan));
}

function targetsTable(plan) {
    return h('section', {class: 'panel'}, h('h2', {}, 'Chỉ tiêu'),
        (plan.targets || []).length ? table(['Mã', 'Chỉ tiêu', 'Hình thức', 'Kế hoạch năm', 'Theo quý'],
            plan.targets.map((t) => h('tr', {}, h('td', {}, t.code), h('td', {}, t.description),
                h('td', {}, CHANNELS[t.channel] || t.channel), h('td', {class: 'num'}, num(t.yearlyValue)),
                h('td', {}, (t.quarterlyValues || []).map(num).join(' · ') || '–')))) : empty('Chưa có chỉ tiêu.'));
}

function assignmentsTable(plan) {
    const budget = (plan.budget || []).map((b) => h('li', {}, vnd(b.amountVnd) + ' (' + b.source + ')' + (b.note ? ' – ' + b.note : '')));
    return h('section', {class: 'panel'}, h('h2', {}, 'Tổ chức thực hiện'),
        table(['Đơn vị', 'Vai trò', 'Nhiệm vụ'], (plan.assignments || []).map((a) => h('tr', {},
            h('td', {}, a.unit), h('td', {}, a.role === 'LEAD' ? 'Chủ trì' : 'Phối hợp'), h('td', {}, a.duties || '')))),
        h('h3', {}, 'Kinh phí: ' + vnd(plan.budgetTotalVnd)), h('ul', {}, budget));
}

function lines(text) {
    return text.split('\n').map((s) => s.trim()).filter(Boolean);
}

function editor(ctx, plan, etag, reload) {
    const title = h('textarea', {name: 'title', rows: 2, required: true, maxlength: 500}, plan.title);
    const purposes = h('textarea', {name: 'purposes', rows: 4}, (plan.purposes || []).join('\n'));
    const requirements = h('textarea', {name: 'requirements', rows: 3}, (plan.requirements || []).join('\n'));
    const rows = (plan.targets || []).map((t) => {
        const keep = h('input', {type: 'checkbox', checked: true, 'aria-label': 'Giữ chỉ tiêu ' + t.code});
        const description = input({value: t.description, 'aria-label': 'Nội dung chỉ tiêu ' + t.code, maxlength: 1000});
        const quarters = [0, 1, 2, 3].map((i) => input({type: 'number', min: 0, step: 'any', inputmode: 'decimal',
            value: t.quarterlyValues ? t.quarterlyValues[i] : '', 'aria-label': t.code + ' quý ' + (i + 1), class: 'q',
            dataset: {target: t.code, quarter: String(i + 1)}}));
        const yearly = input({type: 'number', min: 0, step: 'any', inputmode: 'decimal', value: t.yearlyValue,
            'aria-label': t.code + ' cả năm', dataset: {target: t.code, yearly: '1'}});
        const sum = () => {
            if (t.indicator === 'COUNT' && quarters.every((q) => q.value !== '')) {
                yearly.value = String(quarters.reduce((s, q) => s + Number(q.value), 0));
            }
        };
        quarters.forEach((q) => q.addEventListener('input', sum));
        const tr = h('tr', {dataset: {code: t.code}}, h('td', {}, keep), h('td', {}, t.code), h('td', {}, description),
            quarters.map((q) => h('td', {}, q)), h('td', {}, yearly));
        return {t, tr, keep, description, quarters, yearly};
    });
    const slot = h('div', {class: 'slot'});
    const save = h('button', {type: 'submit', id: 'plan-save'}, 'Lưu dự thảo');
    const form = h('form', {class: 'panel', id: 'plan-editor', novalidate: true},
        h('h2', {}, 'Chỉnh sửa dự thảo'),
        field('Tên kế hoạch', title),
        field('Mục đích (mỗi dòng một ý)', purposes),
        field('Yêu cầu (mỗi dòng một ý)', requirements),
        h('h3', {}, 'Chỉ tiêu của xã'),
        h('p', {class: 'hint'}, 'Bỏ chọn chỉ tiêu xã không áp dụng; với chỉ tiêu đếm số lượng, giá trị cả năm là tổng bốn quý.'),
        table(['Giữ', 'Mã', 'Nội dung', 'Quý I', 'Quý II', 'Quý III', 'Quý IV', 'Cả năm'], rows.map((r) => r.tr), {class: 'targets-edit'}),
        h('div', {class: 'actions'}, save), slot);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(save, slot, async () => {
            const body = pick(plan, REQUEST_FIELDS);
            body.title = title.value.trim();
            body.purposes = lines(purposes.value);
            body.requirements = lines(requirements.value);
            body.targets = rows.filter((r) => r.keep.checked).map((r) => {
                const t = pick(r.t, TARGET_FIELDS);
                t.description = r.description.value.trim();
                t.yearlyValue = Number(r.yearly.value);
                if (r.quarters.every((q) => q.value !== '')) {
                    t.quarterlyValues = r.quarters.map((q) => Number(q.value));
                } else {
                    delete t.quarterlyValues;
                }
                return t;
            });
            await ctx.api.change('PUT', '/api/plans/' + plan.id, etag, body);
            announce('Đã lưu dự thảo kế hoạch.');
            reload();
        }, reload);
    });
    return form;
}

function issueForm(ctx, plan, etag, reload) {
    const issuedOn = input({type: 'date', name: 'issuedOn', value: today(), required: true});
    const number = input({name: 'documentNumber', maxlength: 64, placeholder: 'để trống: hệ thống cấp số'});
    const slot = h('div', {class: 'slot'});
    const submit = h('button', {type: 'submit', id: 'plan-issue'}, 'Ban hành kế hoạch');
    const form = h('form', {class: 'panel', id: 'plan-issue-form', novalidate: true},
        h('h2', {}, 'Ban hành'),
        h('p', {class: 'hint'}, 'Sau khi ban hành, kế hoạch chỉ thay đổi được bằng văn bản điều chỉnh; các hoạt động được lập theo kế hoạch đã ban hành.'),
        h('div', {class: 'row'}, field('Ngày ban hành', issuedOn), field('Số hiệu (không bắt buộc)', number)),
        h('div', {class: 'actions'}, submit), slot);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(submit, slot, async () => {
            const body = {issuedOn: issuedOn.value};
            if (number.value.trim()) {
                body.documentNumber = number.value.trim();
            }
            const r = await ctx.api.change('POST', '/api/plans/' + plan.id + '/issue', etag, body);
            announce('Đã ban hành kế hoạch số ' + r.data.documentNumber + '.');
            reload();
        }, reload);
    });
    return form;
}

