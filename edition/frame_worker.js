// The offline copy's Web Worker (edition/offline.py copies this into it; mkdocs.offline.yml loads it in <head>).
// Chromium runs no worker for a page opened from file://, so Material's search worker runs in a hidden frame of
// the page instead. Material's offline plugin loads a shim for this from a CDN (unpkg.com/iframe-worker); this
// one asks for nothing outside the copy, and writes no inline script into its frame, so the page's
// Content-Security-Policy (script-src 'self' and hashes, which the frame inherits) stays as it is.
// The frame is an empty document of the page's own origin: the worker's script comes by <script src>, its
// postMessage() answers the page, and messages reach its "message" listeners; each message is copied into the
// receiving side (structuredClone) and delivered later, as a worker's would be. Served over http(s): no change.
(function () {
  "use strict"
  if (location.protocol !== "file:") return

  function FrameWorker(url) {
    var worker = new EventTarget()
    var frame = document.createElement("iframe")
    frame.hidden = true
    frame.setAttribute("aria-hidden", "true")
    frame.tabIndex = -1
    document.body.append(frame)
    var scope = frame.contentWindow
    var waiting = []  // messages posted before the worker's script has run

    function deliver(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: scope.structuredClone(data) }))
    }
    scope.postMessage = function (data) {  // from the worker's script: to the page
      var copy = structuredClone(data)
      setTimeout(function () {
        var event = new MessageEvent("message", { data: copy })
        worker.dispatchEvent(event)
        if (typeof worker.onmessage === "function") worker.onmessage(event)
      })
    }
    worker.postMessage = function (data) {  // from the page: to the worker's script
      var copy = structuredClone(data)
      if (waiting) waiting.push(copy)
      else setTimeout(function () { deliver(copy) })
    }
    worker.terminate = function () { frame.remove() }

    function load(src) {  // a script of the worker, run in the frame; src relative to the worker's script
      return new Promise(function (resolve, reject) {
        var script = scope.document.createElement("script")
        script.src = new URL(src, start).href
        script.addEventListener("load", function () { resolve() })
        script.addEventListener("error", function () { reject(new Error("cannot load " + script.src)) })
        scope.document.head.append(script)
      })
    }
    // Material's worker awaits importScripts() (it imports lunr's languages, for a search language other than English)
    scope.importScripts = function () {
      return Array.prototype.reduce.call(arguments, function (done, src) {
        return done.then(function () { return load(src) })
      }, Promise.resolve())
    }
    var start = new URL(url, location.href)
    load(start).then(function () {
      var queued = waiting
      waiting = null
      queued.forEach(deliver)
    }, function () { worker.dispatchEvent(new Event("error")) })
    return worker
  }

  window.Worker = FrameWorker
})()
