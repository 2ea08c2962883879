import { describe, expect, it } from 'vitest'
import { cleanTranslations, localName } from './names'

describe('localName', () => {
  const policy = { name: '一般投诉', name_translations: { en: 'General complaints' } }

  it('shows the translation for the UI language, else the primary name', () => {
    expect(localName(policy, 'en')).toBe('General complaints')
    expect(localName(policy, 'zh-CN')).toBe('一般投诉')
    expect(localName({ name: '门店日历' }, 'en')).toBe('门店日历')
    expect(localName({ name: 'x', name_translations: { en: '  ' } }, 'en')).toBe('x')
  })

  it('names a model whose primary name is a key in both languages', () => {
    const model = { name: 'default', name_translations: { 'zh-CN': '标准评分模型', en: 'Standard score model' } }
    expect(localName(model, 'zh-CN')).toBe('标准评分模型')
    expect(localName(model, 'en')).toBe('Standard score model')
  })

  it('sends translations trimmed, blank ones left out', () => {
    expect(cleanTranslations({ en: ' Store calendar ', 'zh-CN': ' ' })).toEqual({ en: 'Store calendar' })
  })
})
