//! `haplint check PATH...`

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use haplint_linter::{
    Applicability, Diagnostic, LintOptions, Severity, analyze_for, lint_analyzed,
};
use haplint_semantic::{ConfigSet, Version};

use crate::bounded_read::DEFAULT_MAX_FILE_SIZE;
use crate::cli::{CheckArgs, FailLevel, OutputFormat};
use crate::exit;
use crate::fixing::{FixMode, FixTarget, fix_text};
use crate::inputs::expand;
use crate::render;
use crate::set_job::{DeclaredSets, SetJob};
use crate::settings::{Applied, SettingsCache};
use crate::source_file::SourceFile;

/// A checked file and what was found in it, sorted by position.
pub struct CheckedFile {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs) -> u8 {
    let cli_target = match args.target_version.as_deref().map(parse_target) {
        None => None,
        Some(Ok(version)) => Some(version),
        Some(Err(message)) => {
            eprintln!("haplint: error: {message}");
            return exit::TROUBLE;
        }
    };
    if let Some(message) = unknown_selector(args) {
        eprintln!("haplint: error: {message}");
        return exit::TROUBLE;
    }
    let fix_mode = if args.diff {
        Some(FixMode::Diff)
    } else if args.fix {
        Some(FixMode::Write)
    } else {
        None
    };
    let allowed = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mut live = match crate::live::LiveCache::new(args) {
        Ok(live) => live,
        Err(message) => {
            eprintln!("haplint: error: {message}");
            return exit::TROUBLE;
        }
    };
    let environment = match crate::environment::CliEnvironment::new(&args.environment) {
        Ok(environment) => environment,
        Err(message) => {
            eprintln!("haplint: error: {message}");
            return exit::TROUBLE;
        }
    };
    let mut settings = SettingsCache::new(args.config.clone());
    let (inputs, problems) = expand(&args.paths, args.stdin_filename.as_deref(), &mut |dir| {
        settings.walk_filter(dir)
    });
    for problem in &problems {
        eprintln!("haplint: error: {problem}");
    }
    let mut io_failed = !problems.is_empty();
    // Read files and settings first (in order), then lint in parallel.
    let mut jobs = Vec::new();
    let mut sets = Vec::new();
    // Where the job of each declared set is in `sets`, by settings
    // directory and place in its `config-sets`.
    let mut set_jobs: HashMap<(PathBuf, usize), usize> = HashMap::new();
    let mut declared = DeclaredSets::default();
    for input in &inputs {
        let applied = with_cli_selection(settings.for_file(input.display_path()), args);
        let limit = args
            .max_file_size
            .or(applied.settings.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE);
        // The job of the declared set the file belongs to, and its place there.
        let mut in_set = None;
        if let Some(found) = declared.find(&applied, input.display_path()) {
            let key = (applied.base.clone().unwrap_or_default(), found.index);
            let position = found.position;
            let set = set_job(&mut jobs, &mut sets, &mut set_jobs, key, || {
                SetJob::new(
                    found.files,
                    options_for(&applied, cli_target, args, &mut live, &environment),
                    applied.clone(),
                    fix_mode.map(|mode| (mode, allowed)),
                    limit,
                )
            });
            in_set = set.map(|set| (set, position));
        }
        match input.read(limit) {
            Ok(bytes) => {
                if fix_mode == Some(FixMode::Write) && input.tree_root().is_none() {
                    eprintln!(
                        "haplint: error: `--fix` cannot write to standard input; use `--diff`"
                    );
                    io_failed = true;
                }
                let target = FixTarget {
                    path: input.display_path().to_path_buf(),
                    tree_root: input.tree_root().map(Path::to_path_buf),
                };
                if let Some((set, position)) = in_set {
                    set.ask(position, bytes, target);
                    continue;
                }
                jobs.push(Some(FileJob {
                    path: input.display_path().to_path_buf(),
                    bytes,
                    options: options_for(&applied, cli_target, args, &mut live, &environment),
                    applied,
                    fix: fix_mode.map(|mode| (target, mode, allowed)),
                }));
            }
            Err(error) => {
                eprintln!(
                    "haplint: error: cannot read `{}`: {error}",
                    input.display_path().display()
                );
                io_failed = true;
                // Its set is still checked, without it and without a
                // second message about it.
                if let Some((set, position)) = in_set {
                    set.unreadable(position);
                }
            }
        }
    }
    for set in &mut sets {
        for problem in set.read_rest() {
            eprintln!("haplint: error: {problem}");
            io_failed = true;
        }
    }
    // Sets were made in the order of their places.
    let mut sets = sets.into_iter();
    let jobs: Vec<Job> = jobs
        .into_iter()
        .filter_map(|job| match job {
            Some(file) => Some(Job::File(file)),
            None => sets.next().map(Job::Set),
        })
        .collect();
    let mut results = Vec::new();
    if !args.set_files.is_empty() {
        if fix_mode.is_some() {
            eprintln!(
                "haplint: error: `--fix` and `--diff` do not work with `-f`; declare the set in `config-sets` of haplint.toml to fix its files"
            );
            io_failed = true;
        }
        // One limit for the set: the command line's, or that of the
        // settings of its first file.
        let limit = args.max_file_size.or_else(|| {
            args.set_files
                .first()
                .and_then(|first| settings.for_file(first).settings.max_file_size)
        });
        let (set, problems) =
            crate::config_set::load(&args.set_files, limit.unwrap_or(DEFAULT_MAX_FILE_SIZE));
        for problem in &problems {
            eprintln!("haplint: error: {problem}");
        }
        io_failed |= !problems.is_empty();
        if let Some(first) = set.documents.first() {
            let applied = with_cli_selection(settings.for_file(&first.path), args);
            let options = options_for(&applied, cli_target, args, &mut live, &environment);
            results.push(JobResult {
                checked: check_set(&set, &options, &applied),
                ..JobResult::default()
            });
        }
    }
    results.extend(lint_all(&jobs));
    let mut fixes_applied = 0;
    let mut diffs = String::new();
    for result in &results {
        fixes_applied += result.fixes_applied;
        diffs.push_str(&result.diff);
        for problem in &result.problems {
            eprintln!("haplint: error: {problem}");
            io_failed = true;
        }
    }
    let fails = |severity: Severity| match args.fail_level {
        FailLevel::Error => severity == Severity::Error,
        FailLevel::Warning => matches!(severity, Severity::Error | Severity::Warning),
        FailLevel::Info => severity != Severity::Hint,
    };
    if !args.quiet {
        note_findings_elsewhere(&results, fails);
    }
    let checked: Vec<CheckedFile> = results
        .into_iter()
        .flat_map(|result| result.checked)
        .collect();
    let config_failed = !settings.problems.is_empty() || settings.unreadable;
    // Settings problems are shown but neither counted nor failing as findings.
    let failing = checked
        .iter()
        .flat_map(|file| &file.diagnostics)
        .any(|d| fails(d.severity));
    let checked_has_internal_error = checked
        .iter()
        .flat_map(|file| &file.diagnostics)
        .any(|d| d.rule == "internal-error");
    let counts = statistics(&checked);
    let mut shown = std::mem::take(&mut settings.problems);
    shown.extend(checked);
    let stdout = std::io::stdout();
    let color = args.color.enabled(stdout.is_terminal());
    // `--diff` shows what `--fix` would do, and only that: diagnostics
    // would point into text that is not on disk.
    let mut rendered = match args.output_format {
        _ if args.diff => String::new(),
        OutputFormat::Full => render::full::render(&shown, color, !args.quiet),
        OutputFormat::Concise => render::concise::render(&shown),
        OutputFormat::Json => render::json::render(&shown),
        OutputFormat::JsonLines => render::json::render_lines(&shown),
        OutputFormat::Sarif => render::sarif::render(&shown),
        OutputFormat::Github => render::github::render(&shown),
        OutputFormat::Checkstyle => render::xml::checkstyle(&shown),
        OutputFormat::Junit => render::xml::junit(&shown, fails),
    };
    if args.statistics
        && !args.diff
        && matches!(
            args.output_format,
            OutputFormat::Full | OutputFormat::Concise
        )
    {
        rendered.push_str(&counts);
    }
    let mut out = stdout.lock();
    // A closed pipe (`| head`) must not turn into a panic.
    let _ = out.write_all(diffs.as_bytes());
    let _ = out.write_all(rendered.as_bytes());
    let _ = out.flush();
    if fix_mode.is_some() && !args.quiet {
        let verb = if args.diff { "would apply" } else { "applied" };
        let plural = if fixes_applied == 1 { "" } else { "es" };
        eprintln!("haplint: {verb} {fixes_applied} fix{plural}");
    }
    // A check that failed means the report is incomplete: not a clean bill.
    let internal_failure = checked_has_internal_error;
    if io_failed || config_failed || internal_failure {
        exit::TROUBLE
    } else if args.diff {
        if diffs.is_empty() || args.exit_zero {
            exit::CLEAN
        } else {
            exit::FINDINGS
        }
    } else if failing && !args.exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Files of declared sets that were not asked for are not reported, and
/// their findings do not fail the check: they may be someone else's, or
/// checked in their own commit. A line on standard error still says which
/// of them have findings that would fail it, so that a change to one file
/// that breaks another (a renamed backend) does not go unnoticed.
fn note_findings_elsewhere(results: &[JobResult], fails: impl Fn(Severity) -> bool) {
    let failing: Vec<String> = results
        .iter()
        .flat_map(|result| &result.elsewhere)
        .filter(|file| file.diagnostics.iter().any(|d| fails(d.severity)))
        .map(|file| format!("`{}`", relative_to_cwd(&file.file.path).display()))
        .collect();
    if !failing.is_empty() {
        eprintln!(
            "haplint: note: other files of the configuration set have findings, not reported here: {} (name them to see them)",
            failing.join(", ")
        );
    }
}

/// `path` from the working directory when it is below it: the files of a
/// set are found from the settings file, and spelled from its directory.
fn relative_to_cwd(path: &Path) -> &Path {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
}

/// The job of a declared set, made by `make` for its first file; the
/// place of a set among the jobs is that of its first file (`None` in
/// `jobs`), so that the report keeps the order of the command line.
fn set_job<'a>(
    jobs: &mut Vec<Option<FileJob>>,
    sets: &'a mut Vec<SetJob>,
    slots: &mut HashMap<(PathBuf, usize), usize>,
    key: (PathBuf, usize),
    make: impl FnOnce() -> SetJob,
) -> Option<&'a mut SetJob> {
    let slot = *slots.entry(key).or_insert_with(|| {
        jobs.push(None);
        sets.push(make());
        sets.len() - 1
    });
    sets.get_mut(slot)
}

/// What to lint (and maybe fix): a file alone, or the files asked for of
/// a declared set with the rest of it.
enum Job {
    File(FileJob),
    Set(SetJob),
}

/// One file to lint (and maybe fix).
struct FileJob {
    path: PathBuf,
    bytes: Vec<u8>,
    options: LintOptions,
    applied: Applied,
    fix: Option<(FixTarget, FixMode, Applicability)>,
}

/// What checking one job produced.
#[derive(Default)]
pub struct JobResult {
    /// The files asked for.
    pub checked: Vec<CheckedFile>,
    /// The other files of their sets: not reported.
    pub elsewhere: Vec<CheckedFile>,
    pub fixes_applied: usize,
    pub diff: String,
    /// Why fixes could not be made or written.
    pub problems: Vec<String>,
}

/// Lints every file, on every core; results keep the order of `jobs`.
fn lint_all(jobs: &[Job]) -> Vec<JobResult> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(jobs.len().max(1));
    if workers <= 1 {
        return jobs.iter().map(run_job).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<JobResult>> = jobs
        .iter()
        .map(|_| std::sync::Mutex::new(JobResult::default()))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else {
                        break;
                    };
                    let result = run_job(job);
                    if let Ok(mut slot) = results[index].lock() {
                        *slot = result;
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_default())
        .collect()
}

fn run_job(job: &Job) -> JobResult {
    match job {
        Job::File(job) => run_file_job(job),
        Job::Set(set) => set.run(),
    }
}

fn run_file_job(job: &FileJob) -> JobResult {
    let Some((target, mode, allowed)) = &job.fix else {
        return JobResult {
            checked: check_bytes(&job.path, &job.bytes, &job.options, &job.applied),
            ..JobResult::default()
        };
    };
    // Fixing rewrites text; bytes that are not UTF-8 would not survive it.
    let Ok(text) = std::str::from_utf8(&job.bytes) else {
        return JobResult {
            checked: check_bytes(&job.path, &job.bytes, &job.options, &job.applied),
            problems: vec![format!(
                "not fixing `{}`: it is not valid UTF-8",
                job.path.display()
            )],
            ..JobResult::default()
        };
    };
    let outcome = fix_text(
        target,
        text,
        &job.options,
        &job.applied.selection,
        *allowed,
        *mode,
    );
    JobResult {
        checked: check_bytes(
            &job.path,
            outcome.text.as_bytes(),
            &job.options,
            &job.applied,
        ),
        fixes_applied: outcome.fixes_applied,
        diff: outcome.diff,
        problems: outcome.problem.into_iter().collect(),
        ..JobResult::default()
    }
}

fn check_bytes(
    path: &Path,
    bytes: &[u8],
    options: &LintOptions,
    applied: &Applied,
) -> Vec<CheckedFile> {
    let set = ConfigSet::single(path, bytes);
    let checked = check_set(&set, options, applied);
    let size = set.text_len();
    release_at_exit(set, size);
    checked
}

/// How many bytes of configuration may have their tree and model left to
/// the end of the process rather than freed one by one.
const LEFT_TO_EXIT_BUDGET: usize = 8 << 20;

/// Configuration bytes whose trees and models were left to the exit.
static LEFT_TO_EXIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Releases the tree and model of `size` bytes of configuration.
///
/// `haplint check` exits once the report is written, and the system takes
/// back its memory in one go. Freeing the millions of nodes of a large
/// configuration one by one took longer than writing its report (a
/// sixth of a whole run on 12k lines), so they are left to the exit, up
/// to [`LEFT_TO_EXIT_BUDGET`] bytes of configuration per run: one file
/// keeps the peak it had, and a directory of many files frees what comes
/// after the budget, so what is kept stays bounded.
pub fn release_at_exit<T: Send + 'static>(value: T, size: usize) {
    use std::sync::atomic::Ordering;
    let left = LEFT_TO_EXIT.fetch_add(size, Ordering::Relaxed);
    if left + size <= LEFT_TO_EXIT_BUDGET {
        std::mem::forget(value);
    } else {
        LEFT_TO_EXIT.fetch_sub(size, Ordering::Relaxed);
        drop(value);
    }
}

/// A `--select`/`--extend-select`/`--ignore` entry that designates no rule:
/// a typo there would otherwise silently check nothing.
fn unknown_selector(args: &CheckArgs) -> Option<String> {
    let (flag, selector) = args
        .select
        .iter()
        .flatten()
        .map(|selector| ("--select", selector))
        .chain(
            args.extend_select
                .iter()
                .map(|selector| ("--extend-select", selector)),
        )
        .chain(args.ignore.iter().map(|selector| ("--ignore", selector)))
        .find(|(_, selector)| !haplint_linter::selector_is_known(selector))?;
    Some(format!(
        "`{flag} {selector}` matches no rule: use rule names, codes, code prefixes or categories (`haplint rules` lists them)"
    ))
}

/// Command-line selection on top of the settings file.
fn with_cli_selection(mut applied: Applied, args: &CheckArgs) -> Applied {
    if let Some(select) = &args.select {
        applied.selection.select = Some(select.clone());
    }
    applied
        .selection
        .extend_select
        .extend(args.extend_select.iter().cloned());
    applied.selection.ignore.extend(args.ignore.iter().cloned());
    applied
}

fn options_for(
    applied: &Applied,
    cli_target: Option<Version>,
    args: &CheckArgs,
    live: &mut crate::live::LiveCache,
    environment: &crate::environment::CliEnvironment,
) -> LintOptions {
    LintOptions {
        live: live.facts_for(applied, args),
        environment: environment.for_settings(applied),
        ..LintOptions::from_settings(
            &applied.settings,
            &applied.selection,
            cli_target,
            !args.no_inline_suppressions,
        )
    }
}

fn statistics(checked: &[CheckedFile]) -> String {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for diagnostic in checked.iter().flat_map(|file| &file.diagnostics) {
        *counts
            .entry((diagnostic.code, diagnostic.rule))
            .or_default() += 1;
    }
    let mut by_count: Vec<_> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((code, rule), count) in by_count {
        let _ = writeln!(out, "{count:>6}  {code}  {rule}");
    }
    out
}

pub fn parse_target(text: &str) -> Result<Version, String> {
    match Version::parse(text) {
        Some(version) if version.is_known() => Ok(version),
        Some(version) => Err(format!(
            "HAProxy {version} is not a version haplint knows; use one of {}",
            Version::ALL
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => Err(format!(
            "`{text}` is not a version; write it as MAJOR.MINOR, for example 2.6"
        )),
    }
}

/// Lints a set and keeps what the settings select; one result per document.
pub fn check_set(set: &ConfigSet, options: &LintOptions, applied: &Applied) -> Vec<CheckedFile> {
    // Checks and rules are guarded one by one; this catches the rest (the
    // parser, the model's construction), so that one file's bug never stops
    // the others from being checked.
    let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (analysis, inheritance) = analyze_for(set, options);
        let found = lint_analyzed(set, &analysis, &inheritance, options);
        release_at_exit((analysis, inheritance), set.text_len());
        found
    }));
    let found = linted.unwrap_or_else(|_| {
        set.documents
            .iter()
            .map(|document| {
                let mut failed = haplint_linter::internal_error("the analysis");
                failed.span.file = document.id;
                failed
            })
            .collect()
    });
    let diagnostics = applied.selection.apply(set, found);
    set.documents
        .iter()
        .map(|document| CheckedFile {
            file: SourceFile::new(&document.path, document.text.clone()),
            diagnostics: diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.span.file == document.id)
                .cloned()
                .collect(),
        })
        .collect()
}
