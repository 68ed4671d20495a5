// The edition's few behaviours, as listeners (the Content-Security-Policy allows no inline script).
document.querySelectorAll("button.print-button").forEach(function (button) {
  button.addEventListener("click", function () { window.print() })
})
// Material's search dialog has no accessible name (axe: aria-dialog-name).
document.querySelectorAll(".md-search[role=dialog]").forEach(function (el) { el.setAttribute("aria-label", "搜索") })
