/**
 * The category rule editor's logic: editable copies of the rules, what the server would reject (or what
 * makes a rule pointless) before a preview or save, reordering, and the body to send. A rule's grade set
 * per dimension lists the grades that match; an empty set (or all three grades) matches any grade. The
 * rules are tried in order, first match wins, and the last one must match any grades.
 */
import { DIMENSIONS, GRADES, type CategoryRule, type CategoryRuleWrite, type Dimension, type Grade } from '@/api/types'

export interface RuleDraft {
  /** A stable id for v-for while keys are being typed. */
  uid: number
  key: string
  label_zh: string
  label_en: string
  positioning_zh: string
  positioning_en: string
  potential: Grade[]
  possibility: Grade[]
  basis: Grade[]
  /** Added in this editing session (its key may still change). */
  isNew: boolean
}

let nextUid = 1

export function toDraft(rule: CategoryRule): RuleDraft {
  return {
    uid: nextUid++,
    key: rule.key,
    label_zh: rule.label_zh,
    label_en: rule.label_en,
    positioning_zh: rule.positioning_zh,
    positioning_en: rule.positioning_en,
    potential: sortGrades(rule.potential),
    possibility: sortGrades(rule.possibility),
    basis: sortGrades(rule.basis),
    isNew: false,
  }
}

export function newDraft(key = ''): RuleDraft {
  return {
    uid: nextUid++,
    key,
    label_zh: '',
    label_en: '',
    positioning_zh: '',
    positioning_en: '',
    potential: [],
    possibility: [],
    basis: [],
    isNew: true,
  }
}

function sortGrades(grades: readonly Grade[]): Grade[] {
  return GRADES.filter((g) => grades.includes(g))
}

/** The grades a set matches: empty or all three is "any" (returned as []). */
export function normalGrades(grades: readonly Grade[]): Grade[] {
  const sorted = sortGrades(grades)
  return sorted.length === GRADES.length ? [] : sorted
}

/** The rule matches any grades (a catch-all). */
export function matchesAny(rule: Pick<RuleDraft, Dimension>): boolean {
  return DIMENSIONS.every((d) => normalGrades(rule[d]).length === 0)
}

/** The request body's rules: trimmed text, grades in A-B-C order with "all three" sent as "any". */
export function toWrite(drafts: readonly RuleDraft[]): CategoryRuleWrite[] {
  return drafts.map((d) => ({
    key: d.key.trim(),
    label_zh: d.label_zh.trim(),
    label_en: d.label_en.trim(),
    positioning_zh: d.positioning_zh.trim(),
    positioning_en: d.positioning_en.trim(),
    potential: normalGrades(d.potential),
    possibility: normalGrades(d.possibility),
    basis: normalGrades(d.basis),
  }))
}

export type RuleProblemCode = 'keyFormat' | 'keyDuplicate' | 'labelMissing' | 'lastNotAny' | 'unreachable' | 'noRules'

export interface RuleProblem {
  /** The rule's position; -1 for the list as a whole. */
  index: number
  code: RuleProblemCode
  /** A problem blocks preview and save; the others are warnings. */
  blocking: boolean
}

const KEY = /^[a-z][a-z0-9_]{0,49}$/

/**
 * What is wrong with the edited rules: keys must be lower-case identifiers and unique, labels are needed in
 * both languages, the last rule must match any grades (blocking, as the server checks); a catch-all before
 * the last rule leaves the rules after it unreachable (a warning).
 */
export function ruleProblems(drafts: readonly RuleDraft[]): RuleProblem[] {
  const out: RuleProblem[] = []
  if (drafts.length === 0) return [{ index: -1, code: 'noRules', blocking: true }]
  const keys = drafts.map((d) => d.key.trim())
  drafts.forEach((d, index) => {
    const key = keys[index]!
    if (!KEY.test(key)) out.push({ index, code: 'keyFormat', blocking: true })
    else if (keys.indexOf(key) !== index) out.push({ index, code: 'keyDuplicate', blocking: true })
    if (!d.label_zh.trim() || !d.label_en.trim()) out.push({ index, code: 'labelMissing', blocking: true })
    if (index < drafts.length - 1 && matchesAny(d)) out.push({ index, code: 'unreachable', blocking: false })
  })
  const last = drafts.length - 1
  if (!matchesAny(drafts[last]!)) out.push({ index: last, code: 'lastNotAny', blocking: true })
  return out
}

/** A copy of `list` with the item at `from` moved to `to` (clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list]
  if (from < 0 || from >= out.length) return out
  const target = Math.max(0, Math.min(out.length - 1, to))
  const [item] = out.splice(from, 1)
  out.splice(target, 0, item!)
  return out
}

/** The edited rules differ from the saved ones (order, text or grades). */
export function rulesChanged(saved: readonly CategoryRule[], drafts: readonly RuleDraft[]): boolean {
  const a = JSON.stringify(toWrite(saved.map(toDraft)))
  const b = JSON.stringify(toWrite(drafts))
  return a !== b
}

/** A key for a new rule that no other rule has (`category_2`, `category_3`, ...). */
export function freshKey(drafts: readonly Pick<RuleDraft, 'key'>[], stem = 'category'): string {
  const taken = new Set(drafts.map((d) => d.key.trim()))
  for (let i = drafts.length + 1; ; i++) {
    const key = `${stem}_${i}`
    if (!taken.has(key)) return key
  }
}
