"""Demo-data content for Keyhold: a plausible East-China distributor.

Pure content generation, no I/O and no database: ``generate_demo_company``
returns org units, users and customers (with characteristics and contacts) that
the ``keyhold demo-data`` command (api/demo/data.py) writes through the use cases and the ports.

The output depends only on ``seed`` and ``customer_count``: every random draw
comes from one ``random.Random(seed)`` and nothing iterates a ``set``, so the
same arguments give the same company in any process. Dates are relative to the
fixed :data:`DEMO_TODAY`, never to the wall clock.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Generic, TypeVar

__all__ = [
    "CUSTOMER_TYPES",
    "DECISION_ROLES",
    "DEMO_PASSWORD",
    "DEMO_TODAY",
    "LEAD_SOURCES",
    "PARTITIONS",
    "ROLES",
    "DemoCompany",
    "DemoContact",
    "DemoCustomer",
    "DemoOrgUnit",
    "DemoUser",
    "generate_demo_company",
    "uscc_check_char",
]

DEMO_PASSWORD = "keyhold-demo"  # noqa: S105 - development only: every demo user logs in with it
DEMO_TODAY = datetime.date(2026, 11, 23)  # reference "today" of the demo data

ROLES: tuple[str, ...] = (
    "admin",
    "hq_key_account",
    "store_manager",
    "account_manager",
    "service_agent",
    "analyst",
)
CUSTOMER_TYPES: tuple[str, ...] = (
    "hotel",
    "restaurant",
    "contractor",
    "design_firm",
    "dealer",
)
DECISION_ROLES: tuple[str, ...] = (
    "boss",
    "decision_leader",
    "head_chef",
    "designer",
    "purchaser",
    "opinion_leader",
    "other",
)
LEAD_SOURCES: tuple[str, ...] = (
    "referral",
    "exhibition",
    "cold_call",
    "online",
    "existing_network",
    "other",
)
PARTITIONS: tuple[str, ...] = ("regular", "key", "abandoned")


# --------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrgUnit:
    code: str
    name: str
    kind: str
    parent_code: str | None


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str
    org_unit_code: str


@dataclass(frozen=True)
class DemoContact:
    name: str
    title: str | None
    decision_role: str
    phone: str | None
    email: str | None
    wechat: str | None
    is_primary: bool
    ended_on: datetime.date | None
    ended_reason: str | None


@dataclass(frozen=True)
class DemoCustomer:
    name: str
    customer_type: str
    registration_id: str | None
    address: str
    region: str
    phone: str
    tags: tuple[str, ...]
    lead_source: str | None
    referrer: str | None
    partition: str  # "regular" | "key" | "abandoned"
    abandon_reason: str | None
    abandon_review_on: datetime.date | None
    owner_username: str
    org_unit_code: str
    characteristics: dict[str, object]  # JSON-friendly; Decimal values as str
    contacts: tuple[DemoContact, ...]
    created_days_ago: int  # 0..1500


@dataclass(frozen=True)
class DemoCompany:
    org_units: tuple[DemoOrgUnit, ...]
    users: tuple[DemoUser, ...]
    customers: tuple[DemoCustomer, ...]


# --------------------------------------------------------------------------
# Organisation and users (fixed)
# --------------------------------------------------------------------------

_ORG_UNITS: tuple[DemoOrgUnit, ...] = (
    DemoOrgUnit("HQ", "总部", "headquarters", None),
    DemoOrgUnit("OPS", "运营中心", "operations_centre", "HQ"),
    DemoOrgUnit("KAD", "大客户部", "department", "OPS"),
    DemoOrgUnit("MKT", "市场部", "department", "HQ"),
    DemoOrgUnit("PLC", "采购物流中心", "department", "HQ"),
    DemoOrgUnit("SH", "上海区域中心店", "regional_store", "OPS"),
    DemoOrgUnit("HZ", "杭州区域中心店", "regional_store", "OPS"),
    DemoOrgUnit("NJ", "南京区域中心店", "regional_store", "OPS"),
    DemoOrgUnit("SH-PD", "上海浦东直营店", "store", "SH"),
    DemoOrgUnit("HZ-XH", "杭州西湖直营店", "store", "HZ"),
    DemoOrgUnit("NJ-GL", "南京鼓楼直营店", "store", "NJ"),
)

_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "系统管理员", "admin", "HQ"),
    DemoUser("hq.lin", "林海", "hq_key_account", "KAD"),
    DemoUser("hq.chen", "陈静怡", "hq_key_account", "KAD"),
    DemoUser("analyst.wu", "吴思远", "analyst", "HQ"),
    DemoUser("sm.sh", "顾伟民", "store_manager", "SH"),
    DemoUser("sm.hz", "沈立峰", "store_manager", "HZ"),
    DemoUser("sm.nj", "秦志刚", "store_manager", "NJ"),
    DemoUser("am.zhang", "张磊", "account_manager", "SH"),
    DemoUser("am.li", "李婷", "account_manager", "SH-PD"),
    DemoUser("am.wang", "王浩", "account_manager", "HZ"),
    DemoUser("am.zhao", "赵敏", "account_manager", "HZ-XH"),
    DemoUser("am.liu", "刘洋", "account_manager", "NJ"),
    DemoUser("am.sun", "孙晓东", "account_manager", "NJ-GL"),
    DemoUser("cs.zhou", "周琳", "service_agent", "SH"),
    DemoUser("cs.qian", "钱佳慧", "service_agent", "OPS"),
)

# --------------------------------------------------------------------------
# Geography: the six customer-holding stores and the districts they serve
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _District:
    name: str  # 浦东新区
    area_code: str  # administrative division code, used in the USCC
    region: str  # 华东/上海/浦东新区
    name_prefixes: tuple[str, ...]  # area words usable in business names
    streets: tuple[str, ...]


@dataclass(frozen=True)
class _Store:
    code: str
    weight: float  # share of customers
    city: str  # 上海
    city_full: str  # 上海市
    landline: str  # "021-6": area code and first digit of the local number
    districts: tuple[_District, ...]


def _sh(name: str, code: str, prefixes: str, streets: str) -> _District:
    return _District(name, code, f"华东/上海/{name}", tuple(prefixes.split()), tuple(streets.split()))


def _hz(name: str, code: str, prefixes: str, streets: str) -> _District:
    return _District(name, code, "华东/浙江/杭州", tuple(prefixes.split()), tuple(streets.split()))


def _nj(name: str, code: str, prefixes: str, streets: str) -> _District:
    return _District(name, code, "华东/江苏/南京", tuple(prefixes.split()), tuple(streets.split()))


_STORES: tuple[_Store, ...] = (
    _Store(
        code="SH",
        weight=0.24,
        city="上海",
        city_full="上海市",
        landline="021-6",
        districts=(
            _sh(
                "黄浦区",
                "310101",
                "黄浦 外滩 新天地",
                "南京东路 淮海中路 西藏中路 河南中路 复兴中路 中山南路 延安东路",
            ),
            _sh(
                "徐汇区",
                "310104",
                "徐汇 徐家汇 衡山",
                "漕溪北路 肇嘉浜路 天钥桥路 宜山路 虹桥路 衡山路 龙华中路",
            ),
            _sh(
                "静安区",
                "310106",
                "静安 静安寺 大宁",
                "南京西路 延安中路 江宁路 北京西路 共和新路 万航渡路 广中路",
            ),
            _sh("闵行区", "310112", "闵行 莘庄 七宝", "七莘路 沪闵路 虹井路 都市路 剑川路 吴中路 漕宝路"),
            _sh(
                "长宁区", "310105", "长宁 虹桥 古北", "天山路 仙霞路 延安西路 中山西路 娄山关路 遵义路 古北路"
            ),
        ),
    ),
    _Store(
        code="SH-PD",
        weight=0.20,
        city="上海",
        city_full="上海市",
        landline="021-6",
        districts=(
            _sh(
                "浦东新区",
                "310115",
                "浦东 陆家嘴 张江 金桥 川沙 世博",
                "张杨路 世纪大道 陆家嘴环路 浦东南路 东方路 杨高南路 锦绣路 "
                "金桥路 川沙路 张衡路 龙阳路 花木路 博成路 峨山路",
            ),
        ),
    ),
    _Store(
        code="HZ",
        weight=0.16,
        city="杭州",
        city_full="杭州市",
        landline="0571-8",
        districts=(
            _hz("上城区", "330102", "上城 湖滨 钱江", "解放路 延安路 庆春路 江城路 钱江路 望江路 秋涛路"),
            _hz("拱墅区", "330105", "拱墅 运河 大关", "莫干山路 湖墅南路 上塘路 舟山东路 大关路 丽水路"),
            _hz("滨江区", "330108", "滨江 高新 长河", "江南大道 滨盛路 长河路 网商路 江陵路 东信大道"),
            _hz("余杭区", "330110", "余杭 良渚 闲林", "文一西路 良睦路 五常大道 荆长大道 良渚大道"),
        ),
    ),
    _Store(
        code="HZ-XH",
        weight=0.12,
        city="杭州",
        city_full="杭州市",
        landline="0571-8",
        districts=(
            _hz(
                "西湖区",
                "330106",
                "西湖 西溪 黄龙 之江",
                "文三路 文二路 教工路 天目山路 曙光路 西溪路 古墩路 保俶路 黄龙路 文一路 学院路 之江路",
            ),
        ),
    ),
    _Store(
        code="NJ",
        weight=0.16,
        city="南京",
        city_full="南京市",
        landline="025-8",
        districts=(
            _nj("玄武区", "320102", "玄武 钟山 紫金山", "中山路 珠江路 龙蟠路 北京东路 长江路 太平北路"),
            _nj("秦淮区", "320104", "秦淮 夫子庙 新街口", "中华路 太平南路 洪武路 龙蟠中路 建康路 中山南路"),
            _nj(
                "建邺区", "320105", "建邺 河西 奥体", "江东中路 庐山路 河西大街 奥体大街 嘉陵江东街 应天大街"
            ),
            _nj("江宁区", "320115", "江宁 百家湖 九龙湖", "双龙大道 天元中路 胜太路 金源路 秣陵路 竹山路"),
        ),
    ),
    _Store(
        code="NJ-GL",
        weight=0.12,
        city="南京",
        city_full="南京市",
        landline="025-8",
        districts=(
            _nj(
                "鼓楼区",
                "320106",
                "鼓楼 颐和 下关",
                "中山北路 北京西路 湖南路 中央路 广州路 汉中路 虎踞路 云南路 草场门大街 热河路",
            ),
        ),
    ),
)

_ACCOUNT_MANAGER_BY_UNIT: dict[str, str] = {
    u.org_unit_code: u.username for u in _USERS if u.role == "account_manager"
}

# Cities whose builders and designers run branches (分公司/分所) in our cities.
_OTHER_CITIES: tuple[str, ...] = ("苏州", "宁波", "无锡", "常州", "绍兴", "嘉兴")

# --------------------------------------------------------------------------
# Business-name parts: (brand word, pinyin for e-mail domains)
# --------------------------------------------------------------------------


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``"锦江:jinjiang 华悦:huayue"`` -> ``(("锦江", "jinjiang"), ...)``."""
    out: list[tuple[str, str]] = []
    for item in text.split():
        zh, py = item.split(":")
        out.append((zh, py))
    return tuple(out)


_SHARED_BRANDS = _pairs(
    "锦江:jinjiang 华悦:huayue 金陵:jinling 明珠:mingzhu 君澜:junlan 开元:kaiyuan 新城:xincheng 绿地:lvdi"
)

_BRANDS: dict[str, tuple[tuple[str, str], ...]] = {
    "hotel": _SHARED_BRANDS
    + _pairs(
        "东湖:donghu 海天:haitian 银河:yinhe 天禧:tianxi 御庭:yuting 国宾:guobin "
        "华侨:huaqiao 凯旋:kaixuan 瑞丰:ruifeng 嘉华:jiahua 星河:xinghe "
        "世纪:shiji 锦华:jinhua 鸿福:hongfu 瑞景:ruijing 金桥:jinqiao 丽都:lidu "
        "雅居:yaju 悦榕:yuerong 汉庭:hanting 景瑞:jingrui 名人:mingren "
        "东方:dongfang 宝华:baohua 维景:weijing 华美:huamei"
    ),
    "restaurant": _SHARED_BRANDS[:4]
    + _pairs(
        "鸿运:hongyun 聚丰:jufeng 福临:fulin 望江:wangjiang 百味:baiwei "
        "知味:zhiwei 渔港:yugang 湘遇:xiangyu 蜀香:shuxiang 粤珍:yuezhen "
        "淮扬:huaiyang 江南:jiangnan 新荣:xinrong 德兴:dexing 荣记:rongji "
        "阿娘:aniang 老街:laojie 金悦:jinyue 御膳:yushan 乡味:xiangwei "
        "一品:yipin 稻香:daoxiang 海港:haigang 福寿:fushou 食尚:shishang "
        "兰亭:lanting 湖畔:hupan 福满:fuman 金牌:jinpai 悦来:yuelai "
        "状元:zhuangyuan 小渔村:xiaoyucun 南门:nanmen 椿树:chunshu"
    ),
    "contractor": _SHARED_BRANDS[5:]
    + _pairs(
        "宏达:hongda 建安:jianan 中天:zhongtian 华建:huajian 城建:chengjian "
        "恒信:hengxin 永固:yonggu 鼎立:dingli 卓越:zhuoyue 金盛:jinsheng "
        "泰丰:taifeng 华泰:huatai 顺发:shunfa 隆基:longji 远大:yuanda "
        "天成:tiancheng 鸿基:hongji 安居:anju 宏润:hongrun 中诚:zhongcheng "
        "汇通:huitong 恒基:hengji 鼎盛:dingsheng 弘毅:hongyi 华宇:huayu "
        "东升:dongsheng 申远:shenyuan 浙诚:zhecheng 宁建:ningjian 苏嘉:sujia"
    ),
    "design_firm": _pairs(
        "境象:jingxiang 无界:wujie 尚品:shangpin 观止:guanzhi 一本:yiben "
        "拾光:shiguang 素元:suyuan 知白:zhibai 栖居:qiju 见山:jianshan "
        "匠心:jiangxin 木石:mushi 方圆:fangyuan 维度:weidu 原点:yuandian "
        "半山:banshan 合一:heyi 青简:qingjian 大观:daguan 空白:kongbai "
        "光合:guanghe 明境:mingjing 筑境:zhujing 造境:zaojing 几何:jihe "
        "同构:tonggou 里外:liwai 山外山:shanwaishan 观澜:guanlan 华悦:huayue "
        "明珠:mingzhu 朴舍:pushe"
    ),
    "dealer": _pairs(
        "永兴:yongxing 兴旺:xingwang 恒发:hengfa 鑫源:xinyuan 金鑫:jinxin "
        "利民:limin 丰顺:fengshun 振华:zhenhua 宏发:hongfa 盛达:shengda "
        "明亮:mingliang 华灯:huadeng 亮丽:liangli 润泽:runze 广源:guangyuan "
        "福达:fuda 通达:tongda 德顺:deshun 隆盛:longsheng 瑞祥:ruixiang "
        "佳和:jiahe 聚源:juyuan 万通:wantong 光耀:guangyao 星辉:xinghui "
        "新城:xincheng 明珠:mingzhu 顺昌:shunchang"
    ),
}

# Brand words tied to one city (its landmarks and old names), for hotels and
# restaurants located there.
_LOCAL_BRANDS: dict[str, tuple[tuple[str, str], ...]] = {
    "上海": _pairs("华亭:huating 春申:chunshen 申江:shenjiang 浦江:pujiang 石库门:shikumen"),
    "杭州": _pairs("钱塘:qiantang 西子:xizi 云栖:yunqi 望湖:wanghu 湖滨:hubin 武林:wulin"),
    "南京": _pairs("钟山:zhongshan 紫金:zijin 秦淮:qinhuai 石城:shicheng 白鹭:bailu"),
}

# (suffix, is a registered company form that needs a city prefix, weight)
_SUFFIXES: dict[str, tuple[tuple[str, bool, float], ...]] = {
    "hotel": (
        ("大酒店", False, 30),
        ("国际酒店", False, 18),
        ("度假酒店", False, 10),
        ("大饭店", False, 8),
        ("宾馆", False, 10),
        ("花园酒店", False, 6),
        ("精品酒店", False, 8),
        ("商务酒店", False, 10),
    ),
    "restaurant": (
        ("餐饮管理有限公司", True, 30),
        ("酒楼", False, 18),
        ("私房菜", False, 12),
        ("海鲜酒家", False, 8),
        ("食府", False, 10),
        ("菜馆", False, 8),
        ("餐厅", False, 8),
        ("火锅", False, 6),
    ),
    "contractor": (
        ("建筑工程有限公司", True, 35),
        ("装饰工程有限公司", True, 35),
        ("建设集团有限公司", True, 8),
        ("建筑安装工程有限公司", True, 8),
        ("幕墙工程有限公司", True, 6),
        ("市政工程有限公司", True, 8),
    ),
    "design_firm": (
        ("建筑设计事务所", True, 25),
        ("室内设计有限公司", True, 35),
        ("装饰设计工程有限公司", True, 15),
        ("空间设计事务所", True, 15),
        ("照明设计有限公司", True, 10),
    ),
    "dealer": (
        ("建材商行", False, 25),
        ("灯饰经销部", False, 20),
        ("建材经营部", False, 15),
        ("照明电器商行", False, 12),
        ("五金建材商行", False, 10),
        ("冻品商行", False, 10),
        ("冷冻食品经营部", False, 8),
    ),
}

_TYPE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("hotel", 30),
    ("restaurant", 25),
    ("contractor", 20),
    ("design_firm", 12),
    ("dealer", 13),
)

_EMAIL_DOMAIN_FORMS: dict[str, tuple[str, ...]] = {
    "hotel": ("{b}hotel.com", "{b}-hotel.com.cn", "{b}hotels.cn"),
    "restaurant": ("{b}cy.com", "{b}food.cn", "{b}canyin.com"),
    "contractor": ("{b}jz.com", "{b}jianshe.cn", "{b}-group.com"),
    "design_firm": ("{b}design.com", "{b}-design.cn", "{b}studio.cn"),
    "dealer": ("{b}jc.com",),
}
_PUBLIC_MAIL = ("163.com", "126.com", "sina.com", "139.com", "hotmail.com")

# --------------------------------------------------------------------------
# People: names with pinyin
# --------------------------------------------------------------------------

_SURNAMES = _pairs(
    "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu "
    "周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin "
    "罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng "
    "邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan "
    "于:yu 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye 程:cheng 苏:su 魏:wei 吕:lv "
    "丁:ding 任:ren 沈:shen 姚:yao 卢:lu 姜:jiang 崔:cui 钟:zhong 谭:tan "
    "陆:lu 汪:wang 范:fan 金:jin 石:shi 夏:xia 方:fang 邹:zou 孟:meng "
    "秦:qin 江:jiang 顾:gu 钱:qian 严:yan 戴:dai 俞:yu 倪:ni 施:shi "
    "葛:ge 欧阳:ouyang"
)
# Common surnames first; weight falls off along the list.
_SURNAME_WEIGHTS = tuple(1.0 / (i + 6) for i in range(len(_SURNAMES)))

_GIVEN_FIRST = _pairs(
    "建:jian 志:zhi 海:hai 晓:xiao 国:guo 文:wen 明:ming 永:yong 德:de "
    "思:si 雨:yu 子:zi 嘉:jia 一:yi 诗:shi 梓:zi 佳:jia 俊:jun 立:li "
    "新:xin 春:chun 秀:xiu 玉:yu 丽:li 雪:xue 晨:chen 宇:yu 浩:hao 家:jia "
    "振:zhen 天:tian 伟:wei 美:mei 静:jing 慧:hui 鹏:peng 睿:rui 欣:xin"
)
_GIVEN_SECOND = _pairs(
    "伟:wei 芳:fang 敏:min 静:jing 强:qiang 磊:lei 军:jun 洋:yang 勇:yong "
    "艳:yan 杰:jie 娟:juan 涛:tao 明:ming 华:hua 峰:feng 辉:hui 平:ping "
    "刚:gang 斌:bin 婷:ting 琳:lin 欣:xin 鹏:peng 颖:ying 玲:ling 红:hong "
    "燕:yan 亮:liang 波:bo 宁:ning 慧:hui 晶:jing 瑶:yao 东:dong 梅:mei "
    "荣:rong 英:ying 兰:lan 云:yun 飞:fei 翔:xiang 泽:ze 彤:tong 怡:yi "
    "涵:han 萱:xuan 轩:xuan 豪:hao 成:cheng 龙:long 清:qing 超:chao 军:jun"
)

# Characters that work as a one-character given name (张伟, 李娜).
_GIVEN_SINGLE = _pairs(
    "伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang "
    "勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao 霞:xia 平:ping "
    "刚:gang 斌:bin 浩:hao 婷:ting 琳:lin 鹏:peng 辉:hui 峰:feng 凯:kai "
    "颖:ying 倩:qian 玲:ling 燕:yan 华:hua 亮:liang 健:jian 波:bo 宁:ning "
    "蕾:lei 晶:jing 瑶:yao 雪:xue 欣:xin 俊:jun 鑫:xin 宇:yu 晨:chen"
)

_MOBILE_PREFIXES: tuple[str, ...] = tuple(
    f"1{n}" for n in (30, 31, 32, 33, 35, 36, 37, 38, 39, 50, 51, 52, 53, 55, 56, 57, 58, 59)
) + tuple(f"18{n}" for n in (0, 1, 2, 3, 5, 6, 7, 8, 9))

# --------------------------------------------------------------------------
# Contacts: decision roles and titles per customer type
# --------------------------------------------------------------------------

_ROLE_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    "hotel": (
        ("boss", 8),
        ("decision_leader", 20),
        ("head_chef", 25),
        ("purchaser", 30),
        ("opinion_leader", 8),
        ("other", 9),
    ),
    "restaurant": (
        ("boss", 30),
        ("decision_leader", 10),
        ("head_chef", 28),
        ("purchaser", 20),
        ("opinion_leader", 6),
        ("other", 6),
    ),
    "contractor": (
        ("boss", 18),
        ("decision_leader", 20),
        ("designer", 12),
        ("purchaser", 30),
        ("opinion_leader", 12),
        ("other", 8),
    ),
    "design_firm": (
        ("boss", 22),
        ("decision_leader", 15),
        ("designer", 40),
        ("purchaser", 8),
        ("opinion_leader", 10),
        ("other", 5),
    ),
    "dealer": (
        ("boss", 55),
        ("decision_leader", 8),
        ("purchaser", 20),
        ("opinion_leader", 7),
        ("other", 10),
    ),
}

_PRIMARY_ROLE_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    "hotel": (("purchaser", 45), ("decision_leader", 25), ("head_chef", 20), ("boss", 10)),
    "restaurant": (("boss", 45), ("purchaser", 25), ("head_chef", 20), ("decision_leader", 10)),
    "contractor": (("purchaser", 40), ("boss", 25), ("decision_leader", 25), ("opinion_leader", 10)),
    "design_firm": (("designer", 45), ("boss", 35), ("decision_leader", 20)),
    "dealer": (("boss", 80), ("purchaser", 20)),
}

_TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "hotel": {
        "boss": ("总经理", "董事长", "驻店总经理"),
        "decision_leader": ("副总经理", "餐饮总监", "采购总监", "行政副总"),
        "head_chef": ("行政总厨", "中餐厨师长", "西餐厨师长", "宴会厨师长"),
        "purchaser": ("采购经理", "采购主管", "采购部经理", "采购员"),
        "opinion_leader": ("工程部经理", "餐饮部经理", "财务总监"),
        "other": ("财务经理", "仓库主管", "总经理助理", "前厅经理"),
    },
    "restaurant": {
        "boss": ("老板", "董事长", "总经理"),
        "decision_leader": ("运营总监", "副总经理", "出品总监"),
        "head_chef": ("厨师长", "行政总厨", "主厨"),
        "purchaser": ("采购主管", "采购经理", "采购员"),
        "opinion_leader": ("店长", "区域经理"),
        "other": ("会计", "仓管", "前厅主管"),
    },
    "contractor": {
        "boss": ("董事长", "总经理", "法人代表"),
        "decision_leader": ("副总经理", "项目总监", "总工程师"),
        "designer": ("设计总监", "深化设计师", "主案设计师"),
        "purchaser": ("材料采购经理", "采购部经理", "物资部经理"),
        "opinion_leader": ("工程部经理", "项目经理", "技术负责人"),
        "other": ("财务经理", "资料员", "预算员"),
    },
    "design_firm": {
        "boss": ("创始人", "合伙人", "总经理"),
        "decision_leader": ("设计总监", "执行总监", "合伙人"),
        "designer": ("主案设计师", "照明设计师", "软装设计师", "室内设计师"),
        "purchaser": ("材料专员", "采购专员", "物料经理"),
        "opinion_leader": ("首席设计师", "设计总监"),
        "other": ("商务经理", "行政主管", "项目助理"),
    },
    "dealer": {
        "boss": ("老板", "店主", "经理"),
        "decision_leader": ("副总经理", "合伙人"),
        "purchaser": ("采购", "进货负责人"),
        "opinion_leader": ("销售主管", "门店店长"),
        "other": ("会计", "仓库主管", "送货员"),
    },
}

# --------------------------------------------------------------------------
# Characteristics vocabulary
# --------------------------------------------------------------------------

_TAG_CANDIDATES: dict[str, tuple[tuple[str, float], ...]] = {
    "hotel": (("连锁", 0.3), ("国企", 0.18), ("外资", 0.1), ("高端", 0.2)),
    "restaurant": (("连锁", 0.3), ("高端", 0.12), ("团餐", 0.1)),
    "contractor": (("国企", 0.2), ("工程项目", 0.5), ("政府项目", 0.12)),
    "design_firm": (("设计师俱乐部", 0.45), ("外资", 0.08), ("工程项目", 0.25), ("高端", 0.15)),
    "dealer": (("连锁", 0.1), ("设计师俱乐部", 0.05), ("工程项目", 0.1)),
}
_OWNERSHIP_TAGS = ("国企", "外资")

_QUALIFICATIONS: dict[str, tuple[str, ...]] = {
    "restaurant": (
        "食品经营许可证（大型餐馆）",
        "食品经营许可证（中型餐馆）",
        "食品经营许可证（小型餐馆）",
    ),
    "contractor": (
        "建筑装饰工程专业承包一级",
        "建筑装饰工程专业承包二级",
        "建筑工程施工总承包二级",
        "建筑工程施工总承包三级",
        "建筑幕墙工程专业承包一级",
        "机电工程施工总承包二级",
        "市政公用工程施工总承包三级",
    ),
    "design_firm": (
        "建筑装饰工程设计专项甲级",
        "建筑装饰工程设计专项乙级",
        "建筑行业（建筑工程）甲级",
        "照明工程设计专项乙级",
        "无设计资质（工作室）",
    ),
    "dealer": ("一般纳税人", "小规模纳税人", "品牌授权经销商", "区域总代理"),
}

_COMPETITOR_RELATIONS: dict[str, tuple[str, ...]] = {
    "hotel": (
        "冻品同时从本地批发商采购，我方约占四成",
        "集团统一招标，竞品为上一年中标方",
        "与竞争对手无合作，只用我方冻品",
        "海鲜类由竞品供应，肉类由我方供应",
        "竞品报价低3%-5%，客户有比价习惯",
    ),
    "restaurant": (
        "主要冻品由农贸市场批发商供应",
        "与两家供应商轮换下单",
        "竞品提供账期60天，我方为30天",
        "与竞争对手无合作",
        "老板与竞品业务员私交较好",
    ),
    "contractor": (
        "主材由甲方指定品牌，辅材自行采购",
        "与竞品签有年度框架协议",
        "按项目招标，价格优先",
        "与竞争对手无合作",
        "竞品在其重点项目上做过样板",
    ),
    "design_firm": (
        "常推荐竞品进口品牌",
        "与多家品牌均有合作，无排他",
        "竞品提供设计返点，我方未提供",
        "设计师俱乐部会员，偏好我方产品",
        "与竞争对手无合作",
    ),
    "dealer": (
        "同时代理两个竞品品牌",
        "竞品给予更高返利",
        "只经销我方产品",
        "从竞品转来，仍有少量库存",
    ),
}

_KNOWN_PROBLEMS: dict[str, tuple[str, ...]] = {
    "hotel": (
        "付款周期偏长（约90天）",
        "采购负责人更换频繁",
        "对配送时效要求高，早餐原料需6点前到货",
        "曾因到货温度问题投诉",
        "对账流程复杂，发票要求严格",
    ),
    "restaurant": (
        "价格敏感，经常比价",
        "下单量波动大",
        "曾拖欠货款",
        "冷库容量小，需小批量多频次配送",
        "门店分散，配送成本高",
    ),
    "contractor": (
        "项目回款慢",
        "付款依赖甲方进度款",
        "现场收货流程不规范",
        "多个项目同时开工，需求难预测",
    ),
    "design_firm": (
        "项目落地周期长，转化慢",
        "设计师流动性大",
        "对样品和打样要求多",
        "关注返点政策",
    ),
    "dealer": (
        "库存积压，进货意愿下降",
        "价格体系混乱，存在窜货",
        "资金周转紧张",
        "店面位置偏，客流少",
    ),
}

_ABANDON_REASONS: dict[str, tuple[str, ...]] = {
    "hotel": ("经营困难暂停合作", "转向竞争对手", "停业装修", "采购改为集团集中招标"),
    "restaurant": ("经营困难暂停合作", "转向竞争对手", "门店关闭", "付款严重逾期"),
    "contractor": ("项目结束", "转向竞争对手", "付款严重逾期", "经营困难暂停合作"),
    "design_firm": ("项目结束", "转向竞争对手", "需求量过小，服务成本过高"),
    "dealer": ("经营困难暂停合作", "转向竞争对手", "付款严重逾期", "改做其他品类"),
}

_SCALES = ("大型", "中型", "小型")

# Registered capital in units of 10,000 CNY (万元), per scale; sole traders
# and studios register far less than hotels and builders.
_CAPITAL_WAN: dict[str, tuple[int, ...]] = {
    "大型": (5000, 8000, 10000, 10000, 20000, 30000, 50000, 100000),
    "中型": (500, 800, 1000, 1000, 2000, 3000, 5000),
    "小型": (10, 30, 50, 50, 100, 100, 200, 300, 500),
}
_SMALL_FIRM_CAPITAL_WAN: dict[str, tuple[int, ...]] = {
    "大型": (500, 1000, 1000, 2000, 5000),
    "中型": (100, 200, 300, 500, 500),
    "小型": (3, 5, 10, 10, 20, 30, 50, 100),
}

# Yearly revenue range in 万元 per customer type and scale (design firms: fees).
_REVENUE_WAN: dict[str, dict[str, tuple[int, int]]] = {
    "hotel": {"大型": (8000, 60000), "中型": (2000, 8000), "小型": (300, 2000)},
    "restaurant": {"大型": (5000, 50000), "中型": (800, 5000), "小型": (80, 800)},
    "contractor": {
        "大型": (20000, 200000),
        "中型": (3000, 20000),
        "小型": (300, 3000),
    },
    "design_firm": {"大型": (3000, 20000), "中型": (500, 3000), "小型": (50, 500)},
    "dealer": {"大型": (2000, 10000), "中型": (500, 3000), "小型": (50, 500)},
}

_T = TypeVar("_T")


class _Pick(Generic[_T]):
    """A weighted choice with precomputed cumulative weights: one draw per pick."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, options: Iterable[tuple[_T, float]]) -> None:
        pairs = tuple(options)
        self._items: tuple[_T, ...] = tuple(o for o, _ in pairs)
        self._cum: tuple[float, ...] = tuple(accumulate(w for _, w in pairs))
        self._total = self._cum[-1]

    def __call__(self, rng: random.Random) -> _T:
        i = bisect_right(self._cum, rng.random() * self._total)
        return self._items[min(i, len(self._items) - 1)]


def _picks(
    table: dict[str, tuple[tuple[_T, float], ...]],
) -> dict[str, _Pick[_T]]:
    return {key: _Pick(options) for key, options in table.items()}


_PICK_TYPE = _Pick(_TYPE_WEIGHTS)
_PICK_STORE = _Pick((s, s.weight) for s in _STORES)
_PICK_SURNAME = _Pick(zip(_SURNAMES, _SURNAME_WEIGHTS, strict=True))
_PICK_SUFFIX = {t: _Pick(((s, c), w) for s, c, w in v) for t, v in _SUFFIXES.items()}
_PICK_ROLE = _picks(_ROLE_WEIGHTS)
_PICK_PRIMARY_ROLE = _picks(_PRIMARY_ROLE_WEIGHTS)
_PICK_CONTACT_COUNT = _picks(
    {
        "key": ((2, 35), (3, 40), (4, 25)),
        "regular": ((1, 38), (2, 34), (3, 18), (4, 10)),
        "abandoned": ((1, 50), (2, 35), (3, 15)),
    }
)
_PICK_ENDED_REASON = _Pick((("离职", 70), ("调岗", 30)))
_PICK_SCALE = _picks(
    {
        "key": (("大型", 60), ("中型", 35), ("小型", 5)),
        "regular": (("大型", 10), ("中型", 40), ("小型", 50)),
        "abandoned": (("大型", 5), ("中型", 35), ("小型", 60)),
    }
)
_PICK_HOTEL_STAR = _picks(
    {
        "大型": ((5, 60), (4, 40)),
        "中型": ((4, 50), (3, 30), (0, 20)),
        "小型": ((3, 30), (0, 70)),
    }
)
_PICK_GROWTH = _picks(
    {
        "key": (("high", 45), ("medium", 45), ("low", 10)),
        "regular": (("high", 20), ("medium", 50), ("low", 30)),
        "abandoned": (("high", 5), ("medium", 30), ("low", 65)),
    }
)
_PICK_FINANCE = _picks(
    {
        "troubled": (("一般", 30), ("紧张", 70)),
        "key": (("良好", 70), ("一般", 27), ("紧张", 3)),
        "regular": (("良好", 45), ("一般", 42), ("紧张", 13)),
        "abandoned": (("良好", 30), ("一般", 45), ("紧张", 25)),
    }
)
_PICK_CREDIT = _picks(
    {
        "良好": (("AAA", 35), ("AA", 50), ("A", 15)),
        "一般": (("AA", 25), ("A", 60), ("B", 15)),
        "紧张": (("A", 35), ("B", 65)),
    }
)
_PICK_LEAD_SOURCE: _Pick[str | None] = _Pick(
    (
        ("referral", 35),
        ("exhibition", 11),
        ("cold_call", 14),
        ("online", 12),
        ("existing_network", 18),
        ("other", 5),
        (None, 5),
    )
)

_TROUBLED_REASONS = ("经营困难暂停合作", "付款严重逾期")

# --------------------------------------------------------------------------
# Unified social credit code (GB 32100-2015)
# --------------------------------------------------------------------------

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def uscc_check_char(first17: str) -> str:
    """Check character (18th) of a unified social credit code, GB 32100-2015."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def _org_code_check_char(body8: str) -> str:
    """Check character of the 9-character organisation code, GB 11714-1997."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, _ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _encode(value: int, alphabet: str, length: int) -> str:
    base = len(alphabet)
    out = []
    for _ in range(length):
        value, r = divmod(value, base)
        out.append(alphabet[r])
    return "".join(out)


def _uscc(rng: random.Random, area_code: str) -> str:
    """``91`` (enterprise) + area code + organisation code + check character."""
    # Codes issued since 2015 have an organisation part starting with "MA".
    new_style = rng.random() < 0.45
    body = "MA" + _encode(rng.getrandbits(32), _USCC_CHARS, 6) if new_style else _digits(rng, 8)
    first17 = "91" + area_code + body + _org_code_check_char(body)
    return first17 + uscc_check_char(first17)


# --------------------------------------------------------------------------
# Small generators
# --------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randrange(10**n)).zfill(n)


def _mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + _digits(rng, 8)


def _landline(rng: random.Random, store: _Store) -> str:
    return store.landline + _digits(rng, 7)


def _person(rng: random.Random) -> tuple[str, str, str]:
    """A Chinese name: (name, surname pinyin, given-name pinyin)."""
    surname, s_py = _PICK_SURNAME(rng)
    if rng.random() < 0.28:
        given, g_py = rng.choice(_GIVEN_SINGLE)
        return surname + given, s_py, g_py
    first, f_py = rng.choice(_GIVEN_FIRST)
    second, sec_py = rng.choice(_GIVEN_SECOND)
    if second == first:
        second, sec_py = _GIVEN_SECOND[0] if first != "伟" else _GIVEN_SECOND[1]
    return surname + first + second, s_py, f_py + sec_py


def _address(rng: random.Random, store: _Store, district: _District) -> str:
    street = rng.choice(district.streets)
    roll = rng.random()
    number = (
        rng.randint(1, 99)
        if roll < 0.4
        else rng.randint(100, 999)
        if roll < 0.85
        else rng.randint(1000, 2999)
    )
    address = f"{store.city_full}{district.name}{street}{number}号"
    roll = rng.random()
    if roll < 0.2:
        address += f"{rng.randint(1, 12)}幢"
    elif roll < 0.35:
        address += f"{rng.choice('ABC')}座{rng.randint(2, 28)}楼"
    elif roll < 0.45:
        address += f"{rng.randint(1, 3)}楼"
    return address


def _money_text(wan: int) -> str:
    """``8000`` -> ``约8000万元``; ``12000`` -> ``约1.2亿元``."""
    if wan >= 10000:
        return f"约{wan / 10000:.1f}亿元".replace(".0亿", "亿")
    return f"约{wan}万元"


def _round_wan(value: float) -> int:
    if value >= 10000:
        return int(round(value, -3))
    if value >= 1000:
        return int(round(value, -2))
    return max(10, int(round(value, -1)))


def _capital(rng: random.Random, scale: str, customer_type: str) -> str:
    table = _SMALL_FIRM_CAPITAL_WAN if customer_type in ("dealer", "design_firm") else _CAPITAL_WAN
    wan = rng.choice(table[scale])
    if rng.random() < 0.12:  # now and then an odd amount
        wan = max(1, _round_wan(wan * rng.uniform(0.6, 1.8)) if wan >= 10 else wan)
    return str((Decimal(wan) * 10000).quantize(Decimal("0.01")))


# --------------------------------------------------------------------------
# Customer assembly
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _NameParts:
    name: str
    brand_pinyin: str


class _NameBook:
    """Builds unique business names; collisions get a branch or a new prefix."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: dict[str, int] = {}  # name -> how many outlets carry it

    def make(self, customer_type: str, store: _Store, district: _District) -> _NameParts:
        for _ in range(12):
            parts = self._draw(customer_type, store, district)
            if parts.name not in self._used:
                self._used[parts.name] = 1
                return parts
            if self._rng.random() < 0.5:
                branched = self._branch(parts, customer_type, store, district)
                if branched is not None:
                    return branched
        # Practically unreachable with the vocabulary above; still guarantee it.
        n = 2
        while f"{parts.name}（{n}）" in self._used:
            n += 1
        name = f"{parts.name}（{n}）"
        self._used[name] = 1
        return _NameParts(name, parts.brand_pinyin)

    def _draw(self, customer_type: str, store: _Store, district: _District) -> _NameParts:
        rng = self._rng
        brands = _BRANDS[customer_type]
        if customer_type in ("hotel", "restaurant") and rng.random() < 0.25:
            brands = _LOCAL_BRANDS[store.city]
        brand, brand_py = rng.choice(brands)
        suffix, is_company = _PICK_SUFFIX[customer_type](rng)
        area = rng.choice(district.name_prefixes)
        if is_company:
            # Registered names: 行政区划 + 字号 + 行业 + 组织形式.
            if customer_type in ("contractor", "design_firm") and rng.random() < 0.08:
                city = rng.choice(_OTHER_CITIES)
                branch = "分所" if suffix.endswith("事务所") else "分公司"
                return _NameParts(f"{city}{brand}{suffix}{store.city}{branch}", brand_py)
            return _NameParts(f"{store.city}{brand}{suffix}", brand_py)
        roll = rng.random()
        if customer_type == "dealer":
            prefix = store.city if roll < 0.5 else area if roll < 0.9 else ""
        elif roll < 0.35:
            prefix = store.city
        elif roll < 0.6:
            prefix = area
        elif roll < 0.72:
            prefix = store.city + area
        else:
            prefix = ""
        return _NameParts(f"{prefix}{brand}{suffix}", brand_py)

    def _branch(
        self,
        parts: _NameParts,
        customer_type: str,
        store: _Store,
        district: _District,
    ) -> _NameParts | None:
        """Another outlet of an existing name: 分公司, 二店, （陆家嘴店）."""
        rng = self._rng
        base = parts.name
        count = self._used[base] + 1
        if base.endswith("分公司") or base.endswith("事务所"):
            return None
        if base.endswith("有限公司"):
            area = rng.choice(district.name_prefixes)
            name = f"{base}{area}分公司"
        elif customer_type == "hotel":
            name = f"{base}（{rng.choice(district.name_prefixes)}店）"
        elif count <= 10:
            name = f"{base}{'二三四五六七八九十'[count - 2]}店"
        else:
            name = f"{base}{count}店"
        if name in self._used:
            return None
        self._used[base] = count
        self._used[name] = 1
        return _NameParts(name, parts.brand_pinyin)


def _outlets(rng: random.Random, customer_type: str, scale: str, chain: bool) -> int:
    if not chain:
        return rng.randint(1, 2) if customer_type == "restaurant" else 1
    low, high = {"大型": (12, 60), "中型": (4, 15), "小型": (2, 5)}[scale]
    if customer_type != "restaurant":  # hotel groups and dealer chains are smaller
        low, high = max(2, low // 3), max(3, high // 3)
    return rng.randint(low, high)


def _characteristics(
    rng: random.Random,
    customer_type: str,
    scale: str,
    partition: str,
    abandon_reason: str | None,
    hotel_star: int,
    has_registration: bool,
    tags: Sequence[str],
) -> dict[str, object]:
    c: dict[str, object] = {}

    # Qualification and registered capital.
    if rng.random() < 0.85:
        if customer_type == "hotel":
            c["qualification"] = (
                f"{'一二三四五'[hotel_star - 1]}星级酒店资质"
                if hotel_star
                else rng.choice(("未评星（精品酒店）", "未评星（经济型酒店）"))
            )
        elif customer_type == "restaurant":
            c["qualification"] = _QUALIFICATIONS["restaurant"][_SCALES.index(scale)]
        elif customer_type == "contractor":
            quals = _QUALIFICATIONS["contractor"]
            by_scale = {"大型": quals[:3], "中型": quals[1:], "小型": quals[3:]}
            c["qualification"] = rng.choice(by_scale[scale])
        else:
            c["qualification"] = rng.choice(_QUALIFICATIONS[customer_type])
    if has_registration and rng.random() < 0.9:
        c["registered_capital"] = _capital(rng, scale, customer_type)

    # Business performance: revenue drawn log-uniformly, skewed to the low end.
    lo, hi = _REVENUE_WAN[customer_type][scale]
    revenue = _round_wan(lo * (hi / lo) ** (rng.random() ** 1.6))
    outlets = _outlets(rng, customer_type, scale, "连锁" in tags)
    if rng.random() < 0.75:
        if customer_type == "hotel":
            low, high = {"大型": (300, 650), "中型": (120, 300), "小型": (40, 120)}[scale]
            text = f"客房{rng.randint(low, high)}间，年营业额{_money_text(revenue)}"
        elif customer_type == "restaurant":
            text = f"{outlets}家门店，年营业额{_money_text(revenue)}"
        elif customer_type == "contractor":
            low, high = {"大型": (40, 150), "中型": (12, 40), "小型": (3, 12)}[scale]
            text = f"年承接项目约{rng.randint(low, high)}个，年产值{_money_text(revenue)}"
        elif customer_type == "design_firm":
            low, high = {"大型": (80, 200), "中型": (30, 80), "小型": (8, 30)}[scale]
            text = f"年完成设计项目约{rng.randint(low, high)}个，设计费收入{_money_text(revenue)}"
        else:
            text = f"年销售额{_money_text(revenue)}"
        c["business_performance"] = text

    # People and outlets (a hotel has no designers).
    if customer_type == "design_firm" and rng.random() < 0.9:
        low, high = {"大型": (40, 120), "中型": (12, 40), "小型": (2, 12)}[scale]
        c["designer_count"] = rng.randint(low, high)
    if customer_type == "contractor":
        if rng.random() < 0.7:
            low, high = {"大型": (8, 30), "中型": (2, 10), "小型": (0, 3)}[scale]
            c["designer_count"] = rng.randint(low, high)
        if rng.random() < 0.9:
            low, high = {"大型": (20, 60), "中型": (6, 20), "小型": (1, 6)}[scale]
            c["project_manager_count"] = rng.randint(low, high)
    has_outlets = customer_type in ("restaurant", "dealer") or "连锁" in tags
    if has_outlets and rng.random() < 0.85:
        c["outlet_count"] = outlets

    # Market position.
    if rng.random() < 0.55:
        low_pct, high_pct = {"大型": (3.0, 25.0), "中型": (0.8, 8.0), "小型": (0.1, 2.5)}[scale]
        c["market_share_pct"] = f"{rng.uniform(low_pct, high_pct):.1f}"
    c["growth_potential"] = _PICK_GROWTH[partition](rng)
    c["scale"] = scale

    # Money and credit.
    finance = _PICK_FINANCE["troubled" if abandon_reason in _TROUBLED_REASONS else partition](rng)
    c["financial_status"] = finance
    c["credit_rating"] = _PICK_CREDIT[finance](rng)

    if rng.random() < 0.6:
        c["competitor_relations"] = rng.choice(_COMPETITOR_RELATIONS[customer_type])
    if rng.random() < (0.7 if partition == "abandoned" else 0.35):
        c["known_problems"] = rng.choice(_KNOWN_PROBLEMS[customer_type])
    return c


def _tags(
    rng: random.Random,
    customer_type: str,
    scale: str,
    hotel_star: int,
    created_days_ago: int,
) -> list[str]:
    tags: list[str] = []
    for tag, p in _TAG_CANDIDATES[customer_type]:
        if tag in _OWNERSHIP_TAGS and any(t in _OWNERSHIP_TAGS for t in tags):
            continue
        if tag in ("高端", "国企", "外资") and scale == "小型":
            p /= 4
        if rng.random() < p:
            tags.append(tag)
    if hotel_star == 5 and rng.random() < 0.85:
        tags.insert(0, "五星")
    if created_days_ago > 730 and rng.random() < 0.45:
        tags.append("老客户")
    elif created_days_ago < 240 and rng.random() < 0.3:
        tags.append("新开业")
    while len(tags) > 3:
        tags.pop(rng.randrange(len(tags)))
    return tags


def _email(rng: random.Random, s_py: str, g_py: str, company_domain: str | None) -> str:
    if company_domain is not None and rng.random() < 0.75:
        roll = rng.random()
        if roll < 0.4:
            local = f"{s_py}{g_py}"
        elif roll < 0.65:
            local = f"{g_py}.{s_py}"
        elif roll < 0.85:
            local = f"{s_py}.{g_py}"
        else:
            local = f"{s_py}{g_py[0]}"
        return f"{local}@{company_domain}"
    if rng.random() < 0.45:
        return f"{rng.randint(10_000_000, 2_999_999_999)}@qq.com"
    roll = rng.random()
    suffix = str(rng.randint(1, 99)) if roll < 0.35 else str(rng.randint(1965, 2002)) if roll < 0.7 else ""
    return f"{s_py}{g_py}{suffix}@{rng.choice(_PUBLIC_MAIL)}"


def _wechat(rng: random.Random, s_py: str, g_py: str) -> str | None:
    """A WeChat id: 6-20 characters, starting with a letter; or none known."""
    roll = rng.random()
    if roll < 0.35:
        return "wxid_" + _encode(rng.getrandbits(73), _BASE36, 14)
    if roll < 0.8:
        sep = "_" if rng.random() < 0.25 else ""
        wid = f"{s_py}{sep}{g_py}{rng.randint(1, 9999)}"
        return wid[:20] if len(wid) >= 6 else wid + _digits(rng, 6 - len(wid))
    if roll < 0.9:
        return f"{g_py[:10]}{s_py[:6]}_{_digits(rng, 3)}"
    return None


def _contacts(
    rng: random.Random,
    customer_type: str,
    partition: str,
    company_domain: str | None,
    created_days_ago: int,
) -> tuple[DemoContact, ...]:
    count = _PICK_CONTACT_COUNT[partition](rng)
    roles = [_PICK_PRIMARY_ROLE[customer_type](rng)]
    while len(roles) < count:
        role = _PICK_ROLE[customer_type](rng)
        if role == "boss" and "boss" in roles:
            continue
        roles.append(role)

    used_names: list[str] = []
    contacts: list[DemoContact] = []
    for i, role in enumerate(roles):
        name, s_py, g_py = _person(rng)
        while name in used_names:
            name, s_py, g_py = _person(rng)
        used_names.append(name)
        title: str | None = rng.choice(_TITLES[customer_type][role])
        if role == "other" and rng.random() < 0.2:
            title = None
        ended_on: datetime.date | None = None
        ended_reason: str | None = None
        # The primary contact is current; about one in eleven others has left
        # (about 5% of all contacts).
        if i > 0 and created_days_ago >= 10 and rng.random() < 0.09:
            days = rng.randint(3, min(created_days_ago - 1, 900))
            ended_on = DEMO_TODAY - datetime.timedelta(days=days)
            ended_reason = _PICK_ENDED_REASON(rng)
        phone = _mobile(rng) if rng.random() < 0.93 else None
        email = _email(rng, s_py, g_py, company_domain) if rng.random() < 0.6 else None
        contacts.append(
            DemoContact(
                name=name,
                title=title,
                decision_role=role,
                phone=phone,
                email=email,
                wechat=_wechat(rng, s_py, g_py),
                is_primary=i == 0,
                ended_on=ended_on,
                ended_reason=ended_reason,
            )
        )
    return tuple(contacts)


def _referrer(rng: random.Random, customer_type: str, earlier_names: Sequence[str]) -> str:
    """Who referred the customer: an existing customer, or a person."""
    if earlier_names and rng.random() < 0.45:
        return rng.choice(earlier_names)
    person, _, _ = _person(rng)
    if rng.random() < 0.5:
        role = _PICK_ROLE[customer_type](rng)
        return f"{person}（{rng.choice(_TITLES[customer_type][role])}）"
    return person


def _customer(
    rng: random.Random,
    names: _NameBook,
    earlier_names: Sequence[str],
) -> DemoCustomer:
    customer_type = _PICK_TYPE(rng)
    store = _PICK_STORE(rng)
    district = rng.choice(store.districts)
    parts = names.make(customer_type, store, district)

    roll = rng.random()
    partition = "key" if roll < 0.12 else "abandoned" if roll < 0.16 else "regular"
    abandon_reason: str | None = None
    abandon_review_on: datetime.date | None = None
    if partition == "abandoned":
        abandon_reason = rng.choice(_ABANDON_REASONS[customer_type])
        abandon_review_on = DEMO_TODAY + datetime.timedelta(days=rng.randint(30, 183))

    # Key accounts have mostly been customers for years.
    created_days_ago = int(rng.triangular(120, 1500, 1300) if partition == "key" else rng.triangular(0, 1500, 900))
    scale = _PICK_SCALE[partition](rng)
    if customer_type == "dealer" and scale == "大型":
        scale = "中型"
    hotel_star = _PICK_HOTEL_STAR[scale](rng) if customer_type == "hotel" else 0

    no_registration_p = {"dealer": 0.25, "restaurant": 0.12}.get(customer_type, 0.05)
    registration_id = None if rng.random() < no_registration_p else _uscc(rng, district.area_code)
    tags = _tags(rng, customer_type, scale, hotel_star, created_days_ago)

    lead_source = _PICK_LEAD_SOURCE(rng)
    referrer = _referrer(rng, customer_type, earlier_names) if lead_source == "referral" else None

    company_domain: str | None = None
    if customer_type != "dealer" and rng.random() < 0.8:
        form = rng.choice(_EMAIL_DOMAIN_FORMS[customer_type])
        company_domain = form.format(b=parts.brand_pinyin)

    mobile_p = 0.6 if customer_type == "dealer" else 0.12
    phone = _mobile(rng) if rng.random() < mobile_p else _landline(rng, store)

    return DemoCustomer(
        name=parts.name,
        customer_type=customer_type,
        registration_id=registration_id,
        address=_address(rng, store, district),
        region=district.region,
        phone=phone,
        tags=tuple(tags),
        lead_source=lead_source,
        referrer=referrer,
        partition=partition,
        abandon_reason=abandon_reason,
        abandon_review_on=abandon_review_on,
        owner_username=_ACCOUNT_MANAGER_BY_UNIT[store.code],
        org_unit_code=store.code,
        characteristics=_characteristics(
            rng,
            customer_type,
            scale,
            partition,
            abandon_reason,
            hotel_star,
            registration_id is not None,
            tags,
        ),
        contacts=_contacts(rng, customer_type, partition, company_domain, created_days_ago),
        created_days_ago=created_days_ago,
    )


def generate_demo_company(seed: int = 20261123, customer_count: int = 2000) -> DemoCompany:
    """The demo company: fixed org units and users, ``customer_count`` customers.

    Deterministic in ``seed``. Org units are ordered parents before children.
    Each customer belongs to one of the six stores (a regional centre store or
    the direct store under it) and is owned by that store's account manager.
    """
    if customer_count < 0:
        raise ValueError("customer_count must not be negative")
    rng = random.Random(seed)
    names = _NameBook(rng)
    customers: list[DemoCustomer] = []
    earlier_names: list[str] = []
    for _ in range(customer_count):
        customer = _customer(rng, names, earlier_names)
        customers.append(customer)
        earlier_names.append(customer.name)
    return DemoCompany(org_units=_ORG_UNITS, users=_USERS, customers=tuple(customers))
