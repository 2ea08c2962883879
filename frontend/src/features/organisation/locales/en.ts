import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
  account: {
    changePassword: 'Change password', currentPassword: 'Current password', passwordChanged: 'Password changed',
    otherSessionsEnd: 'Your sessions on other devices end when you change it',
    currentPasswordWrong: 'The current password is not right', newPasswordRefused: 'Not accepted: at least 10 characters, not only letters or only digits, and not the current password',
  },
  login: {
    title: 'Sign in', subtitle: 'Key-account CRM', username: 'Username', password: 'Password', submit: 'Sign in',
    failed: 'Wrong username or password', required: 'Enter your username and password',
    tooMany: 'Too many failed attempts; try again in {seconds} seconds', tooManyNoWait: 'Too many failed attempts; try again later',
  },
  roles: {
    admin: 'Administrator', hq_key_account: 'HQ key accounts', store_manager: 'Store manager',
    account_manager: 'Account manager', service_agent: 'Service agent', analyst: 'Analyst',
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
}

export default messages
