#!/usr/bin/env python3
# Writes the libFuzzer dictionaries next to this script: attain.dict for the text,
# CSV and unit-file targets, xlsx_xml.dict (those words and the sheet XML's tags)
# for actuals_xlsx_xml. Each entry follows a comment saying what it is; every
# non-ASCII byte is escaped (libFuzzer reads printable ASCII only).
# Run: python3 fuzz/dict/gen.py
import os
words = r"""
月份 月度 日期 支付日期 凭证日期 凭证号 凭证编号 项目 指标 数值 完成值 金额 备注 说明 上月数值 计划金额 计量单位 单位
month date voucher item value note id level1 level2 key_work name h1_target fy_target weight measure rule parent h1_plan budget
决策 过程 产出 效益 满意度 数量指标 质量指标 时效指标 成本指标 经济效益指标 社会效益指标 生态效益指标 可持续影响指标 服务对象满意度指标
一级指标 二级指标 三级指标 指标值 全年指标值 半年指标值 1-6月指标值 全年目标值 半年目标值 分值 权重 指标性质 计量方式 评分规则 定性 定量 正向 反向
单位名称 单位主要职能 机构设置及人员配置 部门整体资金（万元） 收入 支出 全年预算数 半年计划执行数 资金总额 一般公共预算资金 政府性基金 上年结转资金 其他资金 基本支出 项目支出 合计 小计
年度 中长期目标 年度目标 江苏省省级部门整体预算绩效目标表
≥ ≤ ＝ = < > >= <= ≧ ≦ ％ % 个 万元 元 人次 次 台/辆 天 以上 以下 以内 不低于 不高于 不少于 不超过 至少 及以上 （含） (含)
健全 合理 明确 规范 完整 及时 满意 基本满意 不满意 优 良 中 差 达标 按时完成 年底前 12月底前
2026-06 2026-6 2026/06 2026年6月 2026年06月 2026年度 2026-06-15 2026年6月15日 6月 12月 202606
execution 执行率 execution:项目支出 sum 累计 latest 最新 grade
proportional 比例 linear-to-zero 线性 ratio 比值 all-or-nothing 全或无 tier tier:top tier:middle tier:bottom step: 阶梯: else 否则 ; ；
<p> </p> &ge; &le; &ldquo; &rdquo; &nbsp; &amp;
1,234.50 0.00 -1 1e5 100% 99.5% 3.3000000000000003 1.12345678901
"""
raw = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
    "月份,项目,数值,备注".encode("gbk"), "基本支出".encode("gbk"), "决策".encode("gbk"), "指标值".encode("gbk"),
    "月份".encode("utf-16-le"), "项目".encode("utf-16-le"), "2026-06".encode("utf-16-le"),
    b",", b"\"", b"\"\"", b"\r\n", b"\n", b"\t", b"\r", b",,", b"\t\t", b"\x00", b"\xe2\x80\x8b", b"\xe2\x80\xae", b"\x1b[31m",
    "月份,项目,数值,备注\n".encode(), b"month,item,value,note\n",
    b"id,level1,level2,key_work,name,h1_target,fy_target,weight,measure,rule\n",
    b"name,parent,h1_plan,budget\n",
]
def esc(b):
    s = ""
    for c in b:
        if 0x20 <= c < 0x7f and c not in (0x22, 0x5c):
            s += chr(c)
        else:
            s += "\\x%02X" % c
    return '"' + s + '"'
def entries(items):
    """(bytes, label) pairs as dictionary entries, each once, after its label."""
    out, seen = [], set()
    for b, label in items:
        if b not in seen:
            seen.add(b)
            out.append("# " + label + "\n" + esc(b))
    return out
out = entries([(w.encode(), w) for w in words.split()] + [(b, repr(b)[2:-1]) for b in raw])
xml = [
    '<row r="', '<c r="', '</c>', '</row>', ' t="s"', ' t="str"', ' t="inlineStr"', ' t="b"', ' t="e"',
    ' t="n"', ' t="d"', ' s="1"', '<v>', '</v>', '<f>', '</f>', '<is><t>', '</t></is>', '<r><t>', '</t></r>',
    '<si><t>', '</t></si>', '<sst>', '</sst>', ' count="', ' uniqueCount="', '<sheetData>', '</sheetData>',
    '<dimension ref="', 'A1:XFD1048576', 'XFD1048576', 'IV1', 'IW1', 'A1048576', '<mergeCells>',
    '<mergeCell ref="', '<sheet name="', ' sheetId="', ' r:id="rId1"', ' state="hidden"', '<sheets>',
    '&amp;', '&lt;', '&#', ' xml:space="preserve"', '<![CDATA[', ']]>', '<?xml version="1.0"?>',
    '#DIV/0!', '#N/A', '1e308', '-0', '46174', '2958466', 'NaN', 'inf',
]
xml_out = out + entries([(w.encode(), w) for w in xml])
hdr = "# libFuzzer dictionary for attain's text, CSV and unit-file readers (fuzz/README.md):\n# column names (zh/en), blocks, comparators, units, month forms, encodings' marks.\n# Written by fuzz/dict/gen.py (edit that, then run it); non-ASCII bytes escaped.\n"
here = os.path.dirname(os.path.abspath(__file__))
open(os.path.join(here, "attain.dict"), "w").write(hdr + "\n".join(out) + "\n")
xml_hdr = "# libFuzzer dictionary for actuals_xlsx_xml (fuzz/README.md): attain.dict's words\n# and the tags and attributes of a sheet's and the shared strings' XML.\n# Written by fuzz/dict/gen.py (edit that, then run it); non-ASCII bytes escaped.\n"
open(os.path.join(here, "xlsx_xml.dict"), "w").write(xml_hdr + "\n".join(xml_out) + "\n")
print(len(out), len(xml_out))
