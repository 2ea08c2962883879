import type { Messages } from '@/i18n/messages'
import type zh from './zh-CN'

const messages: Messages<typeof zh> = {
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
    customers_read: 'Read customers', customers_write: 'Write customers in batches', orders_write: 'Write orders and returns in batches',
  },
  keyTitle: 'New key: {name}',
  keyWarning: 'Copy this key now and keep it safe. It will not be shown again once you close this window (Keyhold keeps only its hash); if it is lost, revoke it and create a new one.',
  copy: 'Copy', copiedShort: 'Copied', copied: 'Key copied to the clipboard', copyFailed: 'Could not copy automatically; select the key and copy it',
  usage: 'Send it in the request header: X-API-Key: <key>', done: 'I have saved it, close',
}

export default messages
