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
