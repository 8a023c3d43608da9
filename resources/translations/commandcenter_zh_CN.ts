<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseQueue</name>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="55"/>
        <source>Number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="56"/>
        <source>Category</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="57"/>
        <source>Street / grid</source>
        <translation>街道 / 网格</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="58"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="59"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="60"/>
        <source>Department</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="61"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="62"/>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="63"/>
        <source>Age</source>
        <translation>已用时</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="69"/>
        <source>Reported</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="70"/>
        <source>Registered</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="71"/>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="72"/>
        <source>In progress</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="73"/>
        <source>Awaiting verification</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="74"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="75"/>
        <source>Voided</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="76"/>
        <source>Suspended</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="77"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="83"/>
        <source>Patrol</source>
        <translation>巡查上报</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="84"/>
        <source>Hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="85"/>
        <source>Citizen</source>
        <translation>群众举报</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="86"/>
        <source>Video</source>
        <translation>视频发现</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="87"/>
        <source>Sensor</source>
        <translation>物联感知</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="88"/>
        <source>Higher level</source>
        <translation>上级交办</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="89"/>
        <source>External system</source>
        <translation>外部系统</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="95"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="96"/>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="97"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="108"/>
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="114"/>
        <source>%1 h %2 min</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="118"/>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_table_model.py" line="193"/>
        <source>overdue %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="61"/>
        <source>To register</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="62"/>
        <source>To dispatch</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="63"/>
        <source>Being handled</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="64"/>
        <source>To verify</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="65"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="66"/>
        <source>Ledger</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/case_queue_filter_model.py" line="67"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../commandcenter/views/map_page.py" line="107"/>
        <source>Open cases per grid</source>
        <translation>网格在办案件数</translation>
    </message>
    <message>
        <location filename="../../commandcenter/views/map_page.py" line="118"/>
        <source> (illustrative)</source>
        <translation>（示意）</translation>
    </message>
</context>
</TS>
