# gongjiang's messages in English. Each id is used in src/ (msg!("id", ...)); zh.ftl has the
# same ids. `{ $name }` is an argument. Keep code, keys and values in backquotes.

## Labels

label-hint = hint: { $hint }
label-error = error
label-warning = warning

## Reading the site

io = { $action }: { $cause }
io-read = cannot read
io-list = cannot list
io-read-current-folder = cannot read the current folder
io-resolve = cannot resolve
io-follow-link = cannot follow symbolic link
io-create-folder = cannot create folder
io-write = cannot write
io-move-aside = cannot move the previous output aside
io-move-in-place = cannot move the new output in place
io-remove-old = cannot remove the previous output
io-compress = cannot compress { $path } with { $encoding }
io-watch = cannot watch the site's files
io-start-server = cannot start the server
io-listen = cannot listen on { $address }
io-server-address = cannot read the server's address
io-serve = the server failed
link-loop = symbolic link loop: it points to { $target }, a folder that contains it; skipped
link-outside-site = symbolic link points outside the site: not followed
changed-during-build = the file changed while the site was being built
not-utf8 = the file is not valid UTF-8 (invalid byte at offset { $offset })
not-a-site = { $path } is not a site: { $why }

## Front matter

no-front-matter = the page does not start with front matter (a line `---`)
unclosed-front-matter = the front matter is never closed
front-matter-too-large = the front matter is { $bytes } bytes, more than the limit of { $limit } bytes
yaml = invalid front matter: { $message }
unknown-key = unknown key `{ $key }`
missing-title = the page has no `title`
bad-slug = invalid slug `{ $slug }`: { $why }
bad-date = invalid date `{ $date }`
slug-on-index = `slug` is not supported in an _index.md
unknown-data-file = `figures: { $name }` names no file under data/
not-a-data-file = { $path } is not a CSV, YAML or JSON file

## Figures

figure-id = figure id `{ $id }` is empty or has spaces
duplicate-figure = duplicate figure id `{ $id }`
figure-wording = figure `{ $id }`: wording `{ $wording }` does not fit qualifier `{ $qualifier }`
mixed-group = figures `{ $first }` ({ $first_unit }, line { $first_line }) and `{ $second }` ({ $second_unit }) are both in group `{ $group }`, but a chart compares like with like
no-unit = no unit
unit-named = unit `{ $unit }`

## Data files

data-parse = { $message }
not-a-number = `{ $cell }` in column `value` is not a number
bad-cell = `{ $cell }` in column `{ $column }` is not valid: { $cause }
no-chart-columns = { $table } has no `label` and `value` columns to chart
table-units = row { $row } has unit `{ $unit }` but the first row has `{ $first }`: a chart compares like with like

## The site

site-settings-elsewhere = the `site` settings belong in content/_index.md, not on this page
no-home-page = the site has no home page
no-site-settings = the home page has no `site:` settings
bad-base-url = invalid base URL `{ $url }`: { $why }
url-collision = two pages would be written to the same URL `{ $url }` (the other is { $other })

## The text

unknown-figure-reference = the figure reference `{"{{"}{ $name }{"}}"}` names no figure
unknown-card = `{"{{"}card { $name }{"}}"}` names no figure
unknown-chart = `{"{{"}chart { $name }{"}}"}` names no chart of this page
unknown-table = `{ $name }` is not a CSV file under data/
markdown-unclosed-comment = this comment is never closed: `<!--` has no `-->`, so the text after it is shown to readers
markdown-nesting-flattened = blocks or emphasis nested more than { $max_depth } levels deep: the deeper levels are shown flattened
hint-markdown-unclosed-comment = end the comment with `-->`
hint-markdown-nesting-flattened = nest less deeply (each `>` or list marker at the start of a line opens one more level)

## Templates

missing-template = the template `{ $name }` does not exist
template-data = cannot build template data: { $cause }
template-undefined-block = block `{ $block }` is not defined in the parent template `{ $parent }`, so it would never be shown
template-include-loop = templates include each other in a loop: { $cycle }
template-macro-loop = macros call themselves: { $cycle }
template-undefined-variable = variable `{ $path }` is not defined
template-undefined-variable-evaluated = variable `{ $path }` is not defined (it reads `{ $evaluated }`: is that key or index there?)
template-unknown-filter = unknown filter `{ $name }`
template-filter-failed = the filter `{ $name }` failed: { $cause }
template-unknown-function = unknown function `{ $name }`
template-function-failed = `{ $name }()` failed: { $cause }
template-unknown-test = unknown test `{ $name }`
template-test-failed = the test `{ $name }` failed: { $cause }
template-missing-include = the included template `{ $target }` does not exist
template-tera = { $explanation }

## Writing

static-collision-page = static/{ $path } and the page { $page } would both be written to { $path }
static-collision-file = static/{ $path } would overwrite the generated file { $path }
refused-output = refusing to write the site to { $dest }: { $why }
refusal-site-root = it is the site root or contains it
refusal-home = it is your home folder
refusal-in-source = it is inside the site's { $folder }/ folder
refusal-not-ours = the folder is not empty and was not written by gongjiang
refusal-file = it is a file
refusal-no-parent = it has no parent folder
outside-output = refusing to write outside the output folder: { $path }
search-index = search index: { $step }
search-index-cause = search index: { $step }: { $cause }
search-step-start = cannot start the indexer
search-step-thread = cannot start the indexer thread
search-step-stopped = the search indexer stopped unexpectedly
search-step-setup = cannot set up Pagefind
search-step-index = cannot index { $url }
search-step-write = cannot write the search index

## Found by check

broken-link = { $what } `{ $link }` leads nowhere: nothing is published at { $path }
link-outside-base = { $what } `{ $link }` leads outside the site: { $path } is not under its base path { $base }
broken-anchor = { $what } `{ $link }` leads nowhere: { $page } has no element with id `{ $fragment }`
missing-alt = image `{ $src }` has no alt text
img-without-alt = `<img>` without an alt attribute (src `{ $src }`)
orphan-page = no link from the home page leads to this page ({ $url })
lonely-group = figure `{ $id }` is alone in group `{ $group }`: a chart needs two figures, so none is drawn
typed-figure = `{ $text }` is the figure `{ $id }` typed as text: it will not follow an edit of the figure's value
unshown-figure = figure `{ $id }` ({ $text }) appears nowhere on its page
duplicate-id = duplicate id `{ $id }`: an earlier element on this page has it too; a link to #{ $id } reaches only the first
third-party = { $what } loads `{ $url }` from another host
javascript-url = { $what } uses a `javascript:` URL: `{ $url }`
broken-external = external link `{ $url }` { $answer }{ $links ->
        [0] {""}
        [1] {""}
       *[other] {" "}(linked { $links } times)
    }
external-no-answer = did not answer ({ $error })
external-status = answered { $status }
external-unchecked = was not checked

## Hints

hint-did-you-mean = did you mean `{ $word }`?
hint-refused-output = choose an empty folder or one a previous build wrote (it contains .gongjiang-output)
hint-link-loop = remove the link; a folder cannot contain itself
hint-link-outside-site = copy the file into the site instead of linking to it
hint-not-utf8 = save the file as UTF-8
hint-search-index = set `search: false` in the `site:` settings of content/_index.md to build without search
hint-not-a-data-file = give the figures as data/NAME.csv, data/NAME.yaml or data/NAME.json
hint-not-a-number = write the full number with digits only: 15000 for 1.5万, 21000000 for 2100万
hint-figures-file-columns = a figures file has the columns id, label, value, unit, qualifier (then wording, numerals, group, key, note, as in front matter)
hint-changed-during-build = build again once the file is saved
hint-no-front-matter = start the file with `---`, then `title: ...`, then a closing `---` line
hint-front-matter-too-large = keep large data out of front matter
hint-unclosed-front-matter = add a line `---` after the last front-matter key
hint-missing-title = add `title: ...` to the front matter
hint-bad-slug = a slug is one URL segment: letters, digits, `-`, `_`, `.` (no `/`, no `..`)
hint-bad-date = write dates as YYYY-MM-DD, for example 2025-08-27
hint-site-settings-elsewhere = move the site settings to the home page's front matter
hint-no-home-page = create content/_index.md with a title and the `site:` settings
hint-no-site-settings = add `site:` with a `title` (see README)
hint-slug-on-index = rename the folder to change a section's URL
hint-url-collision = URLs are compared ignoring case; rename one file or give it a different `slug`
hint-bad-base-url = use an absolute URL such as https://example.org/ or https://example.org/reform/
hint-serve-root = pass --root with the folder that holds content/
hint-port-in-use = another program may use the port: choose another with --port, or --port 0 for any free one
hint-watch-limit = on Linux, raise fs.inotify.max_user_watches if it is exhausted
hint-template-recursion = Tera cannot stop endless recursion (it would crash); gongjiang refuses recursive includes and macros — unroll it
hint-fix-template = fix the template; see the Tera documentation for the syntax
hint-broken-external = fix or remove the link, or point it at an archived copy (answers are cached for a day in target/gongjiang-link-cache.json)
hint-check-root = run `gongjiang check` in the site's folder, or pass --root DIR
why-not-a-folder = it is not a folder
why-no-content-folder = it has no content/ folder
why-url-scheme = it must start with http:// or https://
why-url-character = it contains a character not allowed here
why-url-no-host = it has no host
why-url-dots = its path contains `.` or `..`
why-slug-empty = it is empty
why-slug-dot = it starts with a dot
why-slug-character = it contains a character that is not allowed in a URL segment
hint-unknown-key-near = did you mean `{ $near }`? Known keys here: { $known }
hint-unknown-key = known keys here: { $known }
hint-yaml-tab = YAML is indented with spaces, never tabs
hint-yaml-too-deep = the front matter nests or repeats too deeply; write the data out plainly
hint-yaml-unknown-variant = use one of the listed values
hint-yaml-duplicate = each key may appear once; remove the repeated one
hint-yaml-syntax = check the YAML syntax and the types of the values (see README: front-matter reference)
hint-figure-id = use ids like `book-rooms`
hint-duplicate-figure = figure ids must be unique on a page
hint-mixed-group = put figures that count different things in separate groups, or remove `group:` from a figure that has no like partner (a group of one draws no chart); `{ $first }` and `{ $second }` cannot share one
bad-value-not-a-number = figure `{ $id }` has value { $value }, which is not a number
bad-value-too-large = figure `{ $id }` has value { $value }, larger than { $max } (2^53): its digits cannot be kept exactly
bad-value-negative-decrease = figure `{ $id }` has value { $value } with qualifier `decrease`: the wording (下降) already says the number fell, so a minus sign would turn the fall into a rise
bad-value-negative = figure `{ $id }` has value { $value } with qualifier `{ $qualifier }`: only qualifier `increase` takes a negative number (增长-3.5%, as the report writes it)
bad-value-first-not-one = figure `{ $id }` has qualifier `first` (首) with value { $value }: 首 means the first one, so the value must be 1
bad-value-not-a-place = figure `{ $id }` has qualifier `{ $qualifier }` (第) with value { $value }: a place in an order is a whole number from 1 (第一, 第四届)
bad-value-share-over-100 = figure `{ $id }` is a share (占比) of { $value }%: a part is at most 100% of the whole
hint-bad-value-not-a-number = write the number as the report states it
hint-bad-value-too-large = write the number in a larger unit (for example 亿元 instead of 元)
hint-bad-value-negative-decrease = write the number the report states, without the sign: `value: { $value }`
hint-bad-value-negative = write the number as the report states it; a fall the report words as 下降3.5% is `qualifier: decrease` with `value: 3.5`
hint-bad-value-first-not-one = write `value: 1`; if the report counts several, use another qualifier (for example `exact`)
hint-bad-value-not-a-place = write the whole number the report states, for example `value: 4` for 第四届
hint-bad-value-share-over-100 = check the number against the report; a rise of more than 100% is `qualifier: increase`
io-write-file = cannot write { $name }
hint-precompress-collision = with `precompress: true` the build writes { $path } itself, compressed from { $original }: remove static/{ $path }, or turn precompress off
hint-static-collision-page = rename or remove the static file, or give { $page } another `slug`
hint-static-collision-file = rename or remove the static file
hint-no-chart-columns = a table drawn as a chart has a header row with `label` and `value` (and optionally `unit`)
hint-table-units = chart rows that count the same thing, or make separate tables
hint-no-data-files = put the file under data/ and write its path from the site root, e.g. `figures: data/skills.csv`
hint-data-files-are = the data files are: { $files }
hint-card-near = did you mean `{"{{"}card { $near }{"}}"}`?
hint-card = name a figure of this page, or `page/id` for another page's
hint-chart-near = did you mean `{"{{"}chart { $near }{"}}"}`? A chart is drawn for a group of two or more figures
hint-chart = name a `group:` of this page's figures that has two or more members
hint-no-tables = put the CSV file under data/ and name it from the site root
hint-tables-are = the tables are: { $tables }
hint-figure-on-draft = the figure is on { $source }, a draft left out of this build: publish it (`draft: false`), build with --drafts, or remove the reference
hint-figure-reference-near = did you mean `{"{{"}{ $near }{"}}"}`? A figure of another page is named `{"{{"}page/id{"}}"}`
hint-figure-reference = give the id of a figure in this page's `figures:` list, or `page/id` for another page's
hint-while-rendering = { $hint } (while rendering { $page })
while-rendering = while rendering { $page }
hint-templates-see = templates see: { $names }
hint-check-field-name = check the name; README "What templates see" lists the fields
hint-fields-of = `{ $top }` has: { $fields }
hint-check-variable-name = check the name; README "What templates see" lists what templates get, and `x | default(value="")` covers an optional value
hint-fix-filter-value = fix the value given to `{ $name }`
hint-filters = the filters are Tera's built-in ones (see its documentation) and `cn_number`
hint-fix-function-arguments = fix the arguments given to `{ $name }()`
hint-functions-are = functions: { $names }
hint-fix-test-value = fix the value given to `{ $name }`
hint-tests-are = tests: { $names }
hint-missing-include = create templates/{ $target }, or fix the name
hint-first-of-matches = { $hint }; { $matches } places in templates/{ $template } match, this is the first
hint-missing-template = create templates/{ $name }, or set `template:` to an existing one
hint-undefined-block = rename it to one of the blocks of { $parent }, or add `{"{%"} block { $block } {"%}{%"} endblock {"%}"}` there

## check's report

seen-in = { $message } (in { $file }{ $others ->
        [0] {""}
        [one] {" "}and 1 other file
       *[other] {" "}and { $others } other files
    })
seen-rendered = { $message } (rendered by a template{ $others ->
        [0] {""}
        [one] {" "}and 1 other file
       *[other] {" "}and { $others } other files
    })
hint-computed = { $hint }; the value comes from a template expression, not from the page's Markdown (`gongjiang build` writes this file)
note-computed = the value comes from a template expression, not from the page's Markdown (`gongjiang build` writes this file)
external-links-checked = External links ({ $count }, checked):
external-links-unchecked = External links ({ $count }, not checked; add --external to request them):
external-link-cached = { $place }, cached
check-no-problems = No problems found in { $pages } { $pages ->
        [one] page
       *[other] pages
    }.
check-summary = { $problems } { $problems ->
        [one] problem
       *[other] problems
    } in { $files } { $files ->
        [one] file
       *[other] files
    } ({ $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }).

## check's copy lint

marks-quotation = quotation
marks-title = title
copy-unclosed = `{ $open }` opens a { $what } that no `{ $close }` closes in this paragraph
hint-copy-unclosed = add `{ $close }` where the { $what } ends, or remove this `{ $open }` (rule `paired-marks`)
copy-unopened = `{ $close }` closes a { $what } that no `{ $open }` opens in this paragraph
hint-copy-unopened = add `{ $open }` where the { $what } starts, or remove this `{ $close }` (rule `paired-marks`)
copy-lint-stops = the copy lint stops here: it reads the first { $read } KB of a page, and this one has { $size } KB
hint-copy-lint-stops = split the page into pages of a readable length
copy-unreadable = autocorrect could not read this text, so its copy is not checked: { $error }
hint-copy-unreadable = report the text to gongjiang's maintainers; `check: {"{"} copy: false {"}"}` in the site settings turns the copy lint off
copy-write-for = write `{ $fix }` for `{ $written }`
hint-copy-rule = autocorrect's rule `{ $rule }`; if the site writes it this way on purpose, turn the rule off in its settings: `check: {"{"} copy_rules: {"{"} { $rule }: off {"}"} {"}"}`
hint-copy-suggestion = autocorrect's suggestion; `check: {"{"} copy: false {"}"}` in the site settings turns the copy lint off
copy-what-number = a number
copy-what-latin = Latin text
copy-what-char = `{ $char }`
copy-what-next-word = the next word
copy-half-width-bracket = half-width `{ $char }` next to Chinese text: write `{ $full }` (or, as autocorrect asks, `{ $fix }`)
copy-no-space = no space between Chinese text and { $what }: write `{ $fix }`
copy-space-beside-quote = a space beside the quotation mark `{ $mark }`: write `{ $fix }`
copy-space-beside-mark = a space beside the full-width `{ $mark }`: write `{ $fix }`
copy-space-too-many = a space too many: write `{ $fix }`
copy-half-width-between = half-width `{ $half }` between Chinese characters: write `{ $with }`
copy-half-width-in = half-width `{ $half }` in Chinese text: write `{ $with }`
copy-full-width-letters = full-width letters or digits `{ $removed }`: write `{ $with }`
copy-full-width-in-english = full-width `{ $removed }` in English text: write `{ $with }`

## What a reference is, in check's findings

this-page = the page
what-code = { $code }
what-link = link
what-image = image
what-style-import = a `<style>` @import
what-style-url = a `<style>` url()
what-style-attribute-url = a style attribute's url()
hint-missing-alt = say what the image shows: `![what it shows](src)`
hint-img-without-alt = add alt="what it shows" (alt="" only for a purely decorative image)
hint-orphan-page = link to it from a page, a menu or a section's list, or mark it `draft: true`
hint-lonely-group = add another figure to the group, or remove `group:` from this one
hint-javascript-url = link to a page or a file instead; the site never runs code from a URL (Markdown shows such links as plain text)
hint-third-party = the site promises its readers no third-party requests: copy the file into static/ and refer to it with asset_url(path=...)
hint-link-outside-base = in Markdown write `/path/` (the base path is added); in templates use url(path=...) or asset_url(path=...)
hint-broken-link = link to an existing page (content/x.md is published at /x/) or add the file under static/
hint-ids-on-page = ids on that page: { $ids }; a heading's id is its text (or set one with `{"{"}#id{"}"}`)
hint-duplicate-id = give one of them another id (a heading's id comes from its text or an explicit `{"{"}#id{"}"}`)
hint-typed-figure = write {"{{"}{ $id }{"}}"} instead: it shows `{ $text }` and links to the figure's card
hint-unshown-figure = reference it in the text ({"{{"}id{"}}"}), show it with the page's template, or remove it

## serve

serve-serving = Serving { $url } (Ctrl-C to stop)
serve-stopped = Stopped.
serve-built = Built { $pages } { $pages ->
        [one] page
       *[other] pages
    } in { $ms } ms
serve-rebuilt = Rebuilt { $pages } { $pages ->
        [one] page
       *[other] pages
    } in { $ms } ms
serve-runs-with-error = (the server runs; the error is shown in the browser until it is fixed)
serve-reachable = listening on { $address }: the site is reachable from other machines on your network.
serve-no-browser = cannot open a browser: { $error }
serve-no-reload = pages will not rebuild or reload by themselves
serve-watch-failed = file watching: { $error }
overlay-heading = The site has an error; showing the last good build.
overlay-hide = Hide
search-sizes = search index { $index } KB + Pagefind { $runtime } KB ({ $index_ratio }× + { $runtime_ratio }× the rest of the site)

## The command line

build-done = Built { $pages } { $pages ->
        [one] page
       *[other] pages
    }, { $statics } static { $statics ->
        [one] file
       *[other] files
    } in { $ms } ms -> { $output }
build-done-search = { $done }; { $search }

## languages
unknown-language = this file is a translation into `{ $code }` (its name ends in .{ $code }.md), but the site's `languages` are { $languages }
hint-unknown-language = add `{ $code }` to `languages:` in the site settings of content/_index.md, or rename the file if it is not a translation
default-language-not-first = `languages` must start with the default language `{ $language }`, not `{ $first }`
hint-default-language-first = list the default language first, e.g. `languages: [zh-CN, en]`, or change `language:`
orphan-translation = this translation has no original: { $original } does not exist
hint-orphan-translation = a translation sits beside its original with the language before .md (skills.md and skills.en.md); create the original or rename this file
translation-unknown-figure = the figure `{ $id }` is not one of { $original }'s figures
hint-translation-unknown-figure = a translation gives words for its original's figures only: fix the id, or add the figure (with its value) to the original
translation-missing-figure = the translation lacks the figure `{ $id }` ({ $original }, line { $line })
hint-translation-missing-figure = add it under `figures:` with its label in this language: `- id: { $id }` and `label: …` (the value comes from the original)
translation-value = the figure `{ $id }` has the value { $value } here but { $original_value } in { $original } (line { $line })
hint-translation-value = a figure's value is written once, in the original: remove `value:` from the translation, or correct it
translation-missing-words = the figure `{ $id }` needs a `{ $key }` in this language: its original has one
hint-translation-missing-words = add `{ $key }:` with the words in this language
hint-translation-unit = add `unit:` with the word in this language for `{ $unit }` (or `unit: ""` if the label says it)
missing-translation = this page has no { $language } translation: readers of that language do not see it
hint-missing-translation = translate it in { $file } (a page missing in one language is allowed)
## Errors a non-programmer can act on (yaml_mistakes: what was typed, what was expected, the fix)

section-page = the page's front matter
section-figure = a figure (an item of `figures:`)
section-site = the site settings (`site:` in content/_index.md)
section-source = `source:` of the site settings
section-check = `check:` of the site settings
expected-whole-number = a whole number such as 3
expected-number = a number such as 15000
expected-text = text
expected-true-false = `true` or `false`
expected-list = a list, one `- ` item per line
expected-settings = indented `key: value` lines
expected-figures-or-file = a list of figures, or the path of a data file such as data/skills.csv
found-value = `{ $value }`
found-list = a list
found-settings = indented settings
found-nothing = nothing
wrong-type = `{ $key }` should be { $expected }, not { $found }
not-a-choice = `{ $found }` is not a choice for `{ $key }`; the choices are: { $choices }
missing-key = { $section } needs `{ $key }`, and it is missing here
comment-in-value = the value of `{ $key }` ends at ` #`: YAML reads the rest of the line as a comment, so the value is only `{ $kept }`
slip-full-width-colon = full-width colon `：` after `{ $key }`: YAML needs an ordinary colon `:` after a key
slip-full-width-indent = this line is indented with a full-width space `　`: YAML indents with ordinary spaces
slip-full-width-space = full-width space `　` after the colon: YAML needs an ordinary space there
slip-tab = this line is indented with a tab: YAML indents with spaces, never tabs
slip-no-space = no space after the colon of `{ $key }`: YAML needs `: ` (a colon and a space) between a key and its value
slip-unclosed-quote = the quote { $quote } that opens this value is never closed
slip-colon-in-value = the value of `{ $key }` contains `: `, which YAML reads as the start of another key
hint-slip-tab = replace the tab with spaces (two for each level)
hint-slip-full-width-indent = replace the full-width spaces at the start of the line with ordinary spaces (switch the input method to half-width or English)
hint-slip-write = write `{ $fixed }` (an ordinary colon, then an ordinary space)
hint-slip-unclosed-quote = end the value with a matching { $quote } on the same line, or remove the opening one
hint-slip-quote-value = put the whole value in double quotes: `{ $fixed }`
hint-value-is-comment = a `#` after a space starts a comment, so `{ $key }` is empty: put the value in double quotes
hint-write-number = write `{ $key }: { $number }`: digits only, without 万, 亿 or commas (the page shows it as { $shown })
hint-write-whole-number = write the number alone, in digits, e.g. `{ $key }: 3`
hint-write-a-number = write the number alone, in digits, e.g. `{ $key }: 15000` (no 万 or 亿, no commas; the unit goes in `unit:`)
hint-write-true-false = write `{ $key }: true` or `{ $key }: false`
hint-write-text = put the text in double quotes: `{ $key }: "..."`
hint-qualifier-default = write `qualifier: { $qualifier }`: the qualifier names the kind of number in English, and `{ $qualifier }` is shown as { $wording }
hint-qualifier-wording = write `qualifier: { $qualifier }` and, on the next line, `wording: { $wording }`: the qualifier names the kind of number in English, the wording is the word the report uses
hint-qualifier-wording-either = write `qualifier: { $qualifier }` or `qualifier: { $other }` (both are shown with { $wording }; see the README for the difference)
hint-did-you-mean-value = did you mean `{ $key }: { $near }`?
hint-choose-one = write one of the choices, e.g. `{ $key }: { $first }`
hint-key-belongs = `{ $key }` belongs in { $section }, not here; the keys here are: { $known }
hint-missing-key = add `{ $key }: ...` to { $section }
hint-wording-choices = with `qualifier: { $qualifier }` write one of: { $accepted } (without `wording:` it shows { $default })
hint-wording-none = `qualifier: exact` shows the number alone: remove `wording:`
hint-wording-of-other = `{ $wording }` is the wording of `qualifier: { $other }`: write that qualifier, or with `qualifier: { $qualifier }` one of: { $accepted }
hint-number-cell = write `{ $number }` in this cell: digits only, without 万, 亿 or commas (the page shows it as { $shown })
hint-cell-qualifier = write `{ $qualifier }` in column `qualifier` and `{ $wording }` in column `wording` (add that column to the header if it is missing): the qualifier names the kind of number in English, the wording is the word the report uses
hint-choose-key = write one of the choices before the colon, e.g. `{ $first }:`
duplicate-key = `{ $key }` is written twice here (first on line { $first_line })
hint-duplicate-key = each key may appear once in one place: keep one `{ $key }:` line and remove the other
## Images and other files beside the pages
content-file-collision = { $file } and { $other } would both be written to { $path }
content-file-overwrites = { $file } would overwrite the generated file { $path }
missing-image = image `{ $src }` not found: neither { $content } nor { $fallback } exists
hint-content-file-collision = rename or move one of the two files
hint-content-file-generated = rename or move { $file }: the build writes { $path } itself
hint-missing-image = put the image beside the Markdown file ({ $content }) or in static/, or correct the path: a relative path starts from the folder of the Markdown file
## Theme, init and the optional base URL

bad-base-url-option = the address given with --base-url, `{ $url }`, cannot be used: { $why }
hint-bad-base-url-option = pass an absolute URL, e.g. --base-url https://example.org/reform/
no-base-url = the site has no base URL, so no sitemap.xml, feed.xml, canonical or og:url links were written
hint-no-base-url = set `base_url:` in the site settings of content/_index.md (e.g. base_url: https://example.org/reform/), or build with --base-url URL
folder-not-empty = the folder { $folder } is not empty
hint-folder-not-empty = give a new folder name (gongjiang init mysite) or run it in an empty folder; init never replaces files
would-overwrite = the file already exists, and eject never replaces a file
hint-would-overwrite = the site already replaces this built-in file; to start again from the built-in one, move or delete { $file } first
unknown-theme-file = the built-in theme has no file `{ $name }`
hint-theme-did-you-mean = did you mean `{ $name }`? `gongjiang theme` lists every built-in file
hint-theme-list = `gongjiang theme` lists every built-in file
label-built-in = (built-in)
hint-built-in-template = { $hint } (this template is part of the built-in theme: `gongjiang theme eject { $file }` copies it into the site to edit)
theme-list-heading = The built-in theme (a file of the same name in the site replaces it):
theme-file-own = { $file }  (replaced by the site's own)
theme-list-eject = Copy files into the site to edit them: gongjiang theme eject [FILE...]
theme-ejected = wrote { $file }
init-done = Created a new site in { $folder }. Next:
init-next = { $build }    build it into { $folder }/public
    { $serve }    preview it at http://127.0.0.1:1111/ while you edit
