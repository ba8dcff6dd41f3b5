// The operator's screen: dead letters and parked outbox rows per service (list, replay), the read-model
// rebuild of reporting-service with its progress, and notification deliveries (list, retry).
import {h, select, button, badge, act, announce, table, empty, time, num, field} from '../ui.js';

const SERVICES = [['plan', 'plan-service'], ['activity', 'activity-service'], ['reporting', 'reporting-service'],
    ['notification', 'notification-service']];
const SERVICE_KEY = 'loa.app.ops-service';

export async function render(root, ctx) {
    root.appendChild(h('h1', {}, 'Vận hành hệ thống'));
    const service = select({id: 'ops-service'}, SERVICES, sessionStorage.getItem(SERVICE_KEY) || 'activity');
    service.addEventListener('change', () => {
        sessionStorage.setItem(SERVICE_KEY, service.value);
        ctx.refresh();
    });
    root.appendChild(h('div', {class: 'panel'}, field('Dịch vụ', service)));
    const s = service.value;
    root.appendChild(await deadLetters(ctx, s));
    root.appendChild(await parked(ctx, s));
    root.appendChild(await rebuild(ctx));
    root.appendChild(await deliveries(ctx));
}

async function deadLetters(ctx, s) {
    const section = h('section', {class: 'panel', id: 'dead-letters'}, h('h2', {}, 'Thư chết (dead letters) · ' + s + '-service'));
    const slot = h('div', {class: 'slot'});
    section.appendChild(slot);
    const r = (await ctx.api.get('/ops/' + s + '/dead-letters?size=50')).data;
    section.appendChild(h('p', {class: 'count'}, r.total + ' bản ghi'));
    if (!(r.items || []).length) {
        section.appendChild(empty('Không có thư chết.'));
        return section;
    }
    section.appendChild(table(['Thời điểm', 'Chủ đề', 'Loại sự kiện', 'Lỗi', 'Phát lại', ''], r.items.map((d) => h('tr', {dataset: {id: d.id}},
        h('td', {}, time(d.createdAt)), h('td', {}, d.topic + ' #' + d.partition + '@' + d.offset), h('td', {}, d.eventType || '–'),
        h('td', {class: 'error-text'}, (d.exceptionClass || '').split('.').pop() + ': ' + (d.exceptionMessage || '')),
        h('td', {}, d.replayedAt ? time(d.replayedAt) : '–'),
        h('td', {}, button('Phát lại', (e) => act(e.currentTarget, slot, async () => {
            // Dead letters are not versioned aggregates: no ETag to send; a replay is safe to repeat.
            await ctx.api.request('POST', '/ops/' + s + '/dead-letters/' + d.id + '/replay');
            announce('Đã phát lại thư chết.');
            ctx.refresh();
        }), {class: 'secondary'}))))));
    return section;
}

async function parked(ctx, s) {
    const section = h('section', {class: 'panel', id: 'parked'}, h('h2', {}, 'Sự kiện bị giữ lại trong outbox · ' + s + '-service'));
    const slot = h('div', {class: 'slot'});
    section.appendChild(slot);
    const r = (await ctx.api.get('/ops/' + s + '/outbox/parked?size=50')).data;
    section.appendChild(h('p', {class: 'count'}, r.total + ' bản ghi'));
    if (!(r.items || []).length) {
        section.appendChild(empty('Không có sự kiện nào bị giữ lại.'));
        return section;
    }
    section.appendChild(table(['Giữ lúc', 'Chủ đề', 'Loại', 'Kích thước', 'Lý do', 'Chờ sau', ''], r.items.map((p) => h('tr', {dataset: {id: p.id}},
        h('td', {}, time(p.parkedAt || p.createdAt)), h('td', {}, p.topic + ' / ' + p.key), h('td', {}, p.eventType),
        h('td', {class: 'num'}, num(p.payloadBytes)), h('td', {class: 'error-text'}, p.reason || ''), h('td', {class: 'num'}, num(p.heldBehind)),
        h('td', {}, p.parkedAt ? button('Gửi lại', (e) => act(e.currentTarget, slot, async () => {
            await ctx.api.request('POST', '/ops/' + s + '/outbox/parked/' + p.id + '/replay');
            announce('Đã đưa sự kiện trở lại hàng gửi.');
            ctx.refresh();
        }), {class: 'secondary'}) : 'đã gửi lại')))));
    return section;
}

async function rebuild(ctx) {
    const section = h('section', {class: 'panel', id: 'rebuild'}, h('h2', {}, 'Dựng lại số liệu báo cáo (reporting-service)'),
        h('p', {class: 'hint'}, 'Đọc lại các sự kiện từ Kafka vào bảng mới, rồi thay bảng đang dùng; trong lúc dựng, số liệu cũ vẫn phục vụ.'));
    const slot = h('div', {class: 'slot'});
    const progressBox = h('div', {id: 'rebuild-progress', 'aria-live': 'polite'});
    const showProgress = (p) => {
        progressBox.textContent = '';
        if (!p) {
            progressBox.appendChild(empty('Chưa dựng lại lần nào.'));
            return;
        }
        progressBox.dataset.status = p.status;
        progressBox.appendChild(h('p', {}, badge(p.status, 's-' + String(p.status).toLowerCase()), ' ', p.phase || '', ' · ',
            num(p.processed) + '/' + num(p.total) + ' bản ghi' + (p.failed ? ', lỗi ' + num(p.failed) : '') + ' · bắt đầu ' + time(p.startedAt)
            + (p.finishedAt ? ' · xong ' + time(p.finishedAt) : '')));
        progressBox.appendChild(h('progress', {max: Math.max(p.total, 1), value: p.processed, 'aria-label': 'Tiến độ dựng lại'}));
        if (p.error) {
            progressBox.appendChild(h('p', {class: 'problem'}, p.error));
        }
    };
    const follow = async (id) => {
        for (;;) {
            const p = (await ctx.api.get('/api/ops/projections/rebuild/' + id)).data;
            showProgress(p);
            if (p.status !== 'RUNNING' && p.status !== 'STARTED' && p.phase !== 'REPLAYING' && p.phase !== 'SWAPPING') {
                return;
            }
            if (!section.isConnected) {
                return; // the operator went elsewhere
            }
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
    };
    const start = button('Dựng lại', (e) => act(e.currentTarget, slot, async () => {
        const r = await ctx.api.create('/api/ops/projections/rebuild', null);
        showProgress(r.data);
        await follow(r.data.id);
        announce('Dựng lại: ' + progressBox.dataset.status);
    }), {id: 'rebuild-start'});
    section.append(h('div', {class: 'actions'}, start), slot, progressBox);
    try {
        showProgress((await ctx.api.get('/api/ops/projections/rebuild')).data);
    } catch (e) {
        showProgress(null);
    }
    return section;
}

async function deliveries(ctx) {
    const section = h('section', {class: 'panel', id: 'deliveries'}, h('h2', {}, 'Gửi thông báo (thư điện tử, webhook)'));
    const status = select({id: 'delivery-status'}, [['', 'Tất cả'], ['PENDING', 'Đang chờ'], ['SENT', 'Đã gửi'], ['FAILED', 'Lỗi, sẽ thử lại'], ['DEAD', 'Ngừng thử']],
        sessionStorage.getItem('loa.app.delivery-status') || '');
    const slot = h('div', {class: 'slot'});
    const listSlot = h('div', {});
    section.append(field('Trạng thái', status), slot, listSlot);
    const load = async () => {
        const r = (await ctx.api.get('/api/deliveries?size=50' + (status.value ? '&status=' + status.value : ''))).data;
        listSlot.textContent = '';
        listSlot.appendChild(h('p', {class: 'count'}, r.total + ' lần gửi'));
        if (!(r.items || []).length) {
            listSlot.appendChild(empty('Không có lần gửi nào.'));
            return;
        }
        listSlot.appendChild(table(['Tạo lúc', 'Sự kiện', 'Kênh', 'Đến', 'Trạng thái', 'Lần thử', 'Lỗi', ''], r.items.map((d) => h('tr', {dataset: {id: d.id, status: d.status}},
            h('td', {}, time(d.createdAt)), h('td', {}, d.eventType), h('td', {}, d.channel), h('td', {class: 'error-text'}, d.target || d.recipient || ''),
            h('td', {}, badge(d.status, 's-' + d.status.toLowerCase())), h('td', {class: 'num'}, num(d.attempts)),
            h('td', {class: 'error-text'}, d.lastError || ''),
            h('td', {}, d.status === 'FAILED' || d.status === 'DEAD' ? button('Gửi lại', (e) => act(e.currentTarget, slot, async () => {
                // Its ETag: the retry needs If-Match. A FAILED delivery is attempted again every few seconds, and each
                // attempt moves its version: a 412 from that is read again and retried once (the operator's intent
                // does not depend on the attempt count); a second 412 is shown as it came.
                for (let attempt = 0; ; attempt++) {
                    const read = await ctx.api.get('/api/deliveries/' + d.id);
                    try {
                        await ctx.api.change('POST', '/api/deliveries/' + d.id + '/retry', read.etag, null);
                        break;
                    } catch (err) {
                        if (err.status !== 412 || attempt > 0) {
                            throw err;
                        }
                    }
                }
                announce('Đã xếp lịch gửi lại.');
                await load();
            }, () => load()), {class: 'secondary'}) : null))), {id: 'deliveries-table'}));
    };
    status.addEventListener('change', () => {
        sessionStorage.setItem('loa.app.delivery-status', status.value);
        act(null, slot, load);
    });
    await load();
    return section;
}
