// Tiering: the tier dashboard, category rules, levels, ABC, deciles, movement, tier settings.
const messages = {
  title: '分级分类', notScored: '未评分', customers: '客户数',
  tabs: { categories: '客户分类', value: '等级与价值', model: '评分模型', rules: '分类规则', settings: '分级设置' },
  dimensions: { potential: '开发潜力', possibility: '开发可能性', basis: '开发基础' },
  grades: { potential: '潜力', possibility: '可能性', basis: '基础' },
  levels: { special: '特级', A: 'A 级', B: 'B 级', C: 'C 级' },
  filters: {
    category: '类别', potential: '开发潜力', possibility: '开发可能性', basis: '开发基础',
    key_account_level: '大客户等级', abc_class: 'ABC 分类', clearAll: '清除分级筛选',
  },
  matrix: {
    title: '客户分类矩阵', summary: '已评级 {graded} · 未评级 {notGraded}',
    empty: '还没有审核通过的评分表，暂无客户评级', gridTitle: '按评级组合（行：开发潜力，列：开发可能性，格内按开发基础拆分）',
    basisShort: '基础', gridHint: '颜色表示该评级组合所属类别，点击数字查看客户',
    cellTitle: '潜力 {potential} · 可能性 {possibility} · 基础 {basis}：{category}，{n} 个客户',
  },
  movement: {
    title: '类别变化', heatmapTitle: '{from} → {to} 类别迁移（行：{from}，列：{to}）', backwards: '起始季度不早于结束季度，显示的是反向变化。',
    promoted: '升级 {n}', demoted: '降级 {n}', unchanged: '不变 {n}', entered: '新评分 {n}', left: '未再评分 {n}',
    empty: '这两个季度都没有审核通过的评分表',
  },
  alerts: {
    title: '预警', empty: '没有需要关注的变化', kind: '类型', before: '之前', after: '之后',
    kinds: { marginal_potential_rose: '鸡肋客户潜力上升', stronghold_fell: '阵地客户下滑' },
  },
  rules: {
    title: '分类规则', intro: '按顺序逐条匹配客户的三项评级，第一条匹配的规则决定类别；最后一条须匹配任意评级，保证每个客户都有类别。某一维度不勾选（或全选）表示任意评级。保存后，所有已评级客户按新规则重新归类，并记入评级历史。',
    anyGrade: '任意', moveUp: '上移', moveDown: '下移', key: '标识', labelZh: '中文名称', labelEn: '英文名称',
    positioningZh: '定位（中文）', positioningEn: '定位（英文）', lastHint: '最后一条：匹配所有其余客户',
    remove: '删除', add: '添加类别', preview: '预览影响', moving: '将改变类别的客户：', from: '原类别', to: '新类别',
    nobodyMoves: '没有客户会改变类别', saveTitle: '保存分类规则', saveConfirm: '保存后 {n} 个客户将改变类别，并记入评级历史。确定保存吗？',
    saved: '分类规则已保存，{n} 个客户改变了类别',
    problems: {
      keyFormat: '标识须以小写字母开头，只含小写字母、数字和下划线', keyDuplicate: '标识与其他类别重复',
      labelMissing: '请填写中文和英文名称', lastNotAny: '最后一条规则须匹配任意评级：请清除其评级条件',
      unreachable: '这条规则匹配任意评级，其后的规则将不会被用到', noRules: '至少需要一条规则',
    },
  },
  model: {
    pick: '评分模型', versions: '版本', version: '版本', maxima: '满分（潜力/可能性/基础）', thresholds: '评级线',
    indicatorCount: '指标数', versionsHint: '评分表保留评分时使用的版本；点击某一版本可在右侧试算。',
    editorTitle: '编辑 {name}（当前第 {version} 版）', newModel: '新建评分模型', asNew: '另存为新模型', saveVersion: '保存为新版本', saveNew: '创建模型',
    savedVersion: '已保存 {name} 第 {version} 版', name: '模型标识', nameZh: '中文名称', nameEn: '英文名称', customerTypes: '适用客户类型', everyType: '所有类型',
    gradeA: 'A 级线（满分的 %）', gradeB: 'B 级线（满分的 %）', maximum: '满分 {n}', key: '标识', weight: '权重', source: '来源',
    addIndicator: '添加指标', atLeast: '达到', points: '得分', addStep: '添加档位', scaleHint: '按数据计算：数据达到某值时得相应分数（{unit}）',
    sources: { manual: '人工评分', transaction_amount: '成交金额', order_share: '成单占比', satisfaction: '满意度调查' },
    sourceUnits: { manual: '', transaction_amount: '季度成交金额，元', order_share: '占客户申报采购额的 %', satisfaction: '满意度 1–5 分' },
    problems: {
      nameFormat: '模型名称须以小写字母开头，只含小写字母、数字和下划线', keyFormat: '指标标识须以小写字母开头，只含小写字母、数字和下划线',
      keyDuplicate: '指标标识不能重复', weight: '权重须大于 0 且不超过 1000', labelMissing: '每个指标都需要中文和英文名称',
      scaleMissing: '数据计算的指标需要得分档位', scalePoints: '档位须填写完整，得分在 0 到权重之间', noIndicator: '每个维度至少需要一个指标',
      thresholds: '评级线须满足 0 < B ≤ A ≤ 100',
    },
  },
  whatIf: {
    title: '试算（{name} 第 {version} 版）', fillMax: '全部满分', fillHalf: '全部一半', clear: '清空',
    thresholds: 'A ≥ {a}%，B ≥ {b}%，其余为 C', category: '所属类别：',
  },
  value: {
    revenue12m: '近 12 个月净收入', revenueShare: '收入占比',
    asOf: '数据来自 {at} 的分级重算（{trigger}）', noRun: '还没有分级重算', untiered: '{n} 个客户尚未分级',
  },
  levelsCard: { title: '大客户等级', level: '等级', total: '合计' },
  abc: {
    title: 'ABC 分类（帕累托）', cumulative: '累计收入占比', customersRanked: '客户（按收入从高到低累计）', zone: '{cls} 类',
    empty: '还没有客户收入数据', class: '{cls} 类客户', customersN: '{n} 个客户',
    hint: 'A 类：贡献前 {a}% 收入的客户；B 类：其后 {b}%；其余为 C 类。',
  },
  deciles: {
    title: '十分位分析', byRevenue: '按收入', byFutureProfit: '按未来利润', needsClv: '按未来利润分析需要先有客户终身价值（CLV）预测。',
    decile: '客户比例', cumulativeCustomers: '累计客户数', total: '合计', cumulativeTotal: '累计合计', cumulativePercent: '累计占比',
    percentOfMaximum: '占最大累计值', minimum: '最低单客', average: '平均单客',
    hint: '客户按近 12 个月净收入从高到低排列，等分为十组（前几组多分一个）；每行为该组客户。',
  },
  settings: {
    title: '分级设置', version: '第 {n} 版',
    intro: '大客户等级按近 12 个月净收入划分：达到特级线为特级，达到 A 级线为 A 级，达到 B 级线为 B 级，其余为 C 级。ABC 分类按收入从高到低累计：贡献前 A% 收入的客户为 A 类，其后 B% 为 B 类，其余为 C 类。修改后从下一次重算起生效；每晚自动重算，也可立即重算。',
    fields: { level_special: '特级线（元）', level_a: 'A 级线（元）', level_b: 'B 级线（元）', abc_a_percent: 'A 类收入占比', abc_b_percent: 'B 类收入占比' },
    cShare: 'C 类收入占比（其余）', saved: '分级设置已保存，下一次重算起生效', recompute: '立即重算',
    recomputed: '重算完成：{customers} 个客户，{changed} 个变化', runResult: '重算完成（截至 {month}）：{customers} 个客户，{changed} 个客户的等级或 ABC 分类有变化。',
    runs: '重算记录', system: '系统',
    run: { startedAt: '开始时间', trigger: '方式', by: '操作人', asOf: '截至月份', changed: '变化', settings: '使用的设置', settingsSummary: '特级 ≥ {special}，A 级 ≥ {a}，B 级 ≥ {b}；ABC：A {pa}%，B {pb}%' },
    triggers: { manual: '手动', cli: '命令行', nightly: '夜间任务', demo: '演示数据' },
    problems: {
      required: '必填', levelOrder: '须满足 0 ≤ B 级线 ≤ A 级线 ≤ 特级线', abcA: 'A 类占比须大于 0 且不超过 100',
      abcSum: 'A、B 两类占比之和不能超过 100',
    },
  },
  window: {
    trailing12Months: '近12个月 {from} 至 {to}', completeQuarters: '近4个完整季度 {first}–{last}', next12Months: '未来12个月 {from} 至 {to}',
    revenue: '销售额口径', netRevenue: '净销售额',
  },
  partitionCheck: {
    title: '需关注：分区与等级不符', intro: '按分区规则，这些客户的大客户等级要求其在另一个分区（等级来自最近一次分级重算；暂时放弃的客户不列入）。',
    empty: '所有客户的分区都与等级相符', total: '共 {n} 个客户', count: '{level} {n}',
    customer: '客户', owner: '客户经理', level: '等级', revenue: '近12个月净销售额', partition: '当前分区', needed: '应在分区',
    fix: '调整', fixAll: '全部调整（{n}）', fixConfirm: '把 {name} 调整到“{partition}”分区？会记入客户的变更记录。',
    fixAllConfirm: '把列表中的 {n} 个客户调整到规则要求的分区？每个客户都会记入变更记录。', fixTitle: '调整分区',
    fixThisConfirm: '把该客户调整到“{partition}”分区？会记入客户的变更记录。',
    fixed: '已调整 {n} 个客户的分区', progress: '正在调整：{done} / {total}', stopped: '已调整 {done} 个，其余未调整：{reason}',
    more: '加载更多', noOwner: '未分配',
    flag: '等级为{level}，按规则应在“{partition}”分区（当前：{current}）',
    rule: {
      title: '分区规则', edit: '编辑规则', summary: '规则：{rules}', none: '规则未要求任何等级的分区', either: '不限',
      intro: '每个大客户等级的客户应在哪个分区；“不限”表示两个分区都可以。保存规则不会移动客户：不符的客户出现在“需关注”列表中，由人调整。',
      levelTo: '{level} → {partition}', separator: '；', saved: '分区规则已保存',
    },
  },
}

export default messages
