import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import type { Translate } from '@/i18n/messages'
import {
  auditActionKey,
  auditDiff,
  auditFieldLabel,
  auditFieldLabelKey,
  auditValue,
  auditValueLabelPrefix,
  complaintAuditValue,
  flatten,
  humanize,
  type AuditWords,
} from './diff'
import { buildTree } from '@/features/organisation/tree'

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return (key, named) => i18n.global.t(key, named ?? {})
}
const tEn = translator('en')
const tZh = translator('zh-CN')
const money = (a: string) => `¥${a}`

describe('auditDiff', () => {
  it('lists changed fields with before and after, nested characteristics flattened', () => {
    const before = { address: 'old', characteristics: { scale: '小型', outlet_count: 2 } }
    const after = { address: 'new', characteristics: { scale: '小型', outlet_count: 3 } }
    expect(auditDiff(before, after)).toEqual([
      { field: 'address', before: 'old', after: 'new' },
      { field: 'characteristics.outlet_count', before: 2, after: 3 },
    ])
  })

  it('shows a creation as the set fields', () => {
    expect(auditDiff(null, { name: 'N', phone: null, version: 1 })).toEqual([{ field: 'name', before: null, after: 'N' }])
  })

  it('keeps reference objects whole', () => {
    expect(flatten({ owner: { id: 1, display_name: 'A' } })).toEqual({ owner: { id: 1, display_name: 'A' } })
  })

  it('labels fields by entity type', () => {
    expect(auditFieldLabelKey('customer', 'address')).toBe('customers.fields.address')
    expect(auditFieldLabelKey('customer', 'characteristics.scale')).toBe('customers.characteristics.scale')
    expect(auditFieldLabelKey('contact', 'phone')).toBe('contacts.fields.phone')
  })
})

describe('complaint audit entries', () => {
  const ACTIONS = [
    'create',
    'responded',
    'escalated',
    'confirmed',
    'not_verified',
    'task_group_set',
    'resolved',
    'closed',
    'paused',
    'resumed',
    'return_visit',
    'feedback',
  ]

  it('names every complaint step in both languages; other entities keep the shared labels', () => {
    expect(auditActionKey('complaint', 'escalated')).toBe('complaints.audit.actions.escalated')
    expect(auditActionKey('customer', 'create')).toBe('auditActions.create')
    for (const t of [tEn, tZh]) {
      for (const action of ACTIONS) expect(t(auditActionKey('complaint', action)), action).not.toMatch(/^complaints\./)
    }
    expect(tEn(auditActionKey('complaint', 'escalated'))).toBe('Complaint escalated to major')
    expect(tZh(auditActionKey('complaint', 'create'))).toBe('登记投诉')
  })

  it('shows a step as its status and severity change and the data written with it, internal ids left out', () => {
    const before = { status: 'received', severity: 'general' }
    const after = { status: 'received', severity: 'major', reason: '需要总部协调', policy_id: 3 }
    const changes = auditDiff(before, after, 'complaint')
    expect(changes).toEqual([
      { field: 'reason', before: null, after: '需要总部协调' },
      { field: 'severity', before: 'general', after: 'major' },
    ])
    for (const t of [tEn, tZh]) {
      for (const f of ['status', 'severity', 'summary', 'note', 'reason', 'members', 'remedies', 'satisfaction']) {
        expect(t(auditFieldLabelKey('complaint', f)), f).not.toMatch(/^complaints\./)
      }
    }
  })

  it('translates statuses and severities through the complaint labels', () => {
    expect(auditValueLabelPrefix('complaint', 'status')).toBe('complaints.statuses')
    expect(auditValueLabelPrefix('complaint', 'severity')).toBe('complaints.severities')
    expect(auditValueLabelPrefix('customer', 'status')).toBeUndefined()
    expect(auditValueLabelPrefix('customer', 'customer_type')).toBe('customerTypes')
    expect(complaintAuditValue('status', 'in_resolution', tEn, money)).toBe('With task group')
    expect(complaintAuditValue('status', 'responded', tZh, money)).toBe('已答复')
    expect(complaintAuditValue('severity', 'major', tEn, money)).toBe('Major')
    expect(complaintAuditValue('severity', 'major', tZh, money)).toBe('重大投诉')
  })

  it('lists task group members and remedies as the timeline does; other values are shown as they are', () => {
    const members = [
      { user_id: 2, name: '林海', department: 'key_account' },
      { user_id: 9, name: '张磊', department: 'marketing' },
    ]
    expect(complaintAuditValue('members', members, tEn, money)).toBe('林海 (Key accounts), 张磊 (Marketing)')
    expect(complaintAuditValue('members', members, tZh, money)).toBe('林海（大客户部）、张磊（市场部）')
    const remedies = [{ kind: 'compensation', amount: '1200.00', note: '' }]
    expect(complaintAuditValue('remedies', remedies, tEn, money)).toBe('Compensation ¥1200.00')
    expect(complaintAuditValue('note', '已致电', tEn, money)).toBeNull()
    expect(complaintAuditValue('satisfaction', 4, tEn, money)).toBeNull()
  })
})

// --- every kind of entry the server writes for a customer, in words ----------------------------------------------

function words(locale: 'zh-CN' | 'en'): AuditWords {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  const indicators: Record<string, [string, string]> = { business_fit: ['业务切合度', 'Business fit'] }
  const categories: Record<string, [string, string]> = { stronghold: ['堡垒客户', 'Stronghold'] }
  const pick = (pair: [string, string] | undefined) => pair && (locale === 'en' ? pair[1] : pair[0])
  return {
    t: (key, named) => i18n.global.t(key, named ?? {}),
    te: (key) => i18n.global.te(key),
    locale,
    money: (a) => `¥${Number(a).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    userName: (id) => ({ 7: '张伟' })[id],
    unitName: (code) => ({ 'SH-PD': '上海浦东直营店' })[code],
    indicatorLabel: (key) => pick(indicators[key]),
    categoryLabel: (key) => pick(categories[key]),
  }
}

/** Every field and value of an entry as the change log shows them. */
function rendered(
  entityType: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  w: AuditWords,
) {
  return auditDiff(before, after, entityType).map((c) => [
    auditFieldLabel(entityType, c.field, w),
    auditValue(entityType, c.field, c.before, w),
    auditValue(entityType, c.field, c.after, w),
  ])
}

/** A raw key or code: snake_case, dotted, or one of the codes the server writes. */
const RAW = /[a-z]+_[a-z_]+|[a-z]+\.[a-z_]+|^(draft|submitted|approved|returned|regular|key|abandoned|hotel|referral|boss)$/

function expectNoRawWords(rows: string[][]) {
  for (const row of rows) for (const cell of row) expect(cell, row.join(' | ')).not.toMatch(RAW)
}

describe('the change log in words', () => {
  const zh = words('zh-CN')
  const en = words('en')

  it('shows a submitted score sheet as status, grades per dimension and category in the sheet order, in both languages', () => {
    const before = { status: 'draft' }
    const after = { status: 'submitted', grades: { potential: 'A', possibility: 'B', basis: 'C' }, category: 'stronghold' }
    expect(rendered('score_sheet', before, after, zh)).toEqual([
      ['状态', '草稿', '待审核'],
      ['评级 · 开发潜力', '—', 'A'],
      ['评级 · 开发可能性', '—', 'B'],
      ['评级 · 开发基础', '—', 'C'],
      ['类别', '—', '堡垒客户'],
    ])
    expect(rendered('score_sheet', before, after, en)).toEqual([
      ['Status', 'Draft', 'Submitted'],
      ['Grades · Development potential', '—', 'A'],
      ['Grades · Development possibility', '—', 'B'],
      ['Grades · Development basis', '—', 'C'],
      ['Category', '—', 'Stronghold'],
    ])
  })

  it("names a score sheet's indicators and notes by the model's labels, points as numbers", () => {
    const before = { values: { business_fit: '10.00' }, notes: {} }
    const after = { values: { business_fit: '15.50' }, notes: { business_fit: '新签年度框架协议' } }
    expect(rendered('score_sheet', before, after, zh)).toEqual([
      ['业务切合度 · 修改说明', '—', '新签年度框架协议'],
      ['业务切合度', '10', '15.5'],
    ])
    expect(rendered('score_sheet', before, after, en)[1]).toEqual(['Business fit', '10', '15.5'])
  })

  it('shows opened, approved and returned sheets without a raw key or code', () => {
    for (const w of [zh, en]) {
      expectNoRawWords(rendered('score_sheet', null, { period: '2026Q3' }, w))
      expectNoRawWords(
        rendered(
          'score_sheet',
          { status: 'submitted' },
          { status: 'approved', period: '2026Q3', category: 'stronghold', grades: { basis: 'A' } },
          w,
        ),
      )
      expectNoRawWords(rendered('score_sheet', { status: 'submitted' }, { status: 'returned', comment: '补充说明' }, w))
    }
    expect(rendered('score_sheet', { status: 'submitted' }, { status: 'returned', comment: '补充说明' }, zh)).toEqual([
      ['状态', '待审核', '已退回'],
      ['审核意见', '—', '补充说明'],
    ])
  })

  it('shows customer edits through the form labels: codes, owner, store, money, percent, dates, tags', () => {
    const before = {
      customer_type: 'hotel',
      partition: 'regular',
      lead_source: 'referral',
      owner_id: 7,
      org_unit_code: 'SH-PD',
      tags: ['连锁'],
      characteristics: {
        registered_capital: '1000000000.00',
        market_share_pct: '12.5',
        growth_potential: 'high',
        outlet_count: 1200,
      },
    }
    const after = {
      customer_type: 'restaurant',
      partition: 'key',
      lead_source: 'exhibition',
      owner_id: 8,
      org_unit_code: 'HZ',
      tags: ['连锁', '五星'],
      characteristics: { registered_capital: '2000000.00', market_share_pct: '15', growth_potential: 'low', outlet_count: 1300 },
      abandon_review_on: '2027-01-15',
    }
    const zhRows = rendered('customer', before, after, zh)
    expect(zhRows).toContainEqual(['客户类型', '酒店', '餐饮'])
    expect(zhRows).toContainEqual(['分区', '普通客户', '重点客户'])
    expect(zhRows).toContainEqual(['客户经理', '张伟', '#8'])
    expect(zhRows).toContainEqual(['所属门店', '上海浦东直营店', 'HZ'])
    expect(zhRows).toContainEqual(['注册资本（元）', '¥1,000,000,000.00', '¥2,000,000.00'])
    expect(zhRows).toContainEqual(['市场占有率（%）', '12.5%', '15%'])
    expect(zhRows).toContainEqual(['成长潜力', '高', '低'])
    expect(zhRows).toContainEqual(['网点数量', '1,200', '1,300'])
    expect(zhRows).toContainEqual(['标签', '连锁', '连锁、五星'])
    expect(zhRows).toContainEqual(['复查日期', '—', '2027-01-15'])
    const enRows = rendered('customer', before, after, en)
    expect(enRows).toContainEqual(['Type', 'Hotel', 'Restaurant'])
    expect(enRows).toContainEqual(['Tags', '连锁', '连锁, 五星'])
    expectNoRawWords(zhRows)
    expectNoRawWords(enRows)
  })

  it('shows a reassignment with its reason and contacts with their roles, in both languages', () => {
    for (const w of [zh, en]) {
      expectNoRawWords(rendered('customer', { owner_id: 7 }, { owner_id: 8, reason: '离职交接' }, w))
      expectNoRawWords(
        rendered('contact', null, { name: '王芳', decision_role: 'head_chef', is_primary: true, started_on: '2024-03-01' }, w),
      )
    }
    expect(rendered('customer', { owner_id: 7 }, { owner_id: 8, reason: '离职交接' }, zh)).toContainEqual([
      '原因',
      '—',
      '离职交接',
    ])
    expect(
      rendered('contact', { decision_role: 'boss', is_primary: false }, { decision_role: 'head_chef', is_primary: true }, en),
    ).toEqual([
      ['Decision role', 'Boss / owner', 'Head chef'],
      ['Primary contact', 'No', 'Yes'],
    ])
  })

  it('shows complaint steps with their statuses and severities translated', () => {
    const rows = rendered(
      'complaint',
      { status: 'received', severity: 'general' },
      { status: 'received', severity: 'major', reason: '涉及多批次' },
      en,
    )
    expect(rows).toEqual([
      ['Reason', '—', '涉及多批次'],
      ['Severity', 'General', 'Major'],
    ])
    expectNoRawWords(rendered('complaint', null, { severity: 'major', summary: '送货延误' }, zh))
  })

  it('makes unknown keys and codes readable, never a raw dotted key', () => {
    expect(humanize('business_fit')).toBe('Business fit')
    expect(humanize('values.new_thing')).toBe('Values · New thing')
    expect(auditFieldLabel('score_sheet', 'values.new_indicator', zh)).toBe('New indicator')
    expect(auditFieldLabel('score_sheet', 'grades.new_dimension', en)).toBe('Grades · New dimension')
    expect(auditFieldLabel('customer', 'characteristics.new_trait', zh)).toBe('客户特质 · New trait')
    expect(auditFieldLabel('customer', 'some.future_field', en)).toBe('Some · Future field')
    expect(auditValue('score_sheet', 'category', 'new_category', en)).toBe('New category')
    expect(auditValue('score_sheet', 'status', 'on_hold', zh)).toBe('On hold')
  })
})

describe('buildTree', () => {
  it('nests org units under their parent code', () => {
    const tree = buildTree([
      { code: 'HQ', parent_code: null },
      { code: 'SH', parent_code: 'HQ' },
      { code: 'SH-PD', parent_code: 'SH' },
      { code: 'ORPHAN', parent_code: 'GONE' },
    ])
    expect(tree.map((n) => n.code)).toEqual(['HQ', 'ORPHAN'])
    expect(tree[0]!.children![0]!.code).toBe('SH')
    expect(tree[0]!.children![0]!.children![0]!.code).toBe('SH-PD')
  })
})
