import type { Translate } from '@/i18n/messages'

/** One changed field of an audit entry. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const IGNORED = new Set(['version', 'updated_at', 'created_at', 'id'])
/** Internal ids an entity's entries carry that mean nothing to a reader, by entity type. */
const HIDDEN: Record<string, ReadonlySet<string>> = { complaint: new Set(['policy_id']) }

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
 * (keys of both, flattened), bookkeeping fields (and the entity type's internal ids) left out, sorted by key.
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
  return keys
    .filter((k) => !same(b[k], a[k]))
    .sort()
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

/** The i18n key of an audited field's label, by entity type ("customer", "contact" or "complaint"). */
export function auditFieldLabelKey(entityType: string, field: string): string {
  if (entityType === 'contact') return `contacts.fields.${field}`
  if (entityType === 'complaint') return `complaints.audit.fields.${field}`
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

/** Enumerated fields of complaint entries: their codes are shown through the complaint labels. */
const COMPLAINT_VALUE_LABELS: Record<string, string> = {
  status: 'complaints.statuses',
  severity: 'complaints.severities',
}

/** The i18n prefix of an audited field's coded values, by entity type; undefined when the value is shown as is. */
export function auditValueLabelPrefix(entityType: string, field: string): string | undefined {
  if (entityType === 'complaint') return COMPLAINT_VALUE_LABELS[field]
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
