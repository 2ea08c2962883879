/** The loyalty settings form's check against the server's: the cases of tests/contract/validation_cases/loyalty_settings.json. */
import { describe, it } from 'vitest'
import type { LoyaltySettings } from '@/api/types'
import { expectDecided, validationCases } from '@/lib/validationCases'
import { loyaltyProblems, toLoyaltyDraft } from './loyaltySettings'

type Body = Pick<
  LoyaltySettings,
  'margin_percent' | 'annual_discount_rate_percent' | 'horizon_months' | 'health_weights' | 'lifecycle'
>

describe('loyalty settings form check and server agree', () => {
  it.each(validationCases<Body>('loyalty_settings').map((c) => [c.case, c] as const))('%s', (_, c) => {
    expectDecided(c, Object.keys(loyaltyProblems(toLoyaltyDraft(c.input))))
  })
})
