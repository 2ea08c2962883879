import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
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
    title: 'Customers', new: 'New customer', searchPlaceholder: 'Name, code, phone, address, contact', reassign: 'Reassign',
    reassignSelected: 'Reassign selected ({n})', filterType: 'Customer type', filterOwner: 'Account manager', filterOrgUnit: 'Store',
    sortUpdated: 'Recently updated', sortName: 'By name', noMore: 'No more results', page: 'Page {n}',
    created: 'Customer created', updated: 'Customer updated', reassigned: '{n} customer(s) reassigned',
    columns: {
      choose: 'Columns', title: 'Columns shown', reset: 'Defaults', code: 'Code', customer_type: 'Type', partition: 'Partition',
      key_account_level: 'Key-account level', category: 'Category', health_score: 'Health', revenue_12m: '12-month net revenue',
      owner: 'Account manager', org_unit: 'Store', region: 'Region', phone: 'Phone', updated_at: 'Updated',
    },
    total: 'No customers | {n} customer | {n} customers', totalMore: 'More than {n} customers',
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
}

export default messages
