/**
 * The customer list's state lives in the route query (search, partition tab, filters, sort, the page's cursors),
 * so Back and reload show the same list; and its columns, chosen per user, in localStorage.
 * Pure functions: the view reads and writes the route and the storage.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CUSTOMER_TYPES, type CustomerListQuery, type CustomerType } from '@/api/types'

export type Tab = 'all' | 'key' | 'abandoned'
export type Sort = '-updated_at' | 'name'

export interface ListState {
  q: string
  tab: Tab
  customerType: CustomerType | ''
  ownerId: number | null
  orgUnitCode: string | null
  sort: Sort
  /** The cursors of the pages after the first, in order: page n is `cursors[n - 2]`. */
  cursors: string[]
}

// The query keys this module owns; the tier and loyalty filters keep theirs (features/tiering, features/loyalty).
export const LIST_STATE_KEYS = ['q', 'partition', 'customer_type', 'owner_id', 'org_unit_code', 'sort', 'cursor'] as const
const MAX_PAGES = 200 // cursors kept in the URL; deeper pages start again from the first

function first(v: LocationQuery[string] | undefined): string | null {
  const x = Array.isArray(v) ? v[0] : v
  return typeof x === 'string' ? x : null
}

/** The list state in a route's query; values the API would reject are dropped. */
export function listStateFromQuery(query: LocationQuery): ListState {
  const partition = first(query.partition)
  const type = first(query.customer_type)
  const owner = Number(first(query.owner_id))
  const unit = first(query.org_unit_code)
  const raw = query.cursor
  const cursors = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(
    (c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 1000,
  )
  return {
    q: (first(query.q) ?? '').slice(0, 100),
    tab: partition === 'key' || partition === 'abandoned' ? partition : 'all',
    customerType: type && (CUSTOMER_TYPES as readonly string[]).includes(type) ? (type as CustomerType) : '',
    ownerId: Number.isSafeInteger(owner) && owner > 0 ? owner : null,
    orgUnitCode: unit && unit.length <= 50 ? unit : null,
    sort: first(query.sort) === 'name' ? 'name' : '-updated_at',
    cursors: cursors.length <= MAX_PAGES ? cursors : [],
  }
}

/** `query` with the list state written in (defaults left out, other keys kept). */
export function withListState(query: LocationQuery, s: ListState): LocationQueryRaw {
  const out: LocationQueryRaw = { ...query }
  for (const k of LIST_STATE_KEYS) delete out[k]
  const q = s.q.trim()
  if (q) out.q = q
  if (s.tab !== 'all') out.partition = s.tab
  if (s.customerType) out.customer_type = s.customerType
  if (s.ownerId !== null) out.owner_id = String(s.ownerId)
  if (s.orgUnitCode) out.org_unit_code = s.orgUnitCode
  if (s.sort !== '-updated_at') out.sort = s.sort
  if (s.cursors.length) out.cursor = [...s.cursors]
  return out
}

/** What selects the rows, apart from the page: when it changes, the list goes back to page 1. */
export function filterSignature(query: LocationQuery): string {
  const rest = Object.entries(query)
    .filter(([k]) => k !== 'cursor')
    .sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify(rest)
}

/** The API's filters for the state (the tier and loyalty filters are added by the view). */
export function listFilters(s: ListState): Partial<CustomerListQuery> {
  return {
    q: s.q.trim() || undefined,
    partition: s.tab === 'all' ? undefined : s.tab,
    customer_type: s.customerType || undefined,
    owner_id: s.ownerId ?? undefined,
    org_unit_code: s.orgUnitCode || undefined,
  }
}

// --- columns -------------------------------------------------------------------------------------------

/** Columns a person may show besides the name (always shown), in the table's order. */
export const COLUMNS = [
  'code',
  'customer_type',
  'partition',
  'key_account_level',
  'category',
  'health_score',
  'revenue_12m',
  'owner',
  'org_unit',
  'region',
  'phone',
  'updated_at',
] as const
export type Column = (typeof COLUMNS)[number]
// The partition beside the level shows at a glance a special or A customer left in the regular partition.
export const DEFAULT_COLUMNS: readonly Column[] = [
  'partition',
  'key_account_level',
  'category',
  'health_score',
  'revenue_12m',
  'owner',
]

export const columnsStorageKey = (username: string) => `keyhold.customerList.columns.${username}`

/** The columns saved for a user; the defaults when nothing (or nothing readable) was saved. */
export function parseColumns(saved: string | null): Column[] {
  if (!saved) return [...DEFAULT_COLUMNS]
  try {
    const value: unknown = JSON.parse(saved)
    if (!Array.isArray(value)) return [...DEFAULT_COLUMNS]
    return COLUMNS.filter((c) => value.includes(c))
  } catch {
    return [...DEFAULT_COLUMNS]
  }
}
