import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
  nav: 'Loyalty', title: 'Customer loyalty', customers: 'Customers', revenue12m: '12-month net revenue', neverBought: 'Never bought',
  health: 'Health', churnRisk: 'Churn risk', clv: 'Customer lifetime value', pAlive: 'Probability alive', futureProfit: 'Future profit', core: 'Core customers',
  stages: { exploration: 'Exploration', formation: 'Formation', stability: 'Stability', decline: 'Decline' },
  stageHints: {
    exploration: 'First purchase recently: still getting to know each other', formation: 'The relationship is growing: buying more',
    stability: 'Buying steadily', decline: 'Buying less, or silent for long',
  },
  valueClasses: { value: 'Value', potential: 'Potential', migrating: 'Migrating', freezing_point: 'Freezing point', none: 'No class' },
  valueClassHints: {
    value: 'High current value (ABC class A)', potential: 'Room to grow', migrating: 'Revenue or share of wallet falling: moving to competitors',
    freezing_point: 'No purchase for a long time', none: 'Never bought',
  },
  coreHint: 'High current value and high growth potential', coreCount: '{n} core customers',
  run: {
    title: 'Latest recompute', asOf: 'As of', finishedAt: 'Finished', trigger: 'How', by: 'By', system: 'System', customers: 'Customers',
    triggers: { manual: 'Manual', cli: 'Command line', nightly: 'Nightly', demo: 'Demo data' },
    aboutModel: 'About the model (for analysts)',
    aboutModelText: 'The customer lifetime value (CLV) model predicts from each customer\'s past purchases (how many, how far apart, how much) whether they will keep buying, how often and for how much, and turns that into future profit at the margin and discount rate.',
    fit: 'Lifetime-value models', bgNbd: 'BG/NBD (purchases)', gammaGamma: 'Gamma-Gamma (order value)', logLikelihood: 'log-likelihood',
    fitCustomers: 'Customers fitted', spenders: 'Repeat buyers', dataRange: 'Data', fitSeconds: 'Fit time', seconds: '{s} s',
    noFit: 'No lifetime-value fit: {reason}', noRun: 'Not computed yet: it runs every night, and administrators can run it now',
    recompute: 'Recompute now', recomputed: 'Recomputed: {customers} customers, as of {date}',
  },
  rfm: {
    title: 'RFM grid (recency × frequency)', recency: 'Recency score (5 = most recent)', frequency: 'Frequency score (5 = most often)',
    hint: 'Each cell: customers with those scores; hover for the segment and the revenue', empty: 'No RFM figures yet',
  },
  segments: {
    title: 'Segments', hint: 'Click a bar to see its customers', segment: 'Segment', history: 'Segment sizes over time', historyHint: 'Customers per segment at each recompute (company-wide): the {n} largest segments, the rest as "Other segments"', empty: 'No segments yet',
    other: 'Other segments', share: '{n} ({share})',
  },
  healthCard: {
    title: 'Health distribution', noHealth: '{n} customer(s) never bought: no score', low: 'Health below 40: {n} customer(s)', hint: 'Click a range to see its customers',
  },
  stagesCard: { title: 'Lifecycle stages' },
  valueClassesCard: { title: 'Value classes' },
  churn: {
    title: 'Churn risk', hint: 'Customers whose health fell over the last quarter, the largest falls first', customer: 'Customer', owner: 'Account manager',
    healthNow: 'Health now', change: 'Change', status: 'Stage · class · segment', reasons: 'Main reasons', empty: 'No customer lost health', loadMore: 'Load more',
  },
  clvCard: {
    title: 'Customer lifetime value (CLV) deciles', settings: 'Margin {margin}% · discount rate {discount}% a year · horizon {months} months',
    total: 'Future profit', cumulative: 'Cumulative share', needsRun: 'Lifetime values need a recompute first',
    hint: 'Customers ranked by future profit (the discounted gross profit over the horizon), largest first, in ten groups; margin, discount rate and horizon are the loyalty settings.',
  },
  card: {
    title: 'Loyalty', empty: 'No loyalty figures yet: they appear after the next recompute', asOf: 'As of {date}', reasons: 'What makes up the score (50 is neutral)',
    change: '{change} against the end of the quarter before last (then {before})', noScore: 'Never bought: no health score', stage: 'Lifecycle stage', valueClass: 'Value class',
    segment: 'Segment', rfm: 'RFM code', predicted: 'Expected revenue, next 12 months', expectedPurchases: 'Expected purchases', expectedOrderValue: 'Expected order value',
    recency: 'Last purchase', recencyDays: '{n} days ago', frequency: 'Purchase days, last four complete quarters', monetary: 'Net revenue, last four complete quarters', unknown: 'No data yet',
    points: '{p} pts', rfmHint: 'Recency {r} · frequency {f} · monetary {m} (1–5 each)',
    complaintsCurrent: 'Complaints this quarter (Q{quarter} {year} to date)', complaintsPast: 'Complaints last quarter (Q{quarter} {year})',
    complaints: 'Complaints', complaintCount: '{n}',
  },
  signalName: '{name}: ',
  signals: {
    recency: {
      name: 'Recency', text: 'Last order {days} days ago; usually every {interval} days',
      noBaseline: 'Last order {days} days ago; no usual interval yet ({interval} days assumed)', unknown: 'no order yet',
    },
    revenue_trend: {
      name: 'Revenue trend', text: 'Net revenue {value} last quarter, against {baseline} in the same quarter a year before ({change})',
      noBaseline: 'Net revenue {value} last quarter; none in the same quarter a year before to compare with', unknown: 'no revenue figures yet',
    },
    share_of_wallet_trend: {
      name: 'Share of wallet', text: '{value} of its declared annual purchasing in the last four complete quarters, {baseline} in the four before',
      noBaseline: '{value} of its declared annual purchasing in the last four complete quarters', unknown: 'annual purchasing not declared',
    },
    discount_trend: {
      name: 'Discounts', text: 'Discounts {value} of list value last quarter, {baseline} a year before',
      noBaseline: 'Discounts {value} of list value last quarter; no purchases a year before to compare with', unknown: 'no purchases last quarter',
    },
    cancellations_returns_trend: {
      name: 'Cancellations and returns', text: '{value} of orders cancelled or returned last quarter, {baseline} a year before',
      noBaseline: '{value} of orders cancelled or returned last quarter; no orders a year before to compare with', unknown: 'no orders last quarter',
    },
    complaints_trend: {
      name: 'Complaints', text: '{value} complaint(s) last quarter, {baseline} a year before', noBaseline: '{value} complaint(s) last quarter', unknown: 'no data yet',
    },
    contact_changes: {
      name: 'Contact changes', text: '{value} contact change(s) in the last 12 months ({baseline} or more count fully)', unknown: 'no data yet',
    },
  },
  filters: {
    segment: 'Segment', stage: 'Lifecycle stage', value_class: 'Value class', health_min: 'Health ≥', health_max: 'Health ≤', core: 'Core customers',
    coreYes: 'yes', coreNo: 'no', clearAll: 'Clear loyalty filters',
  },
  settings: {
    open: 'Settings', title: 'Loyalty settings', version: 'Version {n}',
    intro: 'What every recompute uses. Changes apply from the next recompute (nightly, or "Recompute now").',
    saved: 'Loyalty settings saved: they apply from the next recompute', unchanged: 'Nothing changed',
    economics: 'Lifetime value', margin: 'Gross margin', discountRate: 'Annual discount rate', horizon: 'Horizon',
    weights: 'Health signal weights', weightsHint: '0 switches a signal off; each signal counts in proportion to its weight.',
    lifecycleTitle: 'Lifecycle stages and value classes', lifecycleHint: 'Stages: exploration, then decline, then formation, else stability (first match wins). Classes: freezing point, then migrating, then value (ABC class A), else potential.',
    lifecycle: {
      exploration_days: 'Exploration: first purchase within', formation_days: 'Formation: first purchase within',
      growth: 'Formation: revenue trend at or above', decline: 'Decline: revenue trend at or below',
      decline_interval_factor: 'Decline: silent for more than', dormant_days: 'Freezing point: no purchase for more than',
      migrating: 'Migrating: revenue trend at or below', migrating_share_points: 'Migrating: share of wallet down by',
    },
    units: { percent: '%', months: 'months', days: 'days', points: 'percentage points', factor: '× the usual interval' },
    segments: 'Segment rules', segmentsHint: 'Read-only here: segment rules are edited through the API (PUT /api/v1/loyalty/settings). In order, first match wins.',
    segmentKey: 'Key', segmentName: 'Name', recency: 'Recency', frequency: 'Frequency',
    otherErrors: 'The server rejected:',
    problems: {
      required: 'Required', percentRange: '0 to 100', discountRange: 'Above -100 and at most 100', horizonRange: '1 to 120 months',
      weightNegative: '0 or more', weightsAllZero: 'At least one weight above 0', daysRange: '1 to 3650 days',
      explorationAfterFormation: 'At most the formation days', positive: 'Above 0', fall: 'A fall: below 0', factorMin: 'At least 1',
    },
  },
}

export default messages
