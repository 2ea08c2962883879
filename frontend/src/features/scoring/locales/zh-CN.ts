// Scoring: score sheets and score models.
const messages = {
  nav: '评分',
  dimensions: { potential: '开发潜力', possibility: '开发可能性', basis: '开发基础' },
  statuses: { draft: '草稿', submitted: '待审核', returned: '已退回', approved: '已通过' },
  sources: { manual: '人工评分', transaction_amount: '成交金额', order_share: '成单占比', satisfaction: '满意度调查' },
  levels: { special: '特级', A: 'A 级', B: 'B 级', C: 'C 级' },
  tierSources: { score_sheet: '评分表审核通过', recompute: '分级重算', category_rules: '分类规则变更' },
  tierFields: { grades: '评级', category: '类别', key_account_level: '大客户等级', abc_class: 'ABC 分类' },
  fields: {
    period: '季度', status: '状态', customer: '客户', category: '类别', grades: '评级', filled_by: '填表人',
    submitted_at: '提交时间', reviewed_by: '审核人', reviewed_at: '审核时间', review_comment: '审核意见',
    created_by: '创建人', created_at: '创建时间', updated_at: '更新时间', model: '评分模型',
    graded_period: '评级季度', key_account_level: '大客户等级', abc_class: 'ABC 分类', positioning: '定位',
  },
  quarterCurrent: '{period}（进行中）',
  notScored: '未评分', notScoredHint: '还有指标未评分，评级和类别在全部评分后给出',
  list: {
    title: '评分', tabReview: '待我审核', tabMine: '我的', tabAll: '全部', filterPeriod: '季度', filterStatus: '状态',
    myDrafts: '我范围内的草稿', filledByMe: '我填写的', empty: '没有评分表', emptyReview: '没有待审核的评分表',
    open: '打开', review: '审核',
  },
  openQuarter: {
    button: '开启季度评分', title: '开启季度评分', period: '季度', submit: '开启',
    hint: '为您数据范围内该季度还没有评分表的客户各建一张草稿评分表，数据可计算的指标会预先填好。先看将新建多少张，确认后才创建；重复执行只补建缺少的。',
    result: '{period}：新建 {created} 张草稿评分表', withoutModel: '{n} 个客户的类型没有适用的评分模型，未建表',
    current: '本季度', customers: '客户范围', includeRegular: '包括普通客户（默认只含重点客户）',
    willCreateKey: '{period}：将为重点客户新建 {n} 张草稿评分表', willCreateAll: '{period}：将为重点和普通客户新建 {n} 张草稿评分表',
    existing: '已有评分表的客户：{n} 个', owner: '客户经理', drafts: '新建草稿', noOwner: '未分配客户经理',
    moreOwners: '另有 {n} 位客户经理未列出', nothing: '没有需要新建的评分表', confirm: '确认新建 {n} 张', close: '关闭',
  },
  sheet: {
    title: '评分表', back: '返回评分列表', toCustomer: '客户 360', indicator: '指标', points: '得分', outOf: '满分 {max}',
    computed: '数据计算', measured: '数据：{value}', dataGives: '数据得分 {points}', noData: '暂无数据，请人工评分',
    overridden: '已修改', note: '修改说明', notePlaceholder: '说明为何与数据计算的得分不同', noteRequired: '修改了数据计算的得分，请填写说明',
    save: '保存', submit: '提交审核', approve: '通过', return: '退回', saved: '评分表已保存', submitted: '已提交审核',
    approved: '评分表已通过', returned: '评分表已退回', unsaved: '有未保存的修改', leaveConfirm: '有未保存的修改，确定离开吗？',
    stale: '其他人已修改这张评分表。请重新加载查看最新内容（未保存的修改将丢失）。', reload: '重新加载',
    result: '评定结果', live: '随输入实时计算', calculating: '计算中…', percentage: '{p}%', unscored: '还有 {n} 项未评分',
    returnedBanner: '审核退回：{comment}', readOnly: '这张评分表已提交或已审核，不能再修改。',
    modelVersion: '{name} 第 {version} 版', dimensionPoints: '{points} / {maximum}',
  },
  review: {
    approveTitle: '通过评分表', returnTitle: '退回评分表', comment: '审核意见', commentRequired: '请说明填表人需要修改什么',
    approveHint: '通过后，这张表的评级和类别成为客户当前的评级和类别，并记入评级历史。',
    returnHint: '退回后，填表人修改后可再次提交。',
  },
  card: {
    title: '客户评级', notGraded: '尚未评级：还没有审核通过的评分表', gradedIn: '{period} 评级', history: '评级变化',
    noHistory: '暂无评级历史', sheets: '评分表', noSheets: '还没有评分表', newSheet: '新建评分表', revenue12m: '近 12 个月净收入 {amount}',
  },
  newSheet: {
    title: '新建评分表', period: '季度', hint: '默认为最近一个完整季度。', create: '创建', created: '已创建 {period} 评分表',
    exists: '{period} 的评分表已存在，已为您打开',
  },
}

export default messages
