/**
 * The shared validation cases (tests/contract/validation_cases/<name>.json): one list of request bodies, each
 * valid or refused at one field, that the server's test (tests/contract/test_validation_cases.py) and the SPA's
 * `*.contract.test.ts` both run, so a form's check and the server's 422 cannot drift apart unnoticed.
 * Read from disk: for tests only.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

export interface ValidationCase<T> {
  case: string
  input: T
  valid?: boolean
  /** The field refused: every field named is this one or inside it (`week.1` covers `week.1.0`). */
  field?: string
  /** The form cannot catch it (it offers no way to enter it wrongly, or only the server knows): the SPA's
   * check accepts it and the server's 422 says why. */
  server_only?: boolean
}

export function validationCases<T>(name: string): ValidationCase<T>[] {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../../tests/contract/validation_cases', `${name}.json`)
  return (JSON.parse(readFileSync(file, 'utf-8')) as { cases: ValidationCase<T>[] }).cases
}

/** The fields a form check names agree with the case. */
export function expectDecided(c: ValidationCase<unknown>, fields: readonly string[]): void {
  if (c.valid || c.server_only) {
    expect(fields).toEqual([])
    return
  }
  expect(fields.length, 'the form accepts it').toBeGreaterThan(0)
  const field = c.field!
  for (const f of fields) expect(f === field || f.startsWith(`${field}.`), `${f} is not ${field}`).toBe(true)
}
