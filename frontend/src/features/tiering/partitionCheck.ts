/**
 * The partition checked against the level (docs/domain.md section 5, "Partition and level"): the "fix all" loop and
 * the rule's summary. The server decides who needs attention and moves them; this only drives the batches.
 */
import type { components } from '@/api/schema'

export type PartitionRule = components['schemas']['PartitionRuleRead']
export type PartitionMismatch = components['schemas']['PartitionMismatchRead']

/** The server moves at most this many customers in one transaction. */
export const FIX_BATCH = 100
export const RULE_LEVELS = ['level_special', 'level_a', 'level_b', 'level_c'] as const
export const LEVEL_OF: Record<(typeof RULE_LEVELS)[number], string> = {
  level_special: 'special',
  level_a: 'A',
  level_b: 'B',
  level_c: 'C',
}

export interface FixProgress {
  done: number
  total: number
}

/**
 * Fixes every customer on the list: takes the first page (customers fixed before leave the list), moves it in one
 * transaction, and repeats until the list is empty. Stops at the first failure (that batch moved nobody; the error
 * is thrown after the progress so far is reported) or when a round finds nobody new. Returns how many moved.
 */
export async function fixAll(
  firstPage: () => Promise<number[]>,
  fix: (ids: number[]) => Promise<number>,
  total: number,
  onProgress: (p: FixProgress) => void,
): Promise<number> {
  let done = 0
  const seen = new Set<number>()
  onProgress({ done, total })
  for (;;) {
    const ids = (await firstPage()).filter((id) => !seen.has(id))
    if (ids.length === 0) return done
    ids.forEach((id) => seen.add(id))
    done += await fix(ids)
    onProgress({ done, total: Math.max(total, done) })
  }
}

/** The levels the rule decides, as "special → key" pairs (for the summary line). */
export function decidedLevels(rule: PartitionRule): { level: string; partition: string }[] {
  return RULE_LEVELS.flatMap((field) => (rule[field] ? [{ level: LEVEL_OF[field], partition: rule[field] as string }] : []))
}
