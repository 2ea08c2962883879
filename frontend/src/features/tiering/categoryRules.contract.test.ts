/** The category rule editor's check against the server's: the cases of tests/contract/validation_cases/category_rules.json. */
import { describe, it } from 'vitest'
import type { CategoryRule, CategoryRuleWrite } from '@/api/types'
import { expectDecided, validationCases } from '@/lib/validationCases'
import { ruleProblems, toDraft, type RuleProblem } from './categoryRules'

type Body = { rules: (Pick<CategoryRuleWrite, 'key' | 'label_zh' | 'label_en'> & Partial<CategoryRuleWrite>)[] }

/** The field the server's 422 names for a blocking problem (a missing label: one of the two labels). */
function field(p: RuleProblem): string {
  if (p.index < 0 || p.code === 'lastNotAny') return 'rules'
  return p.code === 'labelMissing' ? `rules.${p.index}.label` : `rules.${p.index}.key`
}

describe('category rule editor check and server agree', () => {
  it.each(validationCases<Body>('category_rules').map((c) => [c.case, c] as const))('%s', (_, c) => {
    const drafts = c.input.rules.map((r) =>
      toDraft({ positioning_zh: '', positioning_en: '', potential: [], possibility: [], basis: [], ...r } as CategoryRule),
    )
    expectDecided(
      c,
      ruleProblems(drafts)
        .filter((p) => p.blocking)
        .map(field),
    )
  })
})
