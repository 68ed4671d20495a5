// The cite control, loaded by edition.js on the first press of a 引用 button: a dialog with the citation of a
// paragraph, of its page or of the whole report, in GB/T 7714, Chicago, BibTeX and CSL-JSON, each with a copy
// button; the GB/T 7714 citation is copied as the dialog opens. The citations come from citations.js, which the
// build writes (edition/downloads.py) with stand-ins for the reader's date and the paragraph's id, replaced here.
// Nothing here builds markup from strings: words from data are set as text.
(function () {
  var shared = window.edition
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
  var data = null
  var dialog = null
  var wanted = null  // {scope, paragraph, opener}: the press that is waiting for the citations
  var shown = null   // the same, for what the dialog shows

  shared.stylesheet("cite.css")

  function element(tag, className, text) {
    var el = document.createElement(tag)
    if (className) el.className = className
    if (text) el.textContent = text
    return el
  }
  function two(n) { return (n < 10 ? "0" : "") + n }
  function fill(text, paragraph) {  // the reader's day (local), and the paragraph's id, for the stand-ins
    var now = new Date()
    var y = now.getFullYear(), m = now.getMonth() + 1, d = now.getDate()
    var s = data.standIns
    text = text.split(s.date_csl).join("[[" + y + ", " + m + ", " + d + "]]")
    text = text.split(s.date_en).join(MONTHS[m - 1] + " " + d + ", " + y)
    text = text.split(s.date).join(y + "-" + two(m) + "-" + two(d))
    return paragraph ? text.split(s.paragraph).join(paragraph) : text
  }
  function pageKey() {  // this page's URL below the site root, as the build keyed it
    var here = location.href.split("#")[0].split("?")[0]
    var root = shared.siteRoot.href
    return (here.indexOf(root) === 0 ? here.slice(root.length) : "").replace(/index\.html$/, "")
  }
  function citationsOf(scope, paragraph) {
    if (scope === "paragraph") return data.paragraphTemplates[data.paragraphPage[paragraph]]
    if (scope === "page") return data.pages[pageKey()] || data.report
    return data.report
  }

  function copy(text, label, pre) {
    var status = dialog.querySelector(".cite-status")
    function done() { status.textContent = data.labels.copied + ":" + label }
    function byHand() {  // no clipboard for this page (an old browser, a refused permission): select it for the reader
      var range = document.createRange()
      range.selectNodeContents(pre)
      var selection = window.getSelection()
      selection.removeAllRanges()
      selection.addRange(range)
      var copied = false
      try { copied = document.execCommand("copy") } catch (e) { /* not allowed */ }
      if (copied) done()
      else status.textContent = data.labels.copy_failed
    }
    status.textContent = ""
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, byHand)
    else byHand()
  }

  function build() {
    var labels = data.labels
    dialog = element("dialog", "ed cite-dialog")
    dialog.setAttribute("aria-labelledby", "cite-title")
    var head = element("div", "cite-head")
    var title = element("h2", "", labels.title)
    title.id = "cite-title"
    var close = element("button", "cite-close", "×")
    close.type = "button"
    close.setAttribute("aria-label", labels.close)
    close.addEventListener("click", function () { dialog.close() })
    head.append(title, close)
    var scopes = element("div", "cite-scopes")
    scopes.setAttribute("role", "group")
    ;["paragraph", "page", "report"].forEach(function (scope) {
      var button = element("button", "cite-scope", labels["scope_" + scope])
      button.type = "button"
      button.dataset.scope = scope
      button.addEventListener("click", function () { show(scope, shown.paragraph, false) })
      scopes.append(button)
    })
    var status = element("p", "cite-status")
    status.setAttribute("role", "status")
    var formats = element("div", "cite-formats")
    data.formats.forEach(function (format) {
      var box = element("section", "cite-format")
      box.dataset.format = format[0]
      var bar = element("div", "cite-format-head")
      var copyButton = element("button", "md-button cite-copy", labels.copy)
      copyButton.type = "button"
      copyButton.setAttribute("aria-label", labels.copy + " " + format[1])
      var pre = element("pre", "cite-text")
      pre.tabIndex = 0
      copyButton.addEventListener("click", function () { copy(pre.textContent, format[1], pre) })
      bar.append(element("h3", "", format[1]), copyButton)
      box.append(bar, pre)
      formats.append(box)
    })
    dialog.append(head, scopes, status, formats, element("p", "cite-note", labels.note))
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close() })  // the backdrop
    dialog.addEventListener("close", function () { if (shown && shown.opener) shown.opener.focus() })
    document.body.append(dialog)
  }

  function show(scope, paragraph, copyFirst) {
    var citations = citationsOf(scope, paragraph)
    shown.scope = scope
    dialog.querySelectorAll(".cite-scope").forEach(function (button) {
      var which = button.dataset.scope
      button.setAttribute("aria-pressed", String(which === scope))
      button.textContent = data.labels["scope_" + which] + (which === "paragraph" && paragraph ? " " + paragraph : "")
      // a page's citation that is the report's (the home page, the whole-report page) is offered once
      button.hidden = (which === "paragraph" && !paragraph) ||
        (which === "page" && citationsOf("page").gbt7714 === data.report.gbt7714)
    })
    dialog.querySelectorAll(".cite-format").forEach(function (box) {
      box.querySelector(".cite-text").textContent = fill(citations[box.dataset.format], paragraph)
    })
    if (copyFirst) {
      var first = dialog.querySelector(".cite-format")
      copy(first.querySelector(".cite-text").textContent, data.formats[0][1], first.querySelector(".cite-text"))
    }
  }

  function open(request) {
    if (!data) { wanted = request; return }
    if (!dialog) build()
    shown = request
    show(request.scope, request.paragraph, true)
    if (!dialog.open) dialog.showModal()
    dialog.querySelector(".cite-copy").focus()
  }
  shared.cite = open
  shared.receiveCitations = function (citations) {
    data = citations
    if (wanted) open(wanted)
    wanted = null
  }
  if (shared.citeWanted) open(shared.citeWanted)
  shared.load("citations.js")
})()
