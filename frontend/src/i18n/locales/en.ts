import type zh from './zh-CN'

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
  nav: { customers: 'Customers', users: 'Users', orgUnits: 'Org units', integrations: 'Integrations' },
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
  notFound: { title: 'Page not found', back: 'Back to start' },
}

export default en
