// Loyalty: RFM, health, lifecycle, CLV, the loyalty settings.
const messages = {
  nav: '忠诚度', title: '客户忠诚度', customers: '客户数', revenue12m: '近 12 个月净销售额', neverBought: '从未购买',
  health: '健康度', churnRisk: '流失风险', clv: '客户终身价值', pAlive: '存活概率', futureProfit: '未来利润', core: '核心客户',
  stages: { exploration: '考察期', formation: '形成期', stability: '稳定期', decline: '退化期' },
  stageHints: {
    exploration: '首次购买不久，双方仍在相互了解', formation: '关系在发展：采购在增长', stability: '采购稳定', decline: '采购减少或长时间未下单',
  },
  valueClasses: { value: '价值客户', potential: '潜力客户', migrating: '迁移客户', freezing_point: '冰点客户', none: '未分类' },
  valueClassHints: {
    value: '当前价值高（ABC 分类 A 类）', potential: '仍有增长空间', migrating: '销售额或采购占比下滑：正在转向竞争对手',
    freezing_point: '长时间没有采购', none: '从未购买',
  },
  coreHint: '当前价值高且增长潜力大的客户', coreCount: '{n} 位核心客户',
  run: {
    title: '最近一次计算', asOf: '数据截至', finishedAt: '完成时间', trigger: '方式', by: '执行人', system: '系统', customers: '客户数',
    triggers: { manual: '手动', cli: '命令行', nightly: '每晚', demo: '演示数据' },
    aboutModel: '关于模型（供分析人员参考）',
    aboutModelText: '客户终身价值（CLV）模型根据每位客户以往的购买次数、间隔和金额，预测其继续购买的可能性、未来购买次数和每次金额，再按毛利率和折现率折算为未来利润。',
    fit: '终身价值模型', bgNbd: 'BG/NBD（购买次数）', gammaGamma: 'Gamma-Gamma（单次金额）', logLikelihood: '对数似然',
    fitCustomers: '拟合客户', spenders: '重复购买客户', dataRange: '数据区间', fitSeconds: '拟合耗时', seconds: '{s} 秒',
    noFit: '未拟合终身价值模型：{reason}', noRun: '尚未计算：每晚自动计算，管理员也可立即计算',
    recompute: '立即计算', recomputed: '计算完成：{customers} 位客户，数据截至 {date}',
  },
  rfm: {
    title: 'RFM 矩阵（最近购买 × 购买频率）', recency: '最近购买得分（5 = 最近）', frequency: '购买频率得分（5 = 最频繁）',
    hint: '格内为该得分组合的客户数；悬停查看所属分群与销售额', empty: '尚无 RFM 数据',
  },
  segments: {
    title: '客户分群', hint: '点击柱条查看其中的客户', segment: '分群', history: '分群规模变化', historyHint: '每次计算时各分群的客户数（全公司），突出最大的 {n} 个分群，其余合并为“其他分群”', empty: '尚无分群数据',
    other: '其他分群', share: '{n} 位（{share}）',
  },
  healthCard: {
    title: '健康度分布', noHealth: '{n} 位客户从未购买，没有健康度', low: '健康度低于 40：{n} 位客户', hint: '点击区间查看其中的客户',
  },
  stagesCard: { title: '客户生命周期' },
  valueClassesCard: { title: '价值分类' },
  churn: {
    title: '流失风险', hint: '近一个季度健康度下降的客户，降幅最大的在前', customer: '客户', owner: '客户经理', healthNow: '当前健康度',
    change: '变化', status: '阶段 · 价值 · 分群', reasons: '主要原因', empty: '没有健康度下降的客户', loadMore: '加载更多',
  },
  clvCard: {
    title: '客户终身价值（CLV）十分位', settings: '毛利率 {margin}% · 年折现率 {discount}% · 预测期 {months} 个月',
    total: '未来利润', cumulative: '累计占比', needsRun: '终身价值需先完成一次计算',
    hint: '客户按未来利润（预测期内折现后的毛利）从高到低分为十组；毛利率、折现率与预测期为忠诚度设置。',
  },
  card: {
    title: '忠诚度', empty: '暂无忠诚度数据：下次计算后显示', asOf: '数据截至 {date}', reasons: '健康度构成（基准 50 分）',
    change: '较上上季度末 {change}（当时 {before}）', noScore: '从未购买，没有健康度', stage: '生命周期', valueClass: '价值分类',
    segment: '分群', rfm: 'RFM 代码', predicted: '未来 12 个月预计销售额', expectedPurchases: '预计购买次数', expectedOrderValue: '预计单次金额',
    recency: '最近购买', recencyDays: '{n} 天前', frequency: '近四个完整季度购买天数', monetary: '近四个完整季度净销售额', unknown: '暂无数据',
    points: '{p} 分', rfmHint: '最近购买 {r} · 购买频率 {f} · 金额 {m}（各 1–5 分）',
    complaintsCurrent: '本季度投诉（{year} 年第 {quarter} 季度至今）', complaintsPast: '上季度投诉（{year} 年第 {quarter} 季度）',
    complaints: '投诉', complaintCount: '{n} 次',
  },
  signalName: '{name}：',
  signals: {
    recency: {
      name: '最近购买', text: '距上次下单 {days} 天；通常每 {interval} 天下单一次',
      noBaseline: '距上次下单 {days} 天；尚无固定下单周期（按 {interval} 天计）', unknown: '尚未下单',
    },
    revenue_trend: {
      name: '销售额趋势', text: '上季度净销售额 {value}，去年同季度 {baseline}（{change}）',
      noBaseline: '上季度净销售额 {value}；去年同季度无销售，无从比较', unknown: '暂无销售数据',
    },
    share_of_wallet_trend: {
      name: '采购占比', text: '近四个完整季度占其年采购额的 {value}，此前四个季度为 {baseline}',
      noBaseline: '近四个完整季度占其年采购额的 {value}', unknown: '未填写年采购额',
    },
    discount_trend: {
      name: '折扣', text: '上季度折扣占标价的 {value}，去年同期为 {baseline}',
      noBaseline: '上季度折扣占标价的 {value}；去年同期无采购，无从比较', unknown: '上季度无采购',
    },
    cancellations_returns_trend: {
      name: '取消与退货', text: '上季度取消或退货的订单占 {value}，去年同期为 {baseline}',
      noBaseline: '上季度取消或退货的订单占 {value}；去年同期无订单，无从比较', unknown: '上季度无订单',
    },
    complaints_trend: {
      name: '投诉', text: '上季度投诉 {value} 次，去年同期 {baseline} 次', noBaseline: '上季度投诉 {value} 次', unknown: '暂无数据',
    },
    contact_changes: {
      name: '联系人变动', text: '近 12 个月联系人变动 {value} 次（{baseline} 次及以上计满）', unknown: '暂无数据',
    },
  },
  filters: {
    segment: '分群', stage: '生命周期', value_class: '价值分类', health_min: '健康度 ≥', health_max: '健康度 ≤', core: '核心客户',
    coreYes: '是', coreNo: '否', clearAll: '清除忠诚度筛选',
  },
  settings: {
    open: '设置', title: '忠诚度设置', version: '版本 {n}',
    intro: '每次计算所用的参数。修改从下一次计算起生效（每晚自动计算，或点击“立即计算”）。',
    saved: '忠诚度设置已保存：从下一次计算起生效', unchanged: '没有修改',
    economics: '终身价值', margin: '毛利率', discountRate: '年折现率', horizon: '预测期',
    weights: '健康度信号权重', weightsHint: '权重为 0 即停用该信号；各信号按权重比例计入。',
    lifecycleTitle: '生命周期阶段与价值分类', lifecycleHint: '阶段：依次判断考察期、退化期、形成期，其余为稳定期（先匹配者优先）。分类：依次判断冰点客户、迁移客户、价值客户（ABC 分类 A 类），其余为潜力客户。',
    lifecycle: {
      exploration_days: '考察期：首次购买不超过', formation_days: '形成期：首次购买不超过',
      growth: '形成期：销售额趋势不低于', decline: '退化期：销售额趋势不高于',
      decline_interval_factor: '退化期：未下单超过', dormant_days: '冰点客户：未购买超过',
      migrating: '迁移客户：销售额趋势不高于', migrating_share_points: '迁移客户：采购占比下降',
    },
    units: { percent: '%', months: '个月', days: '天', points: '个百分点', factor: '倍通常间隔' },
    segments: '分群规则', segmentsHint: '此处只读：分群规则需通过 API 修改（PUT /api/v1/loyalty/settings）。按顺序匹配，先匹配者优先。',
    segmentKey: '标识', segmentName: '名称', recency: '最近购买', frequency: '购买频率',
    otherErrors: '服务器拒绝了：',
    problems: {
      required: '必填', percentRange: '0 到 100', discountRange: '大于 -100 且不超过 100', horizonRange: '1 到 120 个月',
      weightNegative: '不小于 0', weightsAllZero: '至少一个权重大于 0', daysRange: '1 到 3650 天',
      explorationAfterFormation: '不超过形成期天数', positive: '大于 0', fall: '为下降：小于 0', factorMin: '不小于 1',
    },
  },
}

export default messages
