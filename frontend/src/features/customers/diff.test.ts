import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import type { Translate } from '@/i18n/messages'
import { auditActionKey, auditDiff, auditFieldLabelKey, auditValueLabelPrefix, complaintAuditValue, flatten } from './diff'
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
