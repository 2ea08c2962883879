// Integrations: API keys.
const messages = {
  title: '集成', new: '新建 API 密钥', activeCount: '{n} 个有效', empty: '暂无 API 密钥',
  intro: 'ERP 等外部系统通过 API 密钥（请求头 X-API-Key）调用 Keyhold，批量写入客户和订单。密钥名称即其写入数据的来源，每个集成单独使用一个密钥。',
  revoke: '吊销', revokeTitle: '吊销 API 密钥', revoked: '密钥已吊销',
  revokeConfirm: '吊销后，使用「{name}」的集成将立即无法访问 Keyhold；它已写入的数据会保留。确定吊销？',
  statusActive: '有效', statusRevoked: '已吊销', never: '从未使用',
  fields: {
    name: '名称', prefix: '前缀', scopes: '权限范围', created_at: '创建时间', last_used_at: '最近使用',
    requests_24h: '24 小时请求', items_24h: '24 小时条目', status: '状态',
  },
  nameHint: '集成的名称，如 erp-main：它会作为此密钥写入的客户和订单的来源。',
  scopesRequired: '至少选择一项权限',
  scopeHints: {
    customers_read: '读取客户', customers_write: '批量写入客户', orders_write: '批量写入订单和退货单',
  },
  keyTitle: '新密钥：{name}',
  keyWarning: '请立即复制并妥善保存此密钥。关闭此窗口后将无法再次查看（Keyhold 只保存其哈希值）；遗失后只能吊销并新建。',
  copy: '复制', copiedShort: '已复制', copied: '密钥已复制到剪贴板', copyFailed: '无法自动复制，请手动选中后复制',
  usage: '调用时在请求头中携带：X-API-Key: <密钥>', done: '我已保存，关闭',
}

export default messages
