import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'
import type { NotificationKind } from '@/api/types'
import type { Translate } from '@/i18n/messages'
import { notificationSentence } from './notifications'

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return (key, named) => i18n.global.t(key, named ?? {})
}
const tEn = translator('en')
const tZh = translator('zh-CN')

describe('notifications', () => {
  it('reads as a sentence naming the timer and the customer', () => {
    const n = { kind: 'timer_breached' as NotificationKind, customer_name: '某客户', timer_kind: 'confirmation' as const }
    expect(notificationSentence(n, tEn)).toBe("Confirmation of 某客户's complaint is overdue; escalated to you")
    expect(notificationSentence(n, tZh)).toBe('某客户的投诉运营中心确认已超时，已升级给您')
  })

  it('asks HQ to confirm a major complaint', () => {
    const n = { kind: 'confirmation_needed' as NotificationKind, customer_name: '某客户', timer_kind: null }
    expect(notificationSentence(n, tEn)).toBe("某客户's major complaint awaits your confirmation")
    expect(notificationSentence(n, tZh)).toBe('某客户的重大投诉待总部确认')
  })

  it('has a sentence for every kind in both languages, with or without a timer or customer', () => {
    const kinds: NotificationKind[] = [
      'timer_warned',
      'timer_breached',
      'escalated_to_hq',
      'task_group',
      'confirmation_needed',
      'sheet_submitted',
      'sheet_returned',
      'customers_assigned',
      'customers_unassigned',
    ]
    for (const kind of kinds) {
      for (const t of [tEn, tZh]) {
        const text = notificationSentence({ kind, customer_name: null, timer_kind: null }, t)
        expect(text, kind).not.toMatch(/notifications\.|complaints\.|[{}]/)
      }
    }
  })
})
