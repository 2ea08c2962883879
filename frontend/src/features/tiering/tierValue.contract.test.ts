/** The tier settings form's check against the server's: the cases of tests/contract/validation_cases/tier_settings.json. */
import { describe, it } from 'vitest'
import { expectDecided, validationCases } from '@/lib/validationCases'
import { settingsProblems, toSettingsDraft, type TierSettingsLike } from './tierValue'

describe('tier settings form check and server agree', () => {
  it.each(validationCases<TierSettingsLike>('tier_settings').map((c) => [c.case, c] as const))('%s', (_, c) => {
    expectDecided(c, Object.keys(settingsProblems(toSettingsDraft(c.input))))
  })
})
