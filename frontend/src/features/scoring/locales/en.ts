import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
  nav: 'Scoring',
  dimensions: { potential: 'Development potential', possibility: 'Development possibility', basis: 'Development basis' },
  statuses: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', approved: 'Approved' },
  sources: { manual: 'Scored by hand', transaction_amount: 'Transaction amount', order_share: 'Order share', satisfaction: 'Satisfaction survey' },
  levels: { special: 'Special', A: 'Level A', B: 'Level B', C: 'Level C' },
  tierSources: { score_sheet: 'Score sheet approved', recompute: 'Tier recompute', category_rules: 'Category rules changed' },
  tierFields: { grades: 'Grades', category: 'Category', key_account_level: 'Key-account level', abc_class: 'ABC class' },
  fields: {
    period: 'Quarter', status: 'Status', customer: 'Customer', category: 'Category', grades: 'Grades', filled_by: 'Filled by',
    submitted_at: 'Submitted', reviewed_by: 'Reviewed by', reviewed_at: 'Reviewed', review_comment: 'Review comment',
    created_by: 'Created by', created_at: 'Created', updated_at: 'Updated', model: 'Score model',
    graded_period: 'Graded quarter', key_account_level: 'Key-account level', abc_class: 'ABC class', positioning: 'Positioning',
  },
  quarterCurrent: '{period} (in progress)',
  notScored: 'Not scored yet', notScoredHint: 'Some indicators have no score yet: grades and category follow once all are scored',
  list: {
    title: 'Scoring', tabReview: 'To review', tabMine: 'Mine', tabAll: 'All', filterPeriod: 'Quarter', filterStatus: 'Status',
    myDrafts: 'Drafts in my scope', filledByMe: 'Filled by me', empty: 'No score sheets', emptyReview: 'Nothing to review',
    open: 'Open', review: 'Review',
  },
  openQuarter: {
    button: 'Open quarter', title: 'Open a quarter for scoring', period: 'Quarter', submit: 'Open',
    hint: 'Creates a draft score sheet for each customer in your scope without one for the quarter, with the indicators the data can compute filled in. You see how many first and confirm; running it again creates only what is missing.',
    result: '{period}: {created} draft score sheet(s) created', withoutModel: '{n} customer(s) have a type no score model covers: no sheet',
    current: 'Current quarter', customers: 'Customers', includeRegular: 'Include regular customers (key customers only by default)',
    willCreateKey: '{period}: {n} draft sheet(s) for key customers', willCreateAll: '{period}: {n} draft sheet(s) for key and regular customers',
    existing: 'Customers that already have a sheet: {n}', owner: 'Account manager', drafts: 'New drafts', noOwner: 'No account manager',
    moreOwners: '{n} more account manager(s) not listed', nothing: 'No sheet to create', confirm: 'Create {n}', close: 'Close',
  },
  sheet: {
    title: 'Score sheet', back: 'Back to scoring', toCustomer: 'Customer 360', indicator: 'Indicator', points: 'Points', outOf: 'max {max}',
    computed: 'Computed', measured: 'Data: {value}', dataGives: 'data gives {points} points', noData: 'No data yet: score it by hand',
    overridden: 'Changed', note: 'Reason for the change', notePlaceholder: 'Why the points differ from what the data gives', noteRequired: 'You changed a computed value: say why',
    save: 'Save', submit: 'Submit for review', approve: 'Approve', return: 'Return', saved: 'Score sheet saved', submitted: 'Submitted for review',
    approved: 'Score sheet approved', returned: 'Score sheet returned', unsaved: 'Unsaved changes', leaveConfirm: 'You have unsaved changes. Leave anyway?',
    stale: 'Someone else changed this score sheet. Reload to see the current version (your unsaved changes will be lost).', reload: 'Reload',
    result: 'Result', live: 'Updates as you type', calculating: 'Calculating…', percentage: '{p}%', unscored: '{n} indicator(s) not scored yet',
    returnedBanner: 'Returned by the reviewer: {comment}', readOnly: 'This score sheet has been submitted or reviewed and can no longer be changed.',
    modelVersion: '{name}, version {version}', dimensionPoints: '{points} / {maximum}',
  },
  review: {
    approveTitle: 'Approve score sheet', returnTitle: 'Return score sheet', comment: 'Comment', commentRequired: 'Say what the filler should change',
    approveHint: "Once approved, this sheet's grades and category become the customer's current ones and join the grade history.",
    returnHint: 'The filler can change the sheet and submit it again.',
  },
  card: {
    title: 'Grades', notGraded: 'Not graded yet: no approved score sheet', gradedIn: 'Graded for {period}', history: 'Grade history',
    noHistory: 'No grade history yet', sheets: 'Score sheets', noSheets: 'No score sheets yet', newSheet: 'New score sheet', revenue12m: 'Net revenue, last 12 months: {amount}',
  },
  newSheet: {
    title: 'New score sheet', period: 'Quarter', hint: 'Defaults to the last complete quarter.', create: 'Create', created: 'Score sheet for {period} created',
    exists: 'A score sheet for {period} exists already; it has been opened',
  },
}

export default messages
