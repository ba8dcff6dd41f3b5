// One activity: start, complete (quantity, reach, cost, evidence), cancel, correct with a reason (PATCH
// with If-Match, history shown), and evidence files from the phone's camera or a file picker.
import {h, field, input, button, act, announce, showProblem, empty, date, time, num, vnd, bytes, today, saveBlob,
    CHANNELS} from '../ui.js';
import {ApiProblem} from '../api.js';
import {statusBadge} from './activities.js';

/** The evidence limits of the shared decisions (per file); the server decides, the app tells beforehand. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const ACCEPT = 'image/*,application/pdf,.pdf,.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,'
    + '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function render(root, ctx) {
    const id = ctx.params[0];
    const read = await ctx.api.get('/api/activities/' + id);
    const a = read.data;
    const etag = read.etag || ('"' + a.version + '"');
    const org = await ctx.orgUnitInfo().catch(() => ({units: []}));
    const unitName = (code) => ((org.units || []).find((u) => u.code === code) || {}).name || code;
    const reload = () => ctx.refresh();

    root.appendChild(h('p', {class: 'back'}, h('a', {href: '#/hoat-dong'}, '← Danh sách hoạt động')));
    root.appendChild(h('h1', {}, a.title));
    const facts = [
        ['Trạng thái', statusBadge(a)],
        ['Hình thức', CHANNELS[a.channel] || a.channel],
        ['Đơn vị chủ trì', unitName(a.unit)],
        ['Đơn vị phối hợp', (a.coordinatingUnits || []).map(unitName).join(', ') || '–'],
        ['Chỉ tiêu', (a.targetCodes || []).join(', ') || '–'],
        ['Hạn hoàn thành', date(a.dueDate)],
        ['Số lượng dự kiến', num(a.plannedQuantity)],
        ['Kế hoạch', a.planDocumentNumber || '–']
    ];
    if (a.status === 'COMPLETED') {
        facts.push(['Ngày hoàn thành', date(a.completedOn)], ['Số lượng đạt', num(a.quantity)],
            ['Lượt tiếp cận', num(a.reach)], ['Kinh phí', vnd(a.costVnd)], ['Kỳ báo cáo', a.period || '–'],
            ['Người ghi nhận', a.completedBy || '–']);
    }
    const links = (a.evidence || []).filter((e) => e && (e.url || e.note) && !e.id);
    if (links.length) {
        facts.push(['Minh chứng', h('ul', {class: 'plain'}, links.map((e) => h('li', {},
            e.url && /^https?:\/\//.test(e.url) ? h('a', {href: e.url, rel: 'noopener noreferrer', target: '_blank'}, e.url) : (e.url || ''),
            e.note ? (e.url ? ' – ' : '') + e.note : '')))]);
    }
    if (a.status === 'CANCELLED') {
        facts.push(['Lý do hủy', a.cancelReason || '–'], ['Người hủy', a.cancelledBy || '–']);
    }
    root.appendChild(h('section', {class: 'panel', id: 'activity', dataset: {status: a.status, version: String(a.version)}},
        h('dl', {class: 'facts'}, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {dataset: {fact: k}}, v)]))));

    const slot = h('div', {class: 'slot', id: 'activity-problem'});
    const actions = h('div', {class: 'actions'});
    if (a.status === 'PLANNED') {
        actions.appendChild(button('Bắt đầu thực hiện', (e) => act(e.currentTarget, slot, async () => {
            await ctx.api.change('POST', '/api/activities/' + a.id + '/start', etag, null);
            announce('Đã bắt đầu thực hiện.');
            reload();
        }, reload), {id: 'activity-start'}));
    }
    root.appendChild(actions.children.length ? h('section', {class: 'panel'}, actions, slot) : slot);

    if (a.status === 'PLANNED' || a.status === 'IN_PROGRESS') {
        root.appendChild(completeForm(ctx, a, etag, reload));
        root.appendChild(cancelForm(ctx, a, etag, reload));
    }
    if (a.status !== 'CANCELLED') {
        root.appendChild(evidenceSection(ctx, a));
        root.appendChild(correctForm(ctx, a, etag, reload));
    } else {
        root.appendChild(evidenceSection(ctx, a, true));
    }
    root.appendChild(await historySection(ctx, a));
}

function details(summaryText, id, ...content) {
    return h('details', {class: 'panel', id}, h('summary', {}, summaryText), ...content);
}

function completeForm(ctx, a, etag, reload) {
    const on = input({type: 'date', name: 'completedOn', value: today(), max: today(), required: true});
    const quantity = input({type: 'number', name: 'quantity', min: 0, step: 'any', inputmode: 'decimal', required: true,
        value: a.plannedQuantity === null || a.plannedQuantity === undefined ? '' : a.plannedQuantity});
    const reach = input({type: 'number', name: 'reach', min: 0, step: 1, inputmode: 'numeric'});
    const cost = input({type: 'number', name: 'costVnd', min: 0, step: 1000, inputmode: 'numeric'});
    const url = input({type: 'url', name: 'evidenceUrl', maxlength: 2000, placeholder: 'https://…'});
    const note = input({name: 'evidenceNote', maxlength: 1000});
    const slot = h('div', {class: 'slot'});
    const submit = h('button', {type: 'submit', id: 'activity-complete'}, 'Ghi nhận hoàn thành');
    const form = h('form', {novalidate: true, id: 'complete-form'},
        h('div', {class: 'row'}, field('Ngày hoàn thành', on), field('Số lượng đạt', quantity)),
        h('div', {class: 'row'}, field('Lượt tiếp cận (người nghe, người dự)', reach), field('Kinh phí (đồng)', cost)),
        h('div', {class: 'row'}, field('Liên kết minh chứng', url), field('Ghi chú minh chứng', note)),
        h('p', {class: 'hint'}, 'Ảnh, PDF, DOCX làm minh chứng: tải lên ở mục “Tệp minh chứng” bên dưới.'),
        h('div', {class: 'actions'}, submit), slot);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(submit, slot, async () => {
            const body = {completedOn: on.value, quantity: quantity.value === '' ? null : Number(quantity.value), evidence: []};
            if (reach.value !== '') {
                body.reach = Number(reach.value);
            }
            if (cost.value !== '') {
                body.costVnd = Number(cost.value);
            }
            if (url.value.trim() || note.value.trim()) {
                body.evidence.push({url: url.value.trim() || null, note: note.value.trim() || null});
            }
            await ctx.api.change('POST', '/api/activities/' + a.id + '/complete', etag, body);
            announce('Đã ghi nhận hoàn thành.');
            reload();
        }, reload);
    });
    return details('Ghi nhận hoàn thành', 'complete', form);
}

function cancelForm(ctx, a, etag, reload) {
    const reason = h('textarea', {name: 'reason', rows: 2, maxlength: 2000, required: true});
    const slot = h('div', {class: 'slot'});
    const submit = h('button', {type: 'submit', class: 'danger', id: 'activity-cancel'}, 'Hủy hoạt động');
    const form = h('form', {novalidate: true}, field('Lý do hủy', reason), h('div', {class: 'actions'}, submit), slot);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(submit, slot, async () => {
            await ctx.api.change('POST', '/api/activities/' + a.id + '/cancel', etag, {reason: reason.value.trim()});
            announce('Đã hủy hoạt động.');
            reload();
        }, reload);
    });
    return details('Hủy hoạt động', 'cancel', form);
}

function correctForm(ctx, a, etag, reload) {
    const fields = [['title', 'Tên hoạt động', input({name: 'title', value: a.title, maxlength: 500})],
        ['dueDate', 'Hạn hoàn thành', input({type: 'date', name: 'dueDate', value: a.dueDate || ''})],
        ['plannedQuantity', 'Số lượng dự kiến', input({type: 'number', name: 'plannedQuantity', step: 'any', min: 0,
            value: a.plannedQuantity === null || a.plannedQuantity === undefined ? '' : a.plannedQuantity})]];
    if (a.status === 'COMPLETED') {
        fields.push(['completedOn', 'Ngày hoàn thành', input({type: 'date', name: 'completedOn', value: a.completedOn || '', max: today()})],
            ['quantity', 'Số lượng đạt', input({type: 'number', name: 'quantity', step: 'any', min: 0, value: a.quantity ?? ''})],
            ['reach', 'Lượt tiếp cận', input({type: 'number', name: 'reach', step: 1, min: 0, value: a.reach ?? ''})],
            ['costVnd', 'Kinh phí (đồng)', input({type: 'number', name: 'costVnd', step: 1000, min: 0, value: a.costVnd ?? ''})]);
    }
    const reason = h('textarea', {name: 'reason', rows: 2, maxlength: 2000, required: true});
    const slot = h('div', {class: 'slot'});
    const submit = h('button', {type: 'submit', id: 'activity-correct'}, 'Lưu đính chính');
    const form = h('form', {novalidate: true, id: 'correct-form'},
        h('p', {class: 'hint'}, 'Chỉ gửi những gì thay đổi; lý do được lưu trong lịch sử của hoạt động.'),
        h('div', {class: 'grid'}, fields.map(([, label, control]) => field(label, control))),
        field('Lý do đính chính', reason), h('div', {class: 'actions'}, submit), slot);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(submit, slot, async () => {
            const body = {};
            for (const [name, , control] of fields) {
                const before = a[name] === null || a[name] === undefined ? '' : String(a[name]);
                if (control.value !== before) {
                    body[name] = control.value === '' ? null : (control.type === 'number' ? Number(control.value) : control.value);
                }
            }
            body.reason = reason.value.trim();
            await ctx.api.change('PATCH', '/api/activities/' + a.id, etag, body);
            announce('Đã lưu đính chính.');
            reload();
        }, reload);
    });
    return details('Đính chính (sửa thông tin đã ghi)', 'correct', form);
}

/** Entries of GET /api/activities/{id}/history, whatever their exact shape: when, who, why, what changed. */
async function historySection(ctx, a) {
    const section = h('section', {class: 'panel', id: 'history'}, h('h2', {}, 'Lịch sử thay đổi'));
    try {
        const r = await ctx.api.get('/api/activities/' + a.id + '/history');
        const entries = Array.isArray(r.data) ? r.data : (r.data && r.data.items) || [];
        if (!entries.length) {
            section.appendChild(empty('Chưa có đính chính nào.'));
            return section;
        }
        section.appendChild(h('ol', {class: 'history'}, entries.map((e) => h('li', {},
            h('p', {}, h('strong', {}, time(e.at || e.changedAt || e.correctedAt || e.time)), ' · ',
                e.by || e.changedBy || e.correctedBy || e.actor || '', e.type ? ' · ' + e.type : ''),
            e.reason ? h('p', {class: 'reason'}, 'Lý do: ' + e.reason) : null,
            changesOf(e)))));
    } catch (err) {
        section.appendChild(empty(err.status === 404 ? 'Máy chủ chưa cung cấp lịch sử thay đổi.' : 'Không tải được lịch sử (' + (err.problem.title || err.status) + ').'));
    }
    return section;
}

function show(v) {
    return v === null || v === undefined ? '–' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
}

function changesOf(e) {
    if (Array.isArray(e.changes)) {
        return h('ul', {}, e.changes.map((c) => h('li', {}, (c.field || '') + ': ' + show(c.from ?? c.before ?? c.old) + ' → ' + show(c.to ?? c.after ?? c.new))));
    }
    const changed = e.changes || e.changed || e.after;
    if (changed && typeof changed === 'object') {
        const before = e.before || {};
        return h('ul', {}, Object.keys(changed).map((k) => h('li', {}, k + ': ' + (k in before ? show(before[k]) + ' → ' : '') + show(changed[k]))));
    }
    return null;
}

// ---- evidence files ---------------------------------------------------------------------------------

function filesOf(a, listed) {
    if (listed) {
        return listed;
    }
    return a.evidenceFiles || a.files || (a.evidence || []).filter((e) => e && e.id && (e.contentType || e.name));
}

function evidenceSection(ctx, a, readOnly) {
    const base = '/api/activities/' + a.id + '/evidence';
    const section = h('section', {class: 'panel', id: 'evidence'}, h('h2', {}, 'Tệp minh chứng'));
    const list = h('ul', {class: 'files', id: 'evidence-list'});
    const slot = h('div', {class: 'slot', id: 'evidence-problem'});
    const progress = h('div', {class: 'uploads', id: 'evidence-uploads', 'aria-live': 'polite'});
    const files = [];

    const addFile = (f) => {
        if (files.some((x) => x.id === f.id)) {
            return;
        }
        files.push(f);
        const href = f.href || (base + '/' + f.id);
        const image = /^image\//.test(f.contentType || '');
        const thumb = h('span', {class: 'thumb', 'aria-hidden': 'true'},
            image ? 'Ảnh' : (/pdf/.test(f.contentType || '') ? 'PDF' : /sheet/.test(f.contentType || '') ? 'XLS' : 'DOC'));
        const download = button('Tải về', (e) => act(e.currentTarget, slot, async () => {
            const r = await ctx.api.get(href, {blob: true});
            saveBlob(r.data, r.filename || f.name || 'minh-chung');
        }), {class: 'secondary', 'aria-label': 'Tải về ' + (f.name || '')});
        const item = h('li', {dataset: {id: f.id, name: f.name || ''}}, thumb,
            h('span', {class: 'file-name'}, f.name || f.id),
            h('span', {class: 'meta'}, bytes(f.size) + (f.sha256 ? ' · SHA-256 ' + f.sha256.slice(0, 12) + '…' : '')
                + (f.uploadedBy ? ' · ' + f.uploadedBy : '') + (f.uploadedAt ? ' · ' + time(f.uploadedAt) : '')),
            f.note ? h('span', {class: 'meta file-note'}, f.note) : null);
        const actions = h('div', {class: 'file-actions'}, download);
        item.appendChild(actions);
        if (!readOnly && f.sha256) {
            // The file's version is its content: If-Match carries the ETag "<sha256>" it was listed with.
            actions.appendChild(button('Xóa', (e) => act(e.currentTarget, slot, async () => {
                if (!window.confirm('Xóa tệp minh chứng “' + (f.name || '') + '”?')) {
                    return;
                }
                await ctx.api.change('DELETE', href, '"' + f.sha256 + '"', null);
                item.remove();
                files.splice(files.indexOf(f), 1);
                announce('Đã xóa “' + (f.name || '') + '”.');
            }), {class: 'danger', 'aria-label': 'Xóa ' + (f.name || ''), dataset: {delete: f.id}}));
        }
        list.appendChild(item);
        // Only the server's 320 px JPEG is shown (never the full photo: a phone on 3G should not fetch 8 MB for a thumbnail).
        if (image && f.thumbnail) {
            ctx.api.get(f.thumbnail, {blob: true}).then((r) => {
                const img = h('img', {alt: 'Ảnh thu nhỏ: ' + (f.name || ''), src: URL.createObjectURL(r.data), class: 'thumb'});
                thumb.replaceWith(img);
            }).catch(() => {
                // no thumbnail after all: the label stays
            });
        }
    };

    section.appendChild(h('p', {class: 'hint', id: 'evidence-limits'},
        'Ảnh (JPEG, PNG, HEIC…), PDF, DOCX hoặc XLSX; tối đa 20 MiB mỗi tệp, 20 tệp và 100 MiB mỗi hoạt động. '
        + 'Loại tệp được kiểm tra theo nội dung, không theo tên.'));
    if (!readOnly) {
        const pick = (capture) => {
            const el = h('input', {type: 'file', accept: capture ? 'image/*' : ACCEPT, capture: capture ? 'environment' : null,
                multiple: capture ? null : true, class: 'visually-hidden', id: capture ? 'evidence-camera' : 'evidence-file'});
            el.addEventListener('change', () => {
                [...el.files].forEach((file) => upload(file));
                el.value = '';
            });
            return el;
        };
        const camera = pick(true);
        const picker = pick(false);
        section.appendChild(h('div', {class: 'actions'},
            camera, h('label', {for: 'evidence-camera', class: 'button'}, 'Chụp ảnh'),
            picker, h('label', {for: 'evidence-file', class: 'button secondary'}, 'Chọn tệp')));
    }
    section.append(progress, slot, list);

    async function upload(file) {
        slot.textContent = '';
        const bar = h('progress', {max: 100, value: 0, 'aria-label': 'Đang tải ' + file.name});
        const row = h('div', {class: 'upload', dataset: {name: file.name}}, h('span', {}, file.name + ' (' + bytes(file.size) + ')'), bar);
        progress.appendChild(row);
        if (file.size > MAX_EVIDENCE_BYTES) {
            row.remove();
            const p = {title: 'Tệp quá lớn', detail: '“' + file.name + '” nặng ' + bytes(file.size) + ', vượt giới hạn 20 MiB mỗi tệp. '
                + 'Hãy chụp lại với độ phân giải thấp hơn hoặc nén tệp rồi thử lại.', code: 'payload-too-large'};
            showProblem(slot, new ApiProblem(413, p));
            return;
        }
        try {
            const r = await ctx.api.upload(base, file, (loaded, total) => {
                bar.value = Math.round(loaded * 100 / total);
            });
            bar.value = 100;
            row.remove();
            addFile(Object.assign({name: file.name, contentType: file.type, size: file.size}, r.data));
            announce('Đã tải lên “' + file.name + '”.');
        } catch (e) {
            row.remove();
            showProblem(slot, e);
        }
    }

    (async () => {
        let listed = null;
        try {
            const r = await ctx.api.get(base);
            listed = Array.isArray(r.data) ? r.data : (r.data && r.data.items) || null;
        } catch (e) {
            listed = null; // no list endpoint: the activity's own fields
        }
        filesOf(a, listed).forEach(addFile);
        if (!files.length && readOnly) {
            list.appendChild(h('li', {}, 'Không có tệp.'));
        }
    })();
    return section;
}
