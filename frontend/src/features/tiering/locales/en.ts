import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
  title: 'Tiers', notScored: 'Not scored', customers: 'Customers',
  tabs: { categories: 'Categories', value: 'Levels & value', model: 'Score model', rules: 'Category rules', settings: 'Tier settings' },
  dimensions: { potential: 'Development potential', possibility: 'Development possibility', basis: 'Development basis' },
  grades: { potential: 'Potential', possibility: 'Possibility', basis: 'Basis' },
  levels: { special: 'Special', A: 'Level A', B: 'Level B', C: 'Level C' },
  filters: {
    category: 'Category', potential: 'Potential', possibility: 'Possibility', basis: 'Basis',
    key_account_level: 'Key-account level', abc_class: 'ABC class', clearAll: 'Clear tier filters',
  },
  matrix: {
    title: 'Category matrix', summary: '{graded} graded · {notGraded} not graded',
    empty: 'No score sheet has been approved yet, so no customer is graded', gridTitle: 'By grades (rows: potential, columns: possibility, each cell split by basis)',
    basisShort: 'Basis ', gridHint: 'Colours show the category of each combination; click a count to see the customers',
    cellTitle: 'Potential {potential} · possibility {possibility} · basis {basis}: {category}, {n} customer(s)',
  },
  movement: {
    title: 'Category movement', heatmapTitle: '{from} → {to} (rows: {from}, columns: {to})', backwards: 'The first quarter is not before the second: this shows the movement backwards.',
    promoted: 'Promoted {n}', demoted: 'Demoted {n}', unchanged: 'Unchanged {n}', entered: 'Newly scored {n}', left: 'No longer scored {n}',
    empty: 'No approved score sheets in either quarter',
  },
  alerts: {
    title: 'Alerts', empty: 'Nothing to look at', kind: 'Alert', before: 'Before', after: 'After',
    kinds: { marginal_potential_rose: 'Marginal, potential rose', stronghold_fell: 'Stronghold fell' },
  },
  rules: {
    title: 'Category rules', intro: "The rules are tried in order against a customer's three grades; the first that matches gives the category, and the last must match any grades so every customer gets one. No grade ticked (or all three) in a dimension means any grade. Saving moves every graded customer to the category the new rules give, with a history row.",
    anyGrade: 'any', moveUp: 'Move up', moveDown: 'Move down', key: 'Key', labelZh: 'Chinese label', labelEn: 'English label',
    positioningZh: 'Positioning (Chinese)', positioningEn: 'Positioning (English)', lastHint: 'Last rule: takes every other customer',
    remove: 'Remove', add: 'Add category', preview: 'Preview', moving: 'Customers who would change category:', from: 'From', to: 'To',
    nobodyMoves: 'No customer would change category', saveTitle: 'Save category rules', saveConfirm: '{n} customer(s) will change category, each with a history row. Save?',
    saved: 'Category rules saved; {n} customer(s) changed category',
    problems: {
      keyFormat: 'A key starts with a lower-case letter and holds only lower-case letters, digits and _', keyDuplicate: 'Another category has this key',
      labelMissing: 'Enter a Chinese and an English label', lastNotAny: 'The last rule must match any grades: clear its grades',
      unreachable: 'This rule matches any grades: the rules after it are never used', noRules: 'At least one rule is needed',
    },
  },
  model: {
    pick: 'Score model', versions: 'Versions', version: 'Version', maxima: 'Maximum (potential/possibility/basis)', thresholds: 'Grade lines',
    indicatorCount: 'Indicators', versionsHint: 'Score sheets keep the version they were scored with; click a version to try it on the right.',
    editorTitle: 'Edit {name} (now version {version})', newModel: 'New score model', asNew: 'Save as a new model', saveVersion: 'Save as new version', saveNew: 'Create model',
    savedVersion: 'Saved {name} version {version}', name: 'Model key', nameZh: 'Name in Chinese', nameEn: 'Name in English', customerTypes: 'Customer types', everyType: 'Every type',
    gradeA: 'Grade A line (% of maximum)', gradeB: 'Grade B line (% of maximum)', maximum: 'maximum {n}', key: 'Key', weight: 'Weight', source: 'Source',
    addIndicator: 'Add indicator', atLeast: 'At least', points: 'points', addStep: 'Add step', scaleHint: 'Computed from data: points once the measured value reaches a step ({unit})',
    sources: { manual: 'Scored by hand', transaction_amount: 'Transaction amount', order_share: 'Order share', satisfaction: 'Satisfaction survey' },
    sourceUnits: { manual: '', transaction_amount: 'net revenue in the quarter, CNY', order_share: "% of the customer's declared purchasing", satisfaction: 'survey score 1–5' },
    problems: {
      nameFormat: 'A model name starts with a lower-case letter and holds only lower-case letters, digits and _', keyFormat: 'An indicator key starts with a lower-case letter and holds only lower-case letters, digits and _',
      keyDuplicate: 'Indicator keys must differ', weight: 'A weight is above 0 and at most 1000', labelMissing: 'Every indicator needs a Chinese and an English label',
      scaleMissing: 'A computed indicator needs a points scale', scalePoints: 'Fill in every step, with points between 0 and the weight', noIndicator: 'Every dimension needs an indicator',
      thresholds: 'Grade lines need 0 < B ≤ A ≤ 100',
    },
  },
  whatIf: {
    title: 'What if ({name} version {version})', fillMax: 'All maximum', fillHalf: 'All half', clear: 'Clear',
    thresholds: 'A ≥ {a}%, B ≥ {b}%, else C', category: 'Category:',
  },
  value: {
    revenue12m: '12-month net revenue', revenueShare: 'Share of revenue',
    asOf: 'From the recompute at {at} ({trigger})', noRun: 'No recompute yet', untiered: '{n} customer(s) not tiered yet',
  },
  levelsCard: { title: 'Key-account levels', level: 'Level', total: 'Total' },
  abc: {
    title: 'ABC classes (Pareto)', cumulative: 'Cumulative share of revenue', customersRanked: 'Customers, largest revenue first (cumulative)', zone: 'Class {cls}',
    empty: 'No customer revenue yet', class: 'Class {cls}', customersN: '{n} customers',
    hint: 'A: the customers making the first {a}% of revenue; B: the next {b}%; C: the rest.',
  },
  deciles: {
    title: 'Decile analysis', byRevenue: 'By revenue', byFutureProfit: 'By future profit', needsClv: 'Deciles by future profit need the customer lifetime value (CLV) predictions first.',
    decile: 'Top % of customers', cumulativeCustomers: 'Cumulative customers', total: 'Total', cumulativeTotal: 'Cumulative total', cumulativePercent: 'Cumulative %',
    percentOfMaximum: '% of maximum', minimum: 'Minimum', average: 'Average',
    hint: 'Customers ranked by 12-month net revenue, largest first, in ten groups of equal size (the first groups take one more); each row is one group.',
  },
  settings: {
    title: 'Tier settings', version: 'version {n}',
    intro: 'Key-account levels by 12-month net revenue: at or above the special line is special, the A line A, the B line B, the rest C. ABC classes by cumulative revenue, largest first: the customers making the first A% of revenue are class A, the next B% class B, the rest C. Changes apply from the next recompute, which runs every night or now.',
    fields: { level_special: 'Special line (CNY)', level_a: 'Level A line (CNY)', level_b: 'Level B line (CNY)', abc_a_percent: 'Class A share of revenue', abc_b_percent: 'Class B share of revenue' },
    cShare: 'Class C share (the rest)', saved: 'Tier settings saved; they apply from the next recompute', recompute: 'Recompute now',
    recomputed: 'Recomputed: {customers} customers, {changed} changed', runResult: 'Recomputed (up to {month}): {customers} customers, {changed} changed level or ABC class.',
    runs: 'Recomputes', system: 'System',
    run: { startedAt: 'Started', trigger: 'How', by: 'By', asOf: 'Up to', changed: 'Changed', settings: 'Settings used', settingsSummary: 'special ≥ {special}, A ≥ {a}, B ≥ {b}; ABC: A {pa}%, B {pb}%' },
    triggers: { manual: 'Manual', cli: 'Command line', nightly: 'Nightly', demo: 'Demo data' },
    problems: {
      required: 'Required', levelOrder: 'Needs 0 ≤ B line ≤ A line ≤ special line', abcA: 'The A share is above 0 and at most 100',
      abcSum: 'The A and B shares add up to at most 100',
    },
  },
  window: {
    trailing12Months: 'Last 12 months, {from} to {to}', completeQuarters: 'Last 4 complete quarters, {first}–{last}', next12Months: 'Next 12 months, {from} to {to}',
    revenue: 'Revenue window', netRevenue: 'Net revenue',
  },
  partitionCheck: {
    title: 'Needs attention: partition does not match level', intro: "By the partition rule, these customers' key-account level puts them in the other partition (levels from the latest recompute; abandoned customers are not listed).",
    empty: "Every customer's partition matches its level", total: '{n} customer(s)', count: '{level} {n}',
    customer: 'Customer', owner: 'Account manager', level: 'Level', revenue: '12-month net revenue', partition: 'Partition now', needed: 'Belongs in',
    fix: 'Fix', fixAll: 'Fix all ({n})', fixConfirm: 'Move {name} to the "{partition}" partition? The change is recorded in the customer\'s change log.',
    fixAllConfirm: "Move the {n} listed customers to the partition the rule puts them in? Each change is recorded in the customer's change log.", fixTitle: 'Fix partition',
    fixThisConfirm: 'Move this customer to the "{partition}" partition? The change is recorded in its change log.',
    fixed: 'Moved {n} customer(s)', progress: 'Moving: {done} / {total}', stopped: 'Moved {done}; the rest were not moved: {reason}',
    more: 'Load more', noOwner: 'Unassigned',
    flag: '{level}: belongs in "{partition}" by the partition rule (now in "{current}")',
    rule: {
      title: 'Partition rule', edit: 'Edit rule', summary: 'Rule: {rules}', none: 'The rule requires no partition for any level', either: 'Either',
      intro: 'Which partition the customers of each key-account level belong in; "Either" allows both. Saving moves no customer: those that do not match appear in the "Needs attention" list for a person to fix.',
      levelTo: '{level} → {partition}', separator: '; ', saved: 'Partition rule saved',
    },
  },
}

export default messages
