<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Fujiang vegetable park tracker</source>
        <translation>涪江蔬菜乐园管理系统</translation>
    </message>
    <message>
        <source>Harvests, shipments, payments and certificates of the Suining–Tongnan Fujiang vegetable park.</source>
        <translation>遂潼涪江蔬菜乐园的采收、出货、收款与合格证管理。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Chinese text is shown with Noto Sans CJK SC (SIL Open Font Licence 1.1), bundled as a subset.</source>
        <translation>中文使用随程序附带的思源黑体（Noto Sans CJK SC）子集显示，遵循 SIL 开放字体许可协议 1.1。</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Today&apos;s backup was saved as %1.</source>
        <translation>今天的备份已保存为 %1。</translation>
    </message>
    <message>
        <source>Backed up %1 records to:
%2

The copy was checked (integrity and record counts).</source>
        <translation>已备份 %1 条记录到：
%2

备份已校验（完整性和记录数）。</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Copy the database into the backups folder and check the copy</source>
        <translation>把数据库复制到备份文件夹并校验副本</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>List the backups and put one back</source>
        <translation>列出备份，选择一个恢复</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Copying the database…</source>
        <translation>正在复制数据库…</translation>
    </message>
    <message>
        <source>Checking the copy…</source>
        <translation>正在校验副本…</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Bringing the data up to date…</source>
        <translation>正在升级数据…</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Crops</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Harvests</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>出货</translation>
    </message>
    <message>
        <source>Shipment lines</source>
        <translation>出货明细</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The latest good backup is from %1 (%2 records). Restore it? The damaged file is kept beside it, renamed.</source>
        <translation>最近一份完好的备份是 %1 的（%2 条记录）。要恢复它吗？损坏的文件会改名后保留在原处。</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <source>Other choices…</source>
        <translation>其他选择…</translation>
    </message>
</context>
<context>
    <name>BuyerForm</name>
    <message>
        <source>Add buyer %1</source>
        <translation>新增客商 %1</translation>
    </message>
</context>
<context>
    <name>BuyersPage</name>
    <message>
        <source>Buyers</source>
        <translation>客商</translation>
    </message>
</context>
<context>
    <name>CertificateNotice</name>
    <message>
        <source>%1 says %2 kg, the truck now carries %3 kg</source>
        <translation>%1 写的是 %2 kg，本车现为 %3 kg</translation>
    </message>
    <message>
        <source>⚠ Certificates that no longer match the truck (void and reissue them): %1.</source>
        <translation>⚠ 与本车不符、需作废重开的合格证：%1。</translation>
    </message>
</context>
<context>
    <name>CertificateState</name>
    <message>
        <source>Certified</source>
        <translation>已开证</translation>
    </message>
    <message>
        <source>⚠ Missing</source>
        <translation>⚠ 缺证</translation>
    </message>
    <message>
        <source>⚠ Reissue</source>
        <translation>⚠ 需重开</translation>
    </message>
    <message>
        <source>Not required</source>
        <translation>无需开证</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Every co-operative&apos;s and company&apos;s product on the truck has a valid certificate.</source>
        <translation>本车合作社和公司的每种产品都有有效的合格证。</translation>
    </message>
    <message>
        <source>A co-operative&apos;s or company&apos;s product on the truck has no certificate: issue it.</source>
        <translation>本车有合作社或公司的产品没有合格证：请开具。</translation>
    </message>
    <message>
        <source>The truck was changed after its certificate was issued: reissue it.</source>
        <translation>合格证开具后本车已被修改：请作废重开。</translation>
    </message>
    <message>
        <source>Only family farms&apos; produce, for which no certificate is required.</source>
        <translation>只有家庭农场的产品，无需开具合格证。</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>Search number, issuer, product, ticket or buyer</source>
        <translation>搜索编号、开具人、产品、磅单号或客商</translation>
    </message>
    <message>
        <source>Issue for shipment…</source>
        <translation>为出货开具…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Void and reissue…</source>
        <translation>作废并重开…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>核验…</translation>
    </message>
    <message>
        <source>Check a scanned QR code: genuine, void or forged</source>
        <translation>核验扫到的二维码：真实、已作废还是伪造</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>%Ln 张合格证</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 no longer matches the truck: select it and void and reissue it.</source>
        <translation>%1 与本车已不符：请选中它，作废并重开。</translation>
    </message>
    <message numerus="yes">
        <source>Issued %n certificate(s).</source>
        <translation>
            <numerusform>已开具 %Ln 张合格证。</numerusform>
        </translation>
    </message>
    <message>
        <source>This truck already has its certificates.</source>
        <translation>这车已开具合格证。</translation>
    </message>
    <message>
        <source>No co-operative or company produce is on this truck; no certificate is required.</source>
        <translation>这车没有合作社或公司的产品，无需开具合格证。</translation>
    </message>
    <message>
        <source>Void certificate</source>
        <translation>作废合格证</translation>
    </message>
    <message>
        <source>Why is %1 void?</source>
        <translation>%1 作废的原因：</translation>
    </message>
    <message>
        <source>%1 is void; it stays in the register.</source>
        <translation>%1 已作废，仍保留在登记簿中。</translation>
    </message>
    <message>
        <source>Void and reissue</source>
        <translation>作废并重开</translation>
    </message>
    <message>
        <source>Why is %1 replaced?</source>
        <translation>替换 %1 的原因：</translation>
    </message>
    <message>
        <source>%1 replaces %2, which stays in the register marked void.</source>
        <translation>%1 替换 %2；%2 标记为作废，仍保留在登记簿中。</translation>
    </message>
    <message>
        <source>Save certificates</source>
        <translation>保存合格证</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>The PDF could not be written: %1</source>
        <translation>PDF 无法写入：%1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已发送 %Ln 页到打印机。</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificates could not be printed: %1</source>
        <translation>合格证无法打印：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>ChartData</name>
    <message>
        <source>No market recorded</source>
        <translation>未记录市场</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Others (%1)</source>
        <translation>其他（%1）</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Tonnes (t)</source>
        <translation>吨 (t)</translation>
    </message>
    <message>
        <source>Other operators</source>
        <translation>其他经营主体</translation>
    </message>
    <message>
        <source>Other buyers</source>
        <translation>其他客商</translation>
    </message>
    <message>
        <source>Other markets</source>
        <translation>其他市场</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>wholesale</source>
        <translation>批发价</translation>
    </message>
    <message>
        <source>origin index</source>
        <translation>产地价指数</translation>
    </message>
    <message>
        <source>farm gate</source>
        <translation>地头价</translation>
    </message>
    <message>
        <source>national average</source>
        <translation>全国均价</translation>
    </message>
    <message>
        <source>Derived, not reported: the seasonal profile of %n sourced point(s)</source>
        <translation>推算值，非报价：由 %Ln 个有来源报价得出的季节曲线</translation>
    </message>
    <message>
        <source>Derived, not reported: between the neighbouring months&apos; sourced prices</source>
        <translation>推算值，非报价：取前后月份有来源报价之间的值</translation>
    </message>
    <message>
        <source>Season %1–%2</source>
        <translation>%1–%2 产季</translation>
    </message>
    <message>
        <source>Harvested</source>
        <translation>采收量</translation>
    </message>
    <message>
        <source>Yield per mu</source>
        <translation>亩产</translation>
    </message>
    <message>
        <source>jin/mu</source>
        <translation>斤/亩</translation>
    </message>
    <message>
        <source>Share of park output</source>
        <translation>占园区产量</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出货量</translation>
    </message>
    <message>
        <source>Shipped %1, revenue %2 yuan, area %3 mu</source>
        <translation>出货 %1，销售额 %2 元，面积 %3 亩</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No data for this period.
Choose another period or clear some filters.</source>
        <translation>此期间没有数据。
请选择其他期间，或清除部分筛选条件。</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Show all the data again after zooming or panning</source>
        <translation>缩放或平移后重新显示全部数据</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save as PNG image…</source>
        <translation>另存为 PNG 图片…</translation>
    </message>
    <message>
        <source>Save as SVG drawing…</source>
        <translation>另存为 SVG 矢量图…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the chart to the clipboard as an image</source>
        <translation>将图表作为图片复制到剪贴板</translation>
    </message>
    <message>
        <source>Click to hide or show this series</source>
        <translation>单击隐藏或显示此系列</translation>
    </message>
    <message>
        <source>Click to open the full chart</source>
        <translation>单击打开完整图表</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Chart copied to the clipboard</source>
        <translation>图表已复制到剪贴板</translation>
    </message>
    <message>
        <source>Loading chart…</source>
        <translation>正在加载图表…</translation>
    </message>
    <message>
        <source>all time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Harvested tonnes, %1</source>
        <translation>采收量（吨），%1</translation>
    </message>
    <message>
        <source>Shipped tonnes, %1</source>
        <translation>出货量（吨），%1</translation>
    </message>
    <message>
        <source>Where the produce went: operators → buyers → markets, %1</source>
        <translation>产品流向：经营主体 → 客商 → 市场，%1</translation>
    </message>
    <message>
        <source>Realised prices, %1</source>
        <translation>实际成交价，%1</translation>
    </message>
    <message>
        <source>%1: tonnes shipped per month, season by season</source>
        <translation>%1：各产季每月出货量（吨）</translation>
    </message>
    <message>
        <source>%1: tonnes harvested per month, season by season</source>
        <translation>%1：各产季每月采收量（吨）</translation>
    </message>
    <message>
        <source>Operators, %1</source>
        <translation>经营主体，%1</translation>
    </message>
    <message>
        <source>The chart could not be loaded: %1</source>
        <translation>图表无法加载：%1</translation>
    </message>
    <message>
        <source>Harvest</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Buyer flows</source>
        <translation>客商流向</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Seasons</source>
        <translation>产季对比</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Stack by</source>
        <translation>堆叠依据</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出货</translation>
    </message>
    <message>
        <source>Harvested</source>
        <translation>采收</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 条</translation>
    </message>
    <message>
        <source>Audit log: %1 entries.</source>
        <translation>操作日志：%1 条。</translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>正在修复…</translation>
    </message>
    <message>
        <source>Repair the database</source>
        <translation>修复数据库</translation>
    </message>
    <message>
        <source>The daily summaries and shipment totals will be recomputed from the records, in one step that is written to the audit log. No record is changed. Repair now?</source>
        <translation>将根据原始记录重新计算每日汇总和各车出货合计，一次完成并记入操作日志，不会改动任何记录。现在修复吗？</translation>
    </message>
    <message>
        <source>Checking %1 …</source>
        <translation>正在检查 %1 …</translation>
    </message>
    <message>
        <source>The check could not be completed: %1</source>
        <translation>检查未能完成：%1</translation>
    </message>
    <message>
        <source>Everything is in order.</source>
        <translation>一切正常。</translation>
    </message>
    <message>
        <source>%n problem(s) found. Repair recomputes the summaries from the records.</source>
        <translation>发现 %Ln 个问题。“修复”会根据原始记录重新计算汇总。</translation>
    </message>
    <message>
        <source>%n problem(s) found that a repair cannot recompute; restore a backup or correct the records named below.</source>
        <translation>发现 %Ln 个修复无法重算的问题；请恢复备份，或更正下面列出的记录。</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>&amp;Repair</source>
        <translation>修复(&amp;R)</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Check the database…</source>
        <translation>检查数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>Check the file, the weights, the summaries and the audit log; repair the summaries</source>
        <translation>检查文件、重量、汇总和操作日志；修复汇总</translation>
    </message>
</context>
<context>
    <name>CropsPage</name>
    <message>
        <source>Crops</source>
        <translation>品种</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Loading the dashboard…</source>
        <translation>正在加载概览…</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>yuan/kg</source>
        <translation>元/公斤</translation>
    </message>
    <message>
        <source>Harvested</source>
        <translation>采收量</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出货量</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Average price</source>
        <translation>平均价格</translation>
    </message>
    <message>
        <source>Owed by buyers</source>
        <translation>客商欠款</translation>
    </message>
    <message>
        <source>Certificates issued</source>
        <translation>已开合格证</translation>
    </message>
    <message>
        <source>Season %1–%2</source>
        <translation>%1–%2 产季</translation>
    </message>
    <message>
        <source>Season to date %1 – %2 and this month from %3, each against the same days last year.</source>
        <translation>产季累计 %1 至 %2，本月自 %3 起，均与去年同期对比。</translation>
    </message>
    <message>
        <source>last year %1</source>
        <translation>去年同期 %1</translation>
    </message>
    <message>
        <source>a year earlier %1</source>
        <translation>一年前 %1</translation>
    </message>
    <message>
        <source>This month %1</source>
        <translation>本月 %1</translation>
    </message>
    <message>
        <source>Change this month %1</source>
        <translation>本月变化 %1</translation>
    </message>
    <message>
        <source>Harvested per week, last %1 weeks, by operator</source>
        <translation>近 %1 周每周采收量（按经营主体）</translation>
    </message>
    <message>
        <source>Shipped per week, last %1 weeks, by market</source>
        <translation>近 %1 周每周出货量（按市场）</translation>
    </message>
    <message>
        <source>Average price per week, last %1 weeks</source>
        <translation>近 %1 周每周平均价格</translation>
    </message>
    <message>
        <source>Harvested this season, by operator</source>
        <translation>本产季采收量（按经营主体）</translation>
    </message>
    <message>
        <source>Owed at the end of %1; a year earlier: at the end of %2.</source>
        <translation>截至 %1 日终的欠款；一年前：截至 %2 日终。</translation>
    </message>
    <message>
        <source>Change this month: since the end of %1.</source>
        <translation>本月变化：自 %1 日终起。</translation>
    </message>
    <message>
        <source>Season: %1 – %2, against %3 – %4.</source>
        <translation>本季：%1 – %2，对比 %3 – %4。</translation>
    </message>
    <message>
        <source>This month: %1 – %2, against %3 – %4.</source>
        <translation>本月：%1 – %2，对比 %3 – %4。</translation>
    </message>
    <message>
        <source>The dashboard could not be loaded: %1</source>
        <translation>概览无法加载：%1</translation>
    </message>
    <message>
        <source>Click to open the chart behind this figure</source>
        <translation>单击打开此数字对应的图表</translation>
    </message>
</context>
<context>
    <name>DatabaseProblemDialog</name>
    <message>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>What would you like to do?</source>
        <translation>您想怎么做？</translation>
    </message>
    <message>
        <source>Create a new database in this file</source>
        <translation>在这个文件中新建数据库</translation>
    </message>
    <message>
        <source>Open another file…</source>
        <translation>打开其他文件…</translation>
    </message>
    <message>
        <source>Create a new database…</source>
        <translation>新建数据库…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
</context>
<context>
    <name>DocumentText</name>
    <message>
        <source>Stub copy</source>
        <translation>存根联</translation>
    </message>
    <message>
        <source>Copy carried with the goods</source>
        <translation>随货联</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>出具日期</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Trucks</source>
        <translation>车次</translation>
    </message>
    <message>
        <source>(no market)</source>
        <translation>（未填市场）</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>制表人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Statement no.</source>
        <translation>对账单号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Statement of account</source>
        <translation>对账明细</translation>
    </message>
    <message>
        <source>Shipped (¥)</source>
        <translation>发货金额(元)</translation>
    </message>
    <message>
        <source>Received (¥)</source>
        <translation>收款金额(元)</translation>
    </message>
    <message>
        <source>Balance (¥)</source>
        <translation>余额(元)</translation>
    </message>
    <message>
        <source>Payment (%1)</source>
        <translation>收款（%1）</translation>
    </message>
    <message>
        <source>Month subtotal</source>
        <translation>本月小计</translation>
    </message>
    <message>
        <source>Page subtotal</source>
        <translation>本页小计</translation>
    </message>
    <message>
        <source>Carried forward</source>
        <translation>过次页</translation>
    </message>
    <message>
        <source>Brought forward</source>
        <translation>承上页</translation>
    </message>
    <message>
        <source>prepaid %1</source>
        <translation>预付 %1</translation>
    </message>
    <message>
        <source>Closing balance in words</source>
        <translation>期末欠款（大写）</translation>
    </message>
    <message>
        <source>Prepayment in words</source>
        <translation>期末预付款余额（大写）</translation>
    </message>
    <message>
        <source>If anything in this statement differs from your records, please tell us within %1 days of receiving it; after that it is taken as correct.</source>
        <translation>如有不符，请于收到之日起 %1 日内提出，逾期视为无误。</translation>
    </message>
    <message>
        <source>Issued by (seal)</source>
        <translation>对账单位（盖章）</translation>
    </message>
    <message>
        <source>Buyer confirms (seal or signature)</source>
        <translation>客商确认（签字或盖章）</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>____-__-__</source>
        <translation>____年__月__日</translation>
    </message>
    <message>
        <source>Chart data</source>
        <translation>图表数据</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>目的市场</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Net (kg)</source>
        <translation>净重(公斤)</translation>
    </message>
    <message>
        <source>Price (¥/kg)</source>
        <translation>单价(元/公斤)</translation>
    </message>
    <message>
        <source>Price (¥/jin)</source>
        <translation>单价(元/斤)</translation>
    </message>
    <message>
        <source>Amount (¥)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证/备注</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量(公斤)</translation>
    </message>
    <message>
        <source>Buyer statement</source>
        <translation>客商对账单</translation>
    </message>
    <message>
        <source>Home base</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>发货明细</translation>
    </message>
    <message>
        <source>Subtotals by crop</source>
        <translation>按品种小计</translation>
    </message>
    <message>
        <source>Subtotals by market</source>
        <translation>按市场小计</translation>
    </message>
    <message>
        <source>Payments received</source>
        <translation>收款记录</translation>
    </message>
    <message>
        <source>Account balance</source>
        <translation>往来余额</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>期初欠款</translation>
    </message>
    <message>
        <source>Shipments in period</source>
        <translation>本期发货金额</translation>
    </message>
    <message>
        <source>Payments in period</source>
        <translation>本期收款金额</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>期末欠款</translation>
    </message>
    <message>
        <source>Tonnes shipped per day</source>
        <translation>每日发货量（吨）</translation>
    </message>
    <message>
        <source>Tonnes shipped per month</source>
        <translation>每月发货量（吨）</translation>
    </message>
    <message>
        <source>No shipments in this period.</source>
        <translation>本期无发货记录。</translation>
    </message>
    <message>
        <source>No payments in this period.</source>
        <translation>本期无收款记录。</translation>
    </message>
    <message>
        <source>Confirmed by the buyer</source>
        <translation>客商确认（签字）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Opening prepayment</source>
        <translation>期初预付款</translation>
    </message>
    <message>
        <source>Closing prepayment (balance in the buyer&apos;s favour)</source>
        <translation>期末预付款余额</translation>
    </message>
    <message>
        <source>Gross (kg)</source>
        <translation>毛重(公斤)</translation>
    </message>
    <message>
        <source>Tare (kg)</source>
        <translation>皮重(公斤)</translation>
    </message>
    <message>
        <source>Deduction (kg)</source>
        <translation>扣重(公斤)</translation>
    </message>
    <message>
        <source>Payable (kg)</source>
        <translation>结算重量(公斤)</translation>
    </message>
    <message>
        <source>Weighbridge tickets</source>
        <translation>过磅明细</translation>
    </message>
    <message>
        <source>Payable = net − deduction. A truck&apos;s deduction is shared over its lines in proportion to their net weight, to the gram (largest remainder); amount = payable kg × price.</source>
        <translation>结算重量 = 净重 − 扣重。整车扣重按各行净重比例分摊到克（最大余数法）；金额 = 结算重量 × 单价。</translation>
    </message>
    <message>
        <source>Agreed price (¥/kg)</source>
        <translation>约定价(元/公斤)</translation>
    </message>
    <message>
        <source>Settled price (¥/kg)</source>
        <translation>实结价(元/公斤)</translation>
    </message>
    <message>
        <source>Prices settled after the sale</source>
        <translation>实结价说明</translation>
    </message>
    <message>
        <source>※ These lines were settled after the sale at a price other than the one agreed; their price and amount in the shipments table are the settled ones.</source>
        <translation>※ 上表各行售后按实结价结算，与约定价不同；发货明细中这些行的单价和金额均按实结价计算。</translation>
    </message>
    <message>
        <source>est.</source>
        <translation>估</translation>
    </message>
    <message>
        <source>Estimated from</source>
        <translation>估重依据</translation>
    </message>
    <message>
        <source>est.: weight estimated from a count of packs (bags, crates or bundles) × what one pack of the crop weighs, not weighed.</source>
        <translation>估：按件数估重（袋、筐、捆的件数 × 该品种每件重量），未过磅。</translation>
    </message>
    <message>
        <source>Operator statement</source>
        <translation>经营主体结算单</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Harvests</source>
        <translation>采收记录</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售明细</translation>
    </message>
    <message>
        <source>Revenue by crop</source>
        <translation>按品种汇总</translation>
    </message>
    <message>
        <source>Revenue by buyer</source>
        <translation>按客商汇总</translation>
    </message>
    <message>
        <source>Harvested (kg)</source>
        <translation>采收(公斤)</translation>
    </message>
    <message>
        <source>Shipped (kg)</source>
        <translation>出货(公斤)</translation>
    </message>
    <message>
        <source>Revenue (¥)</source>
        <translation>销售额(元)</translation>
    </message>
    <message>
        <source>No harvests in this period.</source>
        <translation>本期无采收记录。</translation>
    </message>
    <message>
        <source>Confirmed by the operator</source>
        <translation>经营主体确认（签字）</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算汇总</translation>
    </message>
    <message>
        <source>Sales in period (¥)</source>
        <translation>本期销售金额(元)</translation>
    </message>
    <message>
        <source>Park service fee (¥)</source>
        <translation>园区服务费(元)</translation>
    </message>
    <message>
        <source>Net proceeds (¥)</source>
        <translation>应结净额(元)</translation>
    </message>
    <message>
        <source>Service fee = payable weight %1 t × ¥%2 per tonne = ¥%3; worked out once on the total and rounded half up to the fen.</source>
        <translation>园区服务费 = 结算重量 %1 吨 × %2 元/吨 = %3 元；按合计计算一次，四舍五入到分。</translation>
    </message>
    <message>
        <source>Service fee = sales ¥%1 × %2% = ¥%3; worked out once on the total and rounded half up to the fen.</source>
        <translation>园区服务费 = 销售金额 %1 元 × %2% = %3 元；按合计计算一次，四舍五入到分。</translation>
    </message>
    <message>
        <source>No park service fee is charged: net proceeds equal sales.</source>
        <translation>本期不收取园区服务费，应结净额即销售金额。</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Head of unit</source>
        <translation>单位负责人</translation>
    </message>
    <message>
        <source>Reporting unit (seal)</source>
        <translation>填报单位（盖章）</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Month on month</source>
        <translation>环比</translation>
    </message>
    <message>
        <source>Year on year</source>
        <translation>同比</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>本年累计</translation>
    </message>
    <message>
        <source>Shipped, year to date (t)</source>
        <translation>累计出货(吨)</translation>
    </message>
    <message>
        <source>Year to date, year on year</source>
        <translation>累计同比</translation>
    </message>
    <message>
        <source>Average price (¥/kg)</source>
        <translation>均价(元/公斤)</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Sales (¥)</source>
        <translation>销售额(元)</translation>
    </message>
    <message>
        <source>Share: of the period&apos;s shipped tonnes. Month on month: against the previous month; year on year: against the same period a year earlier; &apos;new&apos;: nothing a year earlier; —: nothing in either. Average price: sales over payable weight. A truck carrying several operators&apos; or crops&apos; produce counts once for each.</source>
        <translation>占比：占本期出货量的比例。环比：与上月相比；同比：与上年同期相比；“新增”：上年同期为零；“—”：两期均为零。均价 = 销售额 ÷ 结算重量。一车装有多个经营主体或品种的，分别计入各自车次。</translation>
    </message>
    <message>
        <source>Monthly production and sales report</source>
        <translation>产销月报</translation>
    </message>
    <message>
        <source>Annual production and sales report</source>
        <translation>产销年报</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>By crop</source>
        <translation>按品种</translation>
    </message>
    <message>
        <source>By market</source>
        <translation>按市场</translation>
    </message>
    <message>
        <source>By operator</source>
        <translation>按经营主体</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Harvested (t)</source>
        <translation>采收(吨)</translation>
    </message>
    <message>
        <source>Shipped (t)</source>
        <translation>出货(吨)</translation>
    </message>
    <message>
        <source>Harvested last year (t)</source>
        <translation>去年采收(吨)</translation>
    </message>
    <message>
        <source>Shipped last year (t)</source>
        <translation>去年出货(吨)</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>同比</translation>
    </message>
    <message>
        <source>Revenue last year (¥)</source>
        <translation>去年销售额(元)</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Trace report</source>
        <translation>追溯报告</translation>
    </message>
    <message>
        <source>Forward: where the produce went</source>
        <translation>正向追溯：产品去向</translation>
    </message>
    <message>
        <source>Backward: where the produce came from</source>
        <translation>反向追溯：产品来源</translation>
    </message>
    <message>
        <source>Traced from</source>
        <translation>追溯依据</translation>
    </message>
    <message>
        <source>Lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>合格证编号</translation>
    </message>
    <message>
        <source>Weighing ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Harvest date</source>
        <translation>采收日期</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Lot grade</source>
        <translation>批次等级</translation>
    </message>
    <message>
        <source>Lot (kg)</source>
        <translation>批次重量(公斤)</translation>
    </message>
    <message>
        <source>Ship date</source>
        <translation>出货日期</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Line grade</source>
        <translation>出货等级</translation>
    </message>
    <message>
        <source>Line net (kg)</source>
        <translation>出货净重(公斤)</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证号</translation>
    </message>
    <message>
        <source>Line deduction (kg)</source>
        <translation>出货扣重(公斤)</translation>
    </message>
    <message>
        <source>Line payable (kg)</source>
        <translation>出货结算重量(公斤)</translation>
    </message>
    <message>
        <source>Truck gross (kg)</source>
        <translation>整车毛重(公斤)</translation>
    </message>
    <message>
        <source>Truck tare (kg)</source>
        <translation>整车皮重(公斤)</translation>
    </message>
    <message>
        <source>Truck net (kg)</source>
        <translation>整车净重(公斤)</translation>
    </message>
    <message>
        <source>Truck deduction (kg)</source>
        <translation>整车扣重(公斤)</translation>
    </message>
    <message>
        <source>not shipped</source>
        <translation>未出货</translation>
    </message>
    <message>
        <source>no lot recorded</source>
        <translation>未记录批次</translation>
    </message>
</context>
<context>
    <name>EmptyGuide</name>
    <message>
        <source>No operators yet. Start here: add the park&apos;s co-ops, family farms and companies; their plots, harvests and certificates hang on them.</source>
        <translation>还没有经营主体。从这里开始：添加园区的合作社、家庭农场和企业；地块、采收和合格证都挂在它们名下。</translation>
    </message>
    <message>
        <source>Add the first operator</source>
        <translation>添加第一个经营主体</translation>
    </message>
    <message>
        <source>No crops yet. Add the vegetables the park grows (白萝卜, 莴笋 …) before recording harvests.</source>
        <translation>还没有品种。记录采收前，先添加园区种植的蔬菜（白萝卜、莴笋……）。</translation>
    </message>
    <message>
        <source>Add the first crop</source>
        <translation>添加第一个品种</translation>
    </message>
    <message>
        <source>No buyers yet. Add the wholesalers who truck the produce away before recording shipments.</source>
        <translation>还没有客商。记录出货前，先添加来拉货的批发商。</translation>
    </message>
    <message>
        <source>Add the first buyer</source>
        <translation>添加第一个客商</translation>
    </message>
    <message>
        <source>No markets yet. Add the wholesale markets the trucks go to (optional on a shipment).</source>
        <translation>还没有市场。添加货车去往的批发市场（出货单上可不填）。</translation>
    </message>
    <message>
        <source>Add the first market</source>
        <translation>添加第一个市场</translation>
    </message>
    <message>
        <source>No harvest lots yet. Record the first lot, or paste rows copied from a sheet (Ctrl+V).</source>
        <translation>还没有采收批次。录入第一批，或粘贴从表格复制的行（Ctrl+V）。</translation>
    </message>
    <message>
        <source>New harvest lot</source>
        <translation>新建采收批次</translation>
    </message>
    <message>
        <source>No shipments yet. Record the first truck, or import a file.</source>
        <translation>还没有出货记录。录入第一车，或导入文件。</translation>
    </message>
    <message>
        <source>New shipment</source>
        <translation>新建出货单</translation>
    </message>
    <message>
        <source>No payments yet. Record what a buyer paid.</source>
        <translation>还没有收款记录。记录客商付的款。</translation>
    </message>
    <message>
        <source>Record a payment</source>
        <translation>记录收款</translation>
    </message>
    <message>
        <source>Nothing to show yet: this park has no operators. Add them first.</source>
        <translation>暂无内容：本园区还没有经营主体，请先添加。</translation>
    </message>
    <message>
        <source>Go to operators</source>
        <translation>前往经营主体</translation>
    </message>
    <message>
        <source>Nothing to show yet: this park has no crops. Add them first.</source>
        <translation>暂无内容：本园区还没有品种，请先添加。</translation>
    </message>
    <message>
        <source>Go to crops</source>
        <translation>前往品种</translation>
    </message>
    <message>
        <source>Nothing to show yet: this park has no buyers. Add them first.</source>
        <translation>暂无内容：本园区还没有客商，请先添加。</translation>
    </message>
    <message>
        <source>Go to buyers</source>
        <translation>前往客商</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>A CSV file or an Excel/WPS workbook, in the program&apos;s layout or the clerk&apos;s own.</source>
        <translation>CSV 文件或 Excel/WPS 工作簿，可以是本程序的格式，也可以是文员自己的表格。</translation>
    </message>
    <message>
        <source>&amp;Records:</source>
        <translation>记录类型(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Save a blank &amp;template…</source>
        <translation>保存空白模板(&amp;T)…</translation>
    </message>
    <message>
        <source>A blank workbook with the columns, an example row and notes on each column (fujiang template)</source>
        <translation>空白工作簿：含各列标题、一行示例和每列说明（fujiang template）</translation>
    </message>
    <message>
        <source>Choose a file, or start from a blank template.</source>
        <translation>请选择文件，或从空白模板开始。</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>没有文件 %1。</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <source>No column title of this sheet was recognised. You can say what each column holds on the next page, or copy your rows into the blank template, which the import always reads.</source>
        <translation>此工作表的列标题一个也没有识别出来。可以在下一页指定每列的内容，或把数据复制到空白模板中（导入总能读取模板）。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>No market recorded</source>
        <translation>未记录市场</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>This season (Nov–Oct)</source>
        <translation>本产季（11月–10月）</translation>
    </message>
    <message>
        <source>Last season</source>
        <translation>上一产季</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>按</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部经营主体</translation>
    </message>
    <message>
        <source>%1 operators</source>
        <translation>%1 个经营主体</translation>
    </message>
    <message>
        <source>All crops</source>
        <translation>全部品种</translation>
    </message>
    <message>
        <source>%1 crops</source>
        <translation>%1 个品种</translation>
    </message>
    <message>
        <source>All buyers</source>
        <translation>全部客商</translation>
    </message>
    <message>
        <source>%1 buyers</source>
        <translation>%1 位客商</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>全部市场</translation>
    </message>
    <message>
        <source>%1 markets</source>
        <translation>%1 个市场</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Show all operators, crops, buyers and markets again</source>
        <translation>重新显示全部经营主体、品种、客商和市场</translation>
    </message>
    <message>
        <source>First day (included)</source>
        <translation>起始日（含）</translation>
    </message>
    <message>
        <source>Last day (included)</source>
        <translation>截止日（含）</translation>
    </message>
</context>
<context>
    <name>FlowChart</name>
    <message>
        <source>%1 of all shown</source>
        <translation>占所示总量 %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>占%2的 %1</translation>
    </message>
</context>
<context>
    <name>HarvestForm</name>
    <message>
        <source>New harvest lot</source>
        <translation>新建采收批次</translation>
    </message>
    <message>
        <source>Harvest lot %1</source>
        <translation>采收批次 %1</translation>
    </message>
    <message>
        <source>e.g. 3500斤, 1.75吨, 1250 (kg)</source>
        <translation>例如 3500斤、1.75吨、1250（公斤）</translation>
    </message>
    <message>
        <source>e.g. 2026-01-06, 1月6号</source>
        <translation>例如 2026-01-06、1月6号</translation>
    </message>
    <message>
        <source>assigned on save</source>
        <translation>保存时自动生成</translation>
    </message>
    <message>
        <source>estimated from %1, not weighed</source>
        <translation>按 %1 估重，未过磅</translation>
    </message>
    <message>
        <source>Add harvest lot</source>
        <translation>添加采收批次</translation>
    </message>
    <message>
        <source>Edit harvest lot</source>
        <translation>编辑采收批次</translation>
    </message>
</context>
<context>
    <name>HarvestModel</name>
    <message>
        <source>Not on any shipment yet</source>
        <translation>尚未出货</translation>
    </message>
    <message>
        <source>On %n shipment line(s)</source>
        <translation>已在 %Ln 条出货明细中</translation>
    </message>
    <message>
        <source>est.</source>
        <translation>估</translation>
    </message>
    <message>
        <source>Estimated from %1 × what one pack of the crop weighs; not weighed</source>
        <translation>按 %1 × 该品种每件重量估重，未过磅</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量（公斤）</translation>
    </message>
    <message>
        <source>On lines</source>
        <translation>出货明细数</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>HarvestsPage</name>
    <message>
        <source>Harvests</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Search lot code, operator, crop, plot, notes</source>
        <translation>搜索批次号、经营主体、品种、地块、备注</translation>
    </message>
    <message numerus="yes">
        <source>%1 harvest lot(s)</source>
        <translation>
            <numerusform>%1 个采收批次</numerusform>
        </translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部经营主体</translation>
    </message>
    <message>
        <source>All crops</source>
        <translation>全部品种</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Remove the lot from those shipment lines first (edit the shipment), then delete it.</source>
        <translation>请先从这些出货明细中移除该批次（编辑出货单），然后再删除。</translation>
    </message>
    <message>
        <source>This operator has no plot named %1</source>
        <translation>该经营主体没有名为 %1 的地块</translation>
    </message>
    <message>
        <source>; their plots: %1</source>
        <translation>；其地块：%1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>History of %1 %2</source>
        <translation>%1 %2 的修改记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>%n change(s) recorded in the audit log.</source>
        <translation>操作日志中记录了 %Ln 次修改。</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>修改前 → 修改后</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>修改历史…</translation>
    </message>
</context>
<context>
    <name>IdListPage</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>from</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New record (Ctrl+N)</source>
        <translation>新建记录（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit the current record (Enter)</source>
        <translation>编辑当前记录（Enter）</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制为新记录</translation>
    </message>
    <message>
        <source>A new record filled like the current one</source>
        <translation>以当前记录为模板新建一条记录</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected records (Delete)</source>
        <translation>删除所选记录（Delete）</translation>
    </message>
    <message>
        <source>Paste rows</source>
        <translation>粘贴行</translation>
    </message>
    <message>
        <source>Paste rows copied from Excel or WPS (Ctrl+V)</source>
        <translation>粘贴从 Excel 或 WPS 复制的行（Ctrl+V）</translation>
    </message>
    <message>
        <source>Fill down</source>
        <translation>向下填充</translation>
    </message>
    <message>
        <source>Copy the top selected cell down (Ctrl+D)</source>
        <translation>把所选区域最上面的单元格向下填充（Ctrl+D）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>%1 row</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>Delete %n record(s)?</source>
        <translation>删除 %Ln 条记录？</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 is used by %2.</source>
        <translation>%1 仍被 %2 引用。</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>未删除任何记录。</translation>
    </message>
    <message>
        <source>%n shipment line(s)</source>
        <translation>%Ln 条出货明细</translation>
    </message>
    <message>
        <source>%n certificate(s)</source>
        <translation>%Ln 张合格证</translation>
    </message>
    <message>
        <source>%n shipment(s)</source>
        <translation>%Ln 张出货单</translation>
    </message>
    <message>
        <source>%n harvest lot(s)</source>
        <translation>%Ln 个采收批次</translation>
    </message>
    <message>
        <source>%n payment(s)</source>
        <translation>%Ln 笔收款</translation>
    </message>
    <message>
        <source>%n plot(s)</source>
        <translation>%Ln 个地块</translation>
    </message>
    <message>
        <source>%n buyer(s)</source>
        <translation>%Ln 个客商</translation>
    </message>
    <message>
        <source>%n × %1</source>
        <translation>%Ln 条%1</translation>
    </message>
    <message>
        <source>Copied %n row(s).</source>
        <translation>已复制 %Ln 行。</translation>
    </message>
    <message>
        <source>The clipboard holds no rows to paste.</source>
        <translation>剪贴板中没有可粘贴的行。</translation>
    </message>
    <message>
        <source>Paste %n row(s)</source>
        <translation>粘贴 %Ln 行</translation>
    </message>
    <message>
        <source>%n row(s) added</source>
        <translation>已添加 %Ln 行</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Shipments</source>
        <translation>出货</translation>
    </message>
    <message>
        <source>Harvests</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Crops</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Spreadsheets and CSV files (%1);;All files (*)</source>
        <translation>表格和 CSV 文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save a template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入%1</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Writing %1 …</source>
        <translation>正在写入 %1 …</translation>
    </message>
    <message numerus="yes">
        <source>Import %n record(s)</source>
        <translation>
            <numerusform>导入 %Ln 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n record(s) from %1.</source>
        <translation>
            <numerusform>已从 %1 导入 %Ln 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>没有导入任何内容：%1</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation>已取消导入；没有写入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue certificates</source>
        <translation>开具合格证</translation>
    </message>
    <message>
        <source>Search ticket, plate or buyer</source>
        <translation>搜索磅单号、车牌或客商</translation>
    </message>
    <message>
        <source>Only trucks lacking certificates</source>
        <translation>只看缺证的车</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>开具</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No truck found.</source>
        <translation>没有找到车辆。</translation>
    </message>
    <message>
        <source>covered by %1</source>
        <translation>已由 %1 覆盖</translation>
    </message>
    <message>
        <source>%1 no longer matches: void and reissue it</source>
        <translation>%1 已不符：请作废重开</translation>
    </message>
    <message>
        <source>no certificate yet</source>
        <translation>尚未开证</translation>
    </message>
    <message>
        <source>family farm: not required</source>
        <translation>家庭农场：无需开证</translation>
    </message>
    <message>
        <source>This truck has no lines yet.</source>
        <translation>这车还没有明细。</translation>
    </message>
</context>
<context>
    <name>LotPicker</name>
    <message>
        <source>Harvest lots of this line</source>
        <translation>本行的采收批次</translation>
    </message>
    <message>
        <source>No lots of this operator and crop in the 3 days up to the date.</source>
        <translation>截至出货日期的 3 天内，没有该经营主体这个品种的采收批次。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Fujiang vegetable park</source>
        <translation>涪江蔬菜乐园</translation>
    </message>
    <message>
        <source>Page not available</source>
        <translation>页面不可用</translation>
    </message>
    <message>
        <source>This page could not be opened; the rest of the program works. The full detail is in the log file in the data folder (Help ▸ About).

%1</source>
        <translation>此页面无法打开，程序其他部分仍可正常使用。详细信息已记入数据文件夹中的日志文件（帮助 ▸ 关于）。

%1</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>数据库 (*.db)</translation>
    </message>
    <message>
        <source>(read-only: nothing can be saved)</source>
        <translation>（只读：无法保存任何内容）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;ports</source>
        <translation>报表(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>What each column holds</source>
        <translation>每列的内容</translation>
    </message>
    <message>
        <source>Correct any column read as the wrong field; (ignore) skips a column. A unit in the title, as in 重量(斤), still applies. The mapping is remembered for files with the same titles.</source>
        <translation>如有列被识别成错误的字段，请更正；选择（忽略）则跳过该列。标题中的单位（如 重量(斤)）仍然有效。相同标题的文件会记住这次的对应关系。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>读作</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <source>The file has no title row.</source>
        <translation>文件没有标题行。</translation>
    </message>
    <message>
        <source>The mapping you chose for a file with these titles is used again.</source>
        <translation>已沿用您为相同标题的文件选择的对应关系。</translation>
    </message>
</context>
<context>
    <name>MarketsPage</name>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
</context>
<context>
    <name>Months</name>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
</context>
<context>
    <name>NamesBox</name>
    <message>
        <source>Names not in the database</source>
        <translation>数据库中没有的名称</translation>
    </message>
    <message>
        <source>Tick the names to create with the import (undone with it) and choose what each needs; correct a misspelt one in the table.</source>
        <translation>勾选要随导入一起新建的名称（撤销导入时一并撤销），并为每个名称选好所需信息；写错的名称请在表格里改正。</translation>
    </message>
    <message>
        <source>Every name in the file is in the database.</source>
        <translation>文件中的名称都已在数据库中。</translation>
    </message>
    <message>
        <source>Create operator %1</source>
        <translation>新建经营主体 %1</translation>
    </message>
    <message>
        <source>Create crop %1</source>
        <translation>新建品种 %1</translation>
    </message>
    <message>
        <source>Create buyer %1</source>
        <translation>新建客商 %1</translation>
    </message>
    <message>
        <source>Create market %1</source>
        <translation>新建市场 %1</translation>
    </message>
    <message>
        <source>Create plot %1 of operator %2</source>
        <translation>为经营主体 %2 新建地块 %1</translation>
    </message>
    <message>
        <source>An operator&apos;s kind decides whether its certificates are required.</source>
        <translation>经营主体的类型决定是否必须有合格证。</translation>
    </message>
    <message>
        <source>Kind (decides whether certificates are needed)</source>
        <translation>类型（决定是否需要合格证）</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Credit code (optional)</source>
        <translation>统一社会信用代码（可不填）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Usual market (optional)</source>
        <translation>常去市场（可不填）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>District (optional)</source>
        <translation>区县（可不填）</translation>
    </message>
    <message>
        <source>English name (optional)</source>
        <translation>英文名（可不填）</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>side</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Choose before importing: %1</source>
        <translation>导入前请选择：%1</translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <source>Plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Plots of %1</source>
        <translation>%1 的地块</translation>
    </message>
    <message>
        <source>Operators &amp; plots</source>
        <translation>经营主体与地块</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <source>Drop selected rows</source>
        <translation>舍弃所选行</translation>
    </message>
    <message>
        <source>Shift+Delete</source>
        <translation>Shift+Delete</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) pasted</source>
        <translation>
            <numerusform>已粘贴 %Ln 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) to fix or drop (see their tooltips)</source>
        <translation>
            <numerusform>%Ln 个单元格需要修改或舍弃（见单元格提示）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems</source>
        <translation>
            <numerusform>%Ln 行有问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) ready to save</source>
        <translation>
            <numerusform>%Ln 行可以保存</numerusform>
        </translation>
    </message>
    <message>
        <source>Not pasted, no column of that name: %1</source>
        <translation>未粘贴（没有同名的列）：%1</translation>
    </message>
    <message numerus="yes">
        <source>Not pasted: %n column(s) beyond the last one</source>
        <translation>
            <numerusform>未粘贴：最后一列之后的 %Ln 列</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>Search buyer, reference, notes (Ctrl+F)…</source>
        <translation>搜索客商、单号、备注（Ctrl+F）…</translation>
    </message>
    <message>
        <source>prepaid %1</source>
        <translation>预付 %1</translation>
    </message>
    <message>
        <source>owes %1</source>
        <translation>欠 %1</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Buyer balances (double-click to filter)</source>
        <translation>客商余额（双击可筛选该客商）</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check the rows</source>
        <translation>检查各行</translation>
    </message>
    <message>
        <source>Red cells are wrong: point at one for the reason. Type over a cell to correct it, or drop its row (Ctrl+Del); the file itself is not changed.</source>
        <translation>红色单元格有错：鼠标指向即可看到原因。直接输入可更正单元格，或舍弃该行（Ctrl+Del）；文件本身不会改动。</translation>
    </message>
    <message>
        <source>&amp;Drop or keep the row</source>
        <translation>舍弃或保留该行(&amp;D)</translation>
    </message>
    <message>
        <source>Drop or keep the row</source>
        <translation>舍弃或保留该行</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>Checking …</source>
        <translation>正在检查 …</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): correct the cells or drop their rows.</source>
        <translation>
            <numerusform>%Ln 个问题：请更正单元格或舍弃所在行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problems: %n record(s) ready to import.</source>
        <translation>
            <numerusform>没有问题：%Ln 条记录可以导入。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PriceChart</name>
    <message>
        <source>yuan/jin</source>
        <translation>元/斤</translation>
    </message>
    <message>
        <source>yuan/kg</source>
        <translation>元/公斤</translation>
    </message>
    <message>
        <source>Shaded: lowest to highest line price</source>
        <translation>阴影：明细最低价至最高价</translation>
    </message>
    <message>
        <source>The band spans the lowest and the highest price of the period&apos;s lines</source>
        <translation>阴影带覆盖该时段各明细的最低价到最高价</translation>
    </message>
    <message>
        <source>Reference wholesale prices</source>
        <translation>参考批发价</translation>
    </message>
    <message>
        <source>Reference derived from the sourced prices&apos; seasonal profile</source>
        <translation>参考价（推算）：有来源报价的季节曲线</translation>
    </message>
    <message>
        <source>Months no source reports: each crop&apos;s sourced prices by calendar month</source>
        <translation>无报价的月份：按各作物有来源报价的月份规律推算</translation>
    </message>
    <message>
        <source>Price (%1)</source>
        <translation>价格（%1）</translation>
    </message>
    <message>
        <source>No reference price in this period for: %1</source>
        <translation>本时段无参考价：%1</translation>
    </message>
    <message>
        <source>Reference price</source>
        <translation>参考价</translation>
    </message>
    <message>
        <source>%1 reference (derived): %2</source>
        <translation>%1 参考价（推算）：%2</translation>
    </message>
    <message>
        <source>No sales</source>
        <translation>无销售</translation>
    </message>
    <message>
        <source>%1: mean %2 (min %3, max %4), %5 sold</source>
        <translation>%1：均价 %2（最低 %3，最高 %4），售出 %5</translation>
    </message>
    <message>
        <source>Show prices per kilogram (公斤) or per jin (斤, 500 g)</source>
        <translation>按公斤或按斤（500 克）显示价格</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Directory:</source>
        <translation>目录(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Don&apos;t Save</source>
        <translation>不保存</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>不保存并关闭</translation>
    </message>
</context>
<context>
    <name>ReadAs</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Destination market</source>
        <translation>目的市场</translation>
    </message>
    <message>
        <source>Usual market</source>
        <translation>常去市场</translation>
    </message>
    <message>
        <source>Plate no.</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Net weight (kg)</source>
        <translation>净重(公斤)</translation>
    </message>
    <message>
        <source>Price (yuan/kg)</source>
        <translation>单价(元/公斤)</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Truck gross weight (kg)</source>
        <translation>整车毛重(公斤)</translation>
    </message>
    <message>
        <source>Truck tare weight (kg)</source>
        <translation>整车皮重(公斤)</translation>
    </message>
    <message>
        <source>Deduction (kg)</source>
        <translation>扣重(公斤)</translation>
    </message>
    <message>
        <source>Payable weight (kg)</source>
        <translation>结算重量(公斤)</translation>
    </message>
    <message>
        <source>Settled price (yuan/kg)</source>
        <translation>实结价(元/公斤)</translation>
    </message>
    <message>
        <source>Deduction (%)</source>
        <translation>扣杂(%)</translation>
    </message>
    <message>
        <source>Lot no.</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量(公斤)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reference no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Plot name</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积(亩)</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名</translation>
    </message>
    <message>
        <source>Home base</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Plates</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Harvest months</source>
        <translation>采收月份</translation>
    </message>
    <message>
        <source>Usual low price (yuan/kg)</source>
        <translation>常见低价(元/公斤)</translation>
    </message>
    <message>
        <source>Usual high price (yuan/kg)</source>
        <translation>常见高价(元/公斤)</translation>
    </message>
    <message>
        <source>Bag weight (kg)</source>
        <translation>每袋重量(公斤)</translation>
    </message>
    <message>
        <source>Crate weight (kg)</source>
        <translation>每筐重量(公斤)</translation>
    </message>
    <message>
        <source>Bundle weight (kg)</source>
        <translation>每捆重量(公斤)</translation>
    </message>
</context>
<context>
    <name>RecordBrowser</name>
    <message>
        <source>operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>New operator</source>
        <translation>新建经营主体</translation>
    </message>
    <message>
        <source>Edit operator</source>
        <translation>编辑经营主体</translation>
    </message>
    <message>
        <source>plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>New plot of %1</source>
        <translation>为 %1 新建地块</translation>
    </message>
    <message>
        <source>Edit plot of %1</source>
        <translation>编辑 %1 的地块</translation>
    </message>
    <message>
        <source>Choose an operator first</source>
        <translation>请先选择一个经营主体</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>New buyer</source>
        <translation>新建客商</translation>
    </message>
    <message>
        <source>Edit buyer</source>
        <translation>编辑客商</translation>
    </message>
    <message>
        <source>market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>New market</source>
        <translation>新建市场</translation>
    </message>
    <message>
        <source>Edit market</source>
        <translation>编辑市场</translation>
    </message>
    <message>
        <source>crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>New crop</source>
        <translation>新建品种</translation>
    </message>
    <message>
        <source>Edit crop</source>
        <translation>编辑品种</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>New payment</source>
        <translation>新建收款</translation>
    </message>
    <message>
        <source>Edit payment</source>
        <translation>编辑收款</translation>
    </message>
    <message>
        <source>%n payment(s)</source>
        <translation>%Ln 笔收款</translation>
    </message>
    <message>
        <source>sum ¥%1 · mean ¥%2</source>
        <translation>合计 ¥%1 · 平均 ¥%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 %2 条</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Edit record</source>
        <translation>编辑记录</translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation>（副本）</translation>
    </message>
    <message>
        <source>%n selected</source>
        <translation>已选 %Ln 条</translation>
    </message>
    <message>
        <source>%1: all</source>
        <translation>%1：全部</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2 条</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)…</source>
        <translation>搜索（Ctrl+F）…</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>from</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete %n record(s)?</source>
        <translation>删除 %Ln 条记录？</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除%1</translation>
    </message>
    <message>
        <source>These records are still used, so they cannot be deleted:</source>
        <translation>以下记录仍被引用，不能删除：</translation>
    </message>
    <message>
        <source>Still in use</source>
        <translation>仍在使用</translation>
    </message>
    <message>
        <source>Archive them instead? Archived records keep their history and reports but are hidden from lists and name completion. You can restore them later.</source>
        <translation>改为归档吗？归档后的记录仍保留历史和报表，但不再出现在列表和名称补全中，以后可以恢复。</translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation>归档%1</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复%1</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Copied %n row(s)</source>
        <translation>已复制 %Ln 行</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>开具人</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量(公斤)</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Void: %1</source>
        <translation>作废：%1</translation>
    </message>
    <message>
        <source>The truck no longer matches this certificate: void and reissue it.</source>
        <translation>本车已与这张合格证不符：请作废重开。</translation>
    </message>
    <message>
        <source>Replaces %1</source>
        <translation>替换 %1</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Buyer statement</source>
        <translation>客商对账单</translation>
    </message>
    <message>
        <source>Operator statement</source>
        <translation>经营主体结算单</translation>
    </message>
    <message>
        <source>Production and sales report</source>
        <translation>产销报表</translation>
    </message>
    <message>
        <source>Buyer:</source>
        <translation>客商：</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>经营主体：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Document language:</source>
        <translation>文档语言：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>All buyers (one file each, into a folder)</source>
        <translation>全部客商（每个客商一个文件，存入文件夹）</translation>
    </message>
    <message>
        <source>Choose one buyer to preview.</source>
        <translation>请选择一个客商以预览。</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
    <message>
        <source>Folder for the buyer reports</source>
        <translation>客商对账单保存文件夹</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Replace reports?</source>
        <translation>替换报表？</translation>
    </message>
    <message numerus="yes">
        <source>Already in %1: %n report(s) of this period.
Replace?</source>
        <translation>
            <numerusform>%1 中已有本期的 %Ln 份报表。
要替换吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>起始日期晚于截止日期。</translation>
    </message>
    <message>
        <source>There is nothing to report on yet.</source>
        <translation>暂无可统计的数据。</translation>
    </message>
    <message>
        <source>Writing %1 …</source>
        <translation>正在写入 %1 …</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Saved %1 files.</source>
        <translation>已保存 %1 个文件。</translation>
    </message>
    <message>
        <source>Open it now?</source>
        <translation>现在打开吗？</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>报表无法写入：%1</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>&amp;Buyer statement…</source>
        <translation>客商对账单(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Operator statement…</source>
        <translation>经营主体结算单(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Production and sales report…</source>
        <translation>产销报表(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Reading the backups…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s).</source>
        <translation>
            <numerusform>共 %Ln 份备份。</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backups folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace the database&apos;s content with the backup of %1 (%2)?</source>
        <translation>用 %1 的备份（%2）替换数据库的内容吗？</translation>
    </message>
    <message>
        <source>Records now → after the restore:</source>
        <translation>记录数 现在 → 恢复后：</translation>
    </message>
    <message>
        <source>The database as it is now is backed up first. Undo history is cleared.</source>
        <translation>恢复前会先备份当前数据库。撤销记录将被清空。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有做任何更改。</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Restored the backup of %1: %2 records. The database as it was is saved as %3.</source>
        <translation>已恢复 %1 的备份：%2 条记录。恢复前的数据库已保存为 %3。</translation>
    </message>
    <message>
        <source>Not restored; the database was not changed. %1</source>
        <translation>未恢复，数据库没有改动。%1</translation>
    </message>
    <message>
        <source>Cancelled; the database was not changed.</source>
        <translation>已取消，数据库没有改动。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backups of %1 in %2. A backup is made each day at the first start, before every import, upgrade and restore; the last 14 days, 8 weeks and 12 months are kept.</source>
        <translation>%1 的备份，位于 %2。每天第一次启动时、每次导入、升级和恢复之前都会自动备份；保留最近 14 天、8 周和 12 个月的备份。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Harvests</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>出货</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Other &amp;file…</source>
        <translation>其他文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Change &amp;folder…</source>
        <translation>更改文件夹(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 已存在。
要替换它吗？</translation>
    </message>
    <message>
        <source>Cannot save here</source>
        <translation>不能保存到这里</translation>
    </message>
</context>
<context>
    <name>SelectionSummary</name>
    <message>
        <source>%n cell(s)</source>
        <translation>%Ln 个单元格</translation>
    </message>
    <message>
        <source>%1: sum %2 · mean %3</source>
        <translation>%1：合计 %2 · 平均 %3</translation>
    </message>
    <message>
        <source>adding up…</source>
        <translation>正在合计…</translation>
    </message>
    <message>
        <source>sum %1 · mean %2</source>
        <translation>合计 %1 · 平均 %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The park&apos;s details</source>
        <translation>园区信息</translation>
    </message>
    <message>
        <source>These details head every statement, summary and certificate the program prints. The objection period is the days a buyer has to query a statement.</source>
        <translation>这些信息印在本程序打印的每份对账单、报表和合格证的抬头。异议期是客商对对账单提出异议的天数。</translation>
    </message>
    <message>
        <source>&amp;Legal name:</source>
        <translation>法定名称(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Unified social credit code:</source>
        <translation>统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Bank:</source>
        <translation>开户银行(&amp;B)：</translation>
    </message>
    <message>
        <source>Account &amp;number:</source>
        <translation>银行账号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Objection period:</source>
        <translation>异议期(&amp;O)：</translation>
    </message>
    <message>
        <source> days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91510903MA62C0FJ05</source>
        <translation>18 位，例如 91510903MA62C0FJ05</translation>
    </message>
    <message>
        <source>digits; spaces are ignored</source>
        <translation>数字；空格会被忽略</translation>
    </message>
    <message>
        <source>Check character correct.</source>
        <translation>校验码正确。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The park&apos;s &amp;details…</source>
        <translation>园区信息(&amp;D)…</translation>
    </message>
    <message>
        <source>Legal name, address, credit code, bank account and objection period printed on documents</source>
        <translation>印在单据上的法定名称、地址、信用代码、银行账户和异议期</translation>
    </message>
</context>
<context>
    <name>ShipmentDelete</name>
    <message>
        <source>Truck %1 has %n certificate(s).</source>
        <translation>车次 %1 有 %Ln 张合格证。</translation>
    </message>
    <message>
        <source>A certificate is never deleted. They can be voided (they stay in the register, marked void, with the truck named in the reason) and the truck deleted.</source>
        <translation>合格证不能删除。可以将其作废（仍留在登记簿中，标为作废，作废原因中写明车次），然后删除该车次。</translation>
    </message>
    <message>
        <source>Void the certificates and delete %n truck(s)?</source>
        <translation>作废这些合格证并删除 %Ln 个车次？</translation>
    </message>
    <message>
        <source>Void certificates and delete</source>
        <translation>作废合格证并删除</translation>
    </message>
    <message>
        <source>Truck %1 was deleted</source>
        <translation>车次 %1 已删除</translation>
    </message>
</context>
<context>
    <name>ShipmentForm</name>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Net (kg)</source>
        <translation>净重（公斤）</translation>
    </message>
    <message>
        <source>Price (%1)</source>
        <translation>单价（%1）</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Harvest lots</source>
        <translation>采收批次</translation>
    </message>
    <message>
        <source>New shipment</source>
        <translation>新建出货单</translation>
    </message>
    <message>
        <source>Shipment %1</source>
        <translation>出货单 %1</translation>
    </message>
    <message>
        <source>&amp;Suggest</source>
        <translation>自动编号(&amp;S)</translation>
    </message>
    <message>
        <source>Add &amp;line</source>
        <translation>添加明细(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Remove lines</source>
        <translation>删除明细(&amp;R)</translation>
    </message>
    <message>
        <source>Harvest l&amp;ots…</source>
        <translation>采收批次(&amp;O)…</translation>
    </message>
    <message>
        <source>Pr&amp;ices in</source>
        <translation>价格单位(&amp;I)</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>整车</translation>
    </message>
    <message>
        <source>Deduction (kg)</source>
        <translation>扣重（公斤）</translation>
    </message>
    <message>
        <source>Payable (kg)</source>
        <translation>结算重量（公斤）</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>New b&amp;uyer…</source>
        <translation>新建客商(&amp;U)…</translation>
    </message>
    <message>
        <source>A buyer not in the list yet: add them with the name typed here, then carry on</source>
        <translation>名单中还没有的客商：用这里输入的名称新建，然后继续填写</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>e.g. 18.5吨, 18500 (kg)</source>
        <translation>例如 18.5吨、18500（公斤）</translation>
    </message>
    <message>
        <source>kg or %, e.g. 2%</source>
        <translation>公斤或百分比，例如 2%</translation>
    </message>
    <message>
        <source>already used on %1</source>
        <translation>已在 %1 使用</translation>
    </message>
    <message>
        <source>gross must be more than the tare</source>
        <translation>毛重必须大于皮重</translation>
    </message>
    <message>
        <source>%1 kg: above 100 t, this cannot be one truck</source>
        <translation>%1 公斤：超过 100 吨，不可能是一车货</translation>
    </message>
    <message>
        <source>%1 kg: above 40 t, check for a typing error</source>
        <translation>%1 公斤：超过 40 吨，请检查是否输入有误</translation>
    </message>
    <message>
        <source>%1 kg, the lines&apos; total (not weighed on the park&apos;s bridge)</source>
        <translation>%1 公斤，为各明细之和（未经本园地磅过磅）</translation>
    </message>
    <message>
        <source>payable %1 kg</source>
        <translation>结算重量 %1 公斤</translation>
    </message>
    <message>
        <source>est.</source>
        <translation>估</translation>
    </message>
    <message>
        <source>At the settled price %1 元/kg (agreed %2 元/kg)</source>
        <translation>按实结价 %1 元/公斤计（约定价 %2 元/公斤）</translation>
    </message>
    <message>
        <source>Net weight estimated from %1 × what one pack of the crop weighs; not weighed</source>
        <translation>净重按 %1 × 该品种每件重量估算，未过磅</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%Ln 条明细</numerusform>
        </translation>
    </message>
    <message>
        <source>Lines add up to %1 kg, the truck&apos;s net is %2 kg (%3 kg).</source>
        <translation>明细合计 %1 公斤，整车净重 %2 公斤（相差 %3 公斤）。</translation>
    </message>
    <message>
        <source>The deduction (%1 kg) is more than the lines weigh (%2 kg).</source>
        <translation>扣重（%1 公斤）超过了明细合计（%2 公斤）。</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>仍要保存吗？</translation>
    </message>
    <message>
        <source>Some values look like typing errors:</source>
        <translation>有些数值看起来像是输错了：</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>再检查一下</translation>
    </message>
    <message>
        <source>Prices already typed</source>
        <translation>已经输入了价格</translation>
    </message>
    <message>
        <source>The prices are typed in %1. Convert them to %2, or read the same numbers as %2?</source>
        <translation>价格是按 %1 输入的。要把它们换算成 %2，还是把同样的数字当作 %2？</translation>
    </message>
    <message>
        <source>Convert to %1</source>
        <translation>换算成 %1</translation>
    </message>
    <message>
        <source>Read as %1</source>
        <translation>当作 %1</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>保持 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n line cell(s) to fix (marked red) or remove the line</source>
        <translation>
            <numerusform>%Ln 个明细单元格需要修改（已标红），或删除该行明细</numerusform>
        </translation>
    </message>
    <message>
        <source>a shipment needs at least one line</source>
        <translation>出货单至少需要一条明细</translation>
    </message>
    <message>
        <source>Add shipment %1</source>
        <translation>添加出货单 %1</translation>
    </message>
    <message>
        <source>Edit shipment %1</source>
        <translation>编辑出货单 %1</translation>
    </message>
</context>
<context>
    <name>ShipmentModel</name>
    <message>
        <source>Gross %1 kg − tare %2 kg = net %3 kg</source>
        <translation>毛重 %1 公斤 − 皮重 %2 公斤 = 净重 %3 公斤</translation>
    </message>
    <message>
        <source>Lines add up to %1 kg</source>
        <translation>明细合计 %1 公斤</translation>
    </message>
    <message>
        <source>%n line(s) estimated from a count of packs (3袋), not weighed</source>
        <translation>%Ln 行按件数（如 3袋）估重，未过磅</translation>
    </message>
    <message>
        <source>est.</source>
        <translation>估</translation>
    </message>
    <message>
        <source>Net %1 kg − deduction %2 kg = payable %3 kg; amounts are payable kg × price</source>
        <translation>净重 %1 公斤 − 扣重 %2 公斤 = 结算重量 %3 公斤；金额按结算重量 × 单价计算</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Gross (kg)</source>
        <translation>毛重（公斤）</translation>
    </message>
    <message>
        <source>Tare (kg)</source>
        <translation>皮重（公斤）</translation>
    </message>
    <message>
        <source>Net (kg)</source>
        <translation>净重（公斤）</translation>
    </message>
    <message>
        <source>Deduction (kg)</source>
        <translation>扣重（公斤）</translation>
    </message>
    <message>
        <source>Payable (kg)</source>
        <translation>结算重量（公斤）</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款状态</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
</context>
<context>
    <name>ShipmentsPage</name>
    <message>
        <source>Shipments</source>
        <translation>出货</translation>
    </message>
    <message>
        <source>shipments</source>
        <translation>出货明细</translation>
    </message>
    <message>
        <source>Export shipment lines</source>
        <translation>导出出货明细</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n shipment line(s) to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 条出货明细到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Search ticket, plate, buyer, market, crop, lot code</source>
        <translation>搜索磅单号、车牌号、客商、市场、品种、批次号</translation>
    </message>
    <message numerus="yes">
        <source>%1 shipment(s)</source>
        <translation>
            <numerusform>%1 张出货单</numerusform>
        </translation>
    </message>
    <message>
        <source>All buyers</source>
        <translation>全部客商</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>全部市场</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部经营主体</translation>
    </message>
    <message>
        <source>All crops</source>
        <translation>全部品种</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Any payment</source>
        <translation>全部收款状态</translation>
    </message>
    <message>
        <source>Any certificates</source>
        <translation>全部开证状态</translation>
    </message>
    <message>
        <source>A shipment with a certificate stays in the register; void the certificate instead.</source>
        <translation>已开具合格证的出货单须保留在登记簿中；请改为作废合格证。</translation>
    </message>
    <message>
        <source>Gross (kg)</source>
        <translation>毛重（公斤）</translation>
    </message>
    <message>
        <source>Tare (kg)</source>
        <translation>皮重（公斤）</translation>
    </message>
    <message>
        <source>Price (yuan/kg)</source>
        <translation>单价（元/公斤）</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>This installation of the program is incomplete; missing: {files}. Install the program again (see README), or tell whoever installed it.</source>
        <translation>本程序的安装不完整，缺少：{files}。请重新安装本程序（见 README），或告知为您安装的人。</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The import is one step: Undo removes all of it, and the names created with it.</source>
        <translation>导入是一个步骤：撤销会删除全部导入内容及随之新建的名称。</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>记录：%1</translation>
    </message>
    <message>
        <source>Lines: %1</source>
        <translation>明细行：%1</translation>
    </message>
    <message>
        <source>Net weight: %1 t</source>
        <translation>净重：%1 吨</translation>
    </message>
    <message>
        <source>Amount: ¥%1</source>
        <translation>金额：¥%1</translation>
    </message>
    <message>
        <source>Repeated rows skipped: %1</source>
        <translation>跳过的重复行：%1</translation>
    </message>
    <message>
        <source>Warnings accepted: %1</source>
        <translation>已接受的警告：%1</translation>
    </message>
    <message>
        <source>Rows dropped: %1</source>
        <translation>舍弃的行：%1</translation>
    </message>
    <message>
        <source>Cells corrected: %1</source>
        <translation>更正的单元格：%1</translation>
    </message>
    <message>
        <source>Names created: %1</source>
        <translation>新建的名称：%1</translation>
    </message>
    <message>
        <source>Columns ignored: %1</source>
        <translation>忽略的列：%1</translation>
    </message>
    <message>
        <source>The template&apos;s example row skipped: row %1</source>
        <translation>已跳过模板的示例行：第 %1 行</translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <source>partial</source>
        <translation>未完</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Not over yet: counted to %1</source>
        <translation>尚未结束：统计至 %1</translation>
    </message>
    <message>
        <source>%1 more: %2</source>
        <translation>其余 %1 项：%2</translation>
    </message>
    <message>
        <source>Stacked areas</source>
        <translation>堆叠面积图</translation>
    </message>
    <message>
        <source>Stacked bars</source>
        <translation>堆叠柱状图</translation>
    </message>
    <message>
        <source>How the series are drawn</source>
        <translation>系列的绘制方式</translation>
    </message>
</context>
<context>
    <name>TracePage</name>
    <message>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <source>Recognise the code</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>合格证编号</translation>
    </message>
    <message>
        <source>Weighing ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>e.g. L20260105-0001, HGZ2026-000001, B20260105-001 or a plot name</source>
        <translation>例如 L20260105-0001、HGZ2026-000001、B20260105-001 或地块名称</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量(公斤)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Tracing %1 …</source>
        <translation>正在追溯 %1 …</translation>
    </message>
    <message>
        <source>Lot code %1</source>
        <translation>批次号 %1</translation>
    </message>
    <message>
        <source>Certificate number %1</source>
        <translation>合格证编号 %1</translation>
    </message>
    <message>
        <source>Weighing ticket %1</source>
        <translation>磅单号 %1</translation>
    </message>
    <message>
        <source>Plot %1</source>
        <translation>地块 %1</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>识别为：%1。</translation>
    </message>
    <message>
        <source>%1 link(s): %2 lot(s), %3 truck(s), %4 buyer(s), %5 market(s), %6 operator(s).</source>
        <translation>共 %1 条链接：%2 个批次、%3 车、%4 个客商、%5 个市场、%6 个经营主体。</translation>
    </message>
    <message>
        <source>The tree shows the first %1 links; export them to see all %2.</source>
        <translation>树中只列出前 %1 条链接；全部 %2 条请导出查看。</translation>
    </message>
    <message>
        <source>payable %1 kg</source>
        <translation>结算重量 %1 公斤</translation>
    </message>
    <message>
        <source>Gross %1 kg − tare %2 kg = net %3 kg; deduction %4 kg</source>
        <translation>毛重 %1 公斤 − 皮重 %2 公斤 = 净重 %3 公斤；扣重 %4 公斤</translation>
    </message>
    <message>
        <source>not shipped yet</source>
        <translation>尚未出货</translation>
    </message>
    <message>
        <source>(no market recorded)</source>
        <translation>（未填市场）</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>(no plot recorded)</source>
        <translation>（未记录地块）</translation>
    </message>
    <message>
        <source>no lot recorded</source>
        <translation>未记录批次</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出追溯结果</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>The trace could not be exported: %1</source>
        <translation>追溯结果无法导出：%1</translation>
    </message>
</context>
<context>
    <name>ValidatingGrid</name>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a certificate</source>
        <translation>核验合格证</translation>
    </message>
    <message>
        <source>Scan the QR code on a certificate and paste the text here. It is checked against the park&apos;s signing key and the register.</source>
        <translation>扫描合格证上的二维码，把扫到的文字粘贴到这里。程序用园区的签名密钥和开证登记核对。</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Copy public key</source>
        <translation>复制公钥</translation>
    </message>
    <message>
        <source>Save public key…</source>
        <translation>保存公钥…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Park key fingerprint: %1</source>
        <translation>园区公钥指纹：%1</translation>
    </message>
    <message>
        <source>No certificate has been signed with this database yet.</source>
        <translation>这个数据库还没有签过合格证。</translation>
    </message>
    <message>
        <source>Save public key</source>
        <translation>保存公钥</translation>
    </message>
    <message>
        <source>PEM key (*.pem)</source>
        <translation>PEM 密钥 (*.pem)</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>The file is correct, but some values are plausible only by mistake. Tick each kind you accept (it is kept in the audit log with the import), or go back and correct them.</source>
        <translation>文件没有错误，但有些数值很可能是录错了。请逐类勾选您接受的警告（接受情况随导入记入审计日志），或返回更正。</translation>
    </message>
    <message>
        <source>I accept %1 (%2)</source>
        <translation>我接受%1（%2 条）</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The demo data could not be created: %1</source>
        <translation>无法生成演示数据：%1</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何数据。</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome to the Fujiang park tracker</source>
        <translation>欢迎使用涪江蔬菜乐园管理系统</translation>
    </message>
    <message>
        <source>This database is still empty. How would you like to start?</source>
        <translation>这个数据库还是空的。您想从哪里开始？</translation>
    </message>
    <message>
        <source>Try the &amp;demo park</source>
        <translation>试用演示园区(&amp;D)</translation>
    </message>
    <message>
        <source>Start an empty park with the &amp;standard crops and markets</source>
        <translation>新建空园区，预置常用品种和批发市场(&amp;S)</translation>
    </message>
    <message>
        <source>Start completely &amp;empty</source>
        <translation>从零开始(&amp;E)</translation>
    </message>
    <message>
        <source>%1 invented operators, %2 buyers and %3 years of harvests, shipments, payments and certificates, to explore every page. Use a separate database for real work.</source>
        <translation>包含 %1 个虚构的经营主体、%2 位客商，以及 %3 年的采收、出货、收款和合格证记录，可用来熟悉各个页面。正式使用请另建数据库。</translation>
    </message>
    <message>
        <source>Creating the demo park… this takes a few seconds.</source>
        <translation>正在生成演示数据…只需几秒钟。</translation>
    </message>
    <message>
        <source>%1 crops with their local names, seasons and usual prices, and %2 destination markets.</source>
        <translation>%1 个品种（含俗称、上市月份和常见价格）以及 %2 个目的地市场。</translation>
    </message>
    <message>
        <source>Enter every operator, crop, market and buyer yourself.</source>
        <translation>经营主体、品种、市场和客商全部自行录入。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another database file</source>
        <translation>打开另一个数据库文件</translation>
    </message>
    <message>
        <source>New &amp;database…</source>
        <translation>新建数据库(&amp;D)…</translation>
    </message>
    <message>
        <source>Create a new, empty database file</source>
        <translation>新建一个空的数据库文件</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import rows from a CSV or Excel file into this page</source>
        <translation>从 CSV 或 Excel 文件导入本页数据</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export this page&apos;s rows to a CSV or Excel file</source>
        <translation>把本页数据导出为 CSV 或 Excel 文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the program</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selection (pastes into Excel or WPS)</source>
        <translation>复制所选内容（可粘贴到 Excel 或 WPS）</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Paste rows copied from a spreadsheet</source>
        <translation>粘贴从表格软件复制的行</translation>
    </message>
    <message>
        <source>Fill &amp;down</source>
        <translation>向下填充(&amp;D)</translation>
    </message>
    <message>
        <source>Copy the top value of the selection into the cells below it</source>
        <translation>把所选区域最上面的值填入下方单元格</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>Delete the selected records (asks first)</source>
        <translation>删除所选记录（会先确认）</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Go to this page&apos;s search box</source>
        <translation>转到本页的搜索框</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>Enter a new record on this page</source>
        <translation>在本页录入一条新记录</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the current record</source>
        <translation>编辑当前记录</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>复制为新记录(&amp;U)…</translation>
    </message>
    <message>
        <source>Start a new record from a copy of the current one</source>
        <translation>以当前记录为模板新建一条记录</translation>
    </message>
    <message>
        <source>&amp;Archive / restore</source>
        <translation>归档 / 恢复(&amp;A)</translation>
    </message>
    <message>
        <source>Hide the selected records from lists, or bring them back</source>
        <translation>把所选记录从列表中隐藏，或恢复显示</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read this page again from the database</source>
        <translation>从数据库重新读取本页</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Version, database file and data folder</source>
        <translation>版本、数据库文件和数据文件夹</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>subcommands</source>
        <translation>子命令</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示本帮助并退出</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少必需的参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>参数 %s 中必须给出一个</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了多余的参数值 %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项不明确：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选 %(choices)s）</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开“%(filename)s”：%(error)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>This installation of the program is incomplete; missing: {files}. Install the program again (see README), or tell whoever installed it.</source>
        <translation>本程序的安装不完整，缺少：{files}。请重新安装本程序（见 README），或告知为您安装的人。</translation>
    </message>
    <message>
        <source>There is no database at {path}. Check --db (or FUJIANG_DB), or create one with: fujiang --db {path} demo</source>
        <translation>{path} 处没有数据库。请检查 --db（或 FUJIANG_DB），或用以下命令创建：fujiang --db {path} demo</translation>
    </message>
    <message>
        <source>Waiting for another program to finish writing to {path}…</source>
        <translation>正在等待另一个程序写完 {path}……</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number; write one such as 3</source>
        <translation>&apos;{text}&apos; 不是整数；请填写整数，如 3</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; must not be negative; write 0 or more</source>
        <translation>&apos;{text}&apos; 不能为负数；请填写 0 或更大的数</translation>
    </message>
    <message>
        <source>replace the output file if it exists</source>
        <translation>输出文件已存在时替换它</translation>
    </message>
    <message>
        <source>fill a new database with the demo park</source>
        <translation>在新数据库中生成演示园区数据</translation>
    </message>
    <message>
        <source>Fill a new, empty database with the demo park: master data and N years of harvests, shipments and payments ending yesterday. A database that already holds data is left untouched.</source>
        <translation>在新的空数据库中生成演示园区数据：基础资料，以及截至昨天共 N 年的采收、出货和收款记录。已有数据的数据库不会被改动。</translation>
    </message>
    <message>
        <source>years of trade (default 3; 0 = master data only)</source>
        <translation>交易年数（默认 3；0 表示只生成基础资料）</translation>
    </message>
    <message>
        <source>random seed (default 2026)</source>
        <translation>随机种子（默认 2026）</translation>
    </message>
    <message>
        <source>{path}: {message}. Nothing was changed.</source>
        <translation>{path}：{message}。未做任何更改。</translation>
    </message>
    <message>
        <source>{operators} operators, {plots} plots, {crops} crops, {markets} markets, {buyers} buyers</source>
        <translation>{operators} 个经营主体、{plots} 个地块、{crops} 个品种、{markets} 个市场、{buyers} 位客商</translation>
    </message>
    <message>
        <source>Demo master data written to {path}: {master}.</source>
        <translation>演示基础资料已写入 {path}：{master}。</translation>
    </message>
    <message>
        <source>Demo data written to {path}: {master}; {start} to {end}: {harvests} harvests, {shipments} shipments ({lines} lines, {tonnes} t), {payments} payments, {certificates} certificates.</source>
        <translation>演示数据已写入 {path}：{master}；{start} 至 {end}：{harvests} 条采收记录、{shipments} 张出货单（{lines} 条明细，{tonnes} 吨）、{payments} 笔收款、{certificates} 张合格证。</translation>
    </message>
    <message>
        <source>Generating demo data {percent}%</source>
        <translation>正在生成演示数据 {percent}%</translation>
    </message>
    <message>
        <source>operators</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>crops</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>buyers</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>harvests</source>
        <translation>采收记录</translation>
    </message>
    <message>
        <source>shipments</source>
        <translation>出货单</translation>
    </message>
    <message>
        <source>shipment lines</source>
        <translation>出货明细</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>收款记录</translation>
    </message>
    <message>
        <source>certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>record counts and tonnes per year, operator and market</source>
        <translation>各表记录数，以及按年份、经营主体和市场统计的吨数</translation>
    </message>
    <message>
        <source>Record counts per table; harvested and shipped tonnes per year, per operator and per market. With --json: weights as integer grams (*_g) and as exact decimal tonnes (*_t, strings); money as integer fen (*_fen) and exact 元 (*_yuan, strings).</source>
        <translation>各表的记录数；按年份、经营主体和市场统计的采收与出货吨数。使用 --json 时：重量以整数克（*_g）和精确的十进制吨数（*_t，字符串）表示；金额以整数分（*_fen）和精确的元（*_yuan，字符串）表示。</translation>
    </message>
    <message>
        <source>machine-readable JSON</source>
        <translation>输出机器可读的 JSON</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>By year</source>
        <translation>按年份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Harvested t</source>
        <translation>采收（吨）</translation>
    </message>
    <message>
        <source>Shipped t</source>
        <translation>出货（吨）</translation>
    </message>
    <message>
        <source>Revenue (yuan)</source>
        <translation>销售额（元）</translation>
    </message>
    <message>
        <source>Payments (yuan)</source>
        <translation>收款（元）</translation>
    </message>
    <message>
        <source>  (no trade yet)</source>
        <translation>  （尚无交易）</translation>
    </message>
    <message>
        <source>By operator (t)</source>
        <translation>按经营主体（吨）</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>By market (t)</source>
        <translation>按市场（吨）</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>(no market recorded)</source>
        <translation>（未记录市场）</translation>
    </message>
    <message>
        <source>write data to CSV or XLSX files</source>
        <translation>将数据导出为 CSV 或 XLSX 文件</translation>
    </message>
    <message>
        <source>one row per shipment line</source>
        <translation>出货明细，每条一行</translation>
    </message>
    <message>
        <source>One row per shipment line: date, ticket, buyer, market, plate, operator, crop, grade, net kg, price 元/公斤 (settled if set, else agreed), amount 元. CSV is UTF-8 with BOM and exact plain decimals; XLSX has native numbers and dates. Column titles follow --lang.</source>
        <translation>每条出货明细一行：日期、磅单号、客商、市场、车牌号、经营主体、品种、等级、净重（公斤）、单价（元/公斤；有实结价用实结价，否则用约定价）、金额（元）。CSV 为带 BOM 的 UTF-8 编码，数字为精确的普通小数；XLSX 使用原生的数字和日期。列标题的语言随 --lang。</translation>
    </message>
    <message>
        <source>file format (default: from the -o file name)</source>
        <translation>文件格式（默认根据 -o 的文件名判断）</translation>
    </message>
    <message>
        <source>first day (inclusive)</source>
        <translation>起始日期（含）</translation>
    </message>
    <message>
        <source>last day (inclusive)</source>
        <translation>截止日期（含）</translation>
    </message>
    <message>
        <source>file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <source>Give --format {choices}, or a file name ending in one of them.</source>
        <translation>请指定 --format {choices}，或使用以其中之一为扩展名的文件名。</translation>
    </message>
    <message>
        <source>--from {start} is after --to {end}.</source>
        <translation>--from {start} 晚于 --to {end}。</translation>
    </message>
    <message>
        <source>Exported {n} shipment lines to {path}.</source>
        <translation>已将 {n} 条出货明细导出到 {path}。</translation>
    </message>
    <message>
        <source>read data from CSV or XLSX files</source>
        <translation>从 CSV 或 XLSX 文件导入数据</translation>
    </message>
    <message>
        <source>Exported {rows} to {path}.</source>
        <translation>已导出 {rows}到 {path}。</translation>
    </message>
    <message>
        <source>{path}: {problems} to fix; nothing was imported.</source>
        <translation>{path}：有 {problems}需要修正；未导入任何数据。</translation>
    </message>
    <message>
        <source>{path} is correct: {records} (nothing written).</source>
        <translation>{path} 无误：{records}（未写入）。</translation>
    </message>
    <message>
        <source>Imported {records} from {path}.</source>
        <translation>已从 {path} 导入 {records}。</translation>
    </message>
    <message>
        <source>CSV or XLSX file</source>
        <translation>CSV 或 XLSX 文件</translation>
    </message>
    <message>
        <source>check the file only; write nothing</source>
        <translation>只检查文件，不写入任何数据</translation>
    </message>
    <message>
        <source>import although the file has warnings (they are kept in the audit log): all of them, or only those of the kinds named, separated by commas: {kinds}</source>
        <translation>文件有警告也导入（警告记入审计日志）：不带参数接受全部警告，或只接受所列种类（用逗号分隔）：{kinds}</translation>
    </message>
    <message>
        <source>unknown kind of warning {kinds}; the kinds are all, {known}</source>
        <translation>未知的警告种类 {kinds}；可用的种类为 all、{known}</translation>
    </message>
    <message>
        <source>which file? Give the CSV or XLSX file to read.</source>
        <translation>读取哪个文件？请给出要读取的 CSV 或 XLSX 文件。</translation>
    </message>
    <message>
        <source>row {row}, {column} &apos;{value}&apos;: {message}</source>
        <translation>第 {row} 行，{column} &apos;{value}&apos;：{message}</translation>
    </message>
    <message>
        <source>row {row}, {column}: {message}</source>
        <translation>第 {row} 行，{column}：{message}</translation>
    </message>
    <message>
        <source>shipments: the layout of &apos;export shipments&apos;, or a clerk&apos;s own sheet</source>
        <translation>出货：“export shipments”的格式，或记账员自己的表格</translation>
    </message>
    <message>
        <source>Read shipments, one row per line, grouped by weighing ticket. Titles in Chinese or English and their usual variants (重量(斤), 单价(元/斤), 车号, 单号 …) are recognised in any order; other columns are ignored and listed. Every problem is listed (row, column, value, reason) and nothing is written unless the whole file is correct. An exact repeat of a row is skipped and counted. Warnings (price 0, a price far outside the crop&apos;s range, the same truck weighed twice within the hour, a weight estimated from a count of bags, crates or bundles such as 3袋 through the crop&apos;s pack weight, a deduction given once or the same on every row of a ticket, read as the truck&apos;s and shared by weight) stop the import until --accept-warnings is given.</source>
        <translation>读取出货记录，每行一条明细，按磅单号归为一车。识别中英文列名及其常见写法（重量(斤)、单价(元/斤)、车号、单号……），顺序不限；其他列忽略并列出。列出每个问题（行、列、值、原因），整个文件无误才写入。完全相同的重复行跳过并计数。警告（单价为 0、单价远超该品种的常见范围、同一辆车一小时内过磅两次、按该品种每件重量由袋、筐、捆的件数（如 3袋）估算的重量、只填一次或每行相同、按整车读取并按重量分摊的扣重）须加 --accept-warnings 才导入。</translation>
    </message>
    <message>
        <source>harvest lots: date, operator, plot, crop, grade, weight</source>
        <translation>采收批次：日期、经营主体、地块、品种、等级、重量</translation>
    </message>
    <message>
        <source>Read harvest lots in the layout &apos;export harvests&apos; writes, or with the usual Chinese or English titles in any order. A blank lot code gets a new one. Operators, plots and crops must be known: the unknown ones are listed, never created. A weight given as a count of bags, crates or bundles (3袋, 12筐, 5捆) becomes the count × the crop&apos;s pack weight, marked as estimated: a warning to accept with --accept-warnings. So are a row equal to a stored harvest or to another row (duplicate), a plot&apos;s day of harvest above 2,000 斤 per 亩 of its area or a row above 40 t without one (harvest_yield), and a date after today (future_date). A row marked as the template&apos;s example is skipped.</source>
        <translation>读取采收批次，格式为“export harvests”导出的格式，或使用常见的中文或英文标题（顺序不限）。批次号为空的会分配新批次号。经营主体、地块和品种必须已存在：未知的会列出，绝不自动创建。以袋、筐、捆计数的重量（3袋、12筐、5捆）按数量 × 该品种每包重量折算，标记为估算：这是一条警告，需用 --accept-warnings 接受。以下同样是警告：与已存采收记录或文件中另一行相同的行（duplicate）、一个地块一天的采收量超过其面积每亩 2,000 斤，或没有地块面积的一行超过 40 吨（harvest_yield）、晚于今天的日期（future_date）。标记为模板示例的行会被跳过。</translation>
    </message>
    <message>
        <source>payments from buyers: date, buyer, amount, method</source>
        <translation>客商付款：日期、客商、金额、方式</translation>
    </message>
    <message>
        <source>Read payments in the layout &apos;export payments&apos; writes, or with the usual Chinese or English titles in any order. Buyers must be known: the unknown ones are listed, never created. A reference (bank transfer number) already stored, or twice in the file, is a problem. Warnings to accept with --accept-warnings: a row equal to a stored payment or to another row (duplicate), an amount above ¥5,000,000 or above what the buyer owes plus ¥20,000 (payment_amount), a date after today (future_date). A row marked as the template&apos;s example is skipped.</source>
        <translation>读取收款记录，格式为“export payments”导出的格式，或使用常见的中文或英文标题（顺序不限）。客商必须已存在：未知的会列出，绝不自动创建。凭证号（银行流水号）已存在或在文件中出现两次，属于错误。需用 --accept-warnings 接受的警告：与已存收款或文件中另一行相同的行（duplicate）、金额超过 ¥5,000,000 或超过客商欠款加 ¥20,000（payment_amount）、晚于今天的日期（future_date）。标记为模板示例的行会被跳过。</translation>
    </message>
    <message>
        <source>operators (经营主体): name, kind, side, town, credit code …</source>
        <translation>经营主体：名称、类型、所属、乡镇、统一社会信用代码……</translation>
    </message>
    <message>
        <source>plots (地块) of known operators</source>
        <translation>已有经营主体的地块</translation>
    </message>
    <message>
        <source>buyers (客商): name, kind, phone, usual market, plates</source>
        <translation>客商：名称、类型、电话、常去市场、车牌</translation>
    </message>
    <message>
        <source>destination markets: name, district, city, aliases</source>
        <translation>目的市场：名称、区县、城市、别名</translation>
    </message>
    <message>
        <source>crops: name, English name, season, usual price range, aliases</source>
        <translation>品种：名称、英文名、采收月份、常见价格范围、别名</translation>
    </message>
    <message>
        <source>Add {kind} from a file in the layout &apos;export {kind}&apos; writes (Chinese or English titles, any order). A name already in the database is a problem: an import only adds, it never changes a record. Nothing is written unless the whole file is correct.</source>
        <translation>从“export {kind}”写出格式的文件添加 {kind}（中文或英文列名，顺序不限）。数据库中已有的名称算作问题：导入只添加，绝不修改已有记录。整个文件无误才写入。</translation>
    </message>
    <message>
        <source>one row per harvest lot, in the layout &apos;import harvests&apos; reads</source>
        <translation>每个采收批次一行，格式可由“import harvests”读回</translation>
    </message>
    <message>
        <source>one row per payment, in the layout &apos;import payments&apos; reads</source>
        <translation>每笔收款一行，格式可由“import payments”读回</translation>
    </message>
    <message>
        <source>every operator, in the layout &apos;import operators&apos; reads</source>
        <translation>全部经营主体，格式可由“import operators”读回</translation>
    </message>
    <message>
        <source>every plot, in the layout &apos;import plots&apos; reads</source>
        <translation>全部地块，格式可由“import plots”读回</translation>
    </message>
    <message>
        <source>every buyer, in the layout &apos;import buyers&apos; reads</source>
        <translation>全部客商，格式可由“import buyers”读回</translation>
    </message>
    <message>
        <source>every market, in the layout &apos;import markets&apos; reads</source>
        <translation>全部市场，格式可由“import markets”读回</translation>
    </message>
    <message>
        <source>every crop, in the layout &apos;import crops&apos; reads</source>
        <translation>全部品种，格式可由“import crops”读回</translation>
    </message>
    <message>
        <source>write a blank workbook to fill in for an import</source>
        <translation>写出一个待填写的空白导入模板</translation>
    </message>
    <message>
        <source>Write a workbook with the titles of KIND, an example row and a sheet of notes explaining each column, to fill in and read back with &apos;import KIND&apos;.</source>
        <translation>写出一个工作簿：KIND 的列名、一行示例和逐列说明的工作表；填好后用“import KIND”读入。</translation>
    </message>
    <message>
        <source>Wrote the {kind} template to {path}.</source>
        <translation>已把{kind}模板写入 {path}。</translation>
    </message>
    <message>
        <source>Unknown operators</source>
        <translation>未知的经营主体</translation>
    </message>
    <message>
        <source>Unknown crops</source>
        <translation>未知的品种</translation>
    </message>
    <message>
        <source>Unknown buyers</source>
        <translation>未知的客商</translation>
    </message>
    <message>
        <source>Unknown markets</source>
        <translation>未知的市场</translation>
    </message>
    <message>
        <source>Unknown plots</source>
        <translation>未知的地块</translation>
    </message>
    <message>
        <source>{label} (add them first, or correct the file): {names}</source>
        <translation>{label}（请先添加，或改正文件）：{names}</translation>
    </message>
    <message>
        <source>the workbook sheet to read (default: the first)</source>
        <translation>要读取的工作表（默认第一个）</translation>
    </message>
    <message>
        <source>a JSON file mapping the file&apos;s column titles to fields, e.g. {&quot;重量(斤)&quot;: &quot;net_kg&quot;, &quot;备注&quot;: null}</source>
        <translation>JSON 文件，把文件的列名对应到字段，例如 {&quot;重量(斤)&quot;: &quot;net_kg&quot;, &quot;备注&quot;: null}</translation>
    </message>
    <message>
        <source>also write every problem and warning to this CSV file (for Excel)</source>
        <translation>同时把所有问题和警告写入此 CSV 文件（可用 Excel 打开）</translation>
    </message>
    <message>
        <source>{path} is too big for a mapping file.</source>
        <translation>{path} 太大，不是列名对应文件。</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is not a JSON mapping ({reason}).</source>
        <translation>{path} 不是 JSON 格式的列名对应（{reason}）。</translation>
    </message>
    <message>
        <source>{path} must hold one JSON object of column title → field name, e.g. {{&quot;重量(斤)&quot;: &quot;net_kg&quot;}}.</source>
        <translation>{path} 应是一个“列名 → 字段名”的 JSON 对象，例如 {{&quot;重量(斤)&quot;: &quot;net_kg&quot;}}。</translation>
    </message>
    <message>
        <source>{column}: {message}</source>
        <translation>{column}：{message}</translation>
    </message>
    <message>
        <source>row {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>column ignored</source>
        <translation>此列已忽略</translation>
    </message>
    <message>
        <source>an exact repeat of row {first} of ticket {ticket}; skipped</source>
        <translation>与磅单 {ticket} 的第 {first} 行完全相同；已跳过</translation>
    </message>
    <message>
        <source>the template&apos;s example row; skipped</source>
        <translation>模板的示例行；已跳过</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The list is in {path}.</source>
        <translation>清单已写入 {path}。</translation>
    </message>
    <message>
        <source>{kind}: {text}</source>
        <translation>{kind}：{text}</translation>
    </message>
    <message>
        <source>Kinds of warnings found: {kinds} (accept only some with --accept-warnings {kinds}).</source>
        <translation>发现的警告种类：{kinds}（只接受其中部分种类可用 --accept-warnings {kinds}）。</translation>
    </message>
    <message>
        <source>{path}: {warnings}. Correct the file, or if every one is right, import it again with --accept-warnings. Nothing was imported.</source>
        <translation>{path}：{warnings}。请改正文件；如每一条都无误，加 --accept-warnings 重新导入。未导入任何数据。</translation>
    </message>
    <message>
        <source>{path} is correct: {shipments}, {lines} (nothing written).</source>
        <translation>{path} 检查无误：{shipments}，{lines}（未写入）。</translation>
    </message>
    <message>
        <source>Imported {shipments} ({lines}) from {path}.</source>
        <translation>已从 {path} 导入 {shipments}（{lines}）。</translation>
    </message>
    <message>
        <source>1 repeated row skipped.</source>
        <translation>跳过了 1 个重复行。</translation>
    </message>
    <message>
        <source>{n} repeated rows skipped.</source>
        <translation>跳过了 {n} 个重复行。</translation>
    </message>
    <message>
        <source>Fujiang vegetable park tracker. Without a command, opens the desktop app. The database is --db, else $FUJIANG_DB, else fujiang.db in the data folder.</source>
        <translation>涪江蔬菜乐园管理系统。不带命令时打开桌面程序。数据库依次取 --db、$FUJIANG_DB，都未指定时使用数据文件夹中的 fujiang.db。</translation>
    </message>
    <message>
        <source>show the program&apos;s version and exit</source>
        <translation>显示程序版本并退出</translation>
    </message>
    <message>
        <source>database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>language of messages and exported titles (default zh_CN)</source>
        <translation>提示信息和导出标题的语言（默认 zh_CN）</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>Error: the temporary folder {folder} is full (the database itself has room). Free space there and try again; nothing was written.</source>
        <translation>错误：临时文件夹 {folder} 已满（数据库所在磁盘仍有空间）。请在那里腾出空间后重试；未写入任何内容。</translation>
    </message>
    <message>
        <source>Error: {path}: {message}. The database file or its folder is read-only; make it writable, or copy the database to a folder you may write to. Nothing was written.</source>
        <translation>错误：{path}：{message}。数据库文件或其所在文件夹是只读的；请改为可写，或把数据库复制到可写的文件夹。未写入任何内容。</translation>
    </message>
    <message>
        <source>Error: {path}: {message}. Free disk space and try again; nothing was written.</source>
        <translation>错误：{path}：{message}。请腾出磁盘空间后重试；未写入任何内容。</translation>
    </message>
    <message>
        <source>Error: {path}: {message}. Close the program that holds it, or free disk space, and try again; nothing was written.</source>
        <translation>错误：{path}：{message}。请关闭占用该文件的程序，或释放磁盘空间，然后重试；未写入任何数据。</translation>
    </message>
    <message>
        <source>Interrupted; nothing more was written.</source>
        <translation>已中断；此后未再写入任何数据。</translation>
    </message>
    <message>
        <source>details are in {log}</source>
        <translation>详细信息见 {log}</translation>
    </message>
    <message>
        <source>the log could not be written</source>
        <translation>日志无法写入</translation>
    </message>
    <message>
        <source>Unexpected error ({kind}: {message}); {where}.</source>
        <translation>意外错误（{kind}: {message}）；{where}。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a month; write YYYY-MM, e.g. 2026-01</source>
        <translation>&apos;{text}&apos; 不是有效月份；请写成 YYYY-MM，如 2026-01</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a year; write YYYY, e.g. 2026</source>
        <translation>&apos;{text}&apos; 不是有效年份；请写成 YYYY，如 2026</translation>
    </message>
    <message>
        <source>a buyer&apos;s statement (客商对账单) for a period</source>
        <translation>某一期间的客商对账单</translation>
    </message>
    <message>
        <source>buyer name, alias or id</source>
        <translation>客商名称、别名或编号</translation>
    </message>
    <message>
        <source>every buyer with activity, into a folder</source>
        <translation>所有有业务往来的客商，存入一个文件夹</translation>
    </message>
    <message>
        <source>file (or folder with --all)</source>
        <translation>文件（使用 --all 时为文件夹）</translation>
    </message>
    <message>
        <source>an operator&apos;s statement (经营主体结算单) for a period</source>
        <translation>某一期间的经营主体结算单</translation>
    </message>
    <message>
        <source>operator name, alias or id</source>
        <translation>经营主体名称、别名或编号</translation>
    </message>
    <message>
        <source>the park&apos;s production and sales report (产销月报) for a month or year</source>
        <translation>园区某月或某年的产销报表（产销月报）</translation>
    </message>
    <message>
        <source>a calendar month</source>
        <translation>某个自然月</translation>
    </message>
    <message>
        <source>a calendar year</source>
        <translation>某个自然年</translation>
    </message>
    <message>
        <source>print a truck&apos;s 承诺达标合格证 to PDF (issuing any it still lacks)</source>
        <translation>将一车货的承诺达标合格证输出为 PDF（尚未开具的先开具）</translation>
    </message>
    <message>
        <source>Write every valid certificate of a shipment to one PDF (A5, stub and carried copies). Certificates the truck still lacks are issued first: one per co-operative or company and product on the truck, numbered from the register (use --no-issue to only print).</source>
        <translation>将一张出货单的全部有效合格证写入一个 PDF（A5，含存根联和随货联）。车上尚缺的合格证先开具：车上每个合作社或公司的每种产品各一张，按登记簿顺序编号（使用 --no-issue 则只打印）。</translation>
    </message>
    <message>
        <source>weighing ticket number</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>PDF to write</source>
        <translation>要写入的 PDF 文件</translation>
    </message>
    <message>
        <source>basis of the commitment for new certificates (repeatable; default quality_control)</source>
        <translation>新开合格证的承诺依据（可多次指定；默认 quality_control，即质量安全控制符合要求）</translation>
    </message>
    <message>
        <source>test details for new certificates</source>
        <translation>新开合格证的检测情况</translation>
    </message>
    <message>
        <source>issue for family farms on the truck too</source>
        <translation>同时为车上的家庭农场开具</translation>
    </message>
    <message>
        <source>print existing certificates only</source>
        <translation>只打印已开具的合格证</translation>
    </message>
    <message>
        <source>reissue every certificate that no longer matches the truck (with the current weight), voiding it for this reason</source>
        <translation>把与本车不符的合格证按当前重量重开，并以此原因作废原证</translation>
    </message>
    <message>
        <source>trace produce forward (lot → buyers) or backward (truck → plots)</source>
        <translation>正向追溯（批次 → 客商）或反向追溯（车次 → 地块）产品</translation>
    </message>
    <message>
        <source>From a harvest lot or a plot: every truck, buyer and market its produce went to. From a weighing ticket or a certificate: every lot, plot and operator on that truck. One row per link; written to XLSX or CSV with -o, else printed.</source>
        <translation>从采收批次或地块出发：列出其产品去往的每一车、每位客商和每个市场。从磅单号或合格证出发：列出该车上的每个批次、地块和经营主体。每条链接一行；使用 -o 时写入 XLSX 或 CSV，否则直接显示。</translation>
    </message>
    <message>
        <source>a code recognised from its form: L… lot, HGZ… certificate, B… ticket, else a plot name</source>
        <translation>按形式自动识别的代码：L… 批次号，HGZ… 合格证编号，B… 磅单号，其他为地块名</translation>
    </message>
    <message>
        <source>harvest lot code</source>
        <translation>采收批次号</translation>
    </message>
    <message>
        <source>certificate number</source>
        <translation>合格证编号</translation>
    </message>
    <message>
        <source>plot name (or OPERATOR/PLOT)</source>
        <translation>地块名称（或 经营主体/地块）</translation>
    </message>
    <message>
        <source>{what}: {problem}</source>
        <translation>{what}：{problem}</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>With --all, -o must be a folder: {path}</source>
        <translation>使用 --all 时，-o 必须是文件夹：{path}</translation>
    </message>
    <message>
        <source>{buyer}: {lines} lines, {amount} 元, paid ahead {closing} 元 (prepayment) → {path}</source>
        <translation>{buyer}：{lines} 条明细，{amount} 元，预付款余额 {closing} 元 → {path}</translation>
    </message>
    <message>
        <source>{buyer}: {lines} lines, {amount} 元, closing balance {closing} 元 → {path}</source>
        <translation>{buyer}：{lines} 条明细，{amount} 元，期末欠款 {closing} 元 → {path}</translation>
    </message>
    <message>
        <source>Wrote {n} buyer reports to {path}.</source>
        <translation>已将 {n} 份客商对账单写入 {path}。</translation>
    </message>
    <message>
        <source>A buyer&apos;s statement for a period: every shipment line, subtotals by crop and market, payments, opening and closing balance. PDF (A4, with a tonnage chart), XLSX or CSV (the ledger: each line and payment by date with shipped, received and running balance, month subtotals and the total, then the balance block: opening, shipped, received, closing). With --all, one file per buyer into the folder -o.</source>
        <translation>某一期间的客商对账单：全部出货明细、按品种和市场的小计、收款记录、期初和期末欠款。格式为 PDF（A4，附吨数图表）、XLSX 或 CSV（对账明细：按日期列出每条出货和收款及其出货金额、收款金额和累计余额，附每月小计和合计，其后是余额汇总：期初、出货、收款、期末）。使用 --all 时，每位客商一个文件，存入 -o 指定的文件夹。</translation>
    </message>
    <message>
        <source>An operator&apos;s sales by buyer with deductions and payable weights, the park&apos;s service fee (see &apos;service-fee&apos;) and the net proceeds, with the sales lines and harvests, for a period, as PDF, XLSX or CSV (the CSV holds the sales lines in the columns of &apos;export shipments&apos;).</source>
        <translation>经营主体一段期间的结算单：按客商汇总的销售（含扣重和结算重量）、园区服务费（见 &apos;service-fee&apos;）和应结净额，附销售明细和采收记录；格式为 PDF、XLSX 或 CSV（CSV 只含销售明细，列与 &apos;export shipments&apos; 相同）。</translation>
    </message>
    <message>
        <source>The park&apos;s figures for a month or a year (产销月报/年报), as PDF or XLSX: every operator, crop and market with trucks, tonnes, share, month on month, year on year, year to date, sales and average price.</source>
        <translation>园区一个月或一年的产销月报/年报，格式为 PDF 或 XLSX：每个经营主体、品种和市场的车次、吨数、占比、环比、同比、累计、销售额和均价。</translation>
    </message>
    <message>
        <source>{operator}: {harvested} kg harvested, {shipped} kg sold for {revenue} 元 → {path}</source>
        <translation>{operator}：采收 {harvested} 公斤，售出 {shipped} 公斤，销售额 {revenue} 元 → {path}</translation>
    </message>
    <message>
        <source>Park service fee {fee} 元, net proceeds {net} 元.</source>
        <translation>园区服务费 {fee} 元，应结净额 {net} 元。</translation>
    </message>
    <message>
        <source>{period}: {shipped} t shipped ({prev} t a year before), {revenue} 元 → {path}</source>
        <translation>{period}：出货 {shipped} 吨（去年同期 {prev} 吨），销售额 {revenue} 元 → {path}</translation>
    </message>
    <message>
        <source>Shipment {ticket} has no certificate: no co-operative or company produce is on it. Use --all-operators to issue for family farms too.</source>
        <translation>出货单 {ticket} 没有合格证：车上没有合作社或公司的产品。如需同时为家庭农场开具，请使用 --all-operators。</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新开</translation>
    </message>
    <message>
        <source>already issued</source>
        <translation>已开具</translation>
    </message>
    <message>
        <source>Wrote {n} certificate(s), {pages} pages, to {path}.</source>
        <translation>已将 {n} 张合格证（共 {pages} 页）写入 {path}。</translation>
    </message>
    <message>
        <source>{number} voided: the truck no longer carries it.</source>
        <translation>{number} 已作废：本车已不再装有该产品。</translation>
    </message>
    <message>
        <source>{new} replaces {old}.</source>
        <translation>{new} 替换 {old}。</translation>
    </message>
    <message>
        <source>line {lines} ({operator}, {product}, {kg} kg)</source>
        <translation>第 {lines} 行（{operator}，{product}，{kg} kg）</translation>
    </message>
    <message>
        <source>Not covered: {what} has no certificate.</source>
        <translation>未覆盖：{what} 没有合格证。</translation>
    </message>
    <message>
        <source>Not covered: {number} names {product} of {operator}, which the truck no longer carries; void it.</source>
        <translation>未覆盖：{number} 写的是{operator}的{product}，本车已不再装有；请作废。</translation>
    </message>
    <message>
        <source>Not covered: {what}; {number} says {certified} kg. Reissue it (--reissue REASON).</source>
        <translation>未覆盖：{what}；{number} 写的是 {certified} kg。请重开（--reissue 原因）。</translation>
    </message>
    <message>
        <source>lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>weighing ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Recognised: {kind} {code}</source>
        <translation>识别为：{kind} {code}</translation>
    </message>
    <message>
        <source>{n} links ({lots} lots, {trucks} trucks, {buyers} buyers) → {path}</source>
        <translation>{n} 条链接（{lots} 个批次，{trucks} 车，{buyers} 位客商）→ {path}</translation>
    </message>
    <message>
        <source>not shipped</source>
        <translation>未出货</translation>
    </message>
    <message>
        <source>{n} links.</source>
        <translation>共 {n} 条链接。</translation>
    </message>
    <message>
        <source>check the database: file, references, weights, summaries, audit log</source>
        <translation>检查数据库：文件、引用、重量、汇总、操作日志</translation>
    </message>
    <message>
        <source>Check the database: SQLite&apos;s integrity and foreign-key checks, net = gross − tare, the lines against each truck, the daily summaries and shipment totals against a recomputation, buyer balances, certificate numbers and weights, and the audit log&apos;s hash chain. Exit 1 when anything is wrong. --repair recomputes what can be recomputed (the summaries) in one transaction and checks again.</source>
        <translation>检查数据库：SQLite 完整性与外键检查、净重 = 毛重 − 皮重、各车明细与车重是否相符、每日汇总和出货合计与重新计算的结果是否一致、客商余额、合格证编号与重量，以及操作日志的哈希链。发现任何问题时退出码为 1。--repair 在一个事务中重新计算可重算的内容（汇总），然后再次检查。</translation>
    </message>
    <message>
        <source>recompute the daily summaries and shipment totals, then check again</source>
        <translation>重新计算每日汇总和出货合计，然后再次检查</translation>
    </message>
    <message>
        <source>list recorded changes: who, when, before → after</source>
        <translation>列出记录的修改：谁、何时、修改前 → 修改后</translation>
    </message>
    <message>
        <source>List the changes in the audit log, oldest first: when, who, what, and each changed field before → after.</source>
        <translation>按时间先后列出操作日志中的修改：何时、谁、改了什么，以及每个字段修改前 → 修改后。</translation>
    </message>
    <message>
        <source>changes on or after this day</source>
        <translation>此日期当天及以后的修改</translation>
    </message>
    <message>
        <source>only this table (e.g. shipments)</source>
        <translation>只看这张表（例如 shipments）</translation>
    </message>
    <message>
        <source>only this record id</source>
        <translation>只看这个记录编号</translation>
    </message>
    <message>
        <source>at most N changes (the latest)</source>
        <translation>最多 N 条修改（最新的）</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… 另有 {n} 条</translation>
    </message>
    <message>
        <source>Checking {path}</source>
        <translation>正在检查 {path}</translation>
    </message>
    <message>
        <source>Repaired: {daily} daily shipment summary row(s), {harvest} daily harvest summary row(s), {totals} shipment total(s) recomputed.</source>
        <translation>已修复：重新计算了 {daily} 行每日出货汇总、{harvest} 行每日采收汇总、{totals} 个出货合计。</translation>
    </message>
    <message>
        <source>Audit log: {n} entries.</source>
        <translation>操作日志：{n} 条。</translation>
    </message>
    <message>
        <source>Everything is in order.</source>
        <translation>一切正常。</translation>
    </message>
    <message>
        <source>{n} problem(s) found. &apos;fujiang check --repair&apos; recomputes the summaries.</source>
        <translation>发现 {n} 个问题。“fujiang check --repair”可重新计算汇总。</translation>
    </message>
    <message>
        <source>{n} problem(s) found that a repair cannot recompute; restore a backup or correct the records named above.</source>
        <translation>发现 {n} 个修复无法重算的问题；请恢复备份，或更正上面列出的记录。</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>{n} change(s).</source>
        <translation>共 {n} 条修改。</translation>
    </message>
    <message>
        <source>backups folder (default: the setting, else backups/ beside the database)</source>
        <translation>备份文件夹（默认：设置中的文件夹，否则为数据库旁的 backups/）</translation>
    </message>
    <message>
        <source>back up the database now</source>
        <translation>立即备份数据库</translation>
    </message>
    <message>
        <source>Copy the database through SQLite&apos;s backup API into the backups folder (or -o FILE), check the copy (integrity and record counts) and only then give it its name.</source>
        <translation>通过 SQLite 的备份接口把数据库复制到备份文件夹（或 -o 指定的文件），校验副本（完整性和记录数）后才给它正式的文件名。</translation>
    </message>
    <message>
        <source>write the backup here</source>
        <translation>备份写到这个文件</translation>
    </message>
    <message>
        <source>replace FILE if it exists</source>
        <translation>文件已存在时替换它</translation>
    </message>
    <message>
        <source>list the backups: date, reason, size, record counts</source>
        <translation>列出备份：日期、原因、大小、记录数</translation>
    </message>
    <message>
        <source>List the backups of the database, newest first: date, reason, size and record counts.</source>
        <translation>列出数据库的备份，最新的在前：日期、原因、大小和记录数。</translation>
    </message>
    <message>
        <source>replace the database&apos;s content with a backup</source>
        <translation>用备份替换数据库的内容</translation>
    </message>
    <message>
        <source>Check the backup (integrity, this program&apos;s, not newer), show the record counts before and after, ask, back up the database as it is, then copy the backup into it. An older backup is brought up to the current schema.</source>
        <translation>检查备份（完整、属于本程序、不是更新版本的），显示恢复前后的记录数并确认，先备份当前数据库，再把备份复制进去。较旧的备份会升级到当前的数据结构。</translation>
    </message>
    <message>
        <source>the backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>do not ask (required without a terminal)</source>
        <translation>不询问（没有终端时必须给出）</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>before import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>正在复制</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>Upgrading</source>
        <translation>正在升级</translation>
    </message>
    <message>
        <source>{path} is the database itself; choose another file for the backup.</source>
        <translation>{path} 就是数据库本身，请为备份另选一个文件。</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name.</source>
        <translation>{path} 是文件夹，请给出文件名。</translation>
    </message>
    <message>
        <source>{path} exists; add --force to replace it.</source>
        <translation>{path} 已存在；加上 --force 可替换它。</translation>
    </message>
    <message>
        <source>Backed up {records} records to {path} ({size}); checked.</source>
        <translation>已备份 {records} 条记录到 {path}（{size}），已校验。</translation>
    </message>
    <message>
        <source>No backups of {path} in {folder}.</source>
        <translation>{folder} 中没有 {path} 的备份。</translation>
    </message>
    <message>
        <source>Backups of {path} in {folder}</source>
        <translation>{path} 的备份，位于 {folder}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Harvests</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>出货</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Restore {path} ({date}, {reason}) into {db}:</source>
        <translation>把 {path}（{date}，{reason}）恢复到 {db}：</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>After restore</source>
        <translation>恢复后</translation>
    </message>
    <message>
        <source>Nothing was changed: add --yes to restore without a terminal.</source>
        <translation>没有做任何更改：没有终端时请加上 --yes 来恢复。</translation>
    </message>
    <message>
        <source>Replace the database&apos;s content with this backup? [y/N] </source>
        <translation>用这份备份替换数据库的内容吗？[y/N] </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有做任何更改。</translation>
    </message>
    <message>
        <source>Restored {path} as the new database {db}: {records} records.</source>
        <translation>已把 {path} 恢复为新的数据库 {db}：{records} 条记录。</translation>
    </message>
    <message>
        <source>Restored {path}: {records} records. The database as it was is saved as {safety}.</source>
        <translation>已恢复 {path}：{records} 条记录。恢复前的数据库已保存为 {safety}。</translation>
    </message>
    <message>
        <source>Error: the automatic backup failed, so nothing was written. {message}</source>
        <translation>错误：自动备份失败，因此没有写入任何内容。{message}</translation>
    </message>
    <message>
        <source>check a scanned certificate QR code: genuine, void or forged</source>
        <translation>核验扫到的合格证二维码：真实、已作废还是伪造</translation>
    </message>
    <message>
        <source>Check the text of a certificate&apos;s QR code (as a scanner app shows it) against the park&apos;s public key and the certificate register: genuine, genuine but void, or forged. Give the text in quotes, or - to read it from standard input. Exit 0 only when genuine.</source>
        <translation>用园区公钥和开证登记核验合格证二维码的文字（扫码软件显示的内容）：真实、真实但已作废，或伪造。把文字放在引号里，或用 - 从标准输入读取。只有真实有效时退出码为 0。</translation>
    </message>
    <message>
        <source>the scanned text, or -</source>
        <translation>扫到的文字，或 -</translation>
    </message>
    <message>
        <source>print the park&apos;s public key (PEM) to give to markets and inspectors</source>
        <translation>打印园区公钥（PEM），交给市场和检查人员</translation>
    </message>
    <message>
        <source>This database has no park key yet: no certificate was printed.</source>
        <translation>这个数据库还没有园区密钥：还没有打印过合格证。</translation>
    </message>
    <message>
        <source>Fingerprint: {fingerprint}</source>
        <translation>指纹：{fingerprint}</translation>
    </message>
    <message>
        <source>show or set the park&apos;s service fee on operators&apos; sales</source>
        <translation>查看或设置园区对经营主体销售额收取的服务费</translation>
    </message>
    <message>
        <source>The park&apos;s service fee, deducted from an operator&apos;s sales on the operator statement: per tonne of payable weight, or a percentage of the sales amount, worked out once on the statement&apos;s totals and rounded half up to the fen. Without an option, shows it.</source>
        <translation>园区服务费在经营主体结算单上从销售金额中扣除：按结算重量每吨收取，或按销售金额的百分比收取；按结算单合计计算一次，四舍五入到分。不带选项时显示当前设置。</translation>
    </message>
    <message>
        <source>元 per tonne of payable weight, e.g. 20</source>
        <translation>按结算重量每吨收取的元数，例如 20</translation>
    </message>
    <message>
        <source>percent of the sales amount, e.g. 1.5</source>
        <translation>销售金额的百分比，例如 1.5</translation>
    </message>
    <message>
        <source>charge no service fee</source>
        <translation>不收取服务费</translation>
    </message>
    <message>
        <source>No park service fee is charged.</source>
        <translation>不收取园区服务费。</translation>
    </message>
    <message>
        <source>Park service fee: {rate} 元 per tonne of payable weight.</source>
        <translation>园区服务费：按结算重量每吨 {rate} 元。</translation>
    </message>
    <message>
        <source>Park service fee: {rate}% of the sales amount.</source>
        <translation>园区服务费：销售金额的 {rate}%。</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>Objection period (days)</source>
        <translation>异议期（天）</translation>
    </message>
    <message>
        <source>show or set the park&apos;s details printed on every document</source>
        <translation>查看或设置印在各类单据上的园区信息</translation>
    </message>
    <message>
        <source>The park&apos;s legal name, address, phone, unified social credit code, bank and account, and the days a buyer has to object to a statement. Without options: print them. With options: check and store the ones given (one transaction, written to the audit log).</source>
        <translation>园区的法定名称、地址、电话、统一社会信用代码、开户银行和账号，以及客商对对账单提出异议的天数。不带选项：显示这些信息。带选项：检查并保存所给的各项（一次事务完成，并记入审计日志）。</translation>
    </message>
    <message>
        <source>the legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <source>the address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>the phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>the 18-character unified social credit code (its check character is verified)</source>
        <translation>18 位统一社会信用代码（会核对校验码）</translation>
    </message>
    <message>
        <source>the bank and branch</source>
        <translation>开户银行及支行</translation>
    </message>
    <message>
        <source>the bank account number</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>days a buyer has to object to a statement (1–365)</source>
        <translation>客商对对账单提出异议的天数（1–365）</translation>
    </message>
    <message>
        <source>add the program to the desktop&apos;s menu with its icon</source>
        <translation>把程序连同图标加入桌面菜单</translation>
    </message>
    <message>
        <source>Add the program to this user&apos;s menu: on Linux a .desktop file, AppStream metadata and the icon in every size under $XDG_DATA_HOME (~/.local/share); on Windows a Start-menu shortcut. Run it again after moving the program.</source>
        <translation>把程序加入当前用户的菜单：在 Linux 上，于 $XDG_DATA_HOME（~/.local/share）下写入 .desktop 文件、AppStream 元数据和各种尺寸的图标；在 Windows 上，创建“开始”菜单快捷方式。移动程序后请再运行一次。</translation>
    </message>
    <message>
        <source>remove the menu entry instead</source>
        <translation>改为删除菜单项</translation>
    </message>
    <message>
        <source>The menu entry was removed.</source>
        <translation>菜单项已删除。</translation>
    </message>
    <message>
        <source>The program is now in the desktop&apos;s menu.</source>
        <translation>程序已加入桌面菜单。</translation>
    </message>
    <message>
        <source>{n} record</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>{n} shipment</source>
        <translation>{n} 张出货单</translation>
    </message>
    <message>
        <source>{n} shipments</source>
        <translation>{n} 张出货单</translation>
    </message>
    <message>
        <source>{n} line</source>
        <translation>{n} 条明细</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} 条明细</translation>
    </message>
    <message>
        <source>{n} row</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} problem</source>
        <translation>{n} 处问题</translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation>{n} 处问题</translation>
    </message>
    <message>
        <source>{n} warning</source>
        <translation>{n} 条警告</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} 条警告</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>地块数</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Also called</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Home base</source>
        <translation>常驻地</translation>
    </message>
    <message>
        <source>Usual market</source>
        <translation>常去市场</translation>
    </message>
    <message>
        <source>Truck plates</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名</translation>
    </message>
    <message>
        <source>Bag (kg)</source>
        <translation>每袋(公斤)</translation>
    </message>
    <message>
        <source>Crate (kg)</source>
        <translation>每筐(公斤)</translation>
    </message>
    <message>
        <source>Bundle (kg)</source>
        <translation>每捆(公斤)</translation>
    </message>
    <message>
        <source>Harvest months</source>
        <translation>采收月份</translation>
    </message>
    <message>
        <source>Low (yuan/kg)</source>
        <translation>低价（元/公斤）</translation>
    </message>
    <message>
        <source>High (yuan/kg)</source>
        <translation>高价（元/公斤）</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <source>Shipped (yuan)</source>
        <translation>出货金额（元）</translation>
    </message>
    <message>
        <source>Paid (yuan)</source>
        <translation>已收（元）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单号/备注号</translation>
    </message>
    <message>
        <source>Last payment</source>
        <translation>最近收款</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>Add %n record(s)</source>
        <translation>添加 %Ln 条记录</translation>
    </message>
    <message>
        <source>Edit %n record(s)</source>
        <translation>修改 %Ln 条记录</translation>
    </message>
    <message>
        <source>Delete %n record(s)</source>
        <translation>删除 %Ln 条记录</translation>
    </message>
    <message>
        <source>Void certificates and delete %n truck(s)</source>
        <translation>作废合格证并删除 %Ln 个车次</translation>
    </message>
    <message>
        <source>Archive %n record(s)</source>
        <translation>归档 %Ln 条记录</translation>
    </message>
    <message>
        <source>Restore %n record(s) from the archive</source>
        <translation>从归档恢复 %Ln 条记录</translation>
    </message>
    <message>
        <source>Change the park&apos;s details</source>
        <translation>修改园区信息</translation>
    </message>
</context>
<context>
    <name>database</name>
    <message>
        <source>Waiting for another program to finish writing to the database… (%n s)</source>
        <translation>正在等待另一个程序写完数据库……（%Ln 秒）</translation>
    </message>
</context>
<context>
    <name>db</name>
    <message>
        <source>row {row} has {values} values for {columns} columns</source>
        <translation>第 {row} 行有 {values} 个值，但表格有 {columns} 列</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; holds {value} ({kind}); numbers must be int or Decimal</source>
        <translation>列 &apos;{column}&apos; 的值为 {value}（{kind}）；数字必须是 int 或 Decimal</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; holds {value}, which is not a date</source>
        <translation>列 &apos;{column}&apos; 的值 {value} 不是日期</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name to export to</source>
        <translation>{path} 是文件夹；请给出要导出到的文件名</translation>
    </message>
    <message>
        <source>{path} is a private key (the park&apos;s certificate signing key); an export may never be written over it. Choose another file name.</source>
        <translation>{path} 是私钥（园区的合格证签名密钥）；导出的文件不能覆盖它。请换一个文件名。</translation>
    </message>
    <message>
        <source>the folder {path} does not exist</source>
        <translation>文件夹 {path} 不存在</translation>
    </message>
    <message>
        <source>{path} could not be written: the temporary folder {folder} is full (the target disk has room). Free space there and try again.</source>
        <translation>无法写入 {path}：临时文件夹 {folder} 已满（目标磁盘仍有空间）。请在那里腾出空间后重试。</translation>
    </message>
    <message>
        <source>{path} could not be written: the disk is full. Free some space or choose another disk.</source>
        <translation>无法写入 {path}：磁盘已满。请腾出空间，或换一个磁盘。</translation>
    </message>
    <message>
        <source>{path} could not be written: the file or its folder is read-only, or you may not write there. Choose another folder.</source>
        <translation>无法写入 {path}：文件或其所在文件夹是只读的，或您无权写入。请换一个文件夹。</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos; would have more than {limit} rows, the most a spreadsheet holds; export a shorter period or use CSV</source>
        <translation>工作表 &apos;{sheet}&apos; 将超过 {limit} 行（电子表格最多容纳的行数）；请缩短导出期间，或改用 CSV</translation>
    </message>
    <message>
        <source>unknown export format &apos;{format}&apos;; use {formats}</source>
        <translation>不支持的导出格式 &apos;{format}&apos;；请使用 {formats}</translation>
    </message>
    <message>
        <source>row {row}, {column}</source>
        <translation>第 {row} 行，{column}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <source>{where} &apos;{value}&apos;: {message}</source>
        <translation>{where} &apos;{value}&apos;：{message}</translation>
    </message>
    <message>
        <source>{path} has {n} problem(s); nothing was imported</source>
        <translation>{path} 有 {n} 处问题；未导入任何数据</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>该文件</translation>
    </message>
    <message>
        <source>prices far outside the crop&apos;s usual range</source>
        <translation>单价远超该品种的常见范围</translation>
    </message>
    <message>
        <source>prices of 0</source>
        <translation>单价为 0</translation>
    </message>
    <message>
        <source>trucks with the same plate and weight within the hour</source>
        <translation>一小时内车牌和重量都相同的车</translation>
    </message>
    <message>
        <source>trucks or lines above 40 t</source>
        <translation>超过 40 吨的车或明细行</translation>
    </message>
    <message>
        <source>weights estimated from a count of bags, crates or bundles</source>
        <translation>按袋、筐、捆的件数估算的重量</translation>
    </message>
    <message>
        <source>rows equal to a record already stored or to another row of the file</source>
        <translation>与已存记录或文件中另一行相同的行</translation>
    </message>
    <message>
        <source>harvests above what the plot can yield in a day</source>
        <translation>超过地块一天可采收量的采收</translation>
    </message>
    <message>
        <source>payments far above what the buyer owes</source>
        <translation>远超客商欠款的收款</translation>
    </message>
    <message>
        <source>dates after today</source>
        <translation>晚于今天的日期</translation>
    </message>
    <message>
        <source>deductions given once or the same on every row, read as the truck&apos;s and shared by weight</source>
        <translation>只填一次或每行相同的扣重，按整车扣重读取并按重量分摊</translation>
    </message>
    <message>
        <source>{path} has {n} warning(s) to accept (or correct); nothing was imported</source>
        <translation>{path} 有 {n} 条警告需认可（或改正）；未导入任何数据</translation>
    </message>
    <message>
        <source>the file has only the template&apos;s example row (skipped); fill in rows below it</source>
        <translation>文件中只有模板的示例行（已跳过）；请在其下方填写数据行</translation>
    </message>
    <message>
        <source>there is no file {path}</source>
        <translation>文件 {path} 不存在</translation>
    </message>
    <message>
        <source>{name}: cannot read &apos;{suffix}&apos; files; use CSV ({csv}) or a workbook ({books})</source>
        <translation>{name}：无法读取 &apos;{suffix}&apos; 文件；请使用 CSV（{csv}）或工作簿（{books}）</translation>
    </message>
    <message>
        <source>no extension</source>
        <translation>无扩展名</translation>
    </message>
    <message>
        <source>{name} is neither UTF-8 nor GBK text; save it as CSV UTF-8</source>
        <translation>{name} 既不是 UTF-8 也不是 GBK 编码的文本；请另存为 CSV UTF-8 格式</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{name}: {suffix} workbooks are not read, because their size cannot be checked safely first; save it as .xlsx or as CSV</source>
        <translation>{name}：无法预先安全检查 {suffix} 工作簿的大小，因此不予读取；请另存为 .xlsx 或 CSV</translation>
    </message>
    <message>
        <source>{name} is {size} MB, more than the {limit} MB a shipments file may have; split it into smaller files</source>
        <translation>{name} 有 {size} MB，超过发货文件上限 {limit} MB；请拆分成较小的文件</translation>
    </message>
    <message>
        <source>{name}, line {line}: more than {limit} characters without a line break; this is not a CSV file of shipments</source>
        <translation>{name} 第 {line} 行：超过 {limit} 个字符没有换行，这不是发货 CSV 文件</translation>
    </message>
    <message>
        <source>a cell longer than {limit} characters</source>
        <translation>单元格超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>{name}, line {line}: {reason}</source>
        <translation>{name} 第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>{name} has no sheet &apos;{sheet}&apos;; its sheets are {sheets}</source>
        <translation>{name} 没有工作表“{sheet}”；它的工作表是 {sheets}</translation>
    </message>
    <message>
        <source>{name} cannot be read as a workbook ({reason})</source>
        <translation>{name} 无法作为工作簿读取（{reason}）</translation>
    </message>
    <message>
        <source>{name} unpacks to more than {limit} MB; it is not a shipments workbook, or it is damaged</source>
        <translation>{name} 解压后超过 {limit} MB；这不是发货工作簿，或者文件已损坏</translation>
    </message>
    <message>
        <source>{name} has more than {limit} cells in a sheet; it is not a shipments workbook, or it is damaged; save the table as CSV</source>
        <translation>{name} 的一个工作表超过 {limit} 个单元格；这不是发货工作簿，或者文件已损坏；请把表格另存为 CSV</translation>
    </message>
    <message>
        <source>{name} holds a text of more than {limit} KB without a tag; it is not a shipments workbook, or it is damaged</source>
        <translation>{name} 含有一段超过 {limit} KB 的连续文本；这不是发货工作簿，或者文件已损坏</translation>
    </message>
    <message>
        <source>{name}: a sheet spans {rows} rows × {columns} columns, more than the {limit} cells a shipments workbook may have; delete what lies outside the table, or save it as CSV</source>
        <translation>{name}：工作表范围达 {rows} 行 × {columns} 列，超过发货工作簿上限 {limit} 个单元格；请删除表格以外的内容，或另存为 CSV</translation>
    </message>
    <message>
        <source>the mapping names no such field; the fields are {zh} (in English: {en})</source>
        <translation>列名对应中没有这个字段；字段有 {zh}（英文：{en}）</translation>
    </message>
    <message>
        <source>this column appears twice</source>
        <translation>此列重复出现</translation>
    </message>
    <message>
        <source>unknown unit &apos;{unit}&apos; in the title</source>
        <translation>列名中的单位“{unit}”无法识别</translation>
    </message>
    <message>
        <source>the mapping names this column, but the file has no column of that title</source>
        <translation>列名对应中有此列，但文件中没有这个列名</translation>
    </message>
    <message>
        <source>column missing; the columns are {zh} (in English: {en})</source>
        <translation>缺少此列；应有的列为 {zh}（英文：{en}）</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>不是有效日期</translation>
    </message>
    <message>
        <source>a formula whose saved value cannot be trusted (0 or nothing: the program that wrote the file did not compute it); open the file in Excel or WPS and save it again, or type the value</source>
        <translation>公式保存的值不可信（为 0 或为空：生成文件的程序没有计算它）；请用 Excel 或 WPS 打开文件重新保存，或直接填写数值</translation>
    </message>
    <message>
        <source>a weighing ticket number (磅单号) is required</source>
        <translation>必须填写磅单号</translation>
    </message>
    <message>
        <source>not a plate</source>
        <translation>不是有效车牌号</translation>
    </message>
    <message>
        <source>unknown grade; use one of {grades}</source>
        <translation>无法识别的等级；请使用 {grades} 之一</translation>
    </message>
    <message>
        <source>a line above 100 t cannot be on one truck</source>
        <translation>一行超过 100 吨，不可能在一辆车上</translation>
    </message>
    <message>
        <source>not a percentage from 0 to under 100; type it like 2 or 2.5%</source>
        <translation>不是 0 到 100 以下的百分比；请写成 2 或 2.5%</translation>
    </message>
    <message>
        <source>bag</source>
        <translation>袋</translation>
    </message>
    <message>
        <source>crate</source>
        <translation>筐</translation>
    </message>
    <message>
        <source>bundle</source>
        <translation>捆</translation>
    </message>
    <message>
        <source>{count} {pack} is a count, not a weight, and the crop of this row is not known; type the weight (公斤 or 斤)</source>
        <translation>{count} {pack} 是件数，不是重量，而且这一行的品种不明；请填写重量（公斤或斤）</translation>
    </message>
    <message>
        <source>{count} {pack} is a count, not a weight: {crop} has no {pack_name} weight; set it on the Crops page (or in &apos;import crops&apos;), or type the weight (公斤 or 斤)</source>
        <translation>{count} {pack} 是件数，不是重量：{crop} 没有每{pack_name}重量；请在“品种”页（或用 import crops）填写，或直接填写重量（公斤或斤）</translation>
    </message>
    <message>
        <source>{count} × {each} kg is {total} kg, more than 100 t; check the count</source>
        <translation>{count} × {each} 公斤 = {total} 公斤，超过 100 吨；请检查件数</translation>
    </message>
    <message>
        <source>{packs} estimated as {total} kg ({count} × {each} kg, what one {pack_name} of {crop} weighs); stored marked as estimated (估)</source>
        <translation>{packs} 估算为 {total} 公斤（{count} × {each} 公斤，即{crop}每{pack_name}重量）；保存时标记为估重（估）</translation>
    </message>
    <message>
        <source>the price is 0; is it a gift or a typing error?</source>
        <translation>单价为 0；是赠送还是输错了？</translation>
    </message>
    <message>
        <source>{price} 元/公斤 is far outside the usual range of {crop} ({low}–{high} 元/公斤); check the price and its unit (元/斤 or 元/公斤)</source>
        <translation>{price} 元/公斤 远超 {crop} 的常见范围（{low}–{high} 元/公斤）；请核对单价及其单位（元/斤 还是 元/公斤）</translation>
    </message>
    <message>
        <source>a line of {kg} kg is above 40 t; is a digit too many?</source>
        <translation>一行 {kg} 公斤，超过 40 吨；是否多打了一位数？</translation>
    </message>
    <message>
        <source>a truck of {kg} kg net is above 40 t; is a digit too many?</source>
        <translation>整车净重 {kg} 公斤，超过 40 吨；是否多打了一位数？</translation>
    </message>
    <message>
        <source>a harvest of {kg} kg is above 40 t (a truckload); is a digit too many or the unit wrong?</source>
        <translation>一次采收 {kg} 公斤，超过 40 吨（一整车）；是否多打了一位数或单位有误？</translation>
    </message>
    <message>
        <source>{kg} kg from plot {plot} in one day, more than its {mu} 亩 give (2,000 斤 per 亩: {limit} kg); a digit too many, or the unit wrong (斤 or 公斤)?</source>
        <translation>地块 {plot} 一天采收 {kg} 公斤，超过其 {mu} 亩一天的可采收量（每亩 2,000 斤：{limit} 公斤）；是否多打了一位数，或单位有误（斤还是公斤）？</translation>
    </message>
    <message>
        <source>¥{amount} is more than ¥{limit} in one payment; is a digit too many?</source>
        <translation>单笔收款 ¥{amount} 超过 ¥{limit}；是否多打了一位数？</translation>
    </message>
    <message>
        <source>¥{amount} would leave the buyer ¥{credit} in credit (more than ¥{margin} paid beyond what was owed); is a digit too many, or is it the right buyer?</source>
        <translation>¥{amount} 会使客商多付 ¥{credit}（超出欠款 ¥{margin} 以上）；是否多打了一位数，或客商填错了？</translation>
    </message>
    <message>
        <source>line {n}: {problem}</source>
        <translation>第 {n} 行：{problem}</translation>
    </message>
    <message>
        <source>not a weight</source>
        <translation>不是有效重量</translation>
    </message>
    <message>
        <source>already in the database or on an earlier row; an import only adds records (change existing ones in the program)</source>
        <translation>数据库中或前面的行已有；导入只添加记录（已有的请在程序中修改）</translation>
    </message>
    <message>
        <source>not an area in 亩; type it like 150 or 12.5</source>
        <translation>不是以亩为单位的面积；请写成 150 或 12.5 这样</translation>
    </message>
    <message>
        <source>not a price</source>
        <translation>不是有效价格</translation>
    </message>
    <message>
        <source>type 是 (yes) or 否 (no)</source>
        <translation>请填 是 或 否</translation>
    </message>
    <message>
        <source>does not match net weight − deduction = {payable} kg; correct one of them</source>
        <translation>与 净重 − 扣重 = {payable} 公斤 不符；请更正其中一项</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>{name}: choose its {choices} before it is created</source>
        <translation>{name}：新建前请选择{choices}</translation>
    </message>
    <message>
        <source>unknown name</source>
        <translation>无法识别的名称</translation>
    </message>
    <message>
        <source>unknown value; use one of {values}</source>
        <translation>无法识别；请用 {values} 之一</translation>
    </message>
    <message>
        <source>this operator has no plot of that name</source>
        <translation>该经营主体没有这个名称的地块</translation>
    </message>
    <message>
        <source>not an amount in 元; type it like 1234.50</source>
        <translation>不是有效的金额（元）；请按 1234.50 这样的格式填写</translation>
    </message>
    <message>
        <source>this lot code is already in the database or twice in the file; lot codes are unique</source>
        <translation>此批次号已在数据库中或在文件中出现两次；批次号不能重复</translation>
    </message>
    <message>
        <source>does not match net weight × price = {amount} 元; correct the amount, the weight or the price (or leave the amount blank)</source>
        <translation>与 净重 × 单价 = {amount} 元 不符；请更正金额、重量或单价（或将金额留空）</translation>
    </message>
    <message>
        <source>does not match payable weight × price = {amount} 元; correct the amount, the weight or the price (or leave the amount blank)</source>
        <translation>与 结算重量 × 单价 = {amount} 元 不符；请更正金额、重量或单价（或留空金额）</translation>
    </message>
    <message>
        <source>the file is empty; the columns are {zh} (in English: {en})</source>
        <translation>文件为空；应有的列为 {zh}（英文：{en}）</translation>
    </message>
    <message>
        <source>the file has more than {limit} rows; split it into files of at most {limit} rows</source>
        <translation>文件超过 {limit} 行；请拆分成每个不超过 {limit} 行的文件</translation>
    </message>
    <message>
        <source>the file has a header but no rows below it</source>
        <translation>文件只有表头，下面没有数据行</translation>
    </message>
    <message>
        <source>the check stopped after {limit} problems; fix these and check the file again</source>
        <translation>发现 {limit} 个问题后已停止检查；请先改正这些问题，再重新检查文件</translation>
    </message>
    <message>
        <source>row {row} of this ticket has the same operator, crop and grade with other values; a ticket has one line per operator, crop and grade: delete one of the two rows or correct it</source>
        <translation>本磅单第 {row} 行的经营主体、品种和等级与此行相同，但数值不同；一张磅单每个经营主体、品种和等级只有一条明细：请删去其中一行或改正</translation>
    </message>
    <message>
        <source>ticket {ticket}: {problem}</source>
        <translation>磅单 {ticket}：{problem}</translation>
    </message>
    <message>
        <source>ticket {ticket} totals more than 100 t, which cannot be one truck</source>
        <translation>磅单 {ticket} 合计超过 100 吨，不可能是一车货</translation>
    </message>
    <message>
        <source>this weighing ticket is already in the database; remove these rows or correct the number</source>
        <translation>该磅单号已在数据库中；请删除这些行或更正磅单号</translation>
    </message>
    <message>
        <source>the same truck ({plate}, {net} kg net) as ticket {ticket} on row {row}, weighed within the hour; is it one truck entered twice?</source>
        <translation>与第 {row} 行的磅单 {ticket} 是同一辆车（{plate}，净重 {net} 公斤），一小时内过磅；是否同一车录了两次？</translation>
    </message>
    <message>
        <source>ticket {ticket}: the file has no 净重 (net weight) column, so the net is gross − tare: type the truck&apos;s 毛重 and 皮重</source>
        <translation>磅单 {ticket}：文件没有净重列，净重按毛重 − 皮重计算：请填写整车的毛重和皮重</translation>
    </message>
    <message>
        <source>ticket {ticket} has {n} lines and the file has no 净重 (net weight) column: gross − tare is the whole truck&apos;s net; add a 净重 column with each line&apos;s net weight</source>
        <translation>磅单 {ticket} 有 {n} 条明细，而文件没有净重列：毛重 − 皮重是整车的净重；请加一列净重，填写每条明细的净重</translation>
    </message>
    <message>
        <source>ticket {ticket} has &apos;{value}&apos; here on row {row}; every row of one ticket must have the same {column}</source>
        <translation>磅单 {ticket} 在第 {row} 行的值为 &apos;{value}&apos;；同一磅单的各行 {column} 必须相同</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} 是文件夹，不是数据库文件。</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} 处没有数据库。</translation>
    </message>
    <message>
        <source>Cannot create the folder for {path}: {reason}.</source>
        <translation>无法为 {path} 创建文件夹：{reason}。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <source>The database {path} can only be read here (a read-only file, folder or disk): nothing can be saved. Make the file and its folder writable, or open a copy in a folder you may write to.</source>
        <translation>数据库 {path} 在这里只能读取（只读的文件、文件夹或磁盘），无法保存任何内容。请让该文件及其文件夹可写，或把副本放到你有写入权限的文件夹中再打开。</translation>
    </message>
    <message>
        <source>{path} is not a database file (it may be a spreadsheet or another document). Choose the tracker&apos;s database file, or create a new one.</source>
        <translation>{path} 不是数据库文件（可能是电子表格或其他文档）。请选择本系统的数据库文件，或新建一个。</translation>
    </message>
    <message>
        <source>{path} was written by a newer version of this program (schema steps {steps}). Update the program to open it.</source>
        <translation>{path} 由更新版本的本程序写入（数据库结构版本 {steps}）。请升级程序后再打开。</translation>
    </message>
    <message>
        <source>{path} comes from an earlier version of this program and must be upgraded, but it can only be read here. Make it writable, or open a copy in a folder you may write to.</source>
        <translation>{path} 来自本程序的早期版本，需要升级，但在这里只能读取。请让它可写，或把副本放到你有写入权限的文件夹中再打开。</translation>
    </message>
    <message>
        <source>{path} can only be read here, and its last changes are still in {wal}, which only a program that may write there can bring in. Open it where it can be written.</source>
        <translation>{path} 在这里只能读取，而它最后的修改还在 {wal} 中，只有能在那里写入的程序才能把它们并入。请在可以写入的位置打开它。</translation>
    </message>
    <message>
        <source>{path} is empty (0 bytes): it holds no data yet. Create a new database there (for example with &apos;fujiang --db {path} demo&apos;), or choose another file.</source>
        <translation>{path} 是空文件（0 字节），还没有任何数据。请在那里新建数据库（例如运行“fujiang --db {path} demo”），或选择另一个文件。</translation>
    </message>
    <message>
        <source>{path} needs an upgrade for this version of the program, but the backup taken before it failed ({reason}); nothing was changed. Free some disk space, or make the folder writable, and open it again.</source>
        <translation>{path} 需要升级才能用于这个版本的程序，但升级前的备份失败了（{reason}），没有做任何修改。请腾出一些磁盘空间，或让该文件夹可写，然后重新打开。</translation>
    </message>
    <message>
        <source>Another program has been writing to the database for {seconds} s and has not finished. Nothing was saved; try again when it is done (an import or a restore can take a minute).</source>
        <translation>另一个程序已经向数据库写入了 {seconds} 秒，仍未完成。本次没有保存任何内容；请等它完成后再试（导入或恢复可能需要一分钟左右）。</translation>
    </message>
    <message>
        <source>{path} is an SQLite database of another program, not of the Fujiang park tracker. Open the tracker&apos;s own database, or create a new one.</source>
        <translation>{path} 是其他程序的 SQLite 数据库，不是涪江蔬菜乐园管理系统的数据库。请打开本系统自己的数据库，或新建一个。</translation>
    </message>
    <message>
        <source>{path} cannot be opened now because its disk is full. Its latest changes are kept safe in {wal}, and SQLite needs a little room to bring them in: nothing is lost. Free some space on that disk and open it again.</source>
        <translation>{path} 现在无法打开，因为所在磁盘已满。它最近的修改安全地保存在 {wal} 中，SQLite 需要一点空间才能把它们并入：没有任何数据丢失。请在该磁盘上腾出一些空间后再打开。</translation>
    </message>
    <message>
        <source>{path} cannot be opened now because its disk is full. Free some space on that disk and open it again; nothing in the database is lost.</source>
        <translation>{path} 现在无法打开，因为所在磁盘已满。请在该磁盘上腾出一些空间后再打开；数据库中的内容没有丢失。</translation>
    </message>
    <message>
        <source>{path} is locked by another program. Close the other program (or the other window of this one) and try again.</source>
        <translation>{path} 已被其他程序锁定。请关闭该程序（或本程序的另一个窗口）后重试。</translation>
    </message>
    <message>
        <source>{path} is damaged ({reason}). Restore it from a backup, or open another database.</source>
        <translation>{path} 已损坏（{reason}）。请从备份恢复，或打开其他数据库。</translation>
    </message>
    <message>
        <source>{path} cannot be opened for writing ({reason}).</source>
        <translation>{path} 无法以写入方式打开（{reason}）。</translation>
    </message>
    <message>
        <source>{path} could not be opened: {reason}.</source>
        <translation>无法打开 {path}：{reason}。</translation>
    </message>
    <message>
        <source>this database already holds operators, crops, markets or buyers that are not the demo park&apos;s; create the demo data in a new, empty database</source>
        <translation>此数据库中已有不属于演示园区的经营主体、品种、市场或客商；请在新的空数据库中生成演示数据</translation>
    </message>
    <message>
        <source>the number of years cannot be negative</source>
        <translation>年数不能为负数</translation>
    </message>
    <message>
        <source>the demo makes 0 to {limit} years of trade; ask for fewer</source>
        <translation>演示数据只能生成 0 至 {limit} 年的交易；请减少年数</translation>
    </message>
    <message>
        <source>this database already holds harvests, shipments or payments; create the demo data in a new, empty database</source>
        <translation>此数据库中已有采收、出货或收款记录；请在新的空数据库中生成演示数据</translation>
    </message>
    <message>
        <source>use 斤, 两, 公斤/kg, 克/g, 吨/t or 担</source>
        <translation>请使用 斤、两、公斤/kg、克/g、吨/t 或 担</translation>
    </message>
    <message>
        <source>use 元/斤, 元/公斤 or 元/吨 (e.g. 1.2元/斤, 一块二一斤)</source>
        <translation>请使用 元/斤、元/公斤 或 元/吨（例如 1.2元/斤、一块二一斤）</translation>
    </message>
    <message>
        <source>type it year-month-day, e.g. 2023-01-06, 2023.1.6, 2023年1月6日 or 20230106</source>
        <translation>请按年-月-日输入，例如 2023-01-06、2023.1.6、2023年1月6日 或 20230106</translation>
    </message>
    <message>
        <source>type a plate like 川JA1234, 渝C12345 or 渝AD12345</source>
        <translation>请按 川JA1234、渝C12345 或 渝AD12345 的格式输入车牌号</translation>
    </message>
    <message>
        <source>{first} or {rest}</source>
        <translation>{first} 或 {rest}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has a misplaced &apos;,&apos;; commas separate thousands (1,250), &apos;.&apos; marks decimals</source>
        <translation>&apos;{text}&apos; 中的逗号位置不对；逗号用于分隔千位（1,250），小数点请用 &apos;.&apos;</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has too many digits</source>
        <translation>&apos;{text}&apos; 的位数太多</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a well-formed number</source>
        <translation>&apos;{text}&apos; 不是格式正确的数字</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: a pack above 100 kg is a typing error; type what one pack weighs</source>
        <translation>“{text}”：每件超过 100 公斤，应是输入错误；请填写一件的重量</translation>
    </message>
    <message>
        <source>no weight given; type one such as 12.5公斤 or 25斤</source>
        <translation>未填写重量；请输入如 12.5公斤 或 25斤</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: weight must be positive</source>
        <translation>&apos;{text}&apos;：重量必须大于 0</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; could be {weights} (千 may end the number or start the unit 千克); type the one you mean in digits</source>
        <translation>&apos;{text}&apos; 可能是 {weights}（“千”既可能是数字的一部分，也可能是单位“千克”的开头）；请用阿拉伯数字输入您要的重量</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has an unknown unit; {hint}</source>
        <translation>&apos;{text}&apos; 的单位无法识别；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has extra text &apos;{extra}&apos; after the weight</source>
        <translation>&apos;{text}&apos; 在重量后面多了 &apos;{extra}&apos;</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a weight; type one such as 12.5公斤</source>
        <translation>&apos;{text}&apos; 不是有效的重量；请输入如 12.5公斤</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: the last number has no unit; {hint}</source>
        <translation>&apos;{text}&apos;：最后一个数字没有单位；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: put larger units first, as in 3吨500公斤 or 5斤2两</source>
        <translation>&apos;{text}&apos;：请把大单位写在前面，如 3吨500公斤 或 5斤2两</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: nothing may follow 半</source>
        <translation>&apos;{text}&apos;：“半”字后面不能再有内容</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has no unit; add 公斤 or 斤 (e.g. {text}公斤)</source>
        <translation>&apos;{text}&apos; 没有单位；请加上 公斤 或 斤（例如 {text}公斤）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is more than 100 t; check for a typing error</source>
        <translation>&apos;{text}&apos; 超过 100 吨；请检查是否输入有误</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is {grams} g, not a whole number of grams</source>
        <translation>&apos;{text}&apos; 为 {grams} 克，不是整数克</translation>
    </message>
    <message>
        <source>no price given; type one such as 1.2元/斤 or 2.4元/公斤</source>
        <translation>未填写价格；请输入如 1.2元/斤 或 2.4元/公斤</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: a price cannot be negative</source>
        <translation>&apos;{text}&apos;：价格不能为负数</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a price I can read; {hint}</source>
        <translation>无法识别价格 &apos;{text}&apos;；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; does not say per what weight; add /公斤 or /斤 (e.g. 1.2元/斤)</source>
        <translation>&apos;{text}&apos; 没有写明按什么重量计价；请加上 /公斤 或 /斤（例如 1.2元/斤）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is {price} 元/公斤, above 1000 元/公斤; check for a typing error</source>
        <translation>&apos;{text}&apos; 折合 {price} 元/公斤，超过 1000 元/公斤；请检查是否输入有误</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is more precise than 0.0001 元/公斤</source>
        <translation>&apos;{text}&apos; 的精度超过 0.0001 元/公斤</translation>
    </message>
    <message>
        <source>no percentage given; type one such as 2% or 1.5%</source>
        <translation>未填写百分比；请输入如 2% 或 1.5%</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: a percentage cannot be negative</source>
        <translation>&apos;{text}&apos;：百分比不能为负数</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a percentage; type one such as 2% or 1.5%</source>
        <translation>&apos;{text}&apos; 不是有效的百分比；请输入如 2% 或 1.5%</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is more than 100%</source>
        <translation>&apos;{text}&apos; 超过 100%</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is more precise than 0.01%</source>
        <translation>&apos;{text}&apos; 的精度超过 0.01%</translation>
    </message>
    <message>
        <source>no date given; {hint}</source>
        <translation>未填写日期；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has no day; {hint}</source>
        <translation>&apos;{text}&apos; 缺少日；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date; {hint}</source>
        <translation>&apos;{text}&apos; 不是有效日期；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: year {year} is out of range ({first}–{last})</source>
        <translation>&apos;{text}&apos;：年份 {year} 超出范围（{first}–{last}）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a valid date: there is no month {month}</source>
        <translation>&apos;{text}&apos; 不是有效日期：没有 {month} 月</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a valid date: {year}-{month} has {days} days, not day {day}</source>
        <translation>&apos;{text}&apos; 不是有效日期：{year}年{month}月只有 {days} 天，没有 {day} 日</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; puts the year last and could be {dates}; type it year first (YYYY-MM-DD)</source>
        <translation>&apos;{text}&apos; 把年份写在最后，可能是 {dates}；请把年份写在前面（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; puts the year last and would be {date} read day-first; type it year first, as {date}</source>
        <translation>&apos;{text}&apos; 把年份写在最后，按日-月-年理解为 {date}；请把年份写在前面，即 {date}</translation>
    </message>
    <message>
        <source>no plate given; {hint}</source>
        <translation>未填写车牌号；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; must start with a province character such as 川 or 渝</source>
        <translation>&apos;{text}&apos; 必须以省份简称开头，如 川 或 渝</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a plate; {hint}</source>
        <translation>&apos;{text}&apos; 不是有效车牌号；{hint}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: plates never use the letters I or O; did you mean 1 or 0?</source>
        <translation>&apos;{text}&apos;：车牌号不使用字母 I 和 O；您是不是要输入数字 1 或 0？</translation>
    </message>
    <message>
        <source>no name given</source>
        <translation>未填写名称</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is {n} characters long; a name has at most {limit}</source>
        <translation>&apos;{text}&apos; 长达 {n} 个字符；名称最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; matches no known name; did you mean {names}?</source>
        <translation>&apos;{text}&apos; 与已有名称都不匹配；您是不是要找 {names}？</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}、{rest}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; matches no known name</source>
        <translation>&apos;{text}&apos; 与已有名称都不匹配</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; could mean {names}; choose one</source>
        <translation>&apos;{text}&apos; 可能是 {names}；请选择其一</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date (YYYY-MM-DD)</source>
        <translation>&apos;{value}&apos; 不是有效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>{value} is not between {first} and {last}; check the year</source>
        <translation>{value} 不在 {first} 至 {last} 之间，请检查年份</translation>
    </message>
    <message>
        <source>{field}: {message}</source>
        <translation>{field}：{message}</translation>
    </message>
    <message>
        <source>{n} characters is too long; at most {limit}</source>
        <translation>共 {n} 个字符，太长了；最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; holds the invisible character U+{code}; type it again with visible characters only</source>
        <translation>&apos;{value}&apos; 含有不可见字符 U+{code}，请只用可见字符重新输入</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>{label} {id} does not exist</source>
        <translation>编号为 {id} 的{label}不存在</translation>
    </message>
    <message>
        <source>cannot update a {label} that was never saved</source>
        <translation>无法更新尚未保存的{label}</translation>
    </message>
    <message>
        <source>The {label} &apos;{name}&apos; was changed after you opened it: {changes}.</source>
        <translation>{label}“{name}”在你打开之后已被修改：{changes}。</translation>
    </message>
    <message>
        <source>Your changes were not saved; open it again to see what it holds now, then make your change there.</source>
        <translation>你的修改没有保存；请重新打开它查看现在的内容，再在那里修改。</translation>
    </message>
    <message>
        <source>{message} {advice}</source>
        <translation>{message}{advice}</translation>
    </message>
    <message>
        <source>{n} {things}</source>
        <translation>{things} {n} 条</translation>
    </message>
    <message>
        <source>{label} &apos;{name}&apos; is still used by {listing}; archive it instead</source>
        <translation>{label} &apos;{name}&apos; 仍有关联的{listing}，不能删除；请改为归档</translation>
    </message>
    <message>
        <source>only a record that was saved can be restored</source>
        <translation>只能恢复已保存过的记录</translation>
    </message>
    <message>
        <source>a {label} cannot be archived</source>
        <translation>{label}不能归档</translation>
    </message>
    <message>
        <source>required; it cannot be blank</source>
        <translation>必填，不能为空</translation>
    </message>
    <message>
        <source>unknown code &apos;{value}&apos;; use one of {codes}</source>
        <translation>无法识别的代码 &apos;{value}&apos;；请使用 {codes} 之一</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>weighing ticket number</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>certificate number</source>
        <translation>合格证编号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>side</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>area (亩)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>plates</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>usual market</source>
        <translation>常去市场</translation>
    </message>
    <message>
        <source>village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>season</source>
        <translation>上市月份</translation>
    </message>
    <message>
        <source>lowest price</source>
        <translation>最低价</translation>
    </message>
    <message>
        <source>highest price</source>
        <translation>最高价</translation>
    </message>
    <message>
        <source>home base</source>
        <translation>常驻地</translation>
    </message>
    <message>
        <source>district</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>harvest date</source>
        <translation>采收日期</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>tare</source>
        <translation>皮重</translation>
    </message>
    <message>
        <source>net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>deduction</source>
        <translation>扣重</translation>
    </message>
    <message>
        <source>deduction (%)</source>
        <translation>扣重（%）</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>agreed price</source>
        <translation>约定价</translation>
    </message>
    <message>
        <source>settled price</source>
        <translation>实结价</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>harvest lots</source>
        <translation>采收批次</translation>
    </message>
    <message>
        <source>payment date</source>
        <translation>收款日期</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>its derived values</source>
        <translation>其派生数值</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>另有 {n} 处</translation>
    </message>
    <message>
        <source>lines: {before} → {after}</source>
        <translation>明细行数：{before} → {after}</translation>
    </message>
    <message>
        <source>line {n}: {change}</source>
        <translation>第 {n} 行：{change}</translation>
    </message>
    <message>
        <source>{field} {before} → {after}</source>
        <translation>{field} {before} → {after}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>{n} line(s), {kg} kg net</source>
        <translation>{n} 行，净重 {kg} kg</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>the plot belongs to another operator; choose one of this operator&apos;s plots</source>
        <translation>该地块属于其他经营主体；请选择本经营主体的地块</translation>
    </message>
    <message>
        <source>a value that must be unique is already used by another {label}</source>
        <translation>一个不能重复的值已被另一个{label}使用</translation>
    </message>
    <message>
        <source>this {field} is already used by another {label}</source>
        <translation>此 {field} 已被另一个{label}使用</translation>
    </message>
    <message>
        <source>{label} refers to a record that does not exist</source>
        <translation>{label}引用了不存在的记录</translation>
    </message>
    <message>
        <source>{label} breaks a rule: {detail}</source>
        <translation>{label}不符合规则：{detail}</translation>
    </message>
    <message>
        <source>{label} could not be saved: {reason}</source>
        <translation>{label}无法保存：{reason}</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>harvests</source>
        <translation>采收记录</translation>
    </message>
    <message>
        <source>shipment lines</source>
        <translation>出货明细</translation>
    </message>
    <message>
        <source>certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>the typical price range runs backwards; give the low price first</source>
        <translation>常见价格区间的高低价颠倒了；请先填低价</translation>
    </message>
    <message>
        <source>a pack weight is more than 0 and at most 100 kg, or left blank while unknown</source>
        <translation>每件重量须大于 0 且不超过 100 公斤；不知道时留空</translation>
    </message>
    <message>
        <source>market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>shipments</source>
        <translation>出货单</translation>
    </message>
    <message>
        <source>buyers</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>收款记录</translation>
    </message>
    <message>
        <source>harvest</source>
        <translation>采收记录</translation>
    </message>
    <message>
        <source>weight must be positive</source>
        <translation>重量必须大于 0</translation>
    </message>
    <message>
        <source>a harvest lot above 1,000 t is almost surely a typing error</source>
        <translation>单个采收批次超过 1,000 吨，很可能是输入错误</translation>
    </message>
    <message>
        <source>a deduction in percent must be from 0% to under 100%</source>
        <translation>按百分比扣重须在 0% 至 100%（不含）之间</translation>
    </message>
    <message>
        <source>a payment above 1,000,000,000 元 is almost surely a typing error</source>
        <translation>单笔收款超过 1,000,000,000 元，很可能是输入错误</translation>
    </message>
    <message>
        <source>no harvest lot &apos;{code}&apos;</source>
        <translation>没有批次号为 &apos;{code}&apos; 的采收批次</translation>
    </message>
    <message>
        <source>The {label} &apos;{name}&apos; was changed by {user} at {time} after you opened it: {changes}.</source>
        <translation>{label}“{name}”在你打开之后已被 {user} 于 {time} 修改：{changes}。</translation>
    </message>
    <message>
        <source>shipment</source>
        <translation>出货单</translation>
    </message>
    <message>
        <source>a weighing ticket number is required</source>
        <translation>必须填写磅单号</translation>
    </message>
    <message>
        <source>tare cannot be negative</source>
        <translation>皮重不能为负数</translation>
    </message>
    <message>
        <source>gross weight must be more than the tare</source>
        <translation>毛重必须大于皮重</translation>
    </message>
    <message>
        <source>the deduction must be less than the net weight</source>
        <translation>扣重必须小于净重</translation>
    </message>
    <message>
        <source>unknown payment status &apos;{status}&apos;</source>
        <translation>无法识别的收款状态 &apos;{status}&apos;</translation>
    </message>
    <message>
        <source>the deduction of {deduction} kg is more than the lines&apos; net weight of {net} kg; enter a smaller deduction or check the line weights</source>
        <translation>扣重 {deduction} 公斤超过了各行净重合计 {net} 公斤；请填写较小的扣重或检查各行重量</translation>
    </message>
    <message>
        <source>line weight must be positive</source>
        <translation>明细重量必须大于 0</translation>
    </message>
    <message>
        <source>the deduction cannot be negative</source>
        <translation>扣重不能为负数</translation>
    </message>
    <message>
        <source>a price must be from 0 to 1000 元/公斤</source>
        <translation>单价须在 0 至 1000 元/公斤之间</translation>
    </message>
    <message>
        <source>unknown grade &apos;{grade}&apos;</source>
        <translation>无法识别的等级 &apos;{grade}&apos;</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <translation>{first}；{rest}</translation>
    </message>
    <message>
        <source>a gross weight above 100 t cannot be one truck</source>
        <translation>毛重超过 100 吨，不可能是一车货</translation>
    </message>
    <message>
        <source>shipment line</source>
        <translation>出货明细</translation>
    </message>
    <message>
        <source>{n} record(s) were changed by another program since; nothing was undone</source>
        <translation>{n} 条记录之后已被其他程序改动；没有撤销任何内容</translation>
    </message>
    <message>
        <source>{n} record(s) were changed by another program since; nothing was redone</source>
        <translation>{n} 条记录之后已被其他程序改动；没有重做任何内容</translation>
    </message>
    <message>
        <source>{n} {things} still use records of this import; nothing was undone</source>
        <translation>还有 {n} 条{things}用到这次导入的记录；没有撤销任何内容</translation>
    </message>
    <message>
        <source>{n} record(s) of this import are no longer in the database; nothing was undone</source>
        <translation>这次导入的 {n} 条记录已不在数据库中；没有撤销任何内容</translation>
    </message>
    <message>
        <source>no shipment with weighing ticket &apos;{ticket}&apos;</source>
        <translation>没有磅单号为 &apos;{ticket}&apos; 的出货单</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>收款记录</translation>
    </message>
    <message>
        <source>amount must be positive</source>
        <translation>金额必须大于 0</translation>
    </message>
    <message>
        <source>unknown payment method &apos;{method}&apos;</source>
        <translation>无法识别的收款方式 &apos;{method}&apos;</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>a certificate&apos;s weight must be more than 0 and at most 1,000 t</source>
        <translation>合格证的重量须大于 0 且不超过 1,000 吨</translation>
    </message>
    <message>
        <source>tick at least one basis: quality control, own test or commissioned test</source>
        <translation>请至少勾选一项承诺依据：质量安全控制符合要求、自行检测合格 或 委托检测合格</translation>
    </message>
    <message>
        <source>a certificate is never deleted; void it instead</source>
        <translation>合格证不能删除；请改为作废</translation>
    </message>
    <message>
        <source>give the reason for voiding</source>
        <translation>请填写作废原因</translation>
    </message>
    <message>
        <source>certificate {number} is already void</source>
        <translation>合格证 {number} 已作废</translation>
    </message>
    <message>
        <source>no certificate numbered &apos;{number}&apos;</source>
        <translation>没有编号为 &apos;{number}&apos; 的合格证</translation>
    </message>
    <message>
        <source>audit entry</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a {what}; use {choices}</source>
        <translation>&apos;{text}&apos; 不是有效的{what}；请使用 {choices}</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>payment status</source>
        <translation>收款状态</translation>
    </message>
    <message>
        <source>longer than {n} characters</source>
        <translation>超过 {n} 个字</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an amount in 元; type one such as 1250 or 1,250.50</source>
        <translation>&apos;{text}&apos; 不是以元为单位的金额；请输入如 1250 或 1,250.50</translation>
    </message>
    <message>
        <source>the amount must be more than 0 元</source>
        <translation>金额必须大于 0 元</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is finer than 1 分 (0.01 元)</source>
        <translation>&apos;{text}&apos; 精确到了分以下（最小 0.01 元）</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is too large; check for a typing error</source>
        <translation>&apos;{text}&apos; 太大，请检查是否输错</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an area in 亩; type one such as 150 or 12.5</source>
        <translation>&apos;{text}&apos; 不是以亩为单位的面积；请输入如 150 或 12.5</translation>
    </message>
    <message>
        <source>an area cannot be negative</source>
        <translation>面积不能为负数</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is finer than 0.01 亩</source>
        <translation>&apos;{text}&apos; 精确到了 0.01 亩以下</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a phone number; type digits such as 13800000001</source>
        <translation>&apos;{text}&apos; 不是电话号码；请输入数字，如 13800000001</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has {n} digits; a phone number has 5 to 20</source>
        <translation>&apos;{text}&apos; 有 {n} 位数字；电话号码应为 5 到 20 位</translation>
    </message>
    <message>
        <source>has {n} characters; a credit code has 18</source>
        <translation>共 {n} 位；统一社会信用代码应为 18 位</translation>
    </message>
    <message>
        <source>contains characters a credit code never uses (I, O, S, V, Z)</source>
        <translation>含有统一社会信用代码不使用的字母（I、O、S、V、Z）</translation>
    </message>
    <message>
        <source>check digit should be {check}; please compare with the licence</source>
        <translation>校验码应为 {check}，请与营业执照核对</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a month or a range of months such as 11-3</source>
        <translation>&apos;{text}&apos; 不是月份或月份范围，如 11-3</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;: months are 1 to 12</source>
        <translation>&apos;{text}&apos;：月份应在 1 到 12 之间</translation>
    </message>
    <message>
        <source>shipment {ticket} has no lines to certify; add its lines first</source>
        <translation>出货 {ticket} 没有明细，无法开具合格证；请先添加明细</translation>
    </message>
    <message>
        <source>the basis must be one or more of {codes}</source>
        <translation>承诺依据须为 {codes} 中的一项或多项</translation>
    </message>
    <message>
        <source>truck {ticket} no longer carries {product} of {operator}; void {number} instead of reissuing it</source>
        <translation>车辆 {ticket} 已不再装有{operator}的{product}；请作废 {number}，不要重开</translation>
    </message>
    <message>
        <source>this QR code is not one of the park&apos;s certificates (theirs begin with {prefix}:)</source>
        <translation>此二维码不是本园区的合格证（本园区合格证二维码以 {prefix}: 开头）</translation>
    </message>
    <message>
        <source>the period {start} – {end} is not two dates (YYYY-MM-DD)</source>
        <translation>期间 {start} – {end} 不是两个有效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>the period starts ({start}) after it ends ({end})</source>
        <translation>期间的开始日期（{start}）晚于结束日期（{end}）</translation>
    </message>
    <message>
        <source>&apos;{period}&apos; is not a month (YYYY-MM) or a year (YYYY) between {first} and {last}</source>
        <translation>&apos;{period}&apos; 不是 {first} 至 {last} 年之间的月份（YYYY-MM）或年份（YYYY）</translation>
    </message>
    <message>
        <source>no operator &apos;{name}&apos;</source>
        <translation>没有经营主体 &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>several plots are called &apos;{name}&apos;; write one of {options}</source>
        <translation>有多个地块名为 &apos;{name}&apos;；请写成 {options} 之一</translation>
    </message>
    <message>
        <source>no plot &apos;{name}&apos;; did you mean {names}?</source>
        <translation>没有地块 &apos;{name}&apos;；您是不是要找 {names}？</translation>
    </message>
    <message>
        <source>no plot &apos;{name}&apos;; write a plot name, or OPERATOR/PLOT</source>
        <translation>没有地块 &apos;{name}&apos;；请填写地块名称，或写成“经营主体/地块”</translation>
    </message>
    <message>
        <source>unknown trace kind &apos;{kind}&apos;; use lot, certificate, ticket or plot</source>
        <translation>无法识别的追溯方式 &apos;{kind}&apos;；请用 lot（批次）、certificate（合格证）、ticket（磅单）或 plot（地块）</translation>
    </message>
    <message>
        <source>audit log: entry {id} ({when}, {user}, {action} {table} #{row}) does not match the chain; the log was changed outside the program at or before this entry</source>
        <translation>操作日志：第 {id} 条（{when}，{user}，{action} {table} #{row}）与哈希链不符；日志在这一条或之前被程序以外的方式改动过</translation>
    </message>
    <message>
        <source>{n} record(s) break the rules the file itself declares (edited outside the program)</source>
        <translation>{n} 条记录违反了数据库文件自身声明的规则（曾在程序以外被改动）</translation>
    </message>
    <message>
        <source>the file is damaged: SQLite&apos;s integrity check found {n} problem(s); restore a backup</source>
        <translation>文件已损坏：SQLite 完整性检查发现 {n} 个问题；请恢复备份</translation>
    </message>
    <message>
        <source>{n} record(s) refer to records that do not exist</source>
        <translation>{n} 条记录引用了不存在的记录</translation>
    </message>
    <message>
        <source>{n} shipment(s) whose net weight is not gross minus tare</source>
        <translation>{n} 车出货的净重不等于毛重减皮重</translation>
    </message>
    <message>
        <source>{n} shipment(s) whose lines do not add up to the truck&apos;s net weight</source>
        <translation>{n} 车出货的明细重量合计与整车净重不符</translation>
    </message>
    <message>
        <source>{n} shipment(s) whose lines&apos; payable weights do not add up to net less the deduction</source>
        <translation>{n} 车的明细应付重量之和不等于净重减扣重</translation>
    </message>
    <message>
        <source>the daily shipment summary differs from the shipment lines in {n} row(s); repair recomputes it</source>
        <translation>每日出货汇总有 {n} 行与出货明细不符；修复会重新计算</translation>
    </message>
    <message>
        <source>the daily harvest summary differs from the harvests in {n} row(s); repair recomputes it</source>
        <translation>每日采收汇总有 {n} 行与采收记录不符；修复会重新计算</translation>
    </message>
    <message>
        <source>{n} shipment(s) whose line count or total differs from their lines; repair recomputes them</source>
        <translation>{n} 车出货的明细行数或合计金额与其明细不符；修复会重新计算</translation>
    </message>
    <message>
        <source>{n} buyer balance(s) differ from shipments minus payments; repair recomputes the summaries</source>
        <translation>{n} 个客商余额与出货减收款不符；修复会重新计算汇总</translation>
    </message>
    <message>
        <source>{n} certificate number(s) used more than once</source>
        <translation>{n} 个合格证编号被重复使用</translation>
    </message>
    <message>
        <source>{n} valid certificate(s) whose weight differs from their lines on the truck</source>
        <translation>{n} 张有效合格证的重量与车上对应明细不符</translation>
    </message>
    <message>
        <source>file structure (integrity check)</source>
        <translation>文件结构（完整性检查）</translation>
    </message>
    <message>
        <source>references between records</source>
        <translation>记录之间的引用</translation>
    </message>
    <message>
        <source>net weight = gross − tare</source>
        <translation>净重 = 毛重 − 皮重</translation>
    </message>
    <message>
        <source>lines against the truck&apos;s weight</source>
        <translation>明细与车重相符</translation>
    </message>
    <message>
        <source>daily shipment summary</source>
        <translation>每日出货汇总</translation>
    </message>
    <message>
        <source>daily harvest summary</source>
        <translation>每日采收汇总</translation>
    </message>
    <message>
        <source>shipment line counts and totals</source>
        <translation>出货明细行数与合计</translation>
    </message>
    <message>
        <source>buyer balances</source>
        <translation>客商余额</translation>
    </message>
    <message>
        <source>certificate numbers unique</source>
        <translation>合格证编号不重复</translation>
    </message>
    <message>
        <source>certificate weights against their lines</source>
        <translation>合格证重量与明细相符</translation>
    </message>
    <message>
        <source>audit log chain</source>
        <translation>操作日志哈希链</translation>
    </message>
    <message>
        <source>{path} is the open database (or one of its files); an export may never be written over it. Choose another file name.</source>
        <translation>{path} 是当前打开的数据库（或其附属文件），导出绝不能覆盖它。请换一个文件名。</translation>
    </message>
    <message>
        <source>{path} is a database of this program; an export may never be written over it. Choose another file name.</source>
        <translation>{path} 是本程序的数据库，导出绝不能覆盖它。请换一个文件名。</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name, or add --force to replace it.</source>
        <translation>{path} 已存在。请换一个文件名，或加上 --force 替换它。</translation>
    </message>
    <message>
        <source>{path} is the open database, not a file to import. Choose the CSV or XLSX file to import.</source>
        <translation>{path} 是当前打开的数据库，不是要导入的文件。请选择要导入的 CSV 或 XLSX 文件。</translation>
    </message>
    <message>
        <source>{path} is not a backup of this program&apos;s database.</source>
        <translation>{path} 不是本程序数据库的备份。</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of this program; update the program to restore it.</source>
        <translation>{path} 由本程序的更新版本生成；请先更新程序再恢复它。</translation>
    </message>
    <message>
        <source>{path} is damaged ({reason}).</source>
        <translation>{path} 已损坏（{reason}）。</translation>
    </message>
    <message>
        <source>{path} cannot be read as a database ({reason}).</source>
        <translation>{path} 无法作为数据库读取（{reason}）。</translation>
    </message>
    <message>
        <source>{path} is the database itself; choose another file for the backup.</source>
        <translation>{path} 就是数据库本身，请为备份另选一个文件。</translation>
    </message>
    <message>
        <source>the copy failed its integrity check ({reason})</source>
        <translation>副本未通过完整性检查（{reason}）</translation>
    </message>
    <message>
        <source>the copy&apos;s record counts differ from the database&apos;s</source>
        <translation>副本的记录数与数据库不一致</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: {reason}</source>
        <translation>备份无法写入 {folder}：{reason}</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>{path} is the open database itself, not a backup.</source>
        <translation>{path} 是正在使用的数据库本身，不是备份。</translation>
    </message>
    <message>
        <source>There is no backup file at {path}.</source>
        <translation>{path} 处没有备份文件。</translation>
    </message>
    <message>
        <source>The database is busy in another program or window; close it and try again. The database was not changed.</source>
        <translation>数据库正被另一个程序或窗口使用；请关闭它后重试。数据库没有改动。</translation>
    </message>
    <message>
        <source>The backup could not be restored ({reason}); the database was not changed.</source>
        <translation>无法恢复备份（{reason}）；数据库没有改动。</translation>
    </message>
    <message>
        <source>The restored database failed its integrity check ({reason}).</source>
        <translation>恢复后的数据库未通过完整性检查（{reason}）。</translation>
    </message>
    <message>
        <source>{path} is not an Ed25519 park key</source>
        <translation>{path} 不是 Ed25519 园区密钥</translation>
    </message>
    <message>
        <source>the park&apos;s signing key could not be made beside the database ({path}): {reason}</source>
        <translation>无法在数据库旁生成园区签名密钥（{path}）：{reason}</translation>
    </message>
    <message>
        <source>This is not a certificate of this park (its QR text begins with {prefix}:).</source>
        <translation>这不是本园区的合格证（本园区二维码文字以 {prefix}: 开头）。</translation>
    </message>
    <message>
        <source>Forged: the text is not in the park&apos;s form.</source>
        <translation>伪造：文字不是本园区的格式。</translation>
    </message>
    <message>
        <source>Unsigned: {number} was printed before certificates were signed; compare it with the register by hand.</source>
        <translation>未签名：{number} 是在合格证签名之前打印的；请对照开证登记人工核对。</translation>
    </message>
    <message>
        <source>This database has no park key: it never signed a certificate.</source>
        <translation>这个数据库没有园区密钥：从未签过合格证。</translation>
    </message>
    <message>
        <source>Forged: the signature does not match the text (altered, or not signed by this park).</source>
        <translation>伪造：签名与文字不符（被改动过，或不是本园区签发）。</translation>
    </message>
    <message>
        <source>Signed by this park, but {number} is not in this register.</source>
        <translation>本园区签发，但 {number} 不在本开证登记中。</translation>
    </message>
    <message>
        <source>Genuine but void: {number} was voided ({reason}).</source>
        <translation>真实但已作废：{number} 已作废（{reason}）。</translation>
    </message>
    <message>
        <source>Genuine: {number} is valid in the park&apos;s register.</source>
        <translation>真实有效：{number} 在园区开证登记中有效。</translation>
    </message>
    <message>
        <source>Genuine: {number} is valid, but its truck was changed since; it is due for reissue.</source>
        <translation>真实有效：{number} 有效，但本车此后被修改过，需要重开。</translation>
    </message>
    <message>
        <source>{what} &apos;{value}&apos; is not a number from 0 to {limit} with at most two decimals</source>
        <translation>{what}“{value}”不是 0 到 {limit} 之间、最多两位小数的数字</translation>
    </message>
    <message>
        <source>fee per tonne</source>
        <translation>每吨服务费</translation>
    </message>
    <message>
        <source>fee percentage</source>
        <translation>服务费比例</translation>
    </message>
    <message>
        <source>service fee basis &apos;{basis}&apos; is not one of none, per_tonne, percent</source>
        <translation>服务费计收方式“{basis}”不是 none、per_tonne、percent 之一</translation>
    </message>
    <message>
        <source>a unified social credit code has 18 characters; &apos;{value}&apos; has {count}</source>
        <translation>统一社会信用代码应为 18 位，“{value}”有 {count} 位</translation>
    </message>
    <message>
        <source>&apos;{char}&apos; cannot appear in a unified social credit code (no I, O, S, V or Z)</source>
        <translation>统一社会信用代码中不能出现“{char}”（不含 I、O、S、V、Z）</translation>
    </message>
    <message>
        <source>the check character of {value} does not match: the first 17 characters give {expected}</source>
        <translation>{value} 的校验码不符：按前 17 位计算应为 {expected}</translation>
    </message>
    <message>
        <source>the organisation&apos;s legal name is required</source>
        <translation>必须填写单位的法定名称</translation>
    </message>
    <message>
        <source>at most {limit} characters</source>
        <translation>最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>the phone number &apos;{value}&apos; has no digits</source>
        <translation>电话号码“{value}”中没有数字</translation>
    </message>
    <message>
        <source>a bank account number is 8 to 32 digits, not &apos;{value}&apos;</source>
        <translation>银行账号应为 8 至 32 位数字，而不是“{value}”</translation>
    </message>
    <message>
        <source>the objection period is 1 to {limit} days, not {value}</source>
        <translation>异议期应为 1 至 {limit} 天，而不是 {value}</translation>
    </message>
    <message>
        <source>the organisation&apos;s details were changed by someone else since you opened them; nothing was saved. Reopen them to see the current details</source>
        <translation>您打开园区信息之后，别人已修改过这些信息；本次没有保存。请重新打开以查看当前信息</translation>
    </message>
    <message>
        <source>{date} is {n} days ahead: check the year</source>
        <translation>{date} 比今天晚 {n} 天，请核对年份</translation>
    </message>
    <message>
        <source>{date} is over {years} years ago: check the year</source>
        <translation>{date} 早于 {years} 年前，请核对年份</translation>
    </message>
    <message>
        <source>required; 2026-01-06, 2026.1.6, 2026年1月6日 or 20260106; a time after it is ignored</source>
        <translation>必填；2026-01-06、2026.1.6、2026年1月6日 或 20260106；后面的时间忽略</translation>
    </message>
    <message>
        <source>required; the weighing ticket (磅单号); the rows of one ticket are one truck</source>
        <translation>必填；磅单号；同一磅单的各行是同一车</translation>
    </message>
    <message>
        <source>required; a buyer already in the program (name or alias)</source>
        <translation>必填；程序中已有的客商（名称或别名）</translation>
    </message>
    <message>
        <source>optional; a destination market already in the program (name or alias)</source>
        <translation>选填；程序中已有的目的市场（名称或别名）</translation>
    </message>
    <message>
        <source>optional; the truck&apos;s plate, e.g. 川JA1234 or 渝C12345</source>
        <translation>选填；车牌号，如 川JA1234 或 渝C12345</translation>
    </message>
    <message>
        <source>required; an operator already in the program (name or alias)</source>
        <translation>必填；程序中已有的经营主体（名称或别名）</translation>
    </message>
    <message>
        <source>required; a crop already in the program (name, alias or Traditional characters)</source>
        <translation>必填；程序中已有的品种（名称、别名或繁体）</translation>
    </message>
    <message>
        <source>optional; 特级, 一级, 二级, 统货 or 次品 (blank: 统货)</source>
        <translation>选填；特级、一级、二级、统货 或 次品（空白为统货）</translation>
    </message>
    <message>
        <source>required; kg, or with a unit typed in the cell (斤, 吨 …)</source>
        <translation>必填；公斤，或在单元格中写明单位（斤、吨……）</translation>
    </message>
    <message>
        <source>required; 元/公斤, or with a unit typed in the cell (1.2元/斤)</source>
        <translation>必填；元/公斤，或在单元格中写明单位（1.2元/斤）</translation>
    </message>
    <message>
        <source>optional; 元; checked against weight × price, always computed</source>
        <translation>选填；元；与重量 × 单价核对，金额总是重新计算</translation>
    </message>
    <message>
        <source>optional; the truck&apos;s gross weight in kg, the same on every row of a ticket</source>
        <translation>选填；整车毛重（公斤），同一磅单各行相同</translation>
    </message>
    <message>
        <source>optional; the truck&apos;s tare in kg, the same on every row of a ticket</source>
        <translation>选填；整车皮重（公斤），同一磅单各行相同</translation>
    </message>
    <message>
        <source>optional; the deduction (扣重) in kg: the truck&apos;s on the ticket&apos;s first row (shared over its lines by weight), or each line&apos;s share; &apos;2%&apos; for a deduction agreed in percent</source>
        <translation>选填；扣重（公斤）：整车扣重填在该磅单第一行（按重量分摊到各明细），或填每条明细分摊的扣重；按百分比约定的扣重写成“2%”</translation>
    </message>
    <message>
        <source>optional; the price settled after the sale (实结价), when it differs from the agreed price</source>
        <translation>选填；售后结算的实结价（与约定价不同时填写）</translation>
    </message>
    <message>
        <source>optional; a deduction (扣杂) agreed in percent of the truck&apos;s net weight, e.g. 2 or 2.5%</source>
        <translation>选填；按整车净重百分比约定的扣杂，例如 2 或 2.5%</translation>
    </message>
    <message>
        <source>optional; net weight less the deduction, in kg</source>
        <translation>选填；净重减扣重（公斤）</translation>
    </message>
    <message>
        <source>optional; blank gets a new lot code</source>
        <translation>选填；空白则自动编号</translation>
    </message>
    <message>
        <source>optional; a plot of that operator already in the program</source>
        <translation>选填；该经营主体在程序中已有的地块</translation>
    </message>
    <message>
        <source>optional; any text</source>
        <translation>选填；任意文字</translation>
    </message>
    <message>
        <source>optional; 现金, 微信, 支付宝 or 转账 (blank: 转账)</source>
        <translation>选填；现金、微信、支付宝 或 转账（空白为转账）</translation>
    </message>
    <message>
        <source>optional; the transfer&apos;s reference</source>
        <translation>选填；转账凭证号</translation>
    </message>
    <message>
        <source>required; a name not yet in the program (an import only adds records)</source>
        <translation>必填；程序中还没有的名称（导入只新增记录）</translation>
    </message>
    <message>
        <source>optional; the name on English documents</source>
        <translation>选填；英文单据上的名称</translation>
    </message>
    <message>
        <source>optional; 遂宁 or 潼南 (Suining or Tongnan)</source>
        <translation>选填；遂宁或潼南</translation>
    </message>
    <message>
        <source>optional; a short name for lists</source>
        <translation>选填；列表中显示的简称</translation>
    </message>
    <message>
        <source>optional; the town (乡镇)</source>
        <translation>选填；所在乡镇</translation>
    </message>
    <message>
        <source>optional; the unified social credit code (统一社会信用代码)</source>
        <translation>选填；统一社会信用代码</translation>
    </message>
    <message>
        <source>optional; the contact person</source>
        <translation>选填；联系人</translation>
    </message>
    <message>
        <source>optional; a phone number</source>
        <translation>选填；电话号码</translation>
    </message>
    <message>
        <source>optional; the area in 亩, e.g. 150 or 12.5</source>
        <translation>选填；面积（亩），如 150 或 12.5</translation>
    </message>
    <message>
        <source>optional; other names, separated by 、 or a comma</source>
        <translation>选填；其他叫法，用顿号或逗号分隔</translation>
    </message>
    <message>
        <source>optional; 是 (yes) or 否 (no); blank: 否</source>
        <translation>选填；是或否；空白为否</translation>
    </message>
    <message>
        <source>optional; the village (村)</source>
        <translation>选填；所在村</translation>
    </message>
    <message>
        <source>optional; where the buyer is based</source>
        <translation>选填；客商所在地</translation>
    </message>
    <message>
        <source>optional; the buyer&apos;s truck plates, separated by 、 or a comma</source>
        <translation>选填；客商的车牌号，用顿号或逗号分隔</translation>
    </message>
    <message>
        <source>optional; the district or county (区县)</source>
        <translation>选填；所在区县</translation>
    </message>
    <message>
        <source>optional; the city</source>
        <translation>选填；所在城市</translation>
    </message>
    <message>
        <source>optional; the months it is harvested, e.g. 11,12,1,2,3</source>
        <translation>选填；采收月份，如 11,12,1,2,3</translation>
    </message>
    <message>
        <source>optional; the usual low price in 元/公斤 (prices far outside are warned about)</source>
        <translation>选填；常见低价（元/公斤），远超常见范围的价格会提示</translation>
    </message>
    <message>
        <source>optional; the usual high price in 元/公斤</source>
        <translation>选填；常见高价（元/公斤）</translation>
    </message>
    <message>
        <source>optional; what one bag (袋, 网袋) of it weighs in kg, as the park weighs it, e.g. 25; blank: unknown, and a count of bags (3袋) is then refused as a weight</source>
        <translation>选填；该品种每袋（袋、网袋）的重量，单位公斤，按园区实际过秤填写，如 25；留空表示不知道，此时按袋数（如 3袋）填写的重量不被接受</translation>
    </message>
    <message>
        <source>optional; what one crate (筐) of it weighs in kg, e.g. 15; blank: unknown</source>
        <translation>选填；该品种每筐的重量，单位公斤，如 15；留空表示不知道</translation>
    </message>
    <message>
        <source>optional; what one bundle (捆) of it weighs in kg, e.g. 8; blank: unknown</source>
        <translation>选填；该品种每捆的重量，单位公斤，如 8；留空表示不知道</translation>
    </message>
    <message>
        <source>optional; one of {values} (or in English: {english})</source>
        <translation>选填；{values} 之一（或英文：{english}）</translation>
    </message>
    <message>
        <source>required; the plot&apos;s name, not yet used by that operator</source>
        <translation>必填；地块名称，该经营主体尚未使用</translation>
    </message>
    <message>
        <source>optional; the market the buyer usually takes the goods to, already in the program</source>
        <translation>选填；客商常去的市场，须是程序中已有的市场</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>what it holds</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The example row says “{mark}” in one of its cells: an import skips it. Delete it or leave it, then fill in one row per record. The columns may be in any order; other columns are ignored.</source>
        <translation>示例行的一个单元格写着“{mark}”：导入时会跳过它。可删除也可保留，然后每条记录填写一行。各列顺序不限；其他列会被忽略。</translation>
    </message>
    <message>
        <source>ticket {ticket}: a deduction in percent is the truck&apos;s; give one percentage, on the ticket&apos;s first row or the same on every row</source>
        <translation>磅单 {ticket}：百分比扣杂是整车的；请只给一个百分比，填在该磅单第一行，或每行相同</translation>
    </message>
    <message>
        <source>ticket {ticket}: {pct}% given on one row is read as the truck&apos;s deduction: {kg} kg of its {net} kg net, shared over its {n} lines by weight</source>
        <translation>磅单 {ticket}：只填在一行的 {pct}% 按整车扣杂读取：净重 {net} 公斤的 {kg} 公斤，按重量分摊到 {n} 条明细</translation>
    </message>
    <message>
        <source>ticket {ticket}: a deduction of {kg} kg and one of {pct_kg} kg ({pct}%) are added up and stored as a deduction of {total} kg</source>
        <translation>磅单 {ticket}：扣重 {kg} 公斤与扣杂 {pct_kg} 公斤（{pct}%）相加，按扣重 {total} 公斤保存</translation>
    </message>
    <message>
        <source>ticket {ticket}: the deduction of {kg} kg given on its first row only is read as the truck&apos;s, shared over its {n} lines by weight: {shares} kg</source>
        <translation>磅单 {ticket}：只填在第一行的扣重 {kg} 公斤按整车扣重读取，按重量分摊到 {n} 条明细：{shares} 公斤</translation>
    </message>
    <message>
        <source>ticket {ticket}: the same deduction of {kg} kg on every row is read as the truck&apos;s (once, as gross and tare are), shared over its {n} lines by weight: {shares} kg</source>
        <translation>磅单 {ticket}：每行相同的扣重 {kg} 公斤按整车扣重读取（只算一次，与毛重、皮重相同），按重量分摊到 {n} 条明细：{shares} 公斤</translation>
    </message>
    <message>
        <source>ticket {ticket}: the lines&apos; deductions add up to {total} kg, but the program keeps one deduction per truck, shared over its lines by weight ({shares} kg); type the truck&apos;s deduction on its first row only (the other rows blank), or these shares</source>
        <translation>磅单 {ticket}：各明细扣重合计 {total} 公斤，但本程序每车只记一个扣重，按重量分摊到各明细（{shares} 公斤）；请只在第一行填整车扣重（其他行留空），或填这些分摊数</translation>
    </message>
    <message>
        <source>{day} is after today ({today}); check the year and the month</source>
        <translation>{day} 晚于今天（{today}）；请检查年份和月份</translation>
    </message>
    <message>
        <source>the same {what} as row {first}; the same record twice?</source>
        <translation>{what}与第 {first} 行相同；是否同一条记录填了两次？</translation>
    </message>
    <message>
        <source>the same {what} is already stored; is the file imported a second time?</source>
        <translation>相同{what}的记录已存在；是否重复导入了同一文件？</translation>
    </message>
    <message>
        <source>operator, plot, crop, grade, date and weight</source>
        <translation>经营主体、地块、品种、等级、日期和重量</translation>
    </message>
    <message>
        <source>buyer, date, amount, method and reference</source>
        <translation>客商、日期、金额、方式和凭证号</translation>
    </message>
    <message>
        <source>a payment with this reference is already stored; a reference belongs to one transfer</source>
        <translation>已有使用此凭证号的收款；一个凭证号只对应一笔转账</translation>
    </message>
    <message>
        <source>the same reference as row {first}; a reference belongs to one transfer</source>
        <translation>与第 {first} 行的凭证号相同；一个凭证号只对应一笔转账</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The details were written to the log file:
%1</source>
        <translation>详细信息已写入日志文件：
%1</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>数据库无法使用</translation>
    </message>
    <message>
        <source>Still in use</source>
        <translation>仍在使用</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The change was not saved: %1</source>
        <translation>修改未保存：%1</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>The database file could not be read or written: the disk, USB stick or network drive holding it did not answer. Check that it is still connected, then try again. The details are in the log file.</source>
        <translation>无法读写数据库文件：存放它的磁盘、U 盘或网络驱动器没有响应。请检查它是否仍然连接，然后重试。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Another program is using the database right now. Wait a moment, then try again.</source>
        <translation>另一个程序正在使用数据库。请稍候再试。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space on it, then try again; nothing was written.</source>
        <translation>磁盘已满。请腾出一些空间后重试；没有写入任何内容。</translation>
    </message>
    <message>
        <source>The file, folder or disk is read-only, so nothing could be written. Choose another place or ask for permission to write there.</source>
        <translation>文件、文件夹或磁盘是只读的，无法写入任何内容。请选择其他位置，或申请写入权限。</translation>
    </message>
    <message>
        <source>The database file looks damaged. Copy it somewhere safe, then run Check the database or restore a backup. The details are in the log file.</source>
        <translation>数据库文件似乎已损坏。请先把它复制到安全的地方，然后运行“检查数据库”或恢复备份。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>The program may not write to %1. Choose another folder, or ask for permission to write there.</source>
        <translation>程序无权写入 %1。请选择其他文件夹，或申请写入权限。</translation>
    </message>
    <message>
        <source>%1 does not exist (any more). Check the name and the folder.</source>
        <translation>%1 不存在（或已被移走）。请检查名称和文件夹。</translation>
    </message>
    <message>
        <source>%1 could not be read or written. Check the disk, then try again; the details are in the log file.</source>
        <translation>无法读写 %1。请检查磁盘后重试；详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>The computer ran out of memory. Close other programs, then try again with a smaller period.</source>
        <translation>电脑内存不足。请关闭其他程序，然后缩短时间段重试。</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. Your saved data is safe; the last change may not have been saved. Please try again, and send the log file to support if it happens again.</source>
        <translation>程序内部出错。已保存的数据是安全的；最后一次修改可能没有保存。请重试；如果再次发生，请把日志文件发给技术支持。</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Pick a date (F4)</source>
        <translation>选择日期（F4）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Already used by another record</source>
        <translation>已被其他记录使用</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不符合要求</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Also called</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Plot name</source>
        <translation>地块名称</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Home base</source>
        <translation>常驻地</translation>
    </message>
    <message>
        <source>Usual market</source>
        <translation>常去市场</translation>
    </message>
    <message>
        <source>Truck plates</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>One bag (袋) weighs</source>
        <translation>每袋重量</translation>
    </message>
    <message>
        <source>One crate (筐) weighs</source>
        <translation>每筐重量</translation>
    </message>
    <message>
        <source>One bundle (捆) weighs</source>
        <translation>每捆重量</translation>
    </message>
    <message>
        <source>kg; blank: not known</source>
        <translation>公斤；不知道时留空</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名</translation>
    </message>
    <message>
        <source>Harvest months</source>
        <translation>采收月份</translation>
    </message>
    <message>
        <source>Usual low price</source>
        <translation>常见低价</translation>
    </message>
    <message>
        <source>Usual high price</source>
        <translation>常见高价</translation>
    </message>
    <message>
        <source>Must not be below the low price</source>
        <translation>不能低于常见低价</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收款方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单号/备注号</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>目的市场</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Weighing ticket</source>
        <translation>磅单号</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>皮重</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣重</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款状态</translation>
    </message>
</context>
<context>
    <name>references</name>
    <message>
        <source>plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>harvests</source>
        <translation>采收记录</translation>
    </message>
    <message>
        <source>shipment lines</source>
        <translation>出货明细</translation>
    </message>
    <message>
        <source>certificates</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>shipments</source>
        <translation>出货单</translation>
    </message>
    <message>
        <source>buyers</source>
        <translation>客商</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>收款记录</translation>
    </message>
</context>
</TS>
