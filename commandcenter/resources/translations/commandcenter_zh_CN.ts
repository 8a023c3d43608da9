<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../views/admin/admin_window.py" line="37"/>
        <source>Administration — %1</source>
        <translation>系统管理 — %1</translation>
    </message>
    <message>
        <location filename="../../views/admin/admin_window.py" line="45"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../views/admin/admin_window.py" line="46"/>
        <source>Categories and calendar</source>
        <translation>类别与日历</translation>
    </message>
    <message>
        <location filename="../../views/admin/admin_window.py" line="47"/>
        <location filename="../../views/admin/reference_tab.py" line="108"/>
        <location filename="../../views/admin/reference_tab.py" line="437"/>
        <source>Territory</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="42"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="44"/>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="46"/>
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="47"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="85"/>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="86"/>
        <location filename="../../views/admin/reference_tab.py" line="105"/>
        <location filename="../../views/admin/reference_tab.py" line="433"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="87"/>
        <location filename="../../views/admin/users_tab.py" line="275"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="88"/>
        <source>Department or street</source>
        <translation>部门或街道</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="89"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="90"/>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="96"/>
        <source>New user…</source>
        <translation>新建用户…</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="97"/>
        <source>Change role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="98"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="99"/>
        <location filename="../../views/admin/users_tab.py" line="158"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="100"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="54"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="156"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="180"/>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="182"/>
        <source>The temporary password of %1 is shown only now:

%2

Hand it over in person; they choose their own at the first sign-in.</source>
        <translation>%1 的临时密码仅此一次显示：

%2

请当面交给本人；首次登录时须设置自己的密码。</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="254"/>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="256"/>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="271"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="272"/>
        <source>Name shown</source>
        <translation>显示姓名</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="276"/>
        <location filename="../../views/admin/reference_tab.py" line="68"/>
        <location filename="../../views/admin/reference_tab.py" line="330"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../views/admin/users_tab.py" line="277"/>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../views/admin/preview_map.py" line="89"/>
        <source>Check a file to see its areas here.</source>
        <translation>检查文件后，将在此显示其中的区域。</translation>
    </message>
    <message>
        <location filename="../../views/admin/preview_map.py" line="135"/>
        <source>%1 km across</source>
        <translation>宽约 %1 公里</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="46"/>
        <source>As the file says</source>
        <translation>按文件所注</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="47"/>
        <source>WGS-84 (GPS)</source>
        <translation>WGS-84（GPS）</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="48"/>
        <source>CGCS2000 (EPSG:4490)</source>
        <translation>CGCS2000（EPSG:4490）</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="49"/>
        <source>GCJ-02 (AMap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="50"/>
        <source>BD-09 (Baidu)</source>
        <translation>BD-09（百度）</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="73"/>
        <source>a .shp, a zipped Shapefile, a .gpkg or a .geojson</source>
        <translation>.shp、打包的 Shapefile（.zip）、.gpkg 或 .geojson</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="75"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="81"/>
        <source>the only one</source>
        <translation>唯一的图层</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="89"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="90"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="91"/>
        <source>Coordinates</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="92"/>
        <source>Code field</source>
        <translation>编码字段</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="93"/>
        <source>Name field</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="94"/>
        <source>Check and preview</source>
        <translation>检查并预览</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="95"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="123"/>
        <source>Territory file</source>
        <translation>辖区文件</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="125"/>
        <source>GIS files (*.shp *.zip *.gpkg *.geojson *.json)</source>
        <translation>GIS 文件 (*.shp *.zip *.gpkg *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="149"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="163"/>
        <source>Ready to import: %1. Nothing is written yet.</source>
        <translation>可以导入：%1。尚未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="176"/>
        <source>Not imported: the file was refused.</source>
        <translation>未导入：文件未通过检查。</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="194"/>
        <source>Imported %1 areas.</source>
        <translation>已导入 %1 个区域。</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="203"/>
        <source>district</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="204"/>
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="205"/>
        <source>community</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../views/admin/territory_tab.py" line="206"/>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../views/shell/admin_wiring.py" line="29"/>
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/shell/admin_wiring.py" line="30"/>
        <source>Users and territory…</source>
        <translation>用户与辖区…</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="66"/>
        <location filename="../../views/admin/reference_tab.py" line="104"/>
        <location filename="../../views/admin/reference_tab.py" line="432"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="67"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="69"/>
        <location filename="../../views/admin/reference_tab.py" line="332"/>
        <source>Handling limit</source>
        <translation>处置时限</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="70"/>
        <location filename="../../views/admin/reference_tab.py" line="336"/>
        <source>Verification limit</source>
        <translation>核查时限</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="71"/>
        <location filename="../../views/admin/reference_tab.py" line="339"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="72"/>
        <source>Self-handling</source>
        <translation>可自处置</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="78"/>
        <source>Edit category…</source>
        <translation>修改类别…</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="91"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="92"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="106"/>
        <location filename="../../views/admin/reference_tab.py" line="435"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="107"/>
        <location filename="../../views/admin/reference_tab.py" line="436"/>
        <source>Under</source>
        <translation>上级</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="115"/>
        <source>New department…</source>
        <translation>新建部门…</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="116"/>
        <source>Edit department…</source>
        <translation>修改部门…</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="129"/>
        <source>Working calendar: the district&apos;s own days</source>
        <translation>工作日历：本区自定的日期</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="135"/>
        <source>Holiday</source>
        <translation>设为节假日</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="136"/>
        <source>Make-up working day</source>
        <translation>设为调休工作日</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="137"/>
        <source>As usual</source>
        <translation>恢复正常</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="142"/>
        <source>Statutory holidays and make-up days come from chinese-calendar; add the years it does not know yet, and local changes, here.</source>
        <translation>法定节假日和调休由 chinese-calendar 提供；其尚未收录的年份及本地调整在此添加。</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="182"/>
        <source>by territory</source>
        <translation>按属地</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="209"/>
        <source>holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="213"/>
        <source>make-up working day</source>
        <translation>调休工作日</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="292"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="302"/>
        <source>by territory (the street office)</source>
        <translation>按属地（所在街道办事处）</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="322"/>
        <source>a grid worker may handle it on the spot</source>
        <translation>网格员可现场自行处置</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="341"/>
        <source>Registration criteria</source>
        <translation>立案标准</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="342"/>
        <source>Closure criteria</source>
        <translation>结案标准</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="344"/>
        <source>New time limits apply to cases dispatched from now on; the deadlines of cases already dispatched do not change.</source>
        <translation>新的时限只适用于此后派遣的案件；已派遣案件的期限不变。</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="385"/>
        <source>command centre</source>
        <translation>指挥中心</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="386"/>
        <source>line department</source>
        <translation>职能部门</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="387"/>
        <source>street office</source>
        <translation>街道办事处</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="404"/>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="406"/>
        <source>Department %1</source>
        <translation>部门 %1</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="421"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="431"/>
        <source>a street&apos;s code</source>
        <translation>街道编码</translation>
    </message>
    <message>
        <location filename="../../views/admin/reference_tab.py" line="434"/>
        <source>Name in English</source>
        <translation>英文名称</translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <location filename="../../views/video/camera_tree.py" line="53"/>
        <source>Search cameras: name, code or pinyin</source>
        <translation>搜索摄像头：名称、编号或拼音</translation>
    </message>
    <message>
        <location filename="../../views/video/camera_tree.py" line="74"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>CaseMoves</name>
    <message>
        <location filename="../../views/cases/case_moves.py" line="78"/>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="79"/>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="80"/>
        <source>Void</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="81"/>
        <source>Dispatch…</source>
        <translation>派遣…</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="82"/>
        <source>Accept</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="83"/>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="84"/>
        <source>Report handling</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="85"/>
        <source>Verified: close</source>
        <translation>核查通过并结案</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="86"/>
        <source>Verification failed</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="87"/>
        <source>Handled on the spot</source>
        <translation>自行处置</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="88"/>
        <source>Escalate</source>
        <translation>上报上级</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="89"/>
        <source>Urge</source>
        <translation>催办</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="90"/>
        <source>Request postponement</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="91"/>
        <source>Approve postponement</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="92"/>
        <source>Deny postponement</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="93"/>
        <source>Suspend (ledger)</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="94"/>
        <source>Reopen</source>
        <translation>挂账恢复</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="95"/>
        <source>Merge as duplicate…</source>
        <translation>合并重复案件…</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="96"/>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="97"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="104"/>
        <source>reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="105"/>
        <source>registered</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="106"/>
        <source>voided</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="107"/>
        <source>dispatched</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="108"/>
        <source>accepted</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="109"/>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="110"/>
        <source>reported handling</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="111"/>
        <source>verified and closed</source>
        <translation>核查结案</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="112"/>
        <source>failed verification</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="113"/>
        <source>handled on the spot</source>
        <translation>自行处置</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="114"/>
        <source>escalated</source>
        <translation>上报上级</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="115"/>
        <source>urged</source>
        <translation>催办</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="116"/>
        <source>requested postponement</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="117"/>
        <source>approved postponement</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="118"/>
        <source>denied postponement</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="119"/>
        <source>suspended</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="120"/>
        <source>reopened</source>
        <translation>挂账恢复</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="121"/>
        <source>merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="122"/>
        <source>attached a file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="123"/>
        <source>commented</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_moves.py" line="126"/>
        <source>saw the reporter&apos;s contact</source>
        <translation>查看了举报人联系方式</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../views/cases/case_panel.py" line="79"/>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="80"/>
        <source>community</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="81"/>
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="82"/>
        <source>district</source>
        <translation>区级</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="117"/>
        <source>Select a case in the queue or on the map.</source>
        <translation>请在案件列表或地图上选择一个案件。</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="133"/>
        <source>Category</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="134"/>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="135"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="136"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="137"/>
        <source>Reporter</source>
        <translation>举报人</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="138"/>
        <source>Department</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="139"/>
        <source>Deadline</source>
        <translation>处置时限</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="140"/>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="141"/>
        <source>Details</source>
        <translation>附加信息</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="142"/>
        <source>Photo link</source>
        <translation>照片链接</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="143"/>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="163"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="164"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="165"/>
        <source>Action</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="166"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="186"/>
        <source>Show these cameras on the wall</source>
        <translation>在视频墙上显示这些摄像头</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="201"/>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="202"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="203"/>
        <source>Duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="204"/>
        <source>Cameras</source>
        <translation>附近摄像头</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="228"/>
        <source>Show contact…</source>
        <translation>查看联系方式…</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="230"/>
        <source>Show the reporter&apos;s full name and phone, with a reason (recorded in the audit log)</source>
        <translation>查看举报人的完整姓名和电话，需说明理由（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="265"/>
        <source>%1 (shown for %2 s)</source>
        <translation>%1（显示 %2 秒）</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="318"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="349"/>
        <source>Duplicates (%1)</source>
        <translation>疑似重复 (%1)</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="375"/>
        <source>escalated: %1</source>
        <translation>已升级：%1</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="381"/>
        <source>reworked %1×</source>
        <translation>返工 %1 次</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="387"/>
        <source>postponement of %1 h requested</source>
        <translation>申请延期 %1 小时待批</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="392"/>
        <source>DRILL</source>
        <translation>演练</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_panel.py" line="426"/>
        <source>Photos (%1)</source>
        <translation>照片 (%1)</translation>
    </message>
</context>
<context>
    <name>CaseQueue</name>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="66"/>
        <source>Number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="67"/>
        <source>Category</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="68"/>
        <source>Street / grid</source>
        <translation>街道 / 网格</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="69"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="70"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="71"/>
        <source>Department</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="72"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="73"/>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="74"/>
        <source>Age</source>
        <translation>已用时</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="18"/>
        <source>Reported</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="19"/>
        <source>Registered</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="20"/>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="21"/>
        <source>In progress</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="22"/>
        <source>Awaiting verification</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="23"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="24"/>
        <source>Voided</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="25"/>
        <source>Suspended</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="26"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="32"/>
        <source>Patrol</source>
        <translation>巡查上报</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="33"/>
        <source>Hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="34"/>
        <source>Citizen</source>
        <translation>群众举报</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="35"/>
        <source>Video</source>
        <translation>视频发现</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="36"/>
        <source>Sensor</source>
        <translation>物联感知</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="37"/>
        <source>Higher level</source>
        <translation>上级交办</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="38"/>
        <source>External system</source>
        <translation>外部系统</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="44"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="45"/>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="46"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="85"/>
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="91"/>
        <source>%1 h %2 min</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="95"/>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_table_model.py" line="199"/>
        <source>overdue %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="68"/>
        <source>To register</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="69"/>
        <source>To dispatch</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="70"/>
        <source>Being handled</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="71"/>
        <source>To verify</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="72"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="73"/>
        <source>Ledger</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_filter_model.py" line="74"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_widget.py" line="79"/>
        <source>Search number, text, address… (Ctrl+F)</source>
        <translation>搜索编号、描述、地址…（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_widget.py" line="82"/>
        <source>All streets</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_widget.py" line="83"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_widget.py" line="84"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_widget.py" line="86"/>
        <source>Show every grid again</source>
        <translation>恢复显示全部网格</translation>
    </message>
    <message>
        <location filename="../../views/cases/case_queue_widget.py" line="239"/>
        <source>Grid %1 ✕</source>
        <translation>网格 %1 ✕</translation>
    </message>
</context>
<context>
    <name>ContactReveal</name>
    <message>
        <location filename="../../views/cases/contact_reveal.py" line="36"/>
        <source>Reporter&apos;s contact · %1</source>
        <translation>举报人联系方式 · %1</translation>
    </message>
    <message>
        <location filename="../../views/cases/contact_reveal.py" line="44"/>
        <source>Each reveal is recorded with your name and reason on the case&apos;s timeline and in the audit log. The contact is shown for 30 seconds.</source>
        <translation>每次查看都会以您的姓名和理由记入案件时间线和审计日志。联系方式显示 30 秒。</translation>
    </message>
    <message>
        <location filename="../../views/cases/contact_reveal.py" line="56"/>
        <source>e.g. call back to confirm the place</source>
        <translation>例如：回访核实具体位置</translation>
    </message>
    <message>
        <location filename="../../views/cases/contact_reveal.py" line="59"/>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <location filename="../../views/cases/contact_reveal.py" line="65"/>
        <source>Please say why.</source>
        <translation>请说明理由。</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <location filename="../../views/shell/diagnostics.py" line="92"/>
        <source>Something went wrong: %1

The window keeps working; what you typed is kept. The details are in the log file:
%2</source>
        <translation>出现问题：%1

窗口仍可继续使用，已输入的内容不会丢失。详细信息见日志文件：
%2</translation>
    </message>
    <message>
        <location filename="../../views/shell/diagnostics.py" line="101"/>
        <source>Errors so far: %1</source>
        <translation>已发生错误：%1 次</translation>
    </message>
    <message>
        <location filename="../../views/shell/diagnostics.py" line="107"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>Drill</name>
    <message>
        <location filename="../../views/kernel/drill_banner.py" line="125"/>
        <location filename="../../views/drills/console.py" line="457"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../views/kernel/drill_banner.py" line="127"/>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <location filename="../../views/kernel/drill_banner.py" line="130"/>
        <source>DRILL · %1 · drill time %2 (%3) · not real work</source>
        <translation>演练 · %1 · 演练时间 %2（%3）· 非真实事件</translation>
    </message>
    <message>
        <location filename="../../views/shell/drill_wiring.py" line="60"/>
        <location filename="../../views/drills/after_action_pdf.py" line="98"/>
        <source>Drill</source>
        <translation>演练</translation>
    </message>
    <message>
        <location filename="../../views/shell/drill_wiring.py" line="72"/>
        <source>Drill: %1</source>
        <translation>演练：%1</translation>
    </message>
    <message>
        <location filename="../../views/shell/drill_wiring.py" line="82"/>
        <source>&amp;Drill</source>
        <translation>演练(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../views/shell/drill_wiring.py" line="83"/>
        <source>Drill console…</source>
        <translation>演练导调台…</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="108"/>
        <source>New case</source>
        <translation>新案件</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="109"/>
        <source>Camera alarm</source>
        <translation>视频告警</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="110"/>
        <source>Sensor alarm</source>
        <translation>物联感知告警</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="111"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="112"/>
        <source>Order from above</source>
        <translation>上级指令</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="113"/>
        <source>Change of level</source>
        <translation>调整响应级别</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="69"/>
        <source>Activate the drill&apos;s response…</source>
        <translation>启动演练响应…</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="81"/>
        <source>Number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="82"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="83"/>
        <source>Category</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="84"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="85"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="126"/>
        <location filename="../../views/drills/console.py" line="128"/>
        <location filename="../../views/drills/after_action_pdf.py" line="93"/>
        <source>unannounced</source>
        <translation>突袭式</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="128"/>
        <location filename="../../views/drills/console.py" line="127"/>
        <location filename="../../views/drills/after_action_pdf.py" line="95"/>
        <source>announced</source>
        <translation>预先通知</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="164"/>
        <source>To: %1</source>
        <translation>致：%1</translation>
    </message>
    <message>
        <location filename="../../views/drills/drill_tab.py" line="169"/>
        <source>Camera: %1</source>
        <translation>摄像机：%1</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="79"/>
        <source>at %1</source>
        <translation>于 %1</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="84"/>
        <source>%1 min after %2</source>
        <translation>%2 后 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="89"/>
        <source>if %1 is missed</source>
        <translation>%1 未按时完成时</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="90"/>
        <source>on the controller&apos;s word</source>
        <translation>由导调手动发出</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="117"/>
        <source>Drill console</source>
        <translation>演练导调台</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="132"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="134"/>
        <location filename="../../views/drills/console.py" line="495"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="136"/>
        <source>Set speed</source>
        <translation>设定倍速</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="140"/>
        <source>Skip to inject</source>
        <translation>跳至所选注入</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="142"/>
        <source>Send now</source>
        <translation>立即发出</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="144"/>
        <source>End</source>
        <translation>结束演练</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="146"/>
        <source>Abort…</source>
        <translation>中止…</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="152"/>
        <location filename="../../views/drills/after_action_pdf.py" line="99"/>
        <source>Scenario</source>
        <translation>演练脚本</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="153"/>
        <location filename="../../views/drills/after_action_pdf.py" line="101"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="154"/>
        <source>Speed</source>
        <translation>倍速</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="172"/>
        <location filename="../../views/drills/after_action_pdf.py" line="159"/>
        <source>Inject</source>
        <translation>注入</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="173"/>
        <source>When</source>
        <translation>时机</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="174"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="175"/>
        <source>Title</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="176"/>
        <source>Sent</source>
        <translation>已发出</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="182"/>
        <source>Expected</source>
        <translation>预期行动</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="183"/>
        <location filename="../../views/drills/after_action_pdf.py" line="160"/>
        <location filename="../../views/drills/after_action_pdf.py" line="213"/>
        <source>Who</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="184"/>
        <location filename="../../views/drills/after_action_pdf.py" line="161"/>
        <location filename="../../views/drills/after_action_pdf.py" line="194"/>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="185"/>
        <location filename="../../views/drills/after_action_pdf.py" line="162"/>
        <source>Target</source>
        <translation>时限（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="186"/>
        <location filename="../../views/drills/after_action_pdf.py" line="163"/>
        <source>Observed</source>
        <translation>实际（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="187"/>
        <location filename="../../views/drills/console.py" line="262"/>
        <location filename="../../views/drills/after_action_pdf.py" line="165"/>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="237"/>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="243"/>
        <source>Why (needed to override the automatic rating)</source>
        <translation>理由（改动自动评级时必填）</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="245"/>
        <source>Rate the selected action</source>
        <translation>评定所选行动</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="248"/>
        <location filename="../../views/drills/after_action_pdf.py" line="193"/>
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="250"/>
        <source>Corrective action</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="255"/>
        <source>Add to the plan</source>
        <translation>加入整改计划</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="267"/>
        <source>Improvement</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="341"/>
        <source>Abort the drill</source>
        <translation>中止演练</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="342"/>
        <source>Why is the drill stopped?</source>
        <translation>中止演练的原因？</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="402"/>
        <source>Added to the improvement plan</source>
        <translation>已加入整改计划</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="441"/>
        <source>Controller&apos;s notes: %1</source>
        <translation>导调提示：%1</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="454"/>
        <source>running ×%1</source>
        <translation>进行中 ×%1</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="458"/>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="459"/>
        <source>aborted</source>
        <translation>已中止</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="473"/>
        <source>The drill stopped sending injects: %1</source>
        <translation>演练已停止发出注入：%1</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="495"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="541"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="543"/>
        <source>missed</source>
        <translation>未按时完成</translation>
    </message>
    <message>
        <location filename="../../views/drills/console.py" line="566"/>
        <source>the console was closed</source>
        <translation>导调台已关闭</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="48"/>
        <source>not sent</source>
        <translation>未发出</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="50"/>
        <source>P · performed without challenges</source>
        <translation>P · 顺利完成</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="51"/>
        <source>S · performed with some challenges</source>
        <translation>S · 完成但存在一些问题</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="52"/>
        <source>M · performed with major challenges</source>
        <translation>M · 完成但存在重大问题</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="53"/>
        <source>U · unable to be performed</source>
        <translation>U · 未能完成</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="59"/>
        <source>After-action report: %1</source>
        <translation>演练评估报告：%1</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="72"/>
        <source>DRILL · %1 · drill data, not real work</source>
        <translation>演练 · %1 · 演练数据，不计入实际工作</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="100"/>
        <source>Plan and starting level</source>
        <translation>预案与起始级别</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="102"/>
        <source>Controller</source>
        <translation>导调</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="103"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="104"/>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="105"/>
        <location filename="../../views/drills/after_action_pdf.py" line="225"/>
        <source>Drill time</source>
        <translation>演练时间</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="107"/>
        <source>Injects sent</source>
        <translation>已发注入 / 全部</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="115"/>
        <source>Expected actions on target</source>
        <translation>按时完成的预期行动</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="121"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="121"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="122"/>
        <source>Objectives</source>
        <translation>演练目标</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="125"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="126"/>
        <source>Indicator</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="127"/>
        <source>Actions</source>
        <translation>预期行动</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="128"/>
        <source>On target</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="130"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="144"/>
        <source>Observed against target (minutes)</source>
        <translation>实际用时与时限对比（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="147"/>
        <source>Grey bar: the target · coloured bar: as observed (green P, amber S, orange M); red: never done</source>
        <translation>灰条：时限 · 彩条：实际（绿 P，黄 S，橙 M）；红字：未完成</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="156"/>
        <source>Expected actions</source>
        <translation>预期行动评估</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="164"/>
        <source>Done by</source>
        <translation>执行人</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="166"/>
        <source>Evaluator&apos;s note</source>
        <translation>评估说明</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="178"/>
        <source> (automatic: %1)</source>
        <translation>（自动评级：%1）</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="189"/>
        <source>Improvement plan</source>
        <translation>整改计划</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="195"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="196"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="197"/>
        <source>Done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="211"/>
        <source>On-target rate by drill (%)</source>
        <translation>各次演练按时率（%）</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="213"/>
        <source>Drills, oldest first</source>
        <translation>历次演练（由远及近）</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="222"/>
        <source>Timeline (drill time)</source>
        <translation>时间线（演练时间）</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="226"/>
        <source>Time</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="227"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="228"/>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../views/drills/after_action_pdf.py" line="279"/>
        <source>never done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>Emergency</name>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="78"/>
        <source>Responding</source>
        <translation>响应中</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="79"/>
        <source>Stood down</source>
        <translation>已终止响应</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="85"/>
        <source>Pending</source>
        <translation>待接收</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="86"/>
        <source>Acknowledged</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="87"/>
        <source>En route</source>
        <translation>已出发</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="88"/>
        <source>On scene</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="89"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="90"/>
        <source>Blocked</source>
        <translation>受阻</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="91"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="98"/>
        <source>Level IV (general)</source>
        <translation>Ⅳ级（一般）</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="99"/>
        <source>Level III (major)</source>
        <translation>Ⅲ级（较大）</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="100"/>
        <source>Level II (serious)</source>
        <translation>Ⅱ级（重大）</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="101"/>
        <source>Level I (most serious)</source>
        <translation>Ⅰ级（特别重大）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="48"/>
        <source>Someone else changed this first. It has been refreshed; your input is kept — check it and try again.</source>
        <translation>其他人已先做了修改，内容已刷新；您输入的内容已保留，请核对后重试。</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="56"/>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="58"/>
        <source>Please check the input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="59"/>
        <source>Not allowed</source>
        <translation>无此权限</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="60"/>
        <source>Not possible now</source>
        <translation>当前状态下不能操作</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="61"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="62"/>
        <source>Refused</source>
        <translation>操作被拒绝</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="68"/>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="95"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="96"/>
        <source>note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="97"/>
        <source>comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="98"/>
        <source>handling report</source>
        <translation>处置情况</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="99"/>
        <source>file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="100"/>
        <source>description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="101"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="102"/>
        <source>reporter name</source>
        <translation>上报人姓名</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="103"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="104"/>
        <source>log entry</source>
        <translation>记录内容</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="105"/>
        <source>summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="110"/>
        <source>a {what} is required</source>
        <translation>请填写{what}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="111"/>
        <source>the {what} is longer than {most} characters</source>
        <translation>{what}超过{most}个字符</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="114"/>
        <source>files of type {type} cannot be attached</source>
        <translation>不能添加类型为 {type} 的文件</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="117"/>
        <source>an attachment must be 1 byte to 20 MiB</source>
        <translation>附件大小须在 1 字节至 20 MiB 之间</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="120"/>
        <source>the reporter&apos;s phone may hold digits, + - and spaces only</source>
        <translation>上报人电话只能包含数字、+、- 和空格</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="123"/>
        <source>no category {category}</source>
        <translation>没有类别 {category}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="124"/>
        <source>the place is outside every unit grid of the district</source>
        <translation>该位置不在本区任何单元网格内</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="127"/>
        <source>the case no longer exists</source>
        <translation>该案件已不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="128"/>
        <source>this case is not assigned to your department</source>
        <translation>该案件未派遣给本部门</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="131"/>
        <source>the one who handled a case may not verify it (监督与处置分离)</source>
        <translation>处置人不能核查自己处置的案件（监督与处置分离）</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="135"/>
        <source>the department no longer exists</source>
        <translation>该部门已不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="138"/>
        <source>a postponement is 1 to {most} hours</source>
        <translation>延期时长须为 1 至 {most} 小时</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="141"/>
        <source>a case cannot be merged into itself</source>
        <translation>案件不能合并到其自身</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="144"/>
        <source>case {number} is {state}: merge into an open case</source>
        <translation>案件 {number} 已{state}：请合并到在办案件</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="147"/>
        <source>{category} is not a minor category: register and dispatch it</source>
        <translation>{category}不属于可自行处置的类别：请立案并派遣</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="150"/>
        <source>the case is already at district level</source>
        <translation>该案件已上报至区级</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="153"/>
        <source>a postponement request is already pending</source>
        <translation>已有待审批的延期申请</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="156"/>
        <source>no postponement request is pending</source>
        <translation>没有待审批的延期申请</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="159"/>
        <source>not possible while the case is {state}</source>
        <translation>案件处于“{state}”状态，不能进行此操作</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="162"/>
        <source>a {role} may not do this</source>
        <translation>{role}无权进行此操作</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="163"/>
        <source>the plan was refused: {findings}</source>
        <translation>预案未通过审查：{findings}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="164"/>
        <source>{plan} version {version} is already imported with other content: give the changed plan a new version</source>
        <translation>预案 {plan} 的 {version} 版已导入且内容不同：修改后的预案请使用新版本号</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="169"/>
        <source>plan {plan} has no approved version in this database</source>
        <translation>本库中预案 {plan} 没有已批准的版本</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="172"/>
        <source>the incident no longer exists</source>
        <translation>该应急事件已不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="173"/>
        <source>not possible while the incident is {incident_state}</source>
        <translation>应急事件处于“{incident_state}”状态，不能进行此操作</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="176"/>
        <source>an incident needs an area: draw it, or activate from a case</source>
        <translation>应急事件需要影响范围：请在地图上划定，或从案件启动</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="179"/>
        <source>the area must be a polygon that does not cross itself</source>
        <translation>影响范围须为不自相交的多边形</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="182"/>
        <source>the area is outside the district&apos;s grids</source>
        <translation>影响范围不在本辖区网格内</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="185"/>
        <source>the plan has no level {level}</source>
        <translation>预案没有 {level} 级响应</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="186"/>
        <source>the plan gives a task to department {department}, which this database does not have</source>
        <translation>预案把任务交给部门 {department}，但本库没有该部门</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="191"/>
        <source>the incident is already at this level</source>
        <translation>应急事件已处于该响应级别</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="194"/>
        <source>only cases and cameras can be linked</source>
        <translation>只能关联案件和摄像机</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="197"/>
        <source>what was to be linked no longer exists</source>
        <translation>要关联的对象已不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="200"/>
        <source>it is already linked</source>
        <translation>已经关联</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="201"/>
        <source>it is not linked to the incident</source>
        <translation>未关联到该应急事件</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="204"/>
        <source>the incident was stood down</source>
        <translation>该应急事件已终止响应</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="205"/>
        <source>the task no longer exists</source>
        <translation>该任务已不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="206"/>
        <source>this task is not your department&apos;s</source>
        <translation>该任务不属于本部门</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="207"/>
        <source>not possible while the task is {task_state}</source>
        <translation>任务处于“{task_state}”状态，不能进行此操作</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="210"/>
        <source>the plan asks for a photo to finish this task</source>
        <translation>预案要求上传照片才能完成该任务</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="213"/>
        <source>the plan asks for a count to finish this task</source>
        <translation>预案要求填写数量才能完成该任务</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="216"/>
        <source>a count is 0 to 1,000,000</source>
        <translation>数量应在 0 到 1,000,000 之间</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="217"/>
        <source>a drill runs at 1 to {most} times real time</source>
        <translation>演练速度为实际时间的 1 至 {most} 倍</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="220"/>
        <source>a drill&apos;s clock only moves forward</source>
        <translation>演练时钟只能向前调</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="223"/>
        <source>the drill is not running</source>
        <translation>演练未在进行</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="224"/>
        <source>the drill is not paused</source>
        <translation>演练未暂停</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="225"/>
        <source>the drill no longer exists</source>
        <translation>该演练已不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="226"/>
        <source>drill {title} is still on; end it first</source>
        <translation>演练“{title}”仍在进行，请先结束</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="229"/>
        <source>the scenario does not fit this district: {findings}</source>
        <translation>演练脚本与本辖区不符：{findings}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="232"/>
        <source>a drill&apos;s cases and incidents never mix with real ones</source>
        <translation>演练的案件和事件不能与真实案件和事件混合</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="235"/>
        <source>the scenario expects no action {expectation}</source>
        <translation>脚本中没有预期行动 {expectation}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="238"/>
        <source>the scenario has no such inject</source>
        <translation>脚本中没有该注入</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="239"/>
        <source>inject {inject} has no time to skip to yet</source>
        <translation>注入 {inject} 尚无可跳转的时间</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="242"/>
        <source>inject {inject} was sent already</source>
        <translation>注入 {inject} 已发出</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="245"/>
        <location filename="../../views/kernel/operation_dialog.py" line="356"/>
        <source>there is no department {department}</source>
        <translation>没有部门 {department}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="248"/>
        <source>an improvement is due after the drill</source>
        <translation>整改期限须在演练之后</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="251"/>
        <source>the improvement plan has no item {item}</source>
        <translation>整改计划中没有第 {item} 项</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="254"/>
        <source>that item is done already</source>
        <translation>该项已完成</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="255"/>
        <source>only a drill that is over is purged</source>
        <translation>只有已结束的演练才能清除数据</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="258"/>
        <source>a key&apos;s name is 2 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>密钥名称为 2 到 64 个字母、数字、“.”、“_”或“-”</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="261"/>
        <source>a key named {name} exists already</source>
        <translation>名为 {name} 的密钥已存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="262"/>
        <source>a key names the account its reports are filed as</source>
        <translation>密钥须指定其上报所用的账号</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="265"/>
        <source>there is no active user {user}</source>
        <translation>没有启用的用户 {user}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="266"/>
        <source>that account is not a grid worker&apos;s</source>
        <translation>该账号不是网格员</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="269"/>
        <source>there is no such key</source>
        <translation>没有该密钥</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="270"/>
        <source>the key is revoked already</source>
        <translation>该密钥已被吊销</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="271"/>
        <source>there is no service {service}</source>
        <translation>没有服务 {service}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="272"/>
        <source>the key files as no account; add it with an account</source>
        <translation>该密钥未关联账号，请为其指定账号</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="275"/>
        <source>a request needs lat and long: there is no address lookup</source>
        <translation>请求须提供经纬度：本辖区不支持地址查询</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="278"/>
        <source>there is no service request {request}</source>
        <translation>没有服务请求 {request}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="281"/>
        <source>no request was sent with the token {token}</source>
        <translation>没有以令牌 {token} 提交的请求</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="284"/>
        <source>status is open or closed</source>
        <translation>状态只能是 open 或 closed</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="285"/>
        <source>the end date is before the start</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="286"/>
        <source>dates are between 1900 and 9000</source>
        <translation>日期须在 1900 年至 9000 年之间</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="287"/>
        <source>start and end dates are at most 90 days apart</source>
        <translation>开始和结束日期最多相隔 90 天</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="290"/>
        <source>a photo is 1 byte to 10 MiB</source>
        <translation>照片大小为 1 字节至 10 MiB</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="291"/>
        <source>the media file is not a JPEG or PNG photo</source>
        <translation>上传的文件不是 JPEG 或 PNG 照片</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="294"/>
        <source>a key&apos;s account must be one that may report cases</source>
        <translation>密钥所用账号须有上报案件的权限</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="297"/>
        <source>these questions must be answered: {attributes}</source>
        <translation>以下问题必须回答：{attributes}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="300"/>
        <source>{attribute} is not a question of this category</source>
        <translation>{attribute} 不是本类别的问题</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="303"/>
        <source>the answer to {attribute} is not of its kind</source>
        <translation>{attribute} 的回答不符合其类型</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="306"/>
        <source>a photo link is an http or https address of at most 1000 characters</source>
        <translation>照片链接须为 http 或 https 地址，最多 1000 个字符</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="309"/>
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="310"/>
        <source>the account is locked after {failures} wrong passwords; it opens again in 15 minutes, or when an administrator releases it</source>
        <translation>密码连续错误 {failures} 次，账号已锁定；15 分钟后自动解锁，或由管理员解锁</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="315"/>
        <source>your password was set by an administrator: choose your own to sign in</source>
        <translation>当前密码由管理员设置，请先设置您自己的密码再登录</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="319"/>
        <source>a password needs at least {least} characters</source>
        <translation>密码至少需要 {least} 个字符</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="322"/>
        <source>a password needs three of: lower case, upper case, digits, other characters</source>
        <translation>密码需包含小写字母、大写字母、数字、其他字符中的至少三类</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="326"/>
        <source>a password may not contain the user name</source>
        <translation>密码不能包含用户名</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="329"/>
        <source>the new password must differ from the old</source>
        <translation>新密码不能与旧密码相同</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="332"/>
        <source>a user name is 2 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit</source>
        <translation>用户名为 2–32 个字母、数字或 . _ -，以字母或数字开头</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="337"/>
        <source>a display name needs 1 to 100 characters</source>
        <translation>显示名需要 1–100 个字符</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="340"/>
        <source>the user name {user} is taken</source>
        <translation>用户名 {user} 已被占用</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="341"/>
        <source>there is no user {user}</source>
        <translation>没有用户 {user}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="342"/>
        <source>administrators cannot disable themselves</source>
        <translation>管理员不能停用自己的账号</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="345"/>
        <source>the district needs an active administrator: this is the last one</source>
        <translation>这是最后一个启用的管理员账号，不能停用或改为其他角色</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="348"/>
        <source>a department handler needs a department</source>
        <translation>处置部门人员必须指定所属部门</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="351"/>
        <source>only a department handler has a department</source>
        <translation>只有处置部门人员才指定部门</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="354"/>
        <source>a grid worker needs a street</source>
        <translation>网格员必须指定所属街道</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="355"/>
        <source>only a grid worker has a street</source>
        <translation>只有网格员才指定街道</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="359"/>
        <source>there is no street {street}</source>
        <translation>没有街道 {street}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="360"/>
        <source>a district code is the six digits of GB/T 2260</source>
        <translation>区县代码为 GB/T 2260 的六位数字</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="363"/>
        <source>a district name needs 1 to 50 characters</source>
        <translation>区县名称需要 1–50 个字符</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="366"/>
        <source>say why in {least} to {most} characters</source>
        <translation>请用 {least}–{most} 个字说明理由</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="369"/>
        <source>the case keeps no contact (none was given, or it was purged)</source>
        <translation>此案件没有保存联系方式（未提供，或已按保存期限清除）</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="372"/>
        <source>only the department handling the case sees its reporter</source>
        <translation>只有承办此案件的部门才能查看举报人</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="375"/>
        <source>the territory would not be whole: {faults}</source>
        <translation>辖区数据不完整，未导入：{faults}</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="378"/>
        <source>there is no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="379"/>
        <source>the file is not a GIS file GDAL reads</source>
        <translation>该文件不是可读取的 GIS 文件</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="382"/>
        <source>the layer has no geometry: the areas&apos; outlines are missing</source>
        <translation>图层中没有几何图形：缺少区域的边界</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="385"/>
        <source>the layer holds no area</source>
        <translation>图层中没有任何区域</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="386"/>
        <source>the file has no such layer</source>
        <translation>文件中没有该图层</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="387"/>
        <source>the file has several layers: choose one</source>
        <translation>文件有多个图层，请选择一个</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="390"/>
        <source>the layer has no such field: choose the code and name fields</source>
        <translation>图层中没有该字段，请选择编码和名称字段</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="393"/>
        <source>the file names no coordinate system: choose one</source>
        <translation>文件未注明坐标系，请选择</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="396"/>
        <source>the coordinate system is unknown: choose another</source>
        <translation>未知的坐标系，请重新选择</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="399"/>
        <source>there is no such category</source>
        <translation>没有该类别</translation>
    </message>
    <message>
        <location filename="../../views/kernel/operation_dialog.py" line="400"/>
        <source>this database is set up already (it has users or territory)</source>
        <translation>此数据库已完成初始化（已有用户或辖区）</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="43"/>
        <source>First run — set up the database</source>
        <translation>首次运行 — 初始化数据库</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="48"/>
        <source>This database is empty. Set up your district (no demo account exists in it), or load the demo district to try the product.</source>
        <translation>数据库是空的。请初始化本区（其中不含演示账号），或载入演示区以试用本产品。</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="55"/>
        <source>Set up my district</source>
        <translation>初始化本区</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="57"/>
        <source>Load the demo (Xuhui, about a minute)</source>
        <translation>载入演示数据（徐汇区，约一分钟）</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="63"/>
        <source>6 digits of GB/T 2260</source>
        <translation>GB/T 2260 六位代码</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="71"/>
        <source>District code</source>
        <translation>区县代码</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="72"/>
        <source>District name</source>
        <translation>区县名称</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="73"/>
        <source>Administrator</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="74"/>
        <source>Administrator&apos;s name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="75"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="76"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="96"/>
        <source>Building the demo district…</source>
        <translation>正在生成演示区…</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="100"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../views/shell/first_run_dialog.py" line="107"/>
        <source>Setting up…</source>
        <translation>正在初始化…</translation>
    </message>
</context>
<context>
    <name>Incident</name>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="49"/>
        <source>Activate a plan</source>
        <translation>启动应急预案</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="61"/>
        <source>DRILL: this response is the drill&apos;s</source>
        <translation>演练：此次响应属于演练</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="70"/>
        <source>Plan</source>
        <translation>预案</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="72"/>
        <source>Level</source>
        <translation>响应级别</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="74"/>
        <source>Title</source>
        <translation>事件名称</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="77"/>
        <source>Triggers</source>
        <translation>启动条件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="79"/>
        <source>Link the %1 cameras in the area</source>
        <translation>关联范围内的 %1 个摄像机</translation>
    </message>
    <message>
        <location filename="../../views/emergency/activation_dialog.py" line="88"/>
        <source>No approved plan in this database: import the plans with &apos;commandcenter plans import&apos;.</source>
        <translation>本库没有已批准的预案：请用 “commandcenter plans import” 导入预案。</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="28"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="37"/>
        <source>activated %1 at %2 (%3 tasks)</source>
        <translation>启动%1，%2响应（%3 项任务）</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="46"/>
        <source>linked %1 %2</source>
        <translation>关联%1 %2</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="48"/>
        <source>unlinked %1 %2</source>
        <translation>取消关联%1 %2</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="324"/>
        <location filename="../../views/kernel/timeline_text.py" line="51"/>
        <source>case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="325"/>
        <location filename="../../views/kernel/timeline_text.py" line="53"/>
        <source>camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="58"/>
        <source>raised to %1: %2</source>
        <translation>响应提升至%1：%2</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="60"/>
        <source>lowered to %1: %2</source>
        <translation>响应降至%1：%2</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="66"/>
        <source>escalated %1 overdue tasks</source>
        <translation>督办 %1 项超时任务</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="70"/>
        <source>stood down: %1</source>
        <translation>终止响应：%1</translation>
    </message>
    <message>
        <location filename="../../views/kernel/timeline_text.py" line="84"/>
        <source>%1 photos</source>
        <translation>%1 张照片</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="97"/>
        <source>Activate an emergency plan…</source>
        <translation>启动应急预案…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="106"/>
        <location filename="../../views/emergency/emergency_controller.py" line="289"/>
        <source>Link to the incident</source>
        <translation>关联到应急事件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="241"/>
        <source>Click the place of the emergency on the map</source>
        <translation>请在地图上点击事发地点</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="268"/>
        <source>Click the place of the drill&apos;s emergency on the map</source>
        <translation>请在地图上点击演练事件的位置</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="292"/>
        <source>Case %1 linked to the incident</source>
        <translation>案件 %1 已关联到应急事件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="312"/>
        <source>Emergency at %1, %2</source>
        <translation>突发事件（%1, %2）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/emergency_controller.py" line="363"/>
        <location filename="../../views/emergency/replay_view.py" line="74"/>
        <source>[DRILL] </source>
        <translation>【演练】</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="131"/>
        <source>Cameras to the wall</source>
        <translation>摄像机上墙</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="133"/>
        <source>Show the area</source>
        <translation>定位事发区域</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="135"/>
        <location filename="../../views/emergency/incident_view.py" line="495"/>
        <source>Escalate overdue</source>
        <translation>督办超时任务</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="137"/>
        <source>Stand down…</source>
        <translation>终止响应…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="139"/>
        <source>Report…</source>
        <translation>处置报告…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="141"/>
        <source>Replay…</source>
        <translation>回放…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="176"/>
        <source>Log entry: a call, an order, what was seen</source>
        <translation>值班记录：来电、指令、现场情况</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="179"/>
        <location filename="../../views/emergency/incident_view.py" line="450"/>
        <source>Log</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="190"/>
        <location filename="../../views/emergency/incident_view.py" line="356"/>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="200"/>
        <source>Timeline</source>
        <translation>处置时间线</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="201"/>
        <source>Linked</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="305"/>
        <source>Plan %1 %2 · commander %3</source>
        <translation>预案：%1 %2 · 指挥长：%3</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="339"/>
        <source>Linked (%1)</source>
        <translation>关联（%1）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="418"/>
        <source>%1 min · %2 done · %3 open · %4 overdue</source>
        <translation>已响应 %1 分钟 · 完成 %2 · 进行 %3 · 超时 %4</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="514"/>
        <source>Incident report</source>
        <translation>应急处置报告</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="516"/>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_view.py" line="574"/>
        <source>Report written to %1</source>
        <translation>报告已保存：%1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="154"/>
        <source>Raise the response to %1</source>
        <translation>提升响应至%1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="156"/>
        <source>Lower the response to %1</source>
        <translation>降低响应至%1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="167"/>
        <source>New task: %1 — %2 (within %3 min)</source>
        <translation>新增任务：%1 — %2（%3 分钟内）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="174"/>
        <source>Notify: %1 within %2 min</source>
        <translation>通知：%1（%2 分钟内）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="181"/>
        <source>Open tasks of %1 are stood down</source>
        <translation>%1 的未完成任务将撤销</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="186"/>
        <source>What changes</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="188"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="211"/>
        <source>Stand down</source>
        <translation>终止响应</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="218"/>
        <source>What happened, what was done, what is left</source>
        <translation>事件经过、处置情况、遗留问题</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="220"/>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../views/shell/emergency_wiring.py" line="57"/>
        <source>Incident tasks</source>
        <translation>应急任务</translation>
    </message>
    <message>
        <location filename="../../views/shell/emergency_wiring.py" line="67"/>
        <source>Incident tasks (%1)</source>
        <translation>应急任务（%1）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="73"/>
        <source>Replay: %1 %2</source>
        <translation>回放：%1 %2</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="85"/>
        <location filename="../../views/emergency/replay_view.py" line="203"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="137"/>
        <source>%1 (%2 min in)</source>
        <translation>%1（第 %2 分钟）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="142"/>
        <source>stood down</source>
        <translation>已终止响应</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="148"/>
        <source>%1 · tasks done %2 of %3</source>
        <translation>%1 · 任务完成 %2 / %3</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="167"/>
        <source>Case %1: %2</source>
        <translation>案件 %1：%2</translation>
    </message>
    <message>
        <location filename="../../views/emergency/replay_view.py" line="203"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>IncidentReport</name>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="54"/>
        <source>Incident report %1</source>
        <translation>应急处置报告 %1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="71"/>
        <source>[DRILL] drill data, not real work</source>
        <translation>【演练】演练数据，不计入实际工作</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="97"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="101"/>
        <source>Plan</source>
        <translation>预案</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="104"/>
        <source>Level</source>
        <translation>响应级别</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="106"/>
        <location filename="../../views/emergency/incident_report_pdf.py" line="179"/>
        <location filename="../../views/emergency/incident_report_pdf.py" line="214"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="109"/>
        <source>Commander</source>
        <translation>指挥长</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="111"/>
        <source>Activated</source>
        <translation>启动时间</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="115"/>
        <source>Stood down</source>
        <translation>终止时间</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="119"/>
        <source>Tasks done / open / overdue</source>
        <translation>任务 完成 / 进行 / 超时</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="122"/>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="127"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="127"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="130"/>
        <source>Plan against actual (Gantt chart)</source>
        <translation>计划与实际对比（甘特图）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="133"/>
        <source>Pale bar: as planned · solid bar: as done (green on time, red late, grey cancelled, blue open) · ticks: acknowledged, on scene</source>
        <translation>浅色条：计划时段 · 实色条：实际时段（绿色按时、红色超时、灰色取消、蓝色进行中）· 竖线：接收、到场</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="149"/>
        <source>Response times by department (minutes)</source>
        <translation>各部门响应时间（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="153"/>
        <location filename="../../views/emergency/incident_report_pdf.py" line="177"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="154"/>
        <location filename="../../views/emergency/incident_report_pdf.py" line="174"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="155"/>
        <location filename="../../views/emergency/incident_report_pdf.py" line="183"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="156"/>
        <source>On time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="157"/>
        <source>Mean to acknowledge</source>
        <translation>平均接收用时</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="158"/>
        <source>Mean to done</source>
        <translation>平均完成用时</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="159"/>
        <source>Mean target</source>
        <translation>平均目标时限</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="178"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="180"/>
        <source>Target</source>
        <translation>目标（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="181"/>
        <source>Acknowledged</source>
        <translation>接收（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="182"/>
        <source>On scene</source>
        <translation>到场（分钟）</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="198"/>
        <source>Timeline</source>
        <translation>处置时间线</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="201"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="202"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="203"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="210"/>
        <source>Linked cases</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="213"/>
        <source>Case</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../views/emergency/incident_report_pdf.py" line="215"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="44"/>
        <source>Sign in — grid management command center</source>
        <translation>登录 — 网格化综合管理指挥中心</translation>
    </message>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="64"/>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="65"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="66"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="67"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="72"/>
        <source>Demo accounts: %1 — password demo-2026</source>
        <translation>演示账号：%1 — 密码 demo-2026</translation>
    </message>
    <message>
        <location filename="../../views/shell/login_dialog.py" line="101"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../views/map/map_page.py" line="106"/>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="107"/>
        <source>Reported</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="108"/>
        <source>Registered</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="109"/>
        <source>Being handled</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="110"/>
        <source>Awaiting verification</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="111"/>
        <source>Deadline near</source>
        <translation>临近超期</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="112"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="113"/>
        <source>Suspended</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="116"/>
        <source>Pulsing: priority 1 fast, 2 slow</source>
        <translation>闪烁：一级快闪，二级慢闪</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="159"/>
        <source>Open cases per grid</source>
        <translation>网格在办案件数</translation>
    </message>
    <message>
        <location filename="../../views/map/map_page.py" line="170"/>
        <source> (illustrative)</source>
        <translation>（示意）</translation>
    </message>
</context>
<context>
    <name>MoveDialogs</name>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="53"/>
        <source>working hours</source>
        <translation>工作小时</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="54"/>
        <source>working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="55"/>
        <source>hours (around the clock)</source>
        <translation>小时（全天候计时）</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="66"/>
        <source>Extra working hours</source>
        <translation>延期工作小时</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="68"/>
        <source>Merge into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="74"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="76"/>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="85"/>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="88"/>
        <source>There is no case to merge into.</source>
        <translation>没有可合并的案件。</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="113"/>
        <source>Dispatch %1</source>
        <translation>派遣 %1</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="129"/>
        <source>%1 (%2 %3)</source>
        <translation>%1（%2 %3）</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="139"/>
        <source>Instructions (optional)</source>
        <translation>处置要求（选填）</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="141"/>
        <source>Department</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="142"/>
        <source>Suggested because</source>
        <translation>推荐依据</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="143"/>
        <source>Deadline</source>
        <translation>处置时限</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="145"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="152"/>
        <source>Overrides the suggestion: say why in the note.</source>
        <translation>未采用推荐部门：请在备注中说明原因。</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_dialogs.py" line="160"/>
        <source>Choose a department.</source>
        <translation>请选择处置部门。</translation>
    </message>
</context>
<context>
    <name>NewCase</name>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="121"/>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="131"/>
        <source>Code, name or pinyin initials, e.g. xgg</source>
        <translation>编码、名称或拼音首字母，如 xgg</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="136"/>
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="137"/>
        <source>Pick on map</source>
        <translation>地图选点</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="138"/>
        <source>No place yet</source>
        <translation>尚未选择位置</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="145"/>
        <source>As the category says</source>
        <translation>按类别默认</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="154"/>
        <source>Shown masked after saving</source>
        <translation>保存后脱敏显示</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="156"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="169"/>
        <source>Category</source>
        <translation>案件类别</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="171"/>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="172"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="173"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="174"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="175"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="176"/>
        <source>Reporter</source>
        <translation>举报人</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="177"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="178"/>
        <location filename="../../views/cases/new_case_dialog.py" line="273"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="239"/>
        <source>No such grid</source>
        <translation>没有此网格</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="254"/>
        <source>Outside the district</source>
        <translation>不在本辖区内</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="275"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="307"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="313"/>
        <source>Choose a category.</source>
        <translation>请选择案件类别。</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="317"/>
        <source>Give the place: click the map or type a grid code.</source>
        <translation>请给出位置：在地图上点选或输入网格编码。</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="359"/>
        <source>Possible duplicates nearby — save anyway?</source>
        <translation>附近有疑似重复案件——仍要保存吗？</translation>
    </message>
    <message>
        <location filename="../../views/cases/new_case_dialog.py" line="369"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <location filename="../../views/shell/command_palette.py" line="50"/>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <location filename="../../views/shell/command_palette.py" line="53"/>
        <source>Type a command…</source>
        <translation>输入命令…</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="107"/>
        <source>Dispatched</source>
        <translation>派遣数</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="108"/>
        <source>Due</source>
        <translation>应结案数</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="109"/>
        <location filename="../../views/statistics/statistics_view.py" line="420"/>
        <source>Closed</source>
        <translation>结案数</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="110"/>
        <source>On time</source>
        <translation>按期结案数</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="111"/>
        <location filename="../../views/statistics/statistics_view.py" line="427"/>
        <source>On-time rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="112"/>
        <location filename="../../views/statistics/statistics_view.py" line="426"/>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="113"/>
        <location filename="../../views/statistics/statistics_view.py" line="428"/>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="115"/>
        <source>Handling median (h)</source>
        <translation>处置用时中位数(时)</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="118"/>
        <source>Handling P90 (h)</source>
        <translation>处置用时P90(时)</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="119"/>
        <location filename="../../views/statistics/statistics_view.py" line="421"/>
        <source>Overdue now</source>
        <translation>当前超期</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="196"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="197"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="198"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="214"/>
        <source>Period</source>
        <translation>统计周期</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="248"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="249"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="259"/>
        <source>Click a department to show its cases in the queue</source>
        <translation>点击部门，在案件列表中只显示该部门的案件</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="264"/>
        <source>Department league (click to filter the queue)</source>
        <translation>部门考核排名（点击部门筛选案件列表）</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="275"/>
        <source>Reports per hour · 30-day mean</source>
        <translation>今日每小时上报 · 近30日同时段均值（折线）</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="283"/>
        <source>Handling time (hours) · cases</source>
        <translation>处置用时分布（小时）· 案件数</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="291"/>
        <source>Top 15 categories · reported (closed)</source>
        <translation>上报最多的15类 · 上报（结案）</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="301"/>
        <source>Streets · reported (closed)</source>
        <translation>各街道 · 上报（结案）</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="372"/>
        <source>Could not read the statistics: %1</source>
        <translation>无法读取统计数据：%1</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="418"/>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="419"/>
        <source>Registered</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="423"/>
        <source>Registration rate</source>
        <translation>立案率</translation>
    </message>
    <message>
        <location filename="../../views/statistics/statistics_view.py" line="430"/>
        <source>Handling median / P90 (h)</source>
        <translation>处置用时 中位数/P90(时)</translation>
    </message>
</context>
<context>
    <name>TaskBoard</name>
    <message>
        <location filename="../../views/emergency/task_board.py" line="50"/>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="56"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="59"/>
        <location filename="../../views/emergency/task_board.py" line="205"/>
        <source>%1 over</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="87"/>
        <source>Incident</source>
        <translation>应急事件</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="88"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="89"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="90"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="91"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="92"/>
        <source>Time</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="93"/>
        <source>Escalated</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_board.py" line="187"/>
        <location filename="../../views/emergency/task_board.py" line="206"/>
        <source>escalated</source>
        <translation>已督办</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="49"/>
        <source>Acknowledge</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="50"/>
        <source>En route</source>
        <translation>出发</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="51"/>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="52"/>
        <source>Done…</source>
        <translation>完成…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="53"/>
        <source>Blocked…</source>
        <translation>受阻…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="54"/>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="55"/>
        <source>Cancel task…</source>
        <translation>取消任务…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="81"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="83"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="90"/>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="94"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="95"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="99"/>
        <source>The plan asks for a photo.</source>
        <translation>预案要求上传现场照片。</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="110"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../views/emergency/task_dialogs.py" line="112"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../views/video/video_tile.py" line="72"/>
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="73"/>
        <source>Waiting for a decoder</source>
        <translation>等待解码资源</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="74"/>
        <source>Connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="75"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="76"/>
        <source>No signal</source>
        <translation>无信号</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="345"/>
        <source>Drag a camera here</source>
        <translation>将摄像头拖到此处</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="347"/>
        <source>All %1 decoders are in use: close a tile or pick a smaller layout</source>
        <translation>已达到同时解码上限（%1 路）：请关闭一个画面或选用更小的布局</translation>
    </message>
    <message>
        <location filename="../../views/video/video_tile.py" line="352"/>
        <source>No signal — reconnecting by itself</source>
        <translation>无信号 — 正在自动重连</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../views/video/video_wall.py" line="111"/>
        <source>Snapshot to new case</source>
        <translation>截图立案</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="146"/>
        <source>Layout %1</source>
        <translation>%1 画面</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="153"/>
        <source>Presets</source>
        <translation>预案布局</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="159"/>
        <source>Save preset…</source>
        <translation>保存预案…</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="163"/>
        <source>Delete preset</source>
        <translation>删除预案</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="169"/>
        <source>Tour every</source>
        <translation>轮巡间隔</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="173"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="179"/>
        <source>Pop out</source>
        <translation>弹出窗口</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="180"/>
        <source>Show the wall in its own window</source>
        <translation>在独立窗口（可拖到另一屏幕）中显示视频墙</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="315"/>
        <source>Decoders %1/%2</source>
        <translation>解码 %1/%2</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="357"/>
        <source>Restore</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="359"/>
        <source>Maximise (main stream)</source>
        <translation>最大化（主码流）</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="362"/>
        <source>Tour a street&apos;s cameras</source>
        <translation>轮巡街道摄像头</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="371"/>
        <source>Stop the tour</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="375"/>
        <source>Clear tile</source>
        <translation>清空画面</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="435"/>
        <source>Save preset</source>
        <translation>保存预案</translation>
    </message>
    <message>
        <location filename="../../views/video/video_wall.py" line="436"/>
        <source>Name of the layout and its cameras:</source>
        <translation>布局及摄像头预案名称：</translation>
    </message>
</context>
<context>
    <name>WallDisplay</name>
    <message>
        <location filename="../../views/big_screen/panels.py" line="131"/>
        <source>vs this time yesterday %1</source>
        <translation>较昨日同时 %1</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="110"/>
        <source>Command center wall</source>
        <translation>指挥中心大屏</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="139"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="144"/>
        <source>Reports per hour (bars) · 30-day mean (line)</source>
        <translation>每小时上报（柱）· 近30日均值（线）</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="152"/>
        <source>Departments this month</source>
        <translation>本月部门排名（按期结案率）</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="155"/>
        <source>Newest cases</source>
        <translation>最新案件</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="158"/>
        <source>Streets today: reported (blue) · closed (green)</source>
        <translation>今日各街道：上报（蓝）· 结案（绿）</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="164"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="166"/>
        <source>Emergency response</source>
        <translation>应急处置</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="226"/>
        <source>New</source>
        <translation>新增上报</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="227"/>
        <source>Registered</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="228"/>
        <source>Dispatched</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="229"/>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="230"/>
        <source>Overdue now</source>
        <translation>当前超期</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="231"/>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="232"/>
        <source>On-time closure rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="233"/>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="377"/>
        <source>Reconnecting to the database…</source>
        <translation>数据库重新连接中…</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/big_screen_window.py" line="387"/>
        <source>%1 grid management command center</source>
        <translation>%1网格化综合管理指挥中心</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/incident_board.py" line="62"/>
        <source>and %1 more incidents</source>
        <translation>另有 %1 起事件</translation>
    </message>
    <message>
        <location filename="../../views/big_screen/incident_board.py" line="88"/>
        <source>%1 min · tasks %2 done · %3 open · </source>
        <translation>已响应 %1 分钟 · 任务完成 %2 · 进行 %3 · </translation>
    </message>
    <message>
        <location filename="../../views/big_screen/incident_board.py" line="94"/>
        <source>%1 overdue</source>
        <translation>超时 %1</translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="61"/>
        <source>Operator</source>
        <translation>受理员</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="62"/>
        <source>Supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="63"/>
        <source>Department handler</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="64"/>
        <source>Video supervisor</source>
        <translation>视频监督员</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="65"/>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="66"/>
        <source>Wall display</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../views/kernel/domain_text.py" line="67"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="145"/>
        <source>Grid management command center — %1</source>
        <translation>网格化综合管理指挥中心 — %1</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="154"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="72"/>
        <location filename="../../views/shell/workstation.py" line="155"/>
        <source>Statistics</source>
        <translation>统计分析</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="163"/>
        <source>Case queue</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="166"/>
        <source>Case</source>
        <translation>案件详情</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="182"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="282"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="60"/>
        <source>New case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="63"/>
        <source>Command palette…</source>
        <translation>命令面板…</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="66"/>
        <source>Search the queue</source>
        <translation>搜索案件</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="69"/>
        <source>Show every grid</source>
        <translation>显示全部网格</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="77"/>
        <source>Whole district</source>
        <translation>全区视图</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="80"/>
        <source>Mute urgent alerts</source>
        <translation>紧急提示静音</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="85"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="120"/>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="127"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation_actions.py" line="130"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="298"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="519"/>
        <source>To register %1 · overdue %2</source>
        <translation>待受理 %1 · 超期 %2</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="526"/>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../views/shell/workstation.py" line="528"/>
        <source>○ reconnecting…</source>
        <translation>○ 正在重连…</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_controller.py" line="139"/>
        <source>Attach file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../views/cases/move_controller.py" line="141"/>
        <source>Images and PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
</context>
</TS>
