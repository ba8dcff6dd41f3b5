// The notification inbox of the caller's org unit: unread first, marked read one by one.
import {h, button, act, empty, time} from '../ui.js';

export async function render(root, ctx) {
    root.appendChild(h('h1', {}, 'Thông báo'));
    const unreadOnly = h('input', {type: 'checkbox', id: 'inbox-unread', checked: true});
    const listSlot = h('div', {'aria-live': 'polite'});
    const slot = h('div', {class: 'slot'});
    root.append(h('div', {class: 'panel'}, h('div', {class: 'field check'}, unreadOnly, h('label', {for: 'inbox-unread'}, 'Chỉ thông báo chưa đọc'))),
        slot, listSlot);
    const load = async () => {
        const r = await ctx.api.get('/api/notifications?size=100' + (unreadOnly.checked ? '&unread=true' : ''));
        const items = r.data.items || [];
        listSlot.textContent = '';
        listSlot.appendChild(h('p', {class: 'count', id: 'inbox-count'}, r.data.total + ' thông báo'));
        if (!items.length) {
            listSlot.appendChild(empty(unreadOnly.checked ? 'Không có thông báo chưa đọc.' : 'Chưa có thông báo.'));
            return;
        }
        listSlot.appendChild(h('ul', {class: 'cards', id: 'inbox-list'}, items.map((n) => h('li', {class: 'card' + (n.read ? ' read' : ''), dataset: {id: n.id, type: n.type}},
            h('p', {class: 'card-title'}, n.subject),
            n.text ? h('p', {class: 'text'}, n.text) : null,
            h('p', {class: 'meta'}, time(n.createdAt) + (n.unit ? ' · ' + n.unit : '')),
            n.read ? null : button('Đánh dấu đã đọc', (e) => act(e.currentTarget, slot, async () => {
                // An inbox entry has no version: marking read twice is harmless, so no If-Match here.
                await ctx.api.request('POST', '/api/notifications/' + n.id + '/read');
                await load();
            }), {class: 'secondary'})))));
    };
    unreadOnly.addEventListener('change', () => act(null, slot, load));
    await load();
}
