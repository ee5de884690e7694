//! One self-contained HTML page: the SVG (its legend included), and a panel
//! that shows the hover details of what the pointer is on.

use super::svg;
use crate::graph::Graph;

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>haplint routing graph</title>
<style>
body { font-family: system-ui, sans-serif; margin: 16px; color: #1f2937; }
#details { position: sticky; top: 0; min-height: 4.5em; white-space: pre-wrap; font-family: monospace;
  background: #f9fafb; border: 1px solid #e5e7eb; padding: 8px; margin-bottom: 12px; z-index: 1; }
.graph { overflow: auto; }
.node, .edge { cursor: default; }
.node:hover rect { stroke-width: 3; }
.edge:hover path { stroke-width: 3; }
</style>
</head>
<body>
<h1>Routing graph</h1>
<div id="details">Point at a frontend, backend, server or rule for its details.</div>
<div class="graph">
"#;

const TAIL: &str = r#"</div>
<script>
// The <title> of each node and edge is its hover text; the panel shows it too.
(function () {
  var panel = document.getElementById("details");
  document.querySelectorAll(".node, .edge").forEach(function (item) {
    var title = item.querySelector("title");
    if (!title) { return; }
    item.addEventListener("mouseenter", function () { panel.textContent = title.textContent; });
  });
})();
</script>
</body>
</html>
"#;

pub fn render(graph: &Graph) -> String {
    let mut out = String::from(HEAD);
    out.push_str(&svg::render(graph));
    out.push_str(TAIL);
    out
}
