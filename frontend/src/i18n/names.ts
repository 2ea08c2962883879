/**
 * Names in two languages (docs/domain.md section 2): what an administrator names (SLA policies, business calendars,
 * score models) has a primary name and translations by locale. People see the translation for their language, or
 * the primary name when there is none: `localName` is the one place that choice is made.
 */
import { useI18n } from 'vue-i18n'

/** locale -> name, e.g. `{ en: 'General complaints' }`. */
export type NameTranslations = Partial<Record<string, string>>

export interface Named {
  name: string
  name_translations?: NameTranslations | null
}

/** The record's name in `locale`: its translation, else its primary name. */
export function localName(record: Named | null | undefined, locale: string): string {
  if (!record) return ''
  return record.name_translations?.[locale]?.trim() || record.name
}

/** Translations as the API takes them: trimmed, blank ones left out (the primary name shows instead). */
export function cleanTranslations(names: NameTranslations | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [locale, name] of Object.entries(names ?? {})) if (name?.trim()) out[locale] = name.trim()
  return out
}

/** `localName` bound to the UI's locale, for views. */
export function useLocalName(): (record: Named | null | undefined) => string {
  const { locale } = useI18n()
  return (record) => localName(record, locale.value)
}
