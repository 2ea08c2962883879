import { describe, expect, it } from 'vitest'
import { formatDecimal, formatMoney } from '@/lib/format'
import { characteristicRows, type CharacteristicFormat } from './characteristics'

const format = (currency: string, locale: string): CharacteristicFormat => ({
  money: (v) => formatMoney(v, currency, locale),
  decimal: (v) => formatDecimal(v, locale),
  growth: (v) => ({ high: locale === 'en' ? 'High' : '高' })[v] ?? null,
  text: (v) => String(v),
})

// As GET /customers/{id} returns them: decimals as strings.
const values = {
  qualification: '一级资质',
  registered_capital: '1000000000.00',
  designer_count: 1200,
  market_share_pct: '12.50',
  annual_purchasing: '35000000.00',
  growth_potential: 'high',
  known_problems: '',
  scale: null,
}

describe('the customer characteristics on the 360 page', () => {
  it('shows registered capital and declared purchasing as money in the company currency, never raw', () => {
    const rows = Object.fromEntries(characteristicRows(values, format('CNY', 'zh-CN')).map((r) => [r.key, r.value]))
    expect(rows.registered_capital).toBe('¥1,000,000,000.00')
    expect(rows.annual_purchasing).toBe('¥35,000,000.00')
    expect(rows.designer_count).toBe('1,200')
    expect(rows.market_share_pct).toBe('12.5')
    expect(rows.growth_potential).toBe('高')
    expect(rows.qualification).toBe('一级资质')
    expect(Object.values(rows)).not.toContain('1000000000.00')
  })

  it('uses the company currency and the UI language', () => {
    const [capital] = characteristicRows({ registered_capital: '1000000000.00' }, format('USD', 'en'))
    expect(capital).toEqual({ key: 'registered_capital', value: '$1,000,000,000.00' })
  })

  it('leaves out what is not set and keeps the display order', () => {
    expect(characteristicRows(values, format('CNY', 'zh-CN')).map((r) => r.key)).toEqual([
      'qualification',
      'registered_capital',
      'designer_count',
      'market_share_pct',
      'annual_purchasing',
      'growth_potential',
    ])
    expect(characteristicRows(null, format('CNY', 'zh-CN'))).toEqual([])
  })

  it('shows text that is not a number as it is', () => {
    expect(characteristicRows({ registered_capital: '约十亿' }, format('CNY', 'zh-CN'))[0]?.value).toBe('约十亿')
  })
})
