/** The customer characteristics (客户特质) the API knows, in display order, grouped by how they are edited. */
export const INT_CHARACTERISTICS = ['designer_count', 'project_manager_count', 'outlet_count'] as const
export const DECIMAL_CHARACTERISTICS = ['registered_capital', 'market_share_pct', 'annual_purchasing'] as const
export const TEXT_CHARACTERISTICS = [
  'qualification',
  'business_performance',
  'business_philosophy',
  'ownership',
  'scale',
  'financial_status',
  'credit_rating',
  'corporate_image',
  'staff_quality',
  'competitor_relations',
  'known_problems',
] as const

export const CHARACTERISTIC_KEYS = [
  'qualification',
  'registered_capital',
  'business_performance',
  ...INT_CHARACTERISTICS,
  'market_share_pct',
  'annual_purchasing',
  'growth_potential',
  ...TEXT_CHARACTERISTICS.slice(2),
] as const

/** Characteristics that are amounts of money, shown in the company currency (`¥1,000,000,000.00`). */
export const MONEY_CHARACTERISTICS: ReadonlySet<string> = new Set(['registered_capital', 'annual_purchasing'])

export interface CharacteristicFormat {
  /** An amount in the company currency (src/lib/format.ts `formatMoney`). */
  money: (value: string | number) => string
  /** A plain number grouped for the locale (counts, the market share in percent). */
  decimal: (value: string | number) => string
  /** The growth potential's label, null for a value the UI does not know. */
  growth: (value: string) => string | null
  /** Anything else (free text). */
  text: (value: unknown) => string
}

/**
 * The customer's characteristics as the 360 page shows them: the ones set, in display order, amounts as money
 * and numbers grouped (never the API's raw `1000000000.00`), the growth potential by its label.
 */
export function characteristicRows(
  values: Record<string, unknown> | null | undefined,
  fmt: CharacteristicFormat,
): { key: (typeof CHARACTERISTIC_KEYS)[number]; value: string }[] {
  const c = values ?? {}
  const numeric: ReadonlySet<string> = new Set([...INT_CHARACTERISTICS, ...DECIMAL_CHARACTERISTICS])
  return CHARACTERISTIC_KEYS.filter((k) => c[k] !== null && c[k] !== undefined && c[k] !== '').map((key) => {
    const v = c[key]
    const isNumber = (typeof v === 'number' || typeof v === 'string') && v !== '' && Number.isFinite(Number(v))
    let value: string
    if (MONEY_CHARACTERISTICS.has(key) && isNumber) value = fmt.money(v as string | number)
    else if (numeric.has(key) && isNumber) value = fmt.decimal(v as string | number)
    else if (key === 'growth_potential') value = fmt.growth(String(v)) ?? fmt.text(v)
    else value = fmt.text(v)
    return { key, value }
  })
}
