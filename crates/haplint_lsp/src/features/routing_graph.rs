//! `workspace/executeCommand` `haplint.routingGraph`: the routing graph of
//! a document (with the rest of its set) as text, for an editor to show.
//! Arguments: `[uri, format]` or `[{"uri", "format", "section", "findings"}]`,
//! the format one of `mermaid`, `dot`, `svg`, `html`, `json` (default
//! `svg`); findings are drawn unless `"findings": false`.
//!
//! For a document saved on disk, the map files of dynamic targets are
//! read, as `haplint graph --live` reads them, to draw the backends they
//! name: an absolute path, or one relative to the directory of a file of
//! the set (the server's own working directory is not HAProxy's).

use std::io::Read;
use std::path::Path;

use haplint_graph::{BuildOptions, Format, GraphOptions, graph_analyzed, render};
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
    let on_disk = snapshot.uri.scheme() == "file" && snapshot.path.is_file();
    let read = |name: &str| read_map(name, snapshot);
    let options = GraphOptions {
        findings: request.findings,
        section: request.section.clone(),
        lint: snapshot.applied.options.clone(),
        build: BuildOptions {
            read_map: on_disk.then_some(&read as &(dyn Fn(&str) -> Option<String> + Sync)),
            ..BuildOptions::default()
        },
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

/// Map files larger than this are not read: a picture needs the names,
/// and a huge file would stall the editor's request.
const MAX_MAP_BYTES: u64 = 16 << 20;

/// The text of the map file `name` of a dynamic target, if readable.
fn read_map(name: &str, snapshot: &Snapshot) -> Option<String> {
    let name = Path::new(name);
    let candidates: Vec<_> = if name.is_absolute() {
        vec![name.to_path_buf()]
    } else {
        snapshot
            .set
            .documents
            .iter()
            .filter_map(|document| document.path.parent().map(|dir| dir.join(name)))
            .collect()
    };
    candidates.into_iter().find_map(|path| {
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .ok()?
            .take(MAX_MAP_BYTES + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        (bytes.len() as u64 <= MAX_MAP_BYTES).then(|| String::from_utf8_lossy(&bytes).into_owned())
    })
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
