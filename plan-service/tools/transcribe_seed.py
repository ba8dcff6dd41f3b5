#!/usr/bin/env python3
"""Transcribes the seed plan (Liên Minh 2022) into the demo-data JSON of plan-service.

Every text is cut out of the seed itself (lines joined with one space, PDF link lines dropped, the
one word split across lines, "17/NQ-CP", rejoined), so that the demo plan is verbatim. Run from the
repository root:  python3 plan-service/tools/transcribe_seed.py <seed.txt>
"""
import json
import sys
import unicodedata

seed_path = sys.argv[1] if len(sys.argv) > 1 else 'plan-service/src/test/resources/seed/ke-hoach-tuyen-truyen-cchc-xa-lien-minh-2022.txt'
raw = open(seed_path, encoding='utf-8').read()
lines = [l.strip() for l in raw.split('\n')]
text = ' '.join(l for l in lines if l and not l.startswith('http'))
text = text.replace('17/NQ- CP', '17/NQ-CP')
text = unicodedata.normalize('NFC', text)


def between(start, end, inclusive_start=False):
    i = text.index(start)
    i0 = i if inclusive_start else i + len(start)
    k = text.index(end, i0)
    return text[i0:k].strip()


def bullets(block):
    return [b.strip() for b in ('  ' + block).split(' - ')[1:] if b.strip()] if block.startswith('- ') else \
        [b.strip() for b in block.split(' - ') if b.strip()]


purposes = bullets(between('1. Mục đích', '2. Yêu cầu'))
requirements = bullets(between('2. Yêu cầu', '3. Chỉ tiêu cụ thể'))
specific = bullets(between('3. Chỉ tiêu cụ thể', 'II. NỘI DUNG'))
assert len(purposes) == 3 and len(requirements) == 4 and len(specific) == 3, (purposes, requirements, specific)

topics_block = between('1. Nội dung tuyên truyền', '2. Hình thức tuyên truyền')
markers = [('a', 'a. '), ('b', 'b. '), ('c', 'c. '), ('d', 'd. '), ('đ', 'đ) '), ('e', 'e) '), ('f', 'f) ')]
topics = []
for n, (code, m) in enumerate(markers):
    s = topics_block.index(m) + len(m)
    e = topics_block.index(markers[n + 1][1]) if n + 1 < len(markers) else len(topics_block)
    body = topics_block[s:e].strip()
    if code == 'd':
        head, rest = body.split(' - ', 1)
        items = [x.strip() for x in rest.split(' - ') if x.strip()]
        # "Nghị quyết 17/NQ-CP" contains no " - "; "giai đoạn 2019 - 2020" does: glue it back
        fixed = []
        for it in items:
            if fixed and it[0].isdigit():
                fixed[-1] = fixed[-1] + ' - ' + it
            else:
                fixed.append(it)
        topics.append({'code': code, 'title': head.strip(), 'items': fixed})
    else:
        topics.append({'code': code, 'title': body, 'items': []})
assert len(topics[3]['items']) == 10, topics[3]['items']

forms_block = between('2. Hình thức tuyên truyền', 'III. KINH PHÍ')
form_markers = [('a', 'a. ', ['PRESS', 'RADIO']), ('b', 'b. ', ['PANEL_POSTER']), ('c', 'c. ', ['TRAINING']),
                ('e', 'e. ', ['MEETING', 'LAW_DAY']), ('g', 'g. ', ['OTHER'])]
forms = []
for n, (code, m, ch) in enumerate(form_markers):
    s = forms_block.index(m) + len(m)
    e = forms_block.index(form_markers[n + 1][1]) if n + 1 < len(form_markers) else len(forms_block)
    forms.append({'code': code, 'channels': ch, 'description': forms_block[s:e].strip()})

budget_note = between('III. KINH PHÍ', 'IV. TỔ CHỨC THỰC HIỆN')
org_block = between('IV. TỔ CHỨC THỰC HIỆN', 'Trên đây là')
assignments_note = org_block[:org_block.index('1.Văn hóa')].strip()
duty = {
    '1': between('1.Văn hóa - Thông tin:', '2. Nội vụ:'),
    '2': between('2. Nội vụ:', '3. Tư pháp:'),
    '3': between('3. Tư pháp:', '4. Tài chính - Kế toán:'),
    '4': between('4. Tài chính - Kế toán:', '5. Bưu điện xã:'),
    '5': between('5. Bưu điện xã:', '6. Ủy ban mặt trận'),
    '6': between('6. ', 'Trên đây là'),
}
closing = between('IV. TỔ CHỨC THỰC HIỆN', 'Nơi nhận:')
closing = closing[closing.index('Trên đây là'):].strip()
preamble = between('năm 2022 ', 'I. MỤC ĐÍCH')
title = between('KẾ HOẠCH ', ' Thực hiện Kế hoạch')

assignments = [
    {'unit': 'van-hoa-thong-tin', 'role': 'LEAD', 'duties': duty['1'], 'reportsEveryMonths': 3},
    {'unit': 'noi-vu', 'role': 'COORDINATE', 'duties': duty['2']},
    {'unit': 'tu-phap', 'role': 'LEAD', 'duties': duty['3']},
    {'unit': 'tai-chinh-ke-toan', 'role': 'LEAD', 'duties': duty['4']},
    {'unit': 'buu-dien-xa', 'role': 'COORDINATE', 'duties': duty['5']},
    {'unit': 'mttq-doan-the', 'role': 'COORDINATE', 'duties': duty['6']},
]

recipients = [
    {'name': 'Phòng VHTT', 'purpose': 'KH'},
    {'name': 'Phòng tư pháp,Nội vụ', 'purpose': 'b/c'},
    {'name': 'TT Đảng ủy-HĐND-UBMTTQ- các tổ chức'},
    {'name': 'Đ/c chủ tịch - PCT.UBND xã'},
    {'name': 'Vp.UBND', 'purpose': 'Lưu'},
]
for r in recipients:
    assert r['name'] in text, r

legal_bases = [
    {'documentNumber': '169/KH-UBND', 'issuedOn': '2022-01-24', 'issuer': 'UBND huyện Đức Thọ',
     'title': 'về tuyên truyền cải cách hành chính huyện năm 2022'},
    {'documentNumber': '76/NQ-CP', 'issuedOn': '2021-07-15', 'issuer': 'Chính phủ',
     'title': 'về Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030'},
    {'documentNumber': '3504/QĐ-UBND', 'issuedOn': '2021-10-22', 'issuer': 'UBND tỉnh',
     'title': 'ban hành Chương trình tổng thể CCHC nhà nước tỉnh Hà Tĩnh giai đoạn 2021-2030'},
    {'documentNumber': '3940/KH-UBND', 'issuedOn': '2021-12-27', 'issuer': 'UBND huyện Đức Thọ',
     'title': 'về CCHC nhà nước huyện Đức Thọ giai đoạn 2021-2030'},
    {'documentNumber': '18-NQ/TW', 'issuedOn': '2017-10-25', 'issuer': 'Ban Chấp hành Trung ương khoá XII',
     'title': 'một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả'},
    {'documentNumber': '19-NQ/TW', 'issuedOn': '2017-10-25', 'issuer': 'Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII',
     'title': 'về tiếp tục đổi mới và quản lý, nâng cao chất lượng và hiệu quả hoạt động các đơn vị sự nghiệp công lập'},
    {'documentNumber': '17/NQ-CP', 'issuedOn': '2019-03-17', 'issuer': 'Chính phủ',
     'title': 'về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025'},
    {'documentNumber': '749/QĐ-TTg', 'issuedOn': '2020-06-03', 'issuer': 'Thủ tướng Chính phủ',
     'title': 'Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030'},
]
for b in legal_bases:
    assert b['documentNumber'] in text and b['title'] in text and b['issuer'] in text, b

targets = [
    {'code': 'CT-1', 'description': specific[0], 'indicator': 'COUNT', 'yearlyValue': 24, 'quarterlyValues': [6, 6, 6, 6],
     'channel': 'WEBSITE', 'unit': 'van-hoa-thong-tin', 'parentTargetCode': 'CT-1',
     'measure': 'tin bài CCHC đăng trên chuyên mục CCHC của trang thông tin điện tử xã'},
    {'code': 'CT-2', 'description': specific[1], 'indicator': 'COUNT', 'yearlyValue': 12, 'quarterlyValues': [3, 3, 3, 3],
     'channel': 'RADIO', 'unit': 'van-hoa-thong-tin', 'parentTargetCode': 'CT-2',
     'measure': 'chuyên mục CCHC phát trên đài truyền thanh cơ sở (mỗi tháng một chuyên mục)',
     'recurrence': 'MONTHLY'},
    {'code': 'CT-3', 'description': specific[2], 'indicator': 'COUNT', 'yearlyValue': 4, 'quarterlyValues': [1, 1, 1, 1],
     'channel': 'POSTAL_SERVICE', 'unit': 'buu-dien-xa', 'parentTargetCode': 'CT-3',
     'measure': 'buổi hỗ trợ doanh nghiệp, người dân tra cứu tài liệu, thông tin pháp luật tại Bưu điện xã (mỗi quý một buổi)',
     'recurrence': 'QUARTERLY'},
]

plan = {
    'orgUnit': 'lien-minh', 'year': 2022, 'title': title,
    'implementsPlanId': 'a0000000-2022-4000-8000-000000000169',
    'preamble': preamble, 'legalBases': legal_bases, 'purposes': purposes, 'requirements': requirements,
    'targets': targets, 'topics': topics,
    'channels': ['RADIO', 'WEBSITE', 'PRESS', 'PANEL_POSTER', 'TRAINING', 'MEETING', 'LAW_DAY', 'POSTAL_SERVICE', 'OTHER'],
    'forms': forms,
    'budget': [
        {'source': 'PROVINCE', 'note': 'kinh phí cải cách hành chính năm 2022 của tỉnh theo phân cấp'},
        {'source': 'DISTRICT', 'note': 'kinh phí cải cách hành chính năm 2022 của huyện theo phân cấp'},
        {'source': 'COMMUNE', 'note': 'kinh phí cải cách hành chính năm 2022 của xã theo phân cấp'},
        {'source': 'OTHER', 'note': 'các nguồn khác'},
    ],
    'budgetNote': budget_note, 'assignments': assignments, 'assignmentsNote': assignments_note,
    'recipients': recipients, 'closing': closing,
}
demo = {'id': 'a0000000-2022-4000-8000-000000000001', 'issue': {'issuedOn': '2022-02-10'}, 'plan': plan}
out = 'plan-service/src/main/resources/demo/plan-lien-minh-2022.json'
with open(out, 'w', encoding='utf-8') as f:
    json.dump(demo, f, ensure_ascii=False, indent=2)
    f.write('\n')
print('wrote', out)
