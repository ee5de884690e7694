//! Document links for the files a configuration names: certificates, CA
//! files, error pages, Lua scripts, ACL pattern files and maps.

use std::path::{Path, PathBuf};

use haplint_semantic::{Model, Word};
use haplint_syntax::TextRange;
use lsp_types::{DocumentLink, Url};

use crate::snapshot::Snapshot;

/// Options followed by a file path on `bind` and `server` lines.
const PATH_OPTIONS: [&str; 5] = ["crt", "ca-file", "crl-file", "crt-list", "ca-verify-file"];

/// The directory a `crt-base`/`ca-base` of the global section names.
fn base(model: &Model, keyword: &str) -> Option<PathBuf> {
    model
        .sections
        .iter()
        .flat_map(|section| &section.statements)
        .filter(|statement| statement.head() == keyword)
        .filter_map(|statement| statement.args().first())
        .map(|word| PathBuf::from(&word.value))
        .next_back()
}

fn link(
    snapshot: &Snapshot,
    dir: &Path,
    base: Option<&Path>,
    path: &str,
    range: TextRange,
) -> Option<DocumentLink> {
    if path.is_empty() || path.contains('$') {
        return None;
    }
    let written = Path::new(path);
    let full = if written.is_absolute() {
        written.to_path_buf()
    } else {
        base.map_or_else(|| dir.join(written), |base| dir.join(base).join(written))
    };
    Some(DocumentLink {
        range: snapshot.text_range(snapshot.file, range),
        target: Some(Url::from_file_path(&full).ok()?),
        tooltip: Some(full.display().to_string()),
        data: None,
    })
}

fn plain(word: &Word) -> bool {
    u32::from(word.range.len()) as usize == word.value.len()
}

/// The source range of bytes `start..end` of a word's value: direct for a
/// plain word, shifted past the quote for a simply double-quoted one
/// (`"%[src,map(/x.map)]"`), `None` when escapes make offsets differ.
fn value_range(snapshot: &Snapshot, word: &Word, start: usize, end: usize) -> Option<TextRange> {
    if plain(word) {
        return Some(word.sub_range(start, end));
    }
    let source = snapshot
        .text()
        .get(std::ops::Range::<usize>::from(word.range))?;
    if source.len() == word.value.len() + 2
        && source.starts_with('"')
        && source.ends_with('"')
        && source[1..source.len() - 1] == word.value
    {
        let base = usize::from(word.range.start()) + 1;
        let to_size = |offset: usize| {
            haplint_syntax::TextSize::from(u32::try_from(offset).unwrap_or(u32::MAX))
        };
        return Some(TextRange::new(to_size(base + start), to_size(base + end)));
    }
    None
}

pub fn document_links(snapshot: &Snapshot) -> Vec<DocumentLink> {
    let model = &snapshot.analyzed().analysis.model;
    let dir = snapshot
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let crt_base = base(model, "crt-base");
    let ca_base = base(model, "ca-base");
    let mut links = Vec::new();
    for statement in model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
        .flat_map(|section| &section.statements)
    {
        let args = statement.args();
        let mut add = |word: &Word, base: Option<&Path>| {
            if plain(word) {
                links.extend(link(snapshot, &dir, base, &word.value, word.range));
            }
        };
        match statement.head() {
            "errorfile" => args.get(1).into_iter().for_each(|word| add(word, None)),
            "lua-load" | "lua-load-per-thread" => {
                args.first().into_iter().for_each(|word| add(word, None));
            }
            _ => {}
        }
        for pair in args.windows(2) {
            match pair[0].value.as_str() {
                "crt" | "crt-list" => add(&pair[1], crt_base.as_deref()),
                option if PATH_OPTIONS.contains(&option) => add(&pair[1], ca_base.as_deref()),
                // `acl name -M -f file`, `map_*` aside: `-f` takes a pattern file.
                "-f" => {
                    add(&pair[1], None);
                }
                _ => {}
            }
        }
        // `map(file)`, `map_str(file,default)` inside sample expressions.
        for word in args {
            for range in haplint_linter::live::map_paths(&word.value) {
                let path = &word.value[range.clone()];
                let map_like = path.contains('/')
                    || Path::new(path)
                        .extension()
                        .is_some_and(|extension| extension.eq_ignore_ascii_case("map"));
                if map_like && let Some(range) = value_range(snapshot, word, range.start, range.end)
                {
                    links.extend(link(snapshot, &dir, None, path, range));
                }
            }
        }
    }
    links.sort_by_key(|link| (link.range.start.line, link.range.start.character));
    links.dedup_by_key(|link| link.range);
    links
}
