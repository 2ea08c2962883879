/** One changed field of an audit entry. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const IGNORED = new Set(['version', 'updated_at', 'created_at', 'id'])

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
 * (keys of both, flattened), bookkeeping fields left out, sorted by key.
 */
export function auditDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const b = flatten(before)
  const a = flatten(after)
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !IGNORED.has(k.split('.').pop() ?? k),
  )
  return keys
    .filter((k) => !same(b[k], a[k]))
    .sort()
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }))
}

/** The i18n key of an audited field's label, by entity type ("customer" or "contact"). */
export function auditFieldLabelKey(entityType: string, field: string): string {
  if (entityType === 'contact') return `contacts.fields.${field}`
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
