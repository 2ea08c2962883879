"""The server's words in the user's language: problem+json `title`, `detail` and each field error's `message`
in zh-CN or en, by the request's Accept-Language, and a stable `code` per field error that clients switch on.

The domain raises English and knows nothing of languages; this catalogue translates what it says. Entries are
`str.format` templates: `{name}` stands for the part an f-string fills in (`f"Customer {customer_id} not
found."` is written `"Customer {id} not found."`); each template is compiled once into a pattern, and a message
is matched against the patterns, its values carried over into the Chinese (some, such as a role, translated
through VALUES_ZH). pydantic's own errors are translated by their `type` with their `ctx`. English stays
exactly as the code wrote it: machine clients, which send no Accept-Language, see stable English.

tests/unit/test_messages.py walks domain/ and api/ and fails on a message without an entry here. The words are
the SPA's (frontend/src/features/*/locales/zh-CN.ts) and docs/domain.md's glossary.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from typing import Any, Literal

Locale = Literal["zh-CN", "en"]
# What a client without Accept-Language (an ERP, a script) gets: English that does not change under it.
DEFAULT_LOCALE: Locale = "en"


def negotiate(accept_language: str | None) -> Locale:
    """The locale for an Accept-Language header (RFC 9110 section 12.5.4): the supported language with the
    highest weight; any Chinese (zh, zh-Hans, zh-CN, zh-TW ...) is zh-CN, the one Chinese there is."""
    choices: list[tuple[float, int, Locale]] = []
    for index, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 1.0
        primary = tag.strip().lower().split("-")[0]
        locale: Locale | None = "zh-CN" if primary == "zh" else "en" if primary == "en" else None
        if locale is not None and weight > 0:
            choices.append((-weight, index, locale))
    return min(choices)[2] if choices else DEFAULT_LOCALE


# --- titles: the status's phrase -------------------------------------------------------------------------------

TITLES_ZH: dict[int, str] = {
    400: "请求有误", 401: "未登录", 402: "需要付费", 403: "无权操作", 404: "未找到", 405: "不支持此请求方法",
    406: "无法提供所需格式", 407: "需要代理认证", 408: "请求超时", 409: "冲突", 410: "已不存在", 411: "缺少请求长度",
    412: "数据已被修改", 413: "请求内容过大", 414: "请求地址过长", 415: "不支持的内容类型", 416: "请求范围无效",
    417: "无法满足预期", 418: "我是茶壶", 421: "请求发错了服务器", 422: "输入有误", 423: "已锁定",
    424: "依赖的请求失败", 425: "请求过早", 426: "需要升级协议", 428: "缺少版本号", 429: "请求过于频繁",
    431: "请求头过大",
    451: "因法律原因不可用", 500: "服务器出错", 501: "尚未实现", 502: "网关出错", 503: "服务暂不可用",
    504: "网关超时", 505: "不支持的 HTTP 版本", 506: "内容协商出错", 507: "存储空间不足", 508: "检测到循环",
    510: "缺少扩展", 511: "需要网络认证",
}


def title(status: int, locale: Locale) -> str:
    phrase = HTTPStatus(status).phrase
    return TITLES_ZH.get(status, phrase) if locale == "zh-CN" else phrase


# --- the domain's and the API's own messages ------------------------------------------------------------------

# Values a message names, translated by the placeholder that holds them; others are shown as they are.
_ROLES = {"admin": "系统管理员", "hq_key_account": "大客户部", "store_manager": "营业部经理",
          "account_manager": "客户经理", "service_agent": "客服", "analyst": "分析员", "None": "无"}
VALUES_ZH: dict[str, dict[str, str]] = {
    "role": _ROLES,
    "severity": {"general": "一般", "major": "重大"},
    "status": {"received": "已受理", "responded": "已答复", "in_resolution": "专项处理中", "resolved": "已解决",
               "closed": "已结案", "draft": "草稿", "submitted": "待审核", "returned": "已退回", "approved": "已通过",
               "planned": "已计划", "in_progress": "拜访中", "completed": "已完成", "cancelled": "已取消",
               "missed": "未拜访"},
    "action": {"respond": "答复客户", "escalate": "升级为重大投诉", "confirm": "核实", "set task group": "设立工作组",
               "resolve": "解决", "close": "结案", "pause": "暂停计时", "resume": "恢复计时", "return visit": "回访",
               "feedback": "记录经验反馈", "check in": "签到", "complete": "完成", "cancel": "取消",
               "be marked missed": "标记为未拜访"},
    "unit": {"week": "周", "month": "个月"},
    "dimension": {"potential": "开发潜力", "possibility": "开发可能性", "basis": "开发基础"},
    # check_version's `what`: the thing edited.
    "what": {"customer": "客户", "contact": "联系人", "complaint": "投诉", "score sheet": "评分表",
             "calendar": "工作日历", "SLA policy": "SLA 策略", "loyalty settings": "忠诚度设置",
             "tier settings": "分级设置", "partition rule": "分区规则", "visit": "拜访", "visit plan": "拜访计划",
             "visit outcome": "拜访结果"},
}

# English template -> zh-CN template. Grouped by who says it; keep the English exactly as the code writes it.
MESSAGES: dict[str, str] = {
    # api/: the request itself
    "The request has invalid fields.": "请求中有填写不正确的字段。",
    "not readable": "无法读取",
    "The request breaks a business rule.": "请求违反了业务规则。",
    "The request body cannot be read: send UTF-8 JSON (or the form the operation documents).":
        "无法读取请求内容：请发送 UTF-8 编码的 JSON（或接口文档规定的表单）。",
    "A value in the request cannot be stored or searched for; check the input.":
        "请求中的某个值无法保存或搜索，请检查输入。",
    "No API route /{path}.": "没有接口 /{path}。",
    "The SPA is not built: run `make run` (or `npm --prefix frontend run build`).":
        "前端尚未构建：请运行 `make run`（或 `npm --prefix frontend run build`）。",
    "The database does not answer.": "数据库没有响应。",
    "must not contain NUL characters": "不能包含 NUL 字符",
    "may be omitted but not null": "可以不填，但不能为 null",
    "at most health_max": "不能大于健康度上限",
    "the review queue holds submitted sheets": "审核队列只包含待审核的评分表",
    'send the version number you edited, e.g. "3"': '请发送所编辑数据的版本号，如 "3"',
    "not valid JSON: {error}": "不是有效的 JSON：{error}",
    'send {{"{key}": [ ... ]}}': '请发送 {{"{key}": [ ... ]}}',
    "at most {n} per request; split the batch": "每次最多 {n} 条，请分批发送",
    "translations are by UI language ({locales}), not {unknown}": "译名按界面语言（{locales}）填写，不支持 {unknown}",
    # signing in, sessions, API keys
    "Sign in first.": "请先登录。",
    "The session has expired or is invalid; sign in again.": "登录已过期或无效，请重新登录。",
    "Unknown API key.": "未知的 API 密钥。",
    "Unknown or revoked API key.": "API 密钥未知或已吊销。",
    "Cookie-authenticated changes need the X-Requested-With header.":
        "通过 Cookie 登录的修改请求需要 X-Requested-With 请求头。",
    "Wrong username or password.": "用户名或密码错误。",
    "Too many failed sign-ins; try again in {seconds} s.": "登录失败次数过多，请 {seconds} 秒后再试。",
    "Too many sign-ins at once; try again in {seconds} s.": "同时登录的请求过多，请 {seconds} 秒后再试。",
    "this is not your current password": "这不是您当前的密码",
    "This action needs a signed-in user, not an API key.": "此操作需要登录用户执行，不能使用 API 密钥。",
    "Your role ({role}) may not do this ({permission}).": "您的角色（{role}）无权执行此操作（{permission}）。",
    # versions (If-Match)
    "Send If-Match with the version of the {what} you edited.": "请在 If-Match 中发送您所编辑的{what}的版本号。",
    "The {what} changed since you loaded it (now version {version}); reload and retry.":
        "{what}在您打开后已被修改（当前版本 {version}），请重新加载后再试。",
    "The customer changed while you saved; reload and retry.": "保存时客户已被他人修改，请重新加载后再试。",
    "The contact changed while you saved; reload and retry.": "保存时联系人已被他人修改，请重新加载后再试。",
    # organisation: users, org units, setting up
    "1-32 capital letters, digits, '-' or '_'": "1-32 位大写字母、数字、- 或 _",
    "2-64 lowercase letters, digits, '.', '_' or '-'": "2-64 位小写字母、数字、.、_ 或 -",
    "a unit needs a name": "请填写组织名称",
    "An org unit with code {code} exists.": "编码为 {code} 的组织已存在。",
    "no org unit with this code": "没有此编码的组织",
    "only the headquarters has no parent": "只有总部没有上级组织",
    "The username {username} is taken.": "用户名 {username} 已被占用。",
    "you cannot disable yourself": "不能停用自己",
    "User {id} not found.": "用户 {id} 不存在。",
    "at least {n} characters": "至少 {n} 个字符",
    "mix letters with digits or symbols": "须同时包含字母和数字或符号",
    "Keyhold is set up already (it has users): administrators add users and org units.":
        "Keyhold 已经初始化（已有用户）：请由系统管理员添加用户和组织。",
    "no such org unit": "没有这个组织",
    # customers and contacts
    "Customer {id} not found.": "客户 {id} 不存在。",
    "Contact {id} not found.": "联系人 {id} 不存在。",
    "a customer needs a name": "请填写客户名称",
    "a contact needs a name": "请填写联系人姓名",
    "not a valid phone number (e.g. 13812345678 or 021-62345678)":
        "电话号码格式不正确（如 13812345678 或 021-62345678）",
    "a registration id is 6-64 letters, digits or dashes (unified social credit code: 18)":
        "须为 6-64 位字母、数字或短横线（统一社会信用代码为 18 位）",
    "abandon a customer with the abandon action (it needs a reason and review date)":
        "请用“暂时放弃”操作放弃客户（需要填写原因和复查日期）",
    "at most {n} words": "最多 {n} 个词",
    "no active user with this id": "没有此 ID 的在职用户",
    "a {role} cannot own customers": "{role}不能负责客户",
    "an org unit is required": "请选择所属门店",
    "account managers keep the customers they create": "客户经理新建的客户归自己负责",
    "this user works outside your stores": "此用户不在您的门店",
    "this org unit is outside your stores": "此门店不在您的管辖范围内",
    "outside your own unit": "不在您所在的组织内",
    "another customer has this external id": "已有客户使用此外部编号",
    "this field cannot be edited here": "此字段不能在这里修改",
    "reinstate the customer to take them back": "请先恢复该客户",
    "say why the customer is set aside": "请说明暂时放弃该客户的原因",
    "the review date must be in the future": "复查日期须在今天之后",
    "only an abandoned customer can be reinstated": "只有暂时放弃的客户才能恢复",
    "say why the customers change hands": "请说明转移客户的原因",
    "name at least one customer": "请至少选择一位客户",
    "at most {n} customers at once": "一次最多 {n} 位客户",
    "not found: {ids}": "不存在：{ids}",
    "this contact has already left": "该联系人已离任",
    "cannot be in the future": "不能晚于今天",
    "before the contact started": "早于该联系人的任职开始日期",
    # dates
    "a date from {first} to {last}": "日期须在 {first} 至 {last} 之间",
    "a time from {first} to {last} (UTC)": "时间须在 {first} 至 {last} 之间（UTC）",
    # orders and integrations
    "Your role may not read orders.": "您的角色无权查看订单。",
    "No such order.": "没有这个订单。",
    "needs a UTC offset, e.g. 2026-11-23T10:00:00+08:00": "需要带时区偏移，如 2026-11-23T10:00:00+08:00",
    "lies in the future": "不能晚于现在",
    "must not be negative (send returns as returns)": "不能为负数（退货请作为退货发送）",
    "an ISO 4217 code such as CNY": "须为 ISO 4217 货币代码，如 CNY",
    "must be positive": "须大于 0",
    "must not be negative": "不能为负数",
    "exceeds the line's value": "超过了该行的金额",
    "differs from the sum of the lines ({sum})": "与各行合计（{sum}）不符",
    "a return names the order it returns": "退货须注明所退的原订单",
    "only a return references another order": "只有退货才能引用其他订单",
    "a partially returned order says how much came back": "部分退货的订单须注明退货金额",
    "must lie between 0 and the order's total": "须在 0 与订单总额之间",
    "only for partially returned orders": "只适用于部分退货的订单",
    "Keyhold keeps revenue in {currency}; convert before sending": "Keyhold 以 {currency} 记录收入，请换算后再发送",
    "appears more than once in this batch": "在本批中出现了不止一次",
    "no customer with this external id from {source}; send the customer first":
        "{source} 没有此外部编号的客户，请先发送客户",
    "no order with this external id": "没有此外部编号的订单",
    "the original order belongs to another customer": "原订单属于另一位客户",
    "Only administrators issue API keys.": "只有系统管理员可以签发 API 密钥。",
    "Only administrators manage API keys.": "只有系统管理员可以管理 API 密钥。",
    "Only integrations (API keys) send batches.": "只有集成（API 密钥）可以批量发送数据。",
    "This API key lacks the {scope} scope.": "此 API 密钥缺少 {scope} 权限范围。",
    "No active API key with this id.": "没有此 ID 的有效 API 密钥。",
    "name the integration (it becomes the source of its data)": "请填写集成名称（它将作为所写入数据的来源）",
    "choose from {choices}": "请从以下选择：{choices}",
    "There is no headquarters org unit yet: run `keyhold init` first.": "还没有总部组织：请先运行 `keyhold init`。",
    "no active user with this username": "没有此用户名的在职用户",
    "required for a new customer": "新客户必须填写",
    "someone edited this customer at the same moment; send it again": "有人同时修改了该客户，请重新发送",
    # scoring: models and sheets
    "No score model applies; an administrator creates one.": "没有适用的评分模型，请系统管理员创建。",
    "No such score model.": "没有这个评分模型。",
    "{types} already use model {model}": "{types} 已在使用评分模型 {model}",
    "each indicator needs its own key": "指标标识不能重复",
    "a computed indicator needs a points scale": "数据计算的指标需要得分档位",
    "must lie between 0 and the weight": "须在 0 与权重之间",
    "the {dimension} dimension has no indicator": "“{dimension}”维度没有指标",
    "need 0 < B <= A <= 100 (percent of the dimension's maximum)": "须满足 0 < B ≤ A ≤ 100（占该维度满分的百分比）",
    "not an indicator of this score model": "不是此评分模型的指标",
    "must lie between 0 and {max}": "须在 0 与 {max} 之间",
    "at most 1000 characters": "最多 1000 个字符",
    "the data gives {computed} points; say why you enter {entered}":
        "按数据计算为 {computed} 分，请说明为何填写 {entered}",
    "needs a value before the sheet is submitted": "提交评分表前须填写",
    "A {status} sheet cannot be changed; it is with the reviewer or done.":
        "“{status}”的评分表不能修改：它正在审核或已审核完毕。",
    "You filled this sheet: someone else reviews it.": "这张评分表由您填写，须由他人审核。",
    "Only a submitted sheet is reviewed; this one is {status}.":
        "只有待审核的评分表才能审核，这张评分表的状态为“{status}”。",
    "Score sheet {id} not found.": "评分表 {id} 不存在。",
    "{customer} already has a score sheet for {quarter}.": "{customer} 已有 {quarter} 的评分表。",
    "no score model applies to this customer type": "此客户类型没有适用的评分模型",
    "a quarter like 2026Q3, from {first} on": "季度格式如 2026Q3，且不早于 {first}",
    "a quarter that has not started cannot be scored": "尚未开始的季度不能评分",
    "only the current quarter and the {n} before it can be opened": "只能开启当前季度及之前的 {n} 个季度",
    "say what the filler should change": "请说明填写人需要修改什么",
    # tiering
    "each category needs its own key": "类别标识不能重复",
    "a category needs a Chinese and an English label": "每个类别都需要中文和英文名称",
    "the last rule must match any grades, so every customer gets a category":
        "最后一条规则须匹配任意级别，使每位客户都有类别",
    "need 0 <= B <= A <= special": "须满足 0 ≤ B ≤ A ≤ 特级",
    "must be a number": "须为数字",
    "must be less than {limit}": "须小于 {limit}",
    "at most two decimal places": "最多两位小数",
    "must be at least level_b": "不能小于 B 级门槛",
    "must be at least level_a": "不能小于 A 级门槛",
    "must be more than 0 and at most 100": "须大于 0 且不超过 100",
    "abc_a_percent + abc_b_percent must be at most 100": "A 类与 B 类占比之和不能超过 100",
    "must be key, regular or empty (either)": "须为重点客户、普通客户或留空（均可）",
    "Customer {customer}'s partition already agrees with its level; reload the list.":
        "客户 {customer} 的分区已与其等级相符，请刷新列表。",
    "must be a quarter before `to`": "须早于结束季度",
    # loyalty
    "each segment needs its own key": "分群标识不能重复",
    "scores are 1 to 5, at least one per figure": "得分为 1 到 5，每项至少一个",
    "no segment for recency/frequency scores {scores}": "近度/频度得分 {scores} 没有对应的分群",
    "not a health signal": "不是健康度指标",
    "a weight is 0 or more": "权重不能为负数",
    "at least one weight above 0": "至少一个权重大于 0",
    "above 0 and at most formation_days": "须大于 0 且不超过形成期天数",
    "above 0": "须大于 0",
    "a fall: below 0": "下降幅度须小于 0",
    "at least 1": "不能小于 1",
    "0 to 100": "须在 0 到 100 之间",
    "above -100 and at most 100": "须大于 -100 且不超过 100",
    "1 to 120 months": "须为 1 到 120 个月",
    "not in the future": "不能晚于今天",
    "loyalty is kept by calendar quarter: give today or the last day of a past quarter":
        "忠诚度按自然季度记录：请填写今天或过去某季度的最后一天",
    # complaints
    "Complaint {id} not found.": "投诉 {id} 不存在。",
    "Your role ({role}) does not handle complaints.": "您的角色（{role}）不处理投诉。",
    "Your role ({role}) does not record complaints.": "您的角色（{role}）不能登记投诉。",
    "Only the operations centre (HQ key-account department) confirms major complaints and sets task groups.":
        "只有运营中心（总部大客户部）才能核实重大投诉并设立工作组。",
    "Answer the customer first (first response), then resolve.": "请先答复客户（首次响应），再解决。",
    "Resume the complaint before escalating it.": "请先恢复计时，再升级投诉。",
    "A {severity} complaint that is {status} cannot {action}.": "{severity}投诉在“{status}”状态下不能{action}。",
    "Business calendar {id} is missing.": "工作日历 {id} 不存在。",
    "No active SLA policy applies to {severity} complaints; an administrator must add one.":
        "没有适用于{severity}投诉的有效 SLA 策略，请系统管理员添加。",
    "The SLA policy {name} has no calendar.": "SLA 策略 {name} 没有工作日历。",
    "must not be in the future": "不能晚于现在",
    "must not be empty": "不能为空",
    "no such customer in your scope": "您的数据范围内没有这个客户",
    "must not be before the complaint's last event ({at})": "不能早于该投诉的上一条记录（{at}）",
    "explain why the complaint is not verified": "请说明投诉不属实的原因",
    "no such active user": "没有这个在职用户",
    "name at least one member": "请至少选择一名成员",
    "each person once": "每人只能出现一次",
    "say what you are waiting for": "请说明在等待什么",
    # SLA: calendars, policies, the report
    "Calendar {id} not found.": "工作日历 {id} 不存在。",
    "SLA policy {id} not found.": "SLA 策略 {id} 不存在。",
    "unknown time zone {zone}: name an IANA zone": "未知时区 {zone}：请填写 IANA 时区名称",
    "the week needs 7 entries, Monday to Sunday": "一周须有 7 项，从周一到周日",
    "the week has no working time, so working-time timers never end":
        "一周没有工作时段，按工作时间计的时限将永远不会到期",
    "{day} is listed more than once": "{day} 重复出现",
    "a holiday has no working windows": "节假日不能有工作时段",
    "window {start}-{end}: need 0 <= start < end <= 1440 minutes":
        "时段 {start}-{end}：须满足 0 ≤ 开始 < 结束 ≤ 1440 分钟",
    "windows {before} and {after} overlap or are not in order": "时段 {before} 与 {after} 重叠或顺序不对",
    "not a working window (HH:MM-HH:MM): {text}": "不是有效的工作时段（HH:MM-HH:MM）：{text}",
    "not a time of day in {text}": "{text} 中的时间无效",
    "a working window must end after it starts: {text}": "工作时段的结束须晚于开始：{text}",
    "between 1 and 99": "须在 1 到 99 之间",
    "a {severity} complaint needs this timer": "{severity}投诉需要此时限",
    "only major complaints are confirmed": "只有重大投诉需要确认",
    "one or more years between 1990 and 2100": "一个或多个 1990 到 2100 之间的年份",
    "no holidays known for {country}": "没有 {country} 的节假日数据",
    "no such calendar": "没有这个工作日历",
    "Keep an active policy for every {severity} complaint (without a level or category).":
        "须为所有{severity}投诉保留一个有效策略（不限等级和类别）。",
    "must not be after `to`": "不能晚于结束日期",
    "the period is at most {days} days (two years) long": "时间段最长 {days} 天（两年）",
    # notifications
    "Notification {id} not found.": "通知 {id} 不存在。",
    # visits
    "Visit {id} not found.": "拜访 {id} 不存在。",
    "A {status} visit cannot {action}.": "“{status}”状态的拜访不能{action}。",
    "not a category or level the company has": "不是公司已有的客户类别或等级",
    "every 1 to {limit} {unit}s": "每 1 至 {limit} {unit}",
    "10 to {limit} m": "10 至 {limit} 米",
    "give both latitude and longitude, or neither": "纬度和经度须同时填写或同时不填",
    "must not be after `planned_to`": "不能晚于结束日期",
    "must not be before today": "不能早于今天",
    "the customer is temporarily abandoned": "该客户已暂时放弃",
    "not an active outcome": "不是有效的拜访结果",
    "not contacts of this customer: {ids}": "不是该客户的联系人：{ids}",
    "must be after today": "须晚于今天",
    "say what the next step is": "请填写下一步计划",
}

# Field error codes pinned by hand (the rest are derived from the English template, see field_code): when an
# English message is reworded, pin its old code here so that clients switching on it keep working.
CODES: dict[str, str] = {
    "window {start}-{end}: need 0 <= start < end <= 1440 minutes": "window_outside_the_day",
    "a fall: below 0": "must_be_negative",
    "the last rule must match any grades, so every customer gets a category": "last_rule_must_match_any_grades",
    "the week has no working time, so working-time timers never end": "week_has_no_working_time",
}


@dataclass(frozen=True)
class Entry:
    en: str
    zh: str
    code: str
    pattern: re.Pattern[str]
    groups: tuple[str, ...]  # the placeholder each group of `pattern` captures, in order


def _code(template: str) -> str:
    # The fixed words of the first clause without asides: "not a valid phone number (e.g. ...)" ->
    # not_a_valid_phone_number; "at most {n} per request; split the batch" -> at_most_per_request.
    words = re.sub(r"\([^)]*\)", "", "".join(literal for literal, _, _, _ in string.Formatter().parse(template)))
    words = re.split(r"[;:]|, e\.g\.", words)[0]
    return "_".join(re.findall(r"[a-z0-9]+", words.lower())) or "invalid"


def _entry(en: str, zh: str) -> Entry:
    regex: list[str] = []
    groups: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(en):
        regex.append(re.escape(literal))
        if field is not None:
            regex.append(f"(?P<p{len(groups)}>.*?)")
            groups.append(field)
    return Entry(en, zh, CODES.get(en) or _code(en), re.compile("".join(regex), re.DOTALL), tuple(groups))


@cache
def _catalogue() -> tuple[dict[str, Entry], tuple[Entry, ...]]:
    entries = [_entry(en, zh) for en, zh in MESSAGES.items()]
    exact = {e.en.replace("{{", "{").replace("}}", "}"): e for e in entries if not e.groups}
    # The most specific template first: the one with the most fixed text.
    patterned = sorted((e for e in entries if e.groups), key=lambda e: -len(_code(e.en)))
    return exact, tuple(patterned)


def entry_for(message: str) -> Entry | None:
    exact, patterned = _catalogue()
    if message in exact:
        return exact[message]
    return next((e for e in patterned if e.pattern.fullmatch(message)), None)


def untranslated(template: str) -> bool:
    """Whether a template has no words of its own to translate (it only passes on another message)."""
    return not re.search(r"[A-Za-z]", "".join(literal for literal, _, _, _ in string.Formatter().parse(template)))


def localize_message(message: str, locale: Locale) -> str:
    """A domain or API message in the locale; as it is when the catalogue does not know it."""
    if locale == "en":
        return message
    entry = entry_for(message)
    if entry is None:
        return message
    match = entry.pattern.fullmatch(message)
    assert match is not None
    values = {name: VALUES_ZH.get(name, {}).get(value, value)
              for name, value in zip(entry.groups, match.groups(), strict=True)}
    return entry.zh.format_map(values)


def field_code(message: str) -> str:
    """The stable code of a domain field error: its catalogue entry's; `invalid` for a message it lacks."""
    entry = entry_for(message)
    return entry.code if entry else "invalid"


# --- pydantic's errors, by type ----------------------------------------------------------------------------------

# Every type pydantic-core knows (tests/unit/test_messages.py checks the list), with its ctx as placeholders.
# Parsers' own English detail (`ctx.error` of date_parsing, json_invalid ...) is left out of the Chinese.
PYDANTIC_ZH: dict[str, str] = {
    "missing": "必填",
    "extra_forbidden": "不允许此字段",
    "string_type": "须为文本",
    "string_unicode": "须为有效的文本（无法按 Unicode 解析）",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确（须匹配 {pattern}）",
    "string_not_ascii": "只能包含 ASCII 字符",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
    "greater_than": "须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "multiple_of": "须为 {multiple_of} 的倍数",
    "finite_number": "须为有限的数字",
    "int_type": "须为整数",
    "int_parsing": "须为整数",
    "int_parsing_size": "整数过大",
    "int_from_float": "须为整数，不能有小数部分",
    "float_type": "须为数字",
    "float_parsing": "须为数字",
    "decimal_type": "须为数字",
    "decimal_parsing": "须为数字",
    "decimal_max_digits": "最多 {max_digits} 位数字",
    "decimal_max_places": "最多 {decimal_places} 位小数",
    "decimal_whole_digits": "整数部分最多 {whole_digits} 位",
    "fraction_type": "须为分数或数字",
    "fraction_parsing": "不是有效的分数",
    "complex_type": "须为复数",
    "complex_str_parsing": "不是有效的复数",
    "bool_type": "须为是或否（true / false）",
    "bool_parsing": "须为是或否（true / false）",
    "none_required": "须为空（null）",
    "date_type": "须为日期",
    "date_parsing": "须为日期，格式如 2026-01-31",
    "date_from_datetime_parsing": "须为日期，格式如 2026-01-31",
    "date_from_datetime_inexact": "须为日期，不能带时间",
    "date_past": "须为过去的日期",
    "date_future": "须为将来的日期",
    "time_type": "须为时刻",
    "time_parsing": "须为时刻，格式如 09:30",
    "datetime_type": "须为日期时间",
    "datetime_parsing": "须为日期时间，格式如 2026-01-31T09:30:00+08:00",
    "datetime_object_invalid": "不是有效的日期时间",
    "datetime_from_date_parsing": "须为日期时间，格式如 2026-01-31T09:30:00+08:00",
    "datetime_past": "须为过去的时间",
    "datetime_future": "须为将来的时间",
    "timezone_naive": "不能带时区",
    "timezone_aware": "须带时区，如 +08:00",
    "timezone_offset": "时区偏移须为 {tz_expected} 秒",
    "time_delta_type": "须为时长",
    "time_delta_parsing": "须为时长",
    "list_type": "须为列表",
    "tuple_type": "须为列表",
    "set_type": "须为不重复的列表",
    "frozen_set_type": "须为不重复的列表",
    "deque_type": "须为列表",
    "set_item_not_hashable": "列表中的项须为简单值",
    "iterable_type": "须为列表",
    "iteration_error": "无法逐项读取",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "dict_type": "须为对象",
    "frozen_dict_type": "须为对象",
    "ordered_dict_type": "须为对象",
    "counter_type": "须为对象",
    "mapping_type": "须为对象",
    "model_type": "须为对象",
    "model_attributes_type": "须为对象",
    "dataclass_type": "须为对象",
    "dataclass_exact_type": "须为对象",
    "named_tuple_type": "须为列表",
    "invalid_key": "键须为文本",
    "bytes_type": "须为文本",
    "bytes_too_short": "至少 {min_length} 个字节",
    "bytes_too_long": "最多 {max_length} 个字节",
    "bytes_invalid_encoding": "不是有效的 {encoding} 编码",
    "json_invalid": "不是有效的 JSON",
    "json_type": "须为 JSON 文本",
    "url_type": "须为网址",
    "url_parsing": "不是有效的网址",
    "url_syntax_violation": "不是有效的网址",
    "url_too_long": "网址最多 {max_length} 个字符",
    "url_scheme": "网址须以 {expected_schemes} 开头",
    "uuid_type": "须为 UUID",
    "uuid_parsing": "不是有效的 UUID",
    "uuid_version": "须为第 {expected_version} 版 UUID",
    "union_tag_invalid": "{discriminator} 的值 {tag} 无效，应为：{expected_tags}",
    "union_tag_not_found": "缺少 {discriminator}",
    "is_instance_of": "类型不正确",
    "is_subclass_of": "类型不正确",
    "callable_type": "类型不正确",
    "value_error": "值不正确",
    "assertion_error": "值不正确",
    "frozen_field": "此字段不能修改",
    "frozen_instance": "不能修改",
    "no_such_attribute": "没有此字段",
    "get_attribute_error": "无法读取",
    "needs_python_object": "无法读取",
    "recursion_loop": "存在循环引用",
    "recursion_depth_exceeded": "嵌套层级过深",
    "default_factory_not_called": "其他字段有误，无法取默认值",
    "missing_sentinel_error": "值不正确",
    "ellipsis_error": "值不正确",
    "arguments_type": "参数须为列表或对象",
    "missing_argument": "缺少必填参数",
    "unexpected_keyword_argument": "不允许此参数",
    "missing_keyword_only_argument": "缺少必填参数",
    "unexpected_positional_argument": "不允许此参数",
    "missing_positional_only_argument": "缺少必填参数",
    "multiple_argument_values": "参数重复",
}


def _choices(expected: object) -> str:
    # pydantic joins the allowed values in English ("'a', 'b' or 'c'"); the values are codes, kept as they are.
    return str(expected).replace(" or ", ", ")


def pydantic_message(error: Mapping[str, Any]) -> str:
    """The English message of a pydantic error, as the API has always written it."""
    return str(error.get("msg", "invalid")).removeprefix("Value error, ").removeprefix("Assertion failed, ")


def pydantic_code(error: Mapping[str, Any]) -> str:
    """A pydantic error's code: its type; a ValueError raised with a catalogued message has that message's."""
    kind = str(error.get("type", "value_error"))
    if kind in ("value_error", "assertion_error"):
        entry = entry_for(pydantic_message(error))
        if entry is not None:
            return entry.code
    return kind


def localize_pydantic(error: Mapping[str, Any], locale: Locale) -> str:
    english = pydantic_message(error)
    if locale == "en":
        return english
    kind = str(error.get("type", ""))
    if kind in ("value_error", "assertion_error") and entry_for(english) is not None:
        return localize_message(english, locale)
    template = PYDANTIC_ZH.get(kind)
    if template is None:
        return english
    ctx = {k: _choices(v) if k in ("expected", "expected_tags") else v for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format_map(ctx)
    except (KeyError, IndexError, ValueError):
        return english
