/**
 * The score model editor's logic: the versions of each model, an editable copy of a version (numbers as
 * numbers), each dimension's maximum (the sum of its weights; grades use the percentage of it), what the
 * server would reject, and the body of the new version. Also the what-if values to evaluate.
 */
import {
  DIMENSIONS,
  type CustomerType,
  type Dimension,
  type IndicatorSource,
  type ScoreModel,
  type ScoreModelCreate,
} from '@/api/types'
import { toNumber } from '@/lib/format'
import { cleanTranslations, type NameTranslations } from '@/i18n/names'

export interface StepDraft {
  at_least: number | null
  points: number | null
}

export interface IndicatorDraft {
  uid: number
  key: string
  dimension: Dimension
  weight: number | null
  label_zh: string
  label_en: string
  source: IndicatorSource
  scale: StepDraft[]
}

export interface ModelDraft {
  name: string
  /** What people call the model, by locale (`name` is a key). */
  name_translations: NameTranslations
  customer_types: CustomerType[]
  grade_a_percent: number | null
  grade_b_percent: number | null
  indicators: IndicatorDraft[]
}

let nextUid = 1

/** The newest version of every model name (the ones that apply), by name. */
export function latestVersions(models: readonly ScoreModel[]): ScoreModel[] {
  const byName = new Map<string, ScoreModel>()
  for (const m of models) {
    const prev = byName.get(m.name)
    if (!prev || m.version > prev.version) byName.set(m.name, m)
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Every version of one model, newest first. */
export function versionsOf(models: readonly ScoreModel[], name: string): ScoreModel[] {
  return models.filter((m) => m.name === name).sort((a, b) => b.version - a.version)
}

export function toModelDraft(m: ScoreModel): ModelDraft {
  return {
    name: m.name,
    name_translations: { ...m.name_translations },
    customer_types: [...m.customer_types] as CustomerType[],
    grade_a_percent: toNumber(m.grade_a_percent),
    grade_b_percent: toNumber(m.grade_b_percent),
    indicators: m.indicators.map((i) => ({
      uid: nextUid++,
      key: i.key,
      dimension: i.dimension,
      weight: toNumber(i.weight),
      label_zh: i.label_zh,
      label_en: i.label_en,
      source: i.source ?? 'manual',
      scale: (i.scale ?? []).map((s) => ({ at_least: toNumber(s.at_least), points: toNumber(s.points) })),
    })),
  }
}

export function newIndicator(dimension: Dimension, key: string): IndicatorDraft {
  return { uid: nextUid++, key, dimension, weight: 10, label_zh: '', label_en: '', source: 'manual', scale: [] }
}

/** Each dimension's maximum: the sum of its indicators' weights. */
export function dimensionMaxima(d: Pick<ModelDraft, 'indicators'>): Record<Dimension, number> {
  const out = { potential: 0, possibility: 0, basis: 0 } as Record<Dimension, number>
  for (const i of d.indicators) out[i.dimension] += i.weight ?? 0
  for (const k of DIMENSIONS) out[k] = Math.round(out[k] * 100) / 100
  return out
}

export interface ModelProblem {
  /** `name`, `grade_a_percent`, `grade_b_percent`, `thresholds` (B above A), `indicators.<uid>.<field>` or
   * `dimension.<dimension>`. */
  path: string
  code:
    | 'keyFormat'
    | 'keyDuplicate'
    | 'weight'
    | 'labelMissing'
    | 'scaleMissing'
    | 'scalePoints'
    | 'noIndicator'
    | 'thresholds'
    | 'nameFormat'
}

const KEY = /^[a-z][a-z0-9_]{0,49}$/

/**
 * What makes the edited model unusable (the server's rules): a name and indicator keys that are lower-case
 * identifiers, keys unique, weights above 0, labels in both languages, computed indicators with a points
 * scale whose points lie within 0..weight, every dimension with an indicator, 0 < B <= A <= 100.
 */
export function modelProblems(d: ModelDraft): ModelProblem[] {
  const out: ModelProblem[] = []
  if (!KEY.test(d.name.trim())) out.push({ path: 'name', code: 'nameFormat' })
  const keys = d.indicators.map((i) => i.key.trim())
  d.indicators.forEach((i, index) => {
    const at = `indicators.${i.uid}`
    if (!KEY.test(keys[index]!)) out.push({ path: `${at}.key`, code: 'keyFormat' })
    else if (keys.indexOf(keys[index]!) !== index) out.push({ path: `${at}.key`, code: 'keyDuplicate' })
    if (i.weight === null || !(i.weight > 0) || i.weight > 1000) out.push({ path: `${at}.weight`, code: 'weight' })
    if (!i.label_zh.trim() || !i.label_en.trim()) out.push({ path: `${at}.label`, code: 'labelMissing' })
    if (i.source !== 'manual' && i.scale.length === 0) out.push({ path: `${at}.scale`, code: 'scaleMissing' })
    if (i.scale.some((s) => s.at_least === null || s.points === null || s.points < 0 || s.points > (i.weight ?? 0))) {
      out.push({ path: `${at}.scale`, code: 'scalePoints' })
    }
  })
  for (const dim of DIMENSIONS) {
    if (!d.indicators.some((i) => i.dimension === dim)) out.push({ path: `dimension.${dim}`, code: 'noIndicator' })
  }
  // A threshold outside 0..100 is that field's error (the server's 422 names it); B above A is the pair's.
  const a = d.grade_a_percent
  const b = d.grade_b_percent
  const percent = (v: number | null) => v !== null && v > 0 && v <= 100
  if (!percent(a)) out.push({ path: 'grade_a_percent', code: 'thresholds' })
  if (!percent(b)) out.push({ path: 'grade_b_percent', code: 'thresholds' })
  if (a !== null && b !== null && percent(a) && percent(b) && b > a) out.push({ path: 'thresholds', code: 'thresholds' })
  return out
}

/** The body of the new version. Manual indicators send no scale; a computed one's steps go highest first. */
export function toModelCreate(d: ModelDraft): ScoreModelCreate {
  return {
    name: d.name.trim(),
    name_translations: cleanTranslations(d.name_translations),
    customer_types: [...d.customer_types],
    grade_a_percent: d.grade_a_percent ?? 80,
    grade_b_percent: d.grade_b_percent ?? 60,
    indicators: d.indicators.map((i) => ({
      key: i.key.trim(),
      dimension: i.dimension,
      weight: i.weight ?? 0,
      label_zh: i.label_zh.trim(),
      label_en: i.label_en.trim(),
      source: i.source,
      scale:
        i.source === 'manual'
          ? []
          : [...i.scale]
              .filter((s) => s.at_least !== null && s.points !== null)
              .sort((x, y) => (y.at_least ?? 0) - (x.at_least ?? 0))
              .map((s) => ({ at_least: s.at_least!, points: s.points! })),
    })),
  }
}

/** The what-if request's values: indicators left empty are not sent (they count 0). */
export function whatIfValues(values: Readonly<Record<string, number | null | undefined>>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(values)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v
  return out
}
