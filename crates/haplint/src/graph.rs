//! `haplint graph`: the routing of a configuration as a picture or as data
//! (docs/graph.md).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use haplint_graph::{BuildOptions, Format, GraphOptions, graph_analyzed, write};
use haplint_linter::LintOptions;
use haplint_semantic::ConfigSet;

use crate::bounded_read::{DEFAULT_MAX_FILE_SIZE, read_bounded, read_file_bounded};
use crate::check::parse_target;
use crate::cli::{GraphArgs, GraphFormat};
use crate::environment::CliEnvironment;
use crate::exit;
use crate::set_job::DeclaredSets;
use crate::settings::{Applied, SettingsCache};

/// The graph of a large configuration is tens of megabytes: written in
/// large pieces, not in the 8 KiB a default buffer holds.
const OUTPUT_BUFFER: usize = 1 << 16;

pub fn run(args: &GraphArgs) -> u8 {
    match draw(args) {
        Ok(()) => exit::CLEAN,
        Err(message) => {
            eprintln!("haplint: error: {message}");
            exit::TROUBLE
        }
    }
}

fn format_of(format: GraphFormat) -> Format {
    match format {
        GraphFormat::Mermaid => Format::Mermaid,
        GraphFormat::Dot => Format::Dot,
        GraphFormat::Svg => Format::Svg,
        GraphFormat::Html => Format::Html,
        GraphFormat::Json => Format::Json,
    }
}

fn draw(args: &GraphArgs) -> Result<(), String> {
    let target = args
        .target_version
        .as_deref()
        .map(parse_target)
        .transpose()?;
    let mut settings = SettingsCache::new(args.config.clone());
    // The settings of the first file apply to the picture, as they do to
    // the findings of a set in `haplint check`.
    let first = args
        .path
        .clone()
        .or_else(|| args.set_files.first().cloned())
        .unwrap_or_default();
    let applied = settings.for_file(&first);
    if settings.unreadable || !settings.problems.is_empty() {
        return Err("haplint.toml is invalid; `haplint check` shows why".to_owned());
    }
    let limit = args
        .max_file_size
        .or(applied.settings.max_file_size)
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let environment = CliEnvironment::new(&args.environment)?.for_settings(&applied);
    let (set, files) = load(args, &applied, limit)?;
    let lint = LintOptions {
        environment,
        ..LintOptions::from_settings(&applied.settings, &applied.selection, target, true)
    };
    let read_map = |name: &str| read_map(name, &files, limit);
    let options = GraphOptions {
        findings: !args.no_findings,
        section: args.section.clone(),
        build: BuildOptions {
            acl_definitions: args.acl_definitions,
            read_map: if args.live { Some(&read_map) } else { None },
        },
        lint,
    };
    let analyzed = haplint_graph::analyze(&set, &options);
    let graph = graph_analyzed(&set, &analyzed.0, &analyzed.1, &options);
    // Freeing the model of a large configuration, made of many small
    // allocations, costs a third of the run; the process ends right after
    // writing, and the system takes the memory back at once.
    std::mem::forget(analyzed);
    std::mem::forget(set);
    let graph = graph.map_err(|error| error.to_string())?;
    let format = format_of(args.format);
    if let Some(path) = &args.output {
        let cannot = |error: std::io::Error| format!("cannot write `{}`: {error}", path.display());
        let mut file =
            BufWriter::with_capacity(OUTPUT_BUFFER, std::fs::File::create(path).map_err(cannot)?);
        return write(&graph, format, &mut file)
            .and_then(|()| file.flush())
            .map_err(cannot);
    }
    let mut stdout = BufWriter::with_capacity(OUTPUT_BUFFER, std::io::stdout().lock());
    write(&graph, format, &mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write the graph: {error}"))
}

/// The set to draw and the paths of its files.
fn load(
    args: &GraphArgs,
    applied: &Applied,
    limit: u64,
) -> Result<(ConfigSet, Vec<PathBuf>), String> {
    let files = match &args.path {
        None => args.set_files.clone(),
        Some(path) if path.as_os_str() == "-" => {
            let bytes = read_bounded(std::io::stdin().lock(), limit)
                .map_err(|error| format!("cannot read standard input: {error}"))?;
            return Ok((ConfigSet::single(Path::new("<stdin>"), &bytes), Vec::new()));
        }
        Some(path) => match DeclaredSets::default().find(applied, path) {
            Some(found) => found.files,
            None => vec![path.clone()],
        },
    };
    let (set, problems) = crate::config_set::load(&files, limit);
    if let Some(problem) = problems.first() {
        return Err(problem.clone());
    }
    Ok((set, files))
}

/// A map file of a dynamic target, by the name the configuration gives:
/// absolute, or relative to the working directory (where HAProxy resolves
/// it), else to the directory of a file of the set.
fn read_map(name: &str, files: &[PathBuf], limit: u64) -> Option<String> {
    let name = Path::new(name);
    let candidates = std::iter::once(name.to_path_buf()).chain(
        files
            .iter()
            .filter(|_| name.is_relative())
            .filter_map(|file| file.parent().map(|dir| dir.join(name))),
    );
    for candidate in candidates {
        if let Ok(bytes) = read_file_bounded(&candidate, limit) {
            return Some(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    None
}
