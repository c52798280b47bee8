# gongjiang 的中文消息。每个 id 与 en.ftl 一一对应，在 src/ 中以 msg!("id", ...) 使用。
# `{ $name }` 是参数。代码、键名和取值保留在反引号中，不翻译。

## 标签

label-hint = 提示：{ $hint }
label-error = 错误
label-warning = 警告

## 读取站点

io = { $action }：{ $cause }
io-read = 无法读取
io-list = 无法列出文件夹内容
io-read-current-folder = 无法读取当前文件夹
io-resolve = 无法解析路径
io-follow-link = 无法跟随符号链接
io-create-folder = 无法创建文件夹
io-write = 无法写入
io-move-aside = 无法移开上一次的输出
io-move-in-place = 无法把新的输出移到位
io-remove-old = 无法删除上一次的输出
io-compress = 无法用 { $encoding } 压缩 { $path }
io-watch = 无法监视站点文件
io-start-server = 无法启动服务器
io-listen = 无法监听 { $address }
io-server-address = 无法读取服务器地址
io-serve = 服务器出错
link-loop = 符号链接成环：它指向 { $target }，而该文件夹包含这个链接本身；已跳过
link-outside-site = 符号链接指向站点之外：不跟随
changed-during-build = 生成站点期间这个文件被修改了
not-utf8 = 文件不是有效的 UTF-8 编码（第 { $offset } 字节处有无效字节）
not-a-site = { $path } 不是站点：{ $why }

## 页首设置

no-front-matter = 页面没有以页首设置（front matter，一行 `---`）开头
unclosed-front-matter = 页首设置没有结束
front-matter-too-large = 页首设置有 { $bytes } 字节，超过了 { $limit } 字节的上限
yaml = 页首设置有误：{ $message }
unknown-key = 不认识的键 `{ $key }`
missing-title = 页面没有 `title`（标题）
bad-slug = slug `{ $slug }` 无效：{ $why }
bad-date = 日期 `{ $date }` 无效
slug-on-index = _index.md 中不能设置 `slug`
unknown-data-file = `figures: { $name }` 在 data/ 下找不到对应文件
not-a-data-file = { $path } 不是 CSV、YAML 或 JSON 文件

## 数字

figure-id = 数字的 id `{ $id }` 为空或含有空格
duplicate-figure = 数字的 id `{ $id }` 重复了
figure-wording = 数字 `{ $id }`：措辞 `{ $wording }` 与修饰词 `{ $qualifier }` 不相符
mixed-group = 数字 `{ $first }`（{ $first_unit }，第 { $first_line } 行）和 `{ $second }`（{ $second_unit }）同在分组 `{ $group }` 中，但图表只能比较同类的数
no-unit = 无单位
unit-named = 单位 `{ $unit }`

## 数据文件

data-parse = { $message }
not-a-number = `value` 列中的 `{ $cell }` 不是数字
bad-cell = `{ $column }` 列中的 `{ $cell }` 无效：{ $cause }
no-chart-columns = { $table } 没有可以画图的 `label` 和 `value` 列
table-units = 第 { $row } 行的单位是 `{ $unit }`，而第一行是 `{ $first }`：图表只能比较同类的数

## 站点

site-settings-elsewhere = `site` 设置应放在 content/_index.md 中，而不是这个页面
no-home-page = 站点没有首页
no-site-settings = 首页没有 `site:` 设置
bad-base-url = 站点地址 `{ $url }` 无效：{ $why }
url-collision = 两个页面会写到同一个网址 `{ $url }`（另一个是 { $other }）

## 正文

unknown-figure-reference = 数字引用 `{"{{"}{ $name }{"}}"}` 找不到对应的数字
unknown-card = `{"{{"}card { $name }{"}}"}` 找不到对应的数字
unknown-chart = `{"{{"}chart { $name }{"}}"}` 在本页找不到对应的图表
unknown-table = `{ $name }` 不是 data/ 下的 CSV 文件
markdown-unclosed-comment = 这个注释没有结束：`<!--` 后面没有 `-->`，之后的文字会显示给读者
markdown-nesting-flattened = 区块或强调嵌套超过了 { $max_depth } 层：更深的层级会被展平显示
hint-markdown-unclosed-comment = 用 `-->` 结束注释
hint-markdown-nesting-flattened = 减少嵌套层数（行首的每个 `>` 或列表符号都会多开一层）

## 模板

missing-template = 模板 `{ $name }` 不存在
template-data = 无法生成模板数据：{ $cause }
template-undefined-block = 区块 `{ $block }` 在父模板 `{ $parent }` 中没有定义，所以永远不会显示
template-include-loop = 模板相互包含，形成了循环：{ $cycle }
template-macro-loop = 宏在调用自身：{ $cycle }
template-undefined-variable = 变量 `{ $path }` 未定义
template-undefined-variable-evaluated = 变量 `{ $path }` 未定义（它读取的是 `{ $evaluated }`：这个键或下标存在吗？）
template-unknown-filter = 未知的过滤器 `{ $name }`
template-filter-failed = 过滤器 `{ $name }` 出错：{ $cause }
template-unknown-function = 未知的函数 `{ $name }`
template-function-failed = `{ $name }()` 出错：{ $cause }
template-unknown-test = 未知的测试 `{ $name }`
template-test-failed = 测试 `{ $name }` 出错：{ $cause }
template-missing-include = 被包含的模板 `{ $target }` 不存在
template-tera = { $explanation }

## 写出

static-collision-page = static/{ $path } 和页面 { $page } 会写到同一个位置 { $path }
static-collision-file = static/{ $path } 会覆盖生成的文件 { $path }
refused-output = 拒绝把站点写到 { $dest }：{ $why }
refusal-site-root = 它是站点根目录，或包含站点根目录
refusal-home = 它是你的主文件夹
refusal-in-source = 它位于站点的 { $folder }/ 文件夹内
refusal-not-ours = 该文件夹不是空的，也不是 gongjiang 写出的
refusal-file = 它是一个文件
refusal-no-parent = 它没有上级文件夹
outside-output = 拒绝写到输出文件夹之外：{ $path }
search-index = 搜索索引：{ $step }
search-index-cause = 搜索索引：{ $step }：{ $cause }
search-step-start = 无法启动索引程序
search-step-thread = 无法启动索引线程
search-step-stopped = 搜索索引程序意外停止
search-step-setup = 无法设置 Pagefind
search-step-index = 无法索引 { $url }
search-step-write = 无法写出搜索索引

## check 发现的问题

broken-link = { $what } `{ $link }` 无处可去：{ $path } 处没有发布任何内容
link-outside-base = { $what } `{ $link }` 指向站点之外：{ $path } 不在站点路径 { $base } 之下
broken-anchor = { $what } `{ $link }` 无处可去：{ $page } 中没有 id 为 `{ $fragment }` 的元素
missing-alt = 图片 `{ $src }` 没有替代文字
img-without-alt = `<img>` 没有 alt 属性（src `{ $src }`）
orphan-page = 从首页出发，没有链接能到达这个页面（{ $url }）
lonely-group = 数字 `{ $id }` 在分组 `{ $group }` 中只有自己：图表至少需要两个数字，所以不画图
typed-figure = `{ $text }` 是数字 `{ $id }` 直接写成的文字：修改数字的值时它不会跟着变
unshown-figure = 数字 `{ $id }`（{ $text }）在它的页面上没有出现
duplicate-id = id `{ $id }` 重复：本页前面已有元素使用它；指向 #{ $id } 的链接只会到达第一个
third-party = { $what } 从其他网站加载 `{ $url }`
javascript-url = { $what } 使用了 `javascript:` 网址：`{ $url }`
broken-external = 外部链接 `{ $url }` { $answer }{ $links ->
        [0] {""}
        [1] {""}
       *[other] （共链接 { $links } 次）
    }
external-no-answer = 没有响应（{ $error }）
external-status = 返回了 { $status }
external-unchecked = 未检查

## 提示

hint-did-you-mean = 你是不是想写 `{ $word }`？
hint-refused-output = 请选择一个空文件夹，或之前生成过的输出文件夹（其中有 .gongjiang-output）
hint-link-loop = 删除这个链接；文件夹不能包含它自己
hint-link-outside-site = 把文件复制到站点中，不要用链接
hint-not-utf8 = 把文件另存为 UTF-8 编码
hint-search-index = 在 content/_index.md 的 `site:` 设置中写 `search: false`，即可不带搜索生成站点
hint-not-a-data-file = 数字文件应为 data/名称.csv、data/名称.yaml 或 data/名称.json
hint-not-a-number = 只用阿拉伯数字写出完整的数：1.5万写 15000，2100万写 21000000
hint-figures-file-columns = 数字文件的列是 id、label、value、unit、qualifier（然后是 wording、numerals、group、key、note，与页首设置中相同）
hint-changed-during-build = 文件保存好后再生成一次
hint-no-front-matter = 文件第一行写 `---`，接着写 `title: ...`，再用一行 `---` 结束
hint-front-matter-too-large = 不要把大量数据放进页首设置
hint-unclosed-front-matter = 在页首设置的最后一个键之后加一行 `---`
hint-missing-title = 在页首设置中加上 `title: ...`
hint-bad-slug = slug 是网址中的一段：字母、数字、`-`、`_`、`.`（不能有 `/`，不能有 `..`）
hint-bad-date = 日期写成 年-月-日（YYYY-MM-DD），例如 2025-08-27
hint-site-settings-elsewhere = 把站点设置移到首页的页首设置中
hint-no-home-page = 创建 content/_index.md，写上标题和 `site:` 设置
hint-no-site-settings = 加上 `site:`，写明 `title`（见 README）
hint-slug-on-index = 要改变栏目的网址，请给文件夹改名
hint-url-collision = 网址比较时不区分大小写；给其中一个文件改名，或设置不同的 `slug`
hint-bad-base-url = 使用完整的网址，例如 https://example.org/ 或 https://example.org/reform/
hint-serve-root = 用 --root 指定包含 content/ 的文件夹
hint-port-in-use = 可能有其他程序占用了这个端口：用 --port 换一个，或用 --port 0 自动选择空闲端口
hint-watch-limit = 在 Linux 上，如果 fs.inotify.max_user_watches 用尽了，请调高它
hint-template-recursion = Tera 无法停止无限递归（会导致崩溃）；gongjiang 拒绝递归的包含和宏，请把它展开
hint-fix-template = 修改模板；语法见 Tera 的文档
hint-broken-external = 修改或删除这个链接，或改为指向存档副本（结果会在 target/gongjiang-link-cache.json 中缓存一天）
hint-check-root = 在站点文件夹中运行 `gongjiang check`，或用 --root 指定文件夹
why-not-a-folder = 它不是文件夹
why-no-content-folder = 其中没有 content/ 文件夹
why-url-scheme = 必须以 http:// 或 https:// 开头
why-url-character = 含有此处不允许的字符
why-url-no-host = 没有主机名
why-url-dots = 路径中含有 `.` 或 `..`
why-slug-empty = 它是空的
why-slug-dot = 它以点开头
why-slug-character = 含有网址中不允许的字符
hint-unknown-key-near = 你是不是想写 `{ $near }`？这里可用的键有：{ $known }
hint-unknown-key = 这里可用的键有：{ $known }
hint-yaml-tab = YAML 只能用空格缩进，不能用 Tab
hint-yaml-too-deep = 页首设置嵌套或重复得太深；请把数据直接写出来
hint-yaml-unknown-variant = 请使用列出的取值之一
hint-yaml-duplicate = 每个键只能出现一次；删除重复的那个
hint-yaml-syntax = 检查 YAML 语法和取值的类型（见 README 的页首设置说明）
hint-figure-id = id 的写法如 `book-rooms`
hint-duplicate-figure = 同一页面上数字的 id 不能重复
hint-mixed-group = 把统计不同事物的数字放在不同分组中，或去掉没有同类的数字的 `group:`（只有一个数字的分组不画图）；`{ $first }` 和 `{ $second }` 不能同组
bad-value-not-a-number = 数字 `{ $id }` 的值 { $value } 不是一个数
bad-value-too-large = 数字 `{ $id }` 的值 { $value } 大于 { $max }（2^53）：无法精确保留它的每一位
bad-value-negative-decrease = 数字 `{ $id }` 的值为 { $value }，修饰词是 `decrease`：措辞（下降）已经表示减少，再加负号就变成了增长
bad-value-negative = 数字 `{ $id }` 的值为 { $value }，修饰词是 `{ $qualifier }`：只有修饰词 `increase` 可以用负数（如报道中的“增长-3.5%”）
bad-value-first-not-one = 数字 `{ $id }` 的修饰词是 `first`（首），值却是 { $value }：“首”指第一个，值必须是 1
bad-value-not-a-place = 数字 `{ $id }` 的修饰词是 `{ $qualifier }`（第），值却是 { $value }：次序是从 1 开始的整数（第一、第四届）
bad-value-share-over-100 = 数字 `{ $id }` 是占比，值为 { $value }%：部分最多占整体的 100%
hint-bad-value-not-a-number = 按报道写出这个数
hint-bad-value-too-large = 换用更大的单位写这个数（例如用亿元代替元）
hint-bad-value-negative-decrease = 写报道中的数，不加符号：`value: { $value }`
hint-bad-value-negative = 按报道写出这个数；报道写作“下降3.5%”的，写成 `qualifier: decrease` 和 `value: 3.5`
hint-bad-value-first-not-one = 写 `value: 1`；如果报道中是多个，请换一个修饰词（例如 `exact`）
hint-bad-value-not-a-place = 写报道中的整数，例如第四届写 `value: 4`
hint-bad-value-share-over-100 = 对照报道核对这个数；增长超过 100% 的应写成 `qualifier: increase`
io-write-file = 无法写入 { $name }
hint-precompress-collision = 设置 `precompress: true` 时，{ $path } 由生成过程从 { $original } 压缩得到：请删除 static/{ $path }，或关闭 precompress
hint-static-collision-page = 给静态文件改名或删除它，或给 { $page } 另设一个 `slug`
hint-static-collision-file = 给静态文件改名或删除它
hint-no-chart-columns = 画成图表的表格要有一行表头，包括 `label` 和 `value`（`unit` 可选）
hint-table-units = 图表中的各行要统计同一类事物，否则请拆成不同的表格
hint-no-data-files = 把文件放在 data/ 下，并写出从站点根目录开始的路径，例如 `figures: data/skills.csv`
hint-data-files-are = 现有的数据文件：{ $files }
hint-card-near = 你是不是想写 `{"{{"}card { $near }{"}}"}`？
hint-card = 写本页某个数字的 id，或用 `页面/id` 指向其他页面的数字
hint-chart-near = 你是不是想写 `{"{{"}chart { $near }{"}}"}`？有两个或更多数字的分组才会画图
hint-chart = 写本页数字中一个有两个或更多成员的 `group:`
hint-no-tables = 把 CSV 文件放在 data/ 下，并写出从站点根目录开始的路径
hint-tables-are = 现有的表格：{ $tables }
hint-figure-on-draft = 这个数字在 { $source } 中，而它是草稿，本次没有生成：请发布它（`draft: false`）、用 --drafts 生成，或删除这个引用
hint-figure-reference-near = 你是不是想写 `{"{{"}{ $near }{"}}"}`？其他页面的数字写作 `{"{{"}页面/id{"}}"}`
hint-figure-reference = 写本页 `figures:` 列表中某个数字的 id，或用 `页面/id` 指向其他页面的数字
hint-while-rendering = { $hint }（生成 { $page } 时）
while-rendering = 生成 { $page } 时
hint-templates-see = 模板可用的变量：{ $names }
hint-check-field-name = 检查名称；README 的“模板可用的数据”一节列出了各字段
hint-fields-of = `{ $top }` 有：{ $fields }
hint-check-variable-name = 检查名称；README 的“模板可用的数据”一节列出了模板能用的数据，可选的值可以用 `x | default(value="")`
hint-fix-filter-value = 修改传给 `{ $name }` 的值
hint-filters = 可用的过滤器是 Tera 自带的（见其文档）和 `cn_number`
hint-fix-function-arguments = 修改传给 `{ $name }()` 的参数
hint-functions-are = 可用的函数：{ $names }
hint-fix-test-value = 修改传给 `{ $name }` 的值
hint-tests-are = 可用的测试：{ $names }
hint-missing-include = 创建 templates/{ $target }，或改正名称
hint-first-of-matches = { $hint }；templates/{ $template } 中有 { $matches } 处符合，这里是第一处
hint-missing-template = 创建 templates/{ $name }，或把 `template:` 设为已有的模板
hint-undefined-block = 把它改名为 { $parent } 中已有的区块，或在那里加上 `{"{%"} block { $block } {"%}{%"} endblock {"%}"}`

## check 的报告

seen-in = { $message }（在 { $file } { $others ->
        [0] {""}
       *[other] 及另外 { $others } 个文件
    }中）
seen-rendered = { $message }（由模板生成{ $others ->
        [0] {""}
       *[other] ，另有 { $others } 个文件
    }）
hint-computed = { $hint }；这个值来自模板表达式，而不是页面的 Markdown（`gongjiang build` 会写出这个文件）
note-computed = 这个值来自模板表达式，而不是页面的 Markdown（`gongjiang build` 会写出这个文件）
external-links-checked = 外部链接（{ $count } 个，已检查）：
external-links-unchecked = 外部链接（{ $count } 个，未检查；加 --external 可逐个请求）：
external-link-cached = { $place }，缓存
check-no-problems = 在 { $pages } 个页面中没有发现问题。
check-summary = { $files } 个文件中有 { $problems } 个问题（{ $errors } 个错误，{ $warnings } 个警告）。

## check 的排版检查

marks-quotation = 引语
marks-title = 书名
copy-unclosed = `{ $open }` 开始了一段{ $what }，但本段中没有 `{ $close }` 结束它
hint-copy-unclosed = 在{ $what }结束处加上 `{ $close }`，或删除这个 `{ $open }`（规则 `paired-marks`）
copy-unopened = `{ $close }` 结束了一段{ $what }，但本段中没有 `{ $open }` 开始它
hint-copy-unopened = 在{ $what }开始处加上 `{ $open }`，或删除这个 `{ $close }`（规则 `paired-marks`）
copy-lint-stops = 排版检查到此为止：每页只检查前 { $read } KB，而这一页有 { $size } KB
hint-copy-lint-stops = 把这一页拆成几个长度适宜的页面
copy-unreadable = autocorrect 无法读取这段文字，所以没有检查它的排版：{ $error }
hint-copy-unreadable = 请把这段文字报告给 gongjiang 的维护者；在站点设置中写 `check: {"{"} copy: false {"}"}` 可关闭排版检查
copy-write-for = 把 `{ $written }` 写成 `{ $fix }`
hint-copy-rule = autocorrect 的规则 `{ $rule }`；如果站点有意这样写，可在站点设置中关闭这条规则：`check: {"{"} copy_rules: {"{"} { $rule }: off {"}"} {"}"}`
hint-copy-suggestion = autocorrect 的建议；在站点设置中写 `check: {"{"} copy: false {"}"}` 可关闭排版检查
copy-what-number = 数字
copy-what-latin = 西文
copy-what-char = `{ $char }`
copy-what-next-word = 下一个词
copy-half-width-bracket = 中文旁边用了半角的 `{ $char }`：应写 `{ $full }`（或按 autocorrect 的建议写 `{ $fix }`）
copy-no-space = 中文与{ $what }之间没有空格：应写 `{ $fix }`
copy-space-beside-quote = 引号 `{ $mark }` 旁边有空格：应写 `{ $fix }`
copy-space-beside-mark = 全角的 `{ $mark }` 旁边有空格：应写 `{ $fix }`
copy-space-too-many = 多了一个空格：应写 `{ $fix }`
copy-half-width-between = 汉字之间用了半角的 `{ $half }`：应写 `{ $with }`
copy-half-width-in = 中文里用了半角的 `{ $half }`：应写 `{ $with }`
copy-full-width-letters = 全角字母或数字 `{ $removed }`：应写 `{ $with }`
copy-full-width-in-english = 英文中用了全角的 `{ $removed }`：应写 `{ $with }`

## check 中引用的种类

this-page = 本页
what-code = { $code }
what-link = 链接
what-image = 图片
what-style-import = `<style>` 中的 @import
what-style-url = `<style>` 中的 url()
what-style-attribute-url = style 属性中的 url()
hint-missing-alt = 说明图片的内容：`![图片内容](src)`
hint-img-without-alt = 加上 alt="图片内容"（纯装饰的图片才用 alt=""）
hint-orphan-page = 从某个页面、菜单或栏目列表链接到它，或标记为 `draft: true`
hint-lonely-group = 给这个分组再加一个数字，或去掉它的 `group:`
hint-javascript-url = 改为链接到页面或文件；站点从不执行网址中的代码（Markdown 会把这种链接显示为普通文字）
hint-third-party = 站点向读者承诺不向其他网站发请求：把文件复制到 static/，用 asset_url(path=...) 引用
hint-link-outside-base = 在 Markdown 中写 `/路径/`（会自动加上站点路径）；在模板中用 url(path=...) 或 asset_url(path=...)
hint-broken-link = 链接到已有的页面（content/x.md 发布在 /x/），或把文件放到 static/ 下
hint-ids-on-page = 那个页面上的 id：{ $ids }；标题的 id 就是它的文字（或用 `{"{"}#id{"}"}` 指定）
hint-duplicate-id = 给其中一个换一个 id（标题的 id 来自它的文字，或用 `{"{"}#id{"}"}` 指定）
hint-typed-figure = 改写为 {"{{"}{ $id }{"}}"}：它显示 `{ $text }`，并链接到这个数字的卡片
hint-unshown-figure = 在正文中引用它（{"{{"}id{"}}"}）、用页面模板显示它，或删除它

## serve

# A space after the address, so that a terminal's link ends with it.
serve-serving = 正在提供 { $url } （按 Ctrl-C 停止）
serve-stopped = 已停止。
serve-built = 已生成 { $pages } 个页面，用时 { $ms } 毫秒
serve-rebuilt = 已重新生成 { $pages } 个页面，用时 { $ms } 毫秒
serve-runs-with-error = （服务器仍在运行；错误会显示在浏览器中，直到它被修正）
serve-reachable = 正在监听 { $address }：你所在网络中的其他电脑也能访问这个站点。
serve-no-browser = 无法打开浏览器：{ $error }
serve-no-reload = 页面不会自动重新生成和刷新
serve-watch-failed = 文件监视：{ $error }
overlay-heading = 站点有错误；正在显示上一次成功生成的版本。
overlay-hide = 隐藏
search-sizes = 搜索索引 { $index } KB + Pagefind { $runtime } KB（为站点其余部分的 { $index_ratio } 倍 + { $runtime_ratio } 倍）

## 命令行

build-done = 已生成 { $pages } 个页面、{ $statics } 个静态文件，用时 { $ms } 毫秒 -> { $output }
build-done-search = { $done }；{ $search }

## languages
unknown-language = 此文件是 `{ $code }` 语言的译文（文件名以 .{ $code }.md 结尾），但站点的 `languages` 只有 { $languages }
hint-unknown-language = 在 content/_index.md 的站点设置 `languages:` 中加上 `{ $code }`；如果它不是译文，请改名
default-language-not-first = `languages` 必须以默认语言 `{ $language }` 开头，而不是 `{ $first }`
hint-default-language-first = 把默认语言列在最前面，例如 `languages: [zh-CN, en]`，或修改 `language:`
orphan-translation = 这篇译文没有原文：{ $original } 不存在
hint-orphan-translation = 译文放在原文旁边，文件名在 .md 前加语言代码（skills.md 与 skills.en.md）；请创建原文或给此文件改名
translation-unknown-figure = 数据 `{ $id }` 不在 { $original } 的数据中
hint-translation-unknown-figure = 译文只为原文的数据提供译名：请改正 id，或把这项数据（连同数值）加到原文中
translation-missing-figure = 译文缺少数据 `{ $id }`（{ $original }，第 { $line } 行）
hint-translation-missing-figure = 在 `figures:` 下加上它和它在此语言中的名称：`- id: { $id }` 与 `label: …`（数值取自原文）
translation-value = 数据 `{ $id }` 在这里的数值是 { $value }，而在 { $original }（第 { $line } 行）中是 { $original_value }
hint-translation-value = 数据的数值只在原文中写一次：请删去译文中的 `value:`，或改正它
translation-missing-words = 数据 `{ $id }` 在此语言中需要 `{ $key }`：原文有这一项
hint-translation-missing-words = 加上 `{ $key }:`，写出此语言的文字
hint-translation-unit = 加上 `unit:`，写出 `{ $unit }` 在此语言中的单位词（如名称已含单位，写 `unit: ""`）
missing-translation = 此页没有 { $language } 译文：该语言的读者看不到它
hint-missing-translation = 在 { $file } 中翻译它（某种语言缺少一页是允许的）
## Errors a non-programmer can act on (yaml_mistakes: what was typed, what was expected, the fix)

section-page = 页面的页首设置
section-figure = 数字（`figures:` 下的一项）
section-site = 站点设置（content/_index.md 中的 `site:`）
section-source = 站点设置中的 `source:`（来源）
section-check = 站点设置中的 `check:`（检查）
expected-whole-number = 一个整数，例如 3
expected-number = 一个数字，例如 15000
expected-text = 一段文字
expected-true-false = `true` 或 `false`
expected-list = 一个列表（每行一项，以 `- ` 开头）
expected-settings = 若干缩进的 `键: 值` 行
expected-figures-or-file = 数字列表，或数据文件的路径，例如 data/skills.csv
found-value = `{ $value }`
found-list = 一个列表
found-settings = 缩进的设置
found-nothing = 空值
wrong-type = `{ $key }` 应该是{ $expected }；这里写的是 { $found }
not-a-choice = `{ $found }` 不是 `{ $key }` 的可选值；可选值有：{ $choices }
missing-key = { $section }必须有 `{ $key }`，这里缺少了
comment-in-value = `{ $key }` 的值在 ` #` 处就结束了：YAML 把这一行余下的部分当作注释，所以值只有 `{ $kept }`
slip-full-width-colon = `{ $key }` 后面是全角冒号 `：`：YAML 的键后面必须是半角冒号 `:`
slip-full-width-indent = 这一行用全角空格 `　` 缩进了：YAML 只能用半角空格缩进
slip-full-width-space = 冒号后面是全角空格 `　`：YAML 在这里需要半角空格
slip-tab = 这一行用 Tab 缩进了：YAML 只能用空格缩进，不能用 Tab
slip-no-space = `{ $key }` 的冒号后面没有空格：YAML 的键和值之间要写 `: `（冒号加一个空格）
slip-unclosed-quote = 这个值开头的引号 { $quote } 没有结束
slip-colon-in-value = `{ $key }` 的值里有 `: `，YAML 会把它当作另一个键的开始
hint-slip-tab = 把 Tab 换成空格（每一级两个空格）
hint-slip-full-width-indent = 把行首的全角空格换成半角空格（把输入法切换到半角或英文）
hint-slip-write = 写成 `{ $fixed }`（半角冒号，后面跟一个半角空格）
hint-slip-unclosed-quote = 在同一行的值末尾加上配对的 { $quote }，或者删掉开头的引号
hint-slip-quote-value = 把整个值放在双引号里：`{ $fixed }`
hint-value-is-comment = 空格后面的 `#` 表示注释开始，所以 `{ $key }` 成了空值：请把值放在双引号里
hint-write-number = 写成 `{ $key }: { $number }`：只用阿拉伯数字，不带“万”“亿”，也不加逗号（页面上会显示为 { $shown }）
hint-write-whole-number = 只写阿拉伯数字，例如 `{ $key }: 3`
hint-write-a-number = 只写阿拉伯数字，例如 `{ $key }: 15000`（不带“万”“亿”，不加逗号；单位写在 `unit:` 里）
hint-write-true-false = 写成 `{ $key }: true` 或 `{ $key }: false`
hint-write-text = 把文字放在双引号里：`{ $key }: "..."`
hint-qualifier-default = 写成 `qualifier: { $qualifier }`：qualifier 用英文名写数字的类型，`{ $qualifier }` 在页面上显示为“{ $wording }”
hint-qualifier-wording = 写成 `qualifier: { $qualifier }`，并在下一行加上 `wording: { $wording }`：qualifier 用英文名写数字的类型，wording 写报告里用的词
hint-qualifier-wording-either = 写成 `qualifier: { $qualifier }` 或 `qualifier: { $other }`（两者都显示为“{ $wording }”；区别见 README）
hint-did-you-mean-value = 你是不是想写 `{ $key }: { $near }`？
hint-choose-one = 请写其中一个可选值，例如 `{ $key }: { $first }`
hint-key-belongs = `{ $key }` 应写在{ $section }中，而不是这里；这里可用的键有：{ $known }
hint-missing-key = 在{ $section }中加上 `{ $key }: ...`
hint-wording-choices = `qualifier: { $qualifier }` 可用的措辞有：{ $accepted }（不写 `wording:` 时显示“{ $default }”）
hint-wording-none = `qualifier: exact` 只显示数字本身：请删掉 `wording:`
hint-wording-of-other = “{ $wording }”是 `qualifier: { $other }` 的措辞：请改用这个 qualifier；若保留 `qualifier: { $qualifier }`，可用的措辞有：{ $accepted }
hint-number-cell = 在这一格写 `{ $number }`：只用阿拉伯数字，不带“万”“亿”，也不加逗号（页面上会显示为 { $shown }）
hint-cell-qualifier = 在 `qualifier` 列写 `{ $qualifier }`，在 `wording` 列写 `{ $wording }`（表头没有 `wording` 列就加上）：qualifier 用英文名写数字的类型，wording 写报告里用的词
hint-choose-key = 在冒号前写其中一个可选值，例如 `{ $first }:`
duplicate-key = 这里写了两次 `{ $key }`（第一次在第 { $first_line } 行）
hint-duplicate-key = 同一处每个键只能出现一次：保留一行 `{ $key }:`，删掉另一行
## Images and other files beside the pages
content-file-collision = { $file } 和 { $other } 会写到同一个位置 { $path }
content-file-overwrites = { $file } 会覆盖生成的文件 { $path }
missing-image = 找不到图片 `{ $src }`：{ $content } 和 { $fallback } 都不存在
hint-content-file-collision = 给其中一个文件改名，或把它移到别的文件夹
hint-content-file-generated = 给 { $file } 改名或移走：{ $path } 是生成站点时自动写出的文件
hint-missing-image = 把图片放在 Markdown 文件旁边（{ $content }）或 static/ 里，或改正路径：相对路径从 Markdown 文件所在的文件夹算起
## Theme, init and the optional base URL

bad-base-url-option = --base-url 给出的地址 `{ $url }` 无法使用：{ $why }
hint-bad-base-url-option = 请给出完整的网址，例如 --base-url https://example.org/reform/
no-base-url = 站点没有设置网址（base_url），因此没有生成 sitemap.xml、feed.xml，页面也没有 canonical 和 og:url 链接
hint-no-base-url = 在 content/_index.md 的站点设置中填写 `base_url:`（例如 base_url: https://example.org/reform/），或在构建时加上 --base-url 网址
folder-not-empty = 文件夹 { $folder } 不是空的
hint-folder-not-empty = 请给出一个新文件夹的名字（例如 gongjiang init mysite），或在空文件夹中运行；init 不会覆盖任何文件
would-overwrite = 文件已经存在，eject 不会覆盖任何文件
hint-would-overwrite = 站点已经有自己的这个文件，它替代了内置的同名文件；如要从内置版本重新开始，请先移走或删除 { $file }
unknown-theme-file = 内置主题中没有文件 `{ $name }`
hint-theme-did-you-mean = 是不是想写 `{ $name }`？运行 `gongjiang theme` 可列出全部内置文件
hint-theme-list = 运行 `gongjiang theme` 可列出全部内置文件
label-built-in = （内置）
hint-built-in-template = { $hint }（这个模板属于内置主题：运行 `gongjiang theme eject { $file }` 可把它复制到站点中再修改）
theme-list-heading = 内置主题的文件（站点中同名的文件会替代它）：
theme-file-own = { $file }（已由站点自己的文件替代）
theme-list-eject = 要修改某个文件，先把它复制到站点中：gongjiang theme eject [文件…]
theme-ejected = 已写入 { $file }
init-done = 已在 { $folder } 创建新站点。接下来：
init-next = { $build }    构建到 { $folder }/public
    { $serve }    在 http://127.0.0.1:1111/ 预览，边改边看
