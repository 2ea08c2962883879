/** The score model editor's check against the server's: the cases of tests/contract/validation_cases/score_model.json. */
import { describe, it } from 'vitest'
import type { ScoreModel, ScoreModelCreate } from '@/api/types'
import { expectDecided, validationCases } from '@/lib/validationCases'
import { modelProblems, toModelDraft, type ModelDraft, type ModelProblem } from './scoreModels'

/** The field the server's 422 names: an indicator by its position, a dimension without one as `indicators`. */
function field(d: ModelDraft, p: ModelProblem): string {
  if (p.path.startsWith('dimension.')) return 'indicators'
  const m = /^indicators\.(\d+)\.(\w+)$/.exec(p.path)
  if (!m) return p.path
  return `indicators.${d.indicators.findIndex((i) => i.uid === Number(m[1]))}.${m[2]}`
}

describe('score model editor check and server agree', () => {
  it.each(validationCases<Partial<ScoreModelCreate>>('score_model').map((c) => [c.case, c] as const))('%s', (_, c) => {
    const d = toModelDraft({ customer_types: [], grade_a_percent: 80, grade_b_percent: 60, ...c.input } as unknown as ScoreModel)
    expectDecided(
      c,
      modelProblems(d).map((p) => field(d, p)),
    )
  })
})
