import type zh from './zh-CN'
import complaints from './complaints.en'
import sla from './sla.en'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

const en: Messages<typeof zh> = {
  app: { name: 'Keyhold Key Accounts' },
  common: {
    save: 'Save', cancel: 'Cancel', confirm: 'OK', create: 'Create', edit: 'Edit', search: 'Search',
    reset: 'Reset', loading: 'Loading…', empty: 'No data', actions: 'Actions', yes: 'Yes', no: 'No',
    all: 'All', none: 'None', nextPage: 'Next page', prevPage: 'Previous page', loadMore: 'Load more',
    reload: 'Reload', close: 'Close', retry: 'Retry', unknownError: 'Something went wrong, please try again later',
    networkError: 'Cannot reach the server', forbidden: 'You are not allowed to do this', notFound: 'Not found, or outside your data scope',
    conflict: 'This conflicts with the current state', staleVersion: 'Someone else changed this record; it has been reloaded, please try again.',
    preconditionRequired: 'Version missing, please reload and try again', validationFailed: 'Please check the highlighted fields',
    rateLimited: 'Too many requests, please try again later', saved: 'Saved', notSet: '—', required: 'Required',
  },
  nav: { customers: 'Customers', users: 'Users', orgUnits: 'Org units', integrations: 'Integrations', tiers: 'Tiers' },
  header: { logout: 'Log out', language: 'Language' },
  login: {
    title: 'Sign in', subtitle: 'Key-account CRM', username: 'Username', password: 'Password', submit: 'Sign in',
    failed: 'Wrong username or password', required: 'Enter your username and password',
    tooMany: 'Too many failed attempts; try again in {seconds} seconds', tooManyNoWait: 'Too many failed attempts; try again later',
  },
  roles: {
    admin: 'Administrator', hq_key_account: 'HQ key accounts', store_manager: 'Store manager',
    account_manager: 'Account manager', service_agent: 'Service agent', analyst: 'Analyst',
  },
  partitions: { all: 'All customers', regular: 'Regular', key: 'Key customers', abandoned: 'Temporarily abandoned' },
  customerTypes: {
    hotel: 'Hotel', restaurant: 'Restaurant', contractor: 'Contractor', design_firm: 'Design firm', dealer: 'Dealer', other: 'Other',
  },
  leadSources: {
    referral: 'Referral', exhibition: 'Exhibition', cold_call: 'Cold call', online: 'Online', existing_network: 'Existing network', other: 'Other',
  },
  growth: { high: 'High', medium: 'Medium', low: 'Low' },
  decisionRoles: {
    boss: 'Boss / owner', decision_leader: 'Decision leader', head_chef: 'Head chef', designer: 'Designer',
    purchaser: 'Purchaser', opinion_leader: 'Opinion leader', other: 'Other',
  },
  customers: {
    title: 'Customers', new: 'New customer', searchPlaceholder: 'Search name, code or phone', reassign: 'Reassign',
    reassignSelected: 'Reassign selected ({n})', filterType: 'Customer type', filterOwner: 'Account manager', filterOrgUnit: 'Store',
    sortUpdated: 'Recently updated', sortName: 'By name', noMore: 'No more results', page: 'Page {n}',
    created: 'Customer created', updated: 'Customer updated', reassigned: '{n} customer(s) reassigned',
    fields: {
      code: 'Code', name: 'Name', customer_type: 'Type', external_id: 'External ID', source_system: 'Source system',
      registration_id: 'Registration ID', address: 'Address', region: 'Region', phone: 'Phone', tags: 'Tags',
      lead_source: 'Lead source', referrer: 'Referrer', partition: 'Partition', owner: 'Account manager', owner_id: 'Account manager',
      org_unit: 'Store', org_unit_code: 'Store', abandon_reason: 'Abandon reason', abandon_review_on: 'Review on',
      created_at: 'Created', updated_at: 'Updated', version: 'Version',
    },
    characteristics: {
      title: 'Characteristics', qualification: 'Qualification', registered_capital: 'Registered capital (CNY)', business_performance: 'Business performance',
      designer_count: 'Designers', project_manager_count: 'Project managers', outlet_count: 'Outlets',
      market_share_pct: 'Market share (%)', annual_purchasing: 'Declared annual purchasing (CNY)', growth_potential: 'Growth potential', business_philosophy: 'Business philosophy',
      ownership: 'Ownership', scale: 'Scale', financial_status: 'Financial status', credit_rating: 'Credit',
      corporate_image: 'Corporate image', staff_quality: 'Staff quality', competitor_relations: 'Competitor relations',
      known_problems: 'Known problems', empty: 'No characteristics recorded yet',
    },
    detail: {
      basic: 'Basic information', contacts: 'Contacts', ownership: 'Ownership history', audit: 'Audit trail', back: 'Back to customers',
      markKey: 'Mark as key', backToRegular: 'Back to regular', abandon: 'Abandon', reinstate: 'Reinstate',
      currentOwner: 'Account manager', currentOrgUnit: 'Store', noOwner: 'Unassigned',
      markedKey: 'Marked as key customer', markedRegular: 'Moved back to regular', abandoned: 'Temporarily abandoned', reinstated: 'Reinstated',
      abandonedSince: 'Temporarily abandoned: {reason} (review on {date})',
    },
    form: { createTitle: 'New customer', editTitle: 'Edit customer', basicSection: 'Basic information', characteristicsSection: 'Characteristics', tagsPlaceholder: 'Type and press Enter' },
    abandonDialog: { title: 'Abandon customer temporarily', reason: 'Reason', reviewOn: 'Review on' },
    reassignDialog: {
      title: 'Reassign customer', bulkTitle: 'Reassign {n} customer(s)', owner: 'New account manager', orgUnit: 'New store (optional)',
      reason: 'Reason', ownerRequired: 'Choose an account manager', reasonRequired: 'Enter a reason',
    },
    ownership: { from: 'From', to: 'To', current: 'now', reason: 'Reason', changedBy: 'Changed by', empty: 'No ownership history', reasons: { created: 'Customer created' } },
    audit: { empty: 'No changes recorded', by: 'By', system: 'System', field: 'Field', before: 'Before', after: 'After', created: 'Created', more: 'Load older entries', details: '{n} field(s)' },
  },
  auditActions: {
    create: 'Created', update: 'Updated', abandon: 'Abandoned', reinstate: 'Reinstated', reassign: 'Reassigned',
    contact_create: 'Contact added', contact_update: 'Contact updated', contact_end: 'Contact left',
    score_sheet_create: 'Score sheet opened', score_sheet_update: 'Score sheet edited',
    score_sheet_submit: 'Score sheet submitted', score_sheet_approve: 'Score sheet approved',
    score_sheet_return: 'Score sheet returned',
  },
  contacts: {
    add: 'Add contact', editTitle: 'Edit contact', createTitle: 'Add contact', end: 'Left', endTitle: 'Contact left',
    former: 'Former', current: 'Current', reach: 'Phone / email', primary: 'Primary contact', empty: 'No contacts',
    fields: {
      name: 'Name', title: 'Title', decision_role: 'Decision role', phone: 'Phone', email: 'Email', wechat: 'WeChat',
      notes: 'Notes', is_primary: 'Primary contact', started_on: 'Started on', ended_on: 'Left on', reason: 'Reason', ended_reason: 'Reason for leaving',
    },
    created: 'Contact added', updated: 'Contact updated', ended: 'Contact marked as left',
  },
  users: {
    title: 'Users', new: 'New user', disable: 'Disable', enable: 'Enable', resetPassword: 'Reset password',
    active: 'Active', inactive: 'Disabled', created: 'User created', passwordSet: 'Password reset',
    disabled: 'User disabled', enabled: 'User enabled', disableConfirm: '{name} will no longer be able to sign in; their customers stay until reassigned. Disable?',
    passwordHint: 'At least 10 characters, not only letters or only digits', searchPlaceholder: 'Search username or name', pickPlaceholder: 'Choose a user',
    fields: {
      username: 'Username', display_name: 'Name', role: 'Role', org_unit: 'Org unit', org_unit_code: 'Org unit',
      is_active: 'Status', created_at: 'Created', password: 'Password', newPassword: 'New password',
    },
  },
  orgUnits: {
    title: 'Org units', new: 'New org unit', created: 'Org unit created', pickPlaceholder: 'Choose an org unit',
    fields: { code: 'Code', name: 'Name', kind: 'Kind', parent_code: 'Parent' },
    kinds: { headquarters: 'Headquarters', operations_centre: 'Operations centre', department: 'Department', regional_store: 'Regional centre store', store: 'Store' },
    addChild: 'Add child', codeHint: 'Capital letters, digits, - or _, e.g. SH-02',
  },
  transactions: {
    title: 'Transactions', empty: 'This customer has no orders yet',
    facts: {
      net_revenue: 'Lifetime net revenue', net_revenue_12m: '12-month net revenue', order_count: 'Orders', average_order_value: 'Average order value',
      discount_share: 'Discount share', cancellation_rate: 'Cancellation rate', return_rate: 'Return rate', typical_purchase_interval_days: 'Purchase interval',
      first_order_at: 'First order', last_order_at: 'Last order', ordersPlaced: '{n} placed incl. cancelled', cancelledCount: '{n} cancelled', returnedCount: '{n} returned', days: '{n} days',
    },
    chart: { title: 'Net revenue per month', revenue: 'Net revenue', orders: 'Orders' },
    orders: { title: 'Orders (newest first)', empty: 'No orders', more: 'Load older orders' },
    fields: {
      external_id: 'Order no.', ordered_at: 'Ordered', status: 'Status', kind: 'Kind', total_amount: 'Total', net_amount: 'Net',
      discount_amount: 'Discount', returned_amount: 'Returned', currency: 'Currency', store_code: 'Store', original_order_id: 'Original order',
      lines: 'Lines', source: 'Source', version: 'Version', updated_at: 'Updated',
    },
    lines: {
      line_no: 'Line', sku: 'SKU', product_name: 'Product', quantity: 'Qty', unit_price: 'Unit price', discount_amount: 'Discount', amount: 'Amount',
      empty: 'No lines',
    },
    detail: {
      title: 'Order {id}', lines: 'Lines', history: 'Version history', historyEmpty: 'The ERP has not changed this order',
      replaced: 'v{version}, replaced {at}', changedIn: 'Changed in v{version}:', noChanges: 'No field changed',
      oldLines: 'Lines before ({n})', openOriginal: 'Open the original order',
    },
  },
  orderStatuses: {
    placed: 'Placed', confirmed: 'Confirmed', delivered: 'Delivered', cancelled: 'Cancelled', returned: 'Returned', partially_returned: 'Partly returned',
  },
  orderKinds: { order: 'Order', return: 'Return' },
  integrations: {
    title: 'Integrations', new: 'New API key', activeCount: '{n} active', empty: 'No API keys',
    intro: 'ERPs and other systems call Keyhold with an API key (header X-API-Key) to send customers and orders in batches. The name of a key is the source of what it writes; give each integration its own key.',
    revoke: 'Revoke', revokeTitle: 'Revoke API key', revoked: 'Key revoked',
    revokeConfirm: 'Once revoked, the integration using "{name}" can no longer reach Keyhold; what it wrote stays. Revoke?',
    statusActive: 'Active', statusRevoked: 'Revoked', never: 'Never',
    fields: {
      name: 'Name', prefix: 'Prefix', scopes: 'Scopes', created_at: 'Created', last_used_at: 'Last used',
      requests_24h: 'Requests 24 h', items_24h: 'Items 24 h', status: 'Status',
    },
    nameHint: 'The name of the integration, e.g. erp-main: it becomes the source of the customers and orders this key writes.',
    scopesRequired: 'Choose at least one scope',
    scopeHints: {
      customers_read: 'Read customers', customers_write: 'Write customers in batches', orders_write: 'Write orders and returns in batches', visits_sync: 'Visit sync (field app)',
    },
    keyTitle: 'New key: {name}',
    keyWarning: 'Copy this key now and keep it safe. It will not be shown again once you close this window (Keyhold keeps only its hash); if it is lost, revoke it and create a new one.',
    copy: 'Copy', copiedShort: 'Copied', copied: 'Key copied to the clipboard', copyFailed: 'Could not copy automatically; select the key and copy it',
    usage: 'Send it in the request header: X-API-Key: <key>', done: 'I have saved it, close',
  },
  scoring: {
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
    list: {
      title: 'Scoring', tabReview: 'To review', tabMine: 'Mine', tabAll: 'All', filterPeriod: 'Quarter', filterStatus: 'Status',
      myDrafts: 'Drafts in my scope', filledByMe: 'Filled by me', empty: 'No score sheets', emptyReview: 'Nothing to review',
      open: 'Open', review: 'Review',
    },
    openQuarter: {
      button: 'Open quarter', title: 'Open a quarter for scoring', period: 'Quarter', submit: 'Open',
      hint: 'Creates a draft score sheet for every customer in your scope without one for the quarter (temporarily abandoned customers aside), with the indicators the data can compute filled in. Running it again creates only what is missing.',
      result: '{period}: {created} draft score sheet(s) created', withoutModel: '{n} customer(s) have a type no score model covers: no sheet',
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
  },
  tiers: {
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
      savedVersion: 'Saved {name} version {version}', name: 'Model name', customerTypes: 'Customer types', everyType: 'Every type',
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
    levelsCard: { title: 'Key-account levels', level: 'Level' },
    abc: {
      title: 'ABC classes (Pareto)', cumulative: 'Cumulative share of revenue', customersRanked: 'Customers, largest revenue first (cumulative)', zone: 'Class {cls}',
      empty: 'No customer revenue yet', class: 'Class {cls}', customersN: '{n} customers',
      hint: 'A: the customers making the first {a}% of revenue; B: the next {b}%; C: the rest.',
    },
    deciles: {
      title: 'Decile analysis', byRevenue: 'By revenue', byFutureProfit: 'By future profit', needsClv: 'Deciles by future profit need the customer lifetime value (CLV) predictions first.',
      decile: 'Customers', cumulativeCustomers: 'Cumulative customers', total: 'Total', cumulativeTotal: 'Cumulative total', cumulativePercent: 'Cumulative %',
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
  },
  loyalty: {
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
      title: 'Segments', hint: 'Click a bar to see its customers', segment: 'Segment', history: 'Segment sizes over time', historyHint: 'Customers per segment at each recompute (company-wide)', empty: 'No segments yet',
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
  },
  notFound: { title: 'Page not found', back: 'Back to start' },
  complaints,
  sla,
}

export default en
