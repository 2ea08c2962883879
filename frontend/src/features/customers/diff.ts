import type { Translate } from '@/i18n/messages'
import { displayValue, formatDecimal } from '@/lib/format'
import { DECIMAL_CHARACTERISTICS, INT_CHARACTERISTICS } from './characteristics'

/** One changed field of an audit entry. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const IGNORED = new Set(['version', 'updated_at', 'created_at', 'id'])
/** Internal ids an entity's entries carry that mean nothing to a reader, by entity type. */
const HIDDEN: Record<string, ReadonlySet<string>> = { complaint: new Set(['policy_id']) }

/** Fields read in the form's order rather than by key, by entity type: a sheet's result as the sheet shows it. */
const FIELD_ORDER: Record<string, readonly string[]> = {
  score_sheet: ['status', 'period', 'grades.potential', 'grades.possibility', 'grades.basis', 'category', 'comment'],
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Flatten nested objects to dotted keys: {characteristics:{scale:'x'}} -> {'characteristics.scale':'x'}. */
export function flatten(obj: Record<string, unknown> | null | undefined, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!obj) return out
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    // Reference objects ({id, display_name} / {id, code, name}) stay whole: they are one value.
    if (isPlainObject(v) && !('id' in v)) Object.assign(out, flatten(v, key))
    else out[key] = v
  }
  return out
}

function same(a: unknown, b: unknown): boolean {
  const na = a === '' || a === undefined ? null : a
  const nb = b === '' || b === undefined ? null : b
  return JSON.stringify(na) === JSON.stringify(nb)
}

/**
 * The fields that differ between an audit entry's `before` and `after`
 * (keys of both, flattened), bookkeeping fields (and the entity type's internal ids) left out, sorted by key
 * (a score sheet's result in the sheet's order first).
 */
export function auditDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  entityType?: string,
): FieldChange[] {
  const b = flatten(before)
  const a = flatten(after)
  const hidden = (entityType && HIDDEN[entityType]) || new Set<string>()
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !IGNORED.has(k.split('.').pop() ?? k) && !hidden.has(k),
  )
  const order = (entityType && FIELD_ORDER[entityType]) || []
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length)
  return keys
    .filter((k) => !same(b[k], a[k]))
    .sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0))
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }))
}

/**
 * The i18n key of an audit entry's action label. Complaint entries are `create` or the step taken (the kind of
 * its first timeline event: `responded`, `escalated`, ...), named as complaint steps.
 */
export function auditActionKey(entityType: string, action: string): string {
  if (entityType === 'complaint') return `complaints.audit.actions.${action}`
  return `auditActions.${action}`
}

/** The i18n key of an audited field's label, by entity type ("customer", "contact", "complaint" or "score_sheet"). */
export function auditFieldLabelKey(entityType: string, field: string): string {
  if (entityType === 'contact') return `contacts.fields.${field}`
  if (entityType === 'complaint') return `complaints.audit.fields.${field}`
  if (entityType === 'score_sheet') return `scoring.fields.${field === 'comment' ? 'review_comment' : field}`
  if (field.startsWith('characteristics.')) return `customers.characteristics.${field.slice('characteristics.'.length)}`
  if (field === 'reason') return 'customers.ownership.reason'
  return `customers.fields.${field}`
}

/** Enumerated fields whose audited values are codes with a translated label (i18n prefix). */
export const AUDIT_VALUE_LABELS: Record<string, string> = {
  customer_type: 'customerTypes',
  partition: 'partitions',
  lead_source: 'leadSources',
  decision_role: 'decisionRoles',
  'characteristics.growth_potential': 'growth',
}

/** Enumerated fields of score-sheet entries. */
const SHEET_VALUE_LABELS: Record<string, string> = { status: 'scoring.statuses' }

/** Enumerated fields of complaint entries: their codes are shown through the complaint labels. */
const COMPLAINT_VALUE_LABELS: Record<string, string> = {
  status: 'complaints.statuses',
  severity: 'complaints.severities',
}

/** The i18n prefix of an audited field's coded values, by entity type; undefined when the value is shown as is. */
export function auditValueLabelPrefix(entityType: string, field: string): string | undefined {
  if (entityType === 'complaint') return COMPLAINT_VALUE_LABELS[field]
  if (entityType === 'score_sheet') return SHEET_VALUE_LABELS[field]
  return AUDIT_VALUE_LABELS[field]
}

/**
 * A complaint entry's value in words: status and severity by their labels, the task group's members and the
 * remedies as the timeline lists them. Null for any other value (shown as is).
 */
export function complaintAuditValue(field: string, v: unknown, t: Translate, money: (amount: string) => string): string | null {
  const label = (prefix: string, code: unknown) => (typeof code === 'string' && code ? t(`${prefix}.${code}`) : '')
  const prefix = COMPLAINT_VALUE_LABELS[field]
  if (prefix && typeof v === 'string') return label(prefix, v)
  if (!Array.isArray(v)) return null
  const list = (items: string[]) => items.join(t('complaints.listSeparator'))
  if (field === 'members') {
    return list(
      (v as { name?: string; department?: string }[]).map((m) =>
        t('complaints.events.member', { name: m.name ?? '', department: label('complaints.departments', m.department) }),
      ),
    )
  }
  if (field === 'remedies') {
    return list(
      (v as { kind?: string; amount?: string }[]).map((r) =>
        t('complaints.events.remedy', { kind: label('complaints.remedyKinds', r.kind), amount: money(String(r.amount ?? '0')) }),
      ),
    )
  }
  return null
}

// --- the change log in words ------------------------------------------------------------------------------------

/** What wording an audit entry needs: the UI's messages and locale, money, and the names of what it refers to. */
export interface AuditWords {
  t: Translate
  te: (key: string) => boolean
  locale: string
  /** An amount in the company currency. */
  money: (amount: string) => string
  /** A person by user id, an org unit by code, a score-sheet indicator and a category by key; undefined: unknown. */
  userName: (id: number) => string | undefined
  unitName: (code: string) => string | undefined
  indicatorLabel: (key: string) => string | undefined
  categoryLabel: (key: string) => string | undefined
}

/** A key the UI has no label for, readable: `business_fit` -> "Business fit", `a.b_c` -> "A · B c". */
export function humanize(key: string): string {
  return key
    .split('.')
    .map((part) => {
      const words = part.replace(/[_-]+/g, ' ').trim()
      return words ? words[0]!.toUpperCase() + words.slice(1) : part
    })
    .join(' · ')
}

function translated(w: AuditWords, key: string): string | undefined {
  return w.te(key) ? w.t(key) : undefined
}

/** An audited field's label: the forms' label, a score sheet's indicator by its name, never a raw dotted key. */
export function auditFieldLabel(entityType: string, field: string, w: AuditWords): string {
  const [head = '', ...rest] = field.split('.')
  const tail = rest.join('.')
  if (entityType === 'score_sheet' && tail) {
    const indicator = w.indicatorLabel(tail) ?? humanize(tail)
    if (head === 'values') return indicator
    if (head === 'notes') return `${indicator} · ${w.t('scoring.sheet.note')}`
    if (head === 'grades')
      return `${w.t('scoring.fields.grades')} · ${translated(w, `scoring.dimensions.${tail}`) ?? humanize(tail)}`
  }
  const known = translated(w, auditFieldLabelKey(entityType, field))
  if (known) return known
  if (head === 'characteristics' && tail) return `${w.t('customers.characteristics.title')} · ${humanize(tail)}`
  return humanize(field)
}

const MONEY_CHARACTERISTICS = new Set(['characteristics.registered_capital', 'characteristics.annual_purchasing'])
const NUMBER_FIELDS = new Set<string>([...INT_CHARACTERISTICS, ...DECIMAL_CHARACTERISTICS].map((k) => `characteristics.${k}`))

/** An audited value in words: codes by their labels, people and units by name, money and numbers formatted. */
export function auditValue(entityType: string, field: string, v: unknown, w: AuditWords): string {
  if (v === null || v === undefined || v === '') return w.t('common.notSet')
  if (entityType === 'complaint') {
    const text = complaintAuditValue(field, v, w.t, w.money)
    if (text !== null) return text
  }
  const prefix = auditValueLabelPrefix(entityType, field)
  if (prefix && typeof v === 'string') return translated(w, `${prefix}.${v}`) ?? humanize(v)
  if (entityType === 'score_sheet') {
    if (field === 'category' && typeof v === 'string') return w.categoryLabel(v) ?? humanize(v)
    if (field.startsWith('values.')) return formatDecimal(v as string, w.locale)
  }
  if (field === 'owner_id' && typeof v === 'number') return w.userName(v) ?? `#${v}`
  if (field === 'org_unit_code' && typeof v === 'string') return w.unitName(v) ?? v
  if (MONEY_CHARACTERISTICS.has(field) && (typeof v === 'string' || typeof v === 'number')) return w.money(String(v))
  if (field === 'characteristics.market_share_pct') return `${formatDecimal(v as string, w.locale)}%`
  if (NUMBER_FIELDS.has(field) && (typeof v === 'string' || typeof v === 'number')) return formatDecimal(v, w.locale)
  if (typeof v === 'boolean') return v ? w.t('common.yes') : w.t('common.no')
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.map(String).join(w.t('complaints.listSeparator'))
  return displayValue(v)
}
