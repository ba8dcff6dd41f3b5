// Import activities from CSV or XLSX: a dry run first (POST …/import?dryRun=true) shows what would be kept
// and every refused row with its reasons; only then the same file is sent for real.
import {h, field, button, act, announce, table, empty, bytes, saveBlob} from '../ui.js';
import {issuedPlans} from './activities.js';

const COLUMNS = ['planId', 'title', 'channel', 'topics', 'targetCodes', 'unit', 'coordinatingUnits', 'dueDate', 'plannedQuantity'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

function contentType(file) {
    return /\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv';
}

export async function render(root, ctx) {
    root.appendChild(h('h1', {}, 'Nhập hoạt động từ tệp'));
    const plans = await issuedPlans(ctx);
    const plan = plans[0];
    root.appendChild(h('section', {class: 'panel'},
        h('p', {}, 'Tệp CSV (UTF-8) hoặc Excel (XLSX), dòng đầu là tên cột: ', h('code', {}, COLUMNS.join(', ')),
            '. Các cột có nhiều giá trị (chủ đề, chỉ tiêu, đơn vị phối hợp) ngăn cách bằng dấu “;”. Tối đa 10 MiB.'),
        plan ? button('Tải tệp mẫu (CSV)', () => {
            const example = [plan.id, 'Chuyên mục CCHC trên Đài truyền thanh xã', 'RADIO', '', (plan.targets || [])[0] ? plan.targets[0].code : '',
                'van-hoa-thong-tin', '', plan.year + '-06-30', '1'];
            const csv = '\ufeff' + COLUMNS.join(',') + '\n' + example.map((v) => '"' + String(v).replace(/"/g, '""') + '"').join(',') + '\n';
            saveBlob(new Blob([csv], {type: 'text/csv;charset=utf-8'}), 'mau-nhap-hoat-dong.csv');
        }, {class: 'secondary', id: 'import-template'}) : empty('Chưa có kế hoạch đã ban hành của năm ' + ctx.year + ' để lập hoạt động.')));

    const fileInput = h('input', {type: 'file', id: 'import-file', accept: '.csv,text/csv,.xlsx,' + XLSX});
    const check = h('button', {type: 'submit', id: 'import-check'}, 'Kiểm tra tệp');
    const slot = h('div', {class: 'slot', id: 'import-problem'});
    const preview = h('div', {id: 'import-preview', 'aria-live': 'polite'});
    const form = h('form', {class: 'panel', novalidate: true}, field('Chọn tệp', fileInput), h('div', {class: 'actions'}, check), slot);
    root.append(form, preview);

    const send = (file, dryRun, key) => ctx.api.request('POST', '/api/activities/import' + (dryRun ? '?dryRun=true' : ''), {
        body: file, headers: Object.assign({'Content-Type': contentType(file)}, key ? {'Idempotency-Key': key} : {})});

    form.addEventListener('submit', (e) => {
        e.preventDefault();
        preview.textContent = '';
        const file = fileInput.files[0];
        if (!file) {
            fileInput.focus();
            return;
        }
        act(check, slot, async () => {
            if (file.size > MAX_IMPORT_BYTES) {
                throw Object.assign(new Error(), {problem: {title: 'Tệp quá lớn', detail: file.name + ' nặng ' + bytes(file.size) + ', vượt giới hạn 10 MiB.'}});
            }
            const r = (await send(file, true)).data;
            const refused = r.refused || [];
            preview.appendChild(h('section', {class: 'panel', dataset: {accepted: String(r.accepted), refused: String(refused.length)}},
                h('h2', {}, 'Kết quả kiểm tra (chưa ghi gì)'),
                h('p', {id: 'import-summary'}, r.accepted + ' dòng hợp lệ sẽ được ghi; ' + refused.length + ' dòng bị từ chối.'),
                refused.length ? table(['Dòng', 'Lý do'], refused.map((x) => h('tr', {dataset: {row: String(x.row)}},
                    h('td', {class: 'num'}, String(x.row)),
                    h('td', {}, h('ul', {}, (x.errors || []).map((err) => h('li', {}, (err.field ? err.field + ': ' : '') + err.message))))),
                ), {id: 'import-refused'}) : null,
                r.accepted > 0 ? commitButton(file) : empty('Không có dòng nào để ghi. Sửa tệp rồi kiểm tra lại.')));
        });
    });

    function commitButton(file) {
        const key = crypto.randomUUID();
        const commitSlot = h('div', {class: 'slot'});
        const b = button('Ghi các dòng hợp lệ', (e) => act(e.currentTarget, commitSlot, async () => {
            const r = (await send(file, false, key)).data;
            preview.textContent = '';
            preview.appendChild(h('section', {class: 'panel', id: 'import-done'},
                h('p', {}, 'Đã ghi ' + r.accepted + ' hoạt động' + ((r.refused || []).length ? '; ' + r.refused.length + ' dòng bị từ chối.' : '.')),
                h('a', {href: '#/hoat-dong'}, 'Xem danh sách hoạt động')));
            announce('Đã ghi ' + r.accepted + ' hoạt động.');
        }), {id: 'import-commit'});
        return h('div', {class: 'actions'}, b, commitSlot);
    }
}
