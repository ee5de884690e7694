//! `workspace/executeCommand` `haplint.routingGraph`: the routing graph of
//! a document (with the rest of its set) as text, for an editor to show.
//! Arguments: `[uri, format]` or `[{"uri", "format", "section", "findings"}]`,
//! the format one of `mermaid`, `dot`, `svg`, `html`, `json` (default
//! `svg`); findings are drawn unless `"findings": false`.

use haplint_graph::{Format, GraphOptions, graph_analyzed, render};
use lsp_types::Url;
use serde_json::Value;

use crate::snapshot::Snapshot;

pub const COMMAND: &str = "haplint.routingGraph";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub uri: Url,
    pub format: Format,
    pub section: Option<String>,
    pub findings: bool,
}

/// Reads the command's arguments; the message says what is wrong.
pub fn parse(arguments: &[Value]) -> Result<Request, String> {
    let (uri, format, section, findings) = match arguments {
        [Value::String(uri)] => (uri.as_str(), None, None, true),
        [Value::String(uri), Value::String(format)] => {
            (uri.as_str(), Some(format.as_str()), None, true)
        }
        [Value::Object(fields)] => (
            fields
                .get("uri")
                .and_then(Value::as_str)
                .ok_or("`uri` is missing")?,
            fields.get("format").and_then(Value::as_str),
            fields.get("section").and_then(Value::as_str),
            fields
                .get("findings")
                .and_then(Value::as_bool)
                .unwrap_or(true),
        ),
        _ => {
            return Err(format!(
                "{COMMAND} takes [uri, format] or [{{uri, format, section, findings}}]"
            ));
        }
    };
    let uri = Url::parse(uri).map_err(|error| format!("`{uri}` is not a URI: {error}"))?;
    let format = match format {
        None => Format::Svg,
        Some(name) => Format::parse(name).ok_or_else(|| {
            format!("`{name}` is not a graph format; use mermaid, dot, svg, html or json")
        })?,
    };
    Ok(Request {
        uri,
        format,
        section: section.map(str::to_owned),
        findings,
    })
}

/// The graph of the snapshot's set, or why there is none.
pub fn routing_graph(snapshot: &Snapshot, request: &Request) -> Result<String, String> {
    let analyzed = snapshot.analyzed();
    let options = GraphOptions {
        findings: request.findings,
        section: request.section.clone(),
        lint: snapshot.applied.options.clone(),
        // Map files are not read: the editor's picture shows the text only.
        ..GraphOptions::default()
    };
    let graph = graph_analyzed(
        &snapshot.set,
        &analyzed.analysis,
        &analyzed.inheritance,
        &options,
    )
    .map_err(|error| error.to_string())?;
    Ok(render(&graph, request.format))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_argument_shapes() {
        let short = parse(&[json!("file:///a.cfg"), json!("dot")]).expect("parses");
        assert_eq!(short.format, Format::Dot);
        let long = parse(&[json!({"uri": "file:///a.cfg", "section": "www", "findings": false})])
            .expect("parses");
        assert_eq!(long.format, Format::Svg);
        assert_eq!(long.section.as_deref(), Some("www"));
        assert!(!long.findings);
        assert!(parse(&[json!("file:///a.cfg"), json!("png")]).is_err());
        assert!(parse(&[]).is_err());
        assert!(parse(&[json!("not a uri")]).is_err());
    }
}
