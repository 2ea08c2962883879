/** The SLA forms' checks against the server's: the cases of tests/contract/validation_cases/sla_*.json. */
import { describe, it } from 'vitest'
import { expectDecided, validationCases } from '@/lib/validationCases'
import { calendarProblems, policyProblems, toCalendarDraft, toPolicyDraft, type CalendarLike, type PolicyLike } from './sla'

describe('calendar form check and server agree', () => {
  it.each(validationCases<CalendarLike>('sla_calendar').map((c) => [c.case, c] as const))('%s', (_, c) => {
    expectDecided(c, Object.keys(calendarProblems(toCalendarDraft(c.input, 'Asia/Shanghai'))))
  })
})

describe('policy form check and server agree', () => {
  it.each(validationCases<Omit<PolicyLike, 'id'>>('sla_policy').map((c) => [c.case, c] as const))('%s', (_, c) => {
    expectDecided(c, Object.keys(policyProblems(toPolicyDraft({ id: 0, ...c.input }))))
  })
})
