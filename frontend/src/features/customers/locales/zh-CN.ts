// Customers: partitions, the list, the 360 page, the form, contacts, the change log.
const messages = {
  partitions: { all: '全部客户', regular: '普通客户', key: '重点客户', abandoned: '暂时放弃' },
  customerTypes: {
    hotel: '酒店', restaurant: '餐饮', contractor: '工程承包商', design_firm: '设计公司', dealer: '经销商', other: '其他',
  },
  leadSources: {
    referral: '转介绍', exhibition: '展会', cold_call: '陌生拜访', online: '网络', existing_network: '既有关系', other: '其他',
  },
  growth: { high: '高', medium: '中', low: '低' },
  decisionRoles: {
    boss: '老板', decision_leader: '决策领导', head_chef: '厨师长', designer: '设计师',
    purchaser: '采购', opinion_leader: '意见领袖', other: '其他',
  },
  customers: {
    title: '客户', new: '新建客户', searchPlaceholder: '名称、编码、电话、地址或联系人', reassign: '转移客户',
    reassignSelected: '转移所选客户 ({n})', filterType: '客户类型', filterOwner: '客户经理', filterOrgUnit: '所属门店',
    sortUpdated: '最近更新', sortName: '按名称', noMore: '没有更多了', page: '第 {n} 页',
    created: '客户已创建', updated: '客户已更新', reassigned: '已转移 {n} 位客户',
    columns: {
      choose: '列', title: '显示的列', reset: '恢复默认', code: '客户编码', customer_type: '客户类型', partition: '分区',
      key_account_level: '大客户等级', category: '类别', health_score: '健康度', revenue_12m: '近 12 个月净收入',
      owner: '客户经理', org_unit: '所属门店', region: '区域', phone: '电话', updated_at: '更新时间',
    },
    total: '共 {n} 位客户', totalMore: '超过 {n} 位客户',
    fields: {
      code: '客户编码', name: '客户名称', customer_type: '客户类型', external_id: '外部编号', source_system: '来源系统',
      registration_id: '统一社会信用代码', address: '地址', region: '区域', phone: '电话', tags: '标签',
      lead_source: '客户来源', referrer: '推荐人', partition: '分区', owner: '客户经理', owner_id: '客户经理',
      org_unit: '所属门店', org_unit_code: '所属门店', abandon_reason: '放弃原因', abandon_review_on: '复查日期',
      created_at: '创建时间', updated_at: '更新时间', version: '版本',
    },
    characteristics: {
      title: '客户特质', qualification: '资质', registered_capital: '注册资本（元）', business_performance: '经营业绩',
      designer_count: '设计师人数', project_manager_count: '项目经理人数', outlet_count: '网点数量',
      market_share_pct: '市场占有率（%）', annual_purchasing: '年采购总额（申报，元）', growth_potential: '成长潜力', business_philosophy: '经营理念与政策',
      ownership: '所有权关系', scale: '规模', financial_status: '财务状况', credit_rating: '信用',
      corporate_image: '企业形象', staff_quality: '员工素质', competitor_relations: '与竞争对手关系',
      known_problems: '已知问题', empty: '尚未填写客户特质',
    },
    detail: {
      basic: '基础信息', contacts: '联系人', ownership: '归属与转移记录', audit: '变更记录', back: '返回客户列表',
      markKey: '设为重点客户', backToRegular: '转为普通客户', abandon: '暂时放弃', reinstate: '恢复',
      currentOwner: '当前客户经理', currentOrgUnit: '当前门店', noOwner: '未分配',
      markedKey: '已设为重点客户', markedRegular: '已转为普通客户', abandoned: '已暂时放弃', reinstated: '已恢复',
      abandonedSince: '暂时放弃：{reason}（复查日期 {date}）',
    },
    form: { createTitle: '新建客户', editTitle: '编辑客户', basicSection: '基础信息', characteristicsSection: '客户特质', tagsPlaceholder: '输入后回车添加' },
    abandonDialog: { title: '暂时放弃客户', reason: '原因', reviewOn: '复查日期' },
    reassignDialog: {
      title: '转移客户', bulkTitle: '批量转移 {n} 位客户', owner: '新客户经理', orgUnit: '新门店（可选）',
      reason: '转移原因', ownerRequired: '请选择客户经理', reasonRequired: '请填写原因',
    },
    ownership: { from: '开始', to: '结束', current: '至今', reason: '原因', changedBy: '操作人', empty: '暂无归属记录', reasons: { created: '新建客户' } },
    audit: { empty: '暂无变更记录', by: '操作人', system: '系统', field: '字段', before: '修改前', after: '修改后', created: '创建', more: '加载更早的记录', details: '{n} 个字段' },
  },
  auditActions: {
    create: '创建', update: '修改', abandon: '暂时放弃', reinstate: '恢复', reassign: '转移',
    contact_create: '新增联系人', contact_update: '修改联系人', contact_end: '联系人离任',
    score_sheet_create: '新建评分表', score_sheet_update: '修改评分表', score_sheet_submit: '提交评分表',
    score_sheet_approve: '评分表审核通过', score_sheet_return: '评分表退回',
  },
  contacts: {
    add: '添加联系人', editTitle: '编辑联系人', createTitle: '添加联系人', end: '离任', endTitle: '联系人离任',
    former: '已离任', current: '在任', reach: '联系方式', primary: '主要联系人', empty: '暂无联系人',
    fields: {
      name: '姓名', title: '职务', decision_role: '决策角色', phone: '电话', email: '邮箱', wechat: '微信',
      notes: '备注', is_primary: '主要联系人', started_on: '任职日期', ended_on: '离任日期', reason: '离任原因', ended_reason: '离任原因',
    },
    created: '联系人已添加', updated: '联系人已更新', ended: '已记录离任',
  },
}

export default messages
