//! Runs the model and every enabled rule over a configuration set.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use haplint_keywords::Version;
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Analysis, Checks, ConfigSet, Environment, FileId, Options, analyze_checks};

use crate::cap::{MAX_FINDINGS_PER_RULE, cap_per_rule};
use crate::context::LintContext;
use crate::convert::{from_semantic, syntax_diagnostics};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::registry::RULES;
use crate::suppression::Suppressor;

/// What to lint for.
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub target: Version,
    /// Keywords of custom builds to accept.
    pub extra_keywords: Vec<String>,
    /// Rules to run even when they are off by default (names or codes).
    pub enable: Vec<String>,
    /// `memory-budget`'s limit in bytes (default 4 GiB).
    pub memory_budget: Option<u64>,
    /// `weak-ciphers`' patterns, replacing its defaults.
    pub weak_cipher_patterns: Option<Vec<String>>,
    /// Honour `# haplint: ignore[...]` comments (on by default).
    pub inline_suppressions: bool,
    /// Facts of the machine and the running HAProxy, for the rules that
    /// read them (`--live`, `--runtime`); shared by every file of a run.
    pub live: Option<std::sync::Arc<crate::live::LiveFacts>>,
    /// The environment HAProxy will run with, when the user gave it
    /// (`--env`, `--env-file`, `env` in `haplint.toml`): `"${VAR}"` is then
    /// evaluated and checked.
    pub environment: Option<Environment>,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self {
            target: Version::DEFAULT,
            extra_keywords: Vec::new(),
            enable: Vec::new(),
            memory_budget: None,
            weak_cipher_patterns: None,
            inline_suppressions: true,
            live: None,
            environment: None,
        }
    }
}

/// Below this many bytes of configuration, rules run on the calling
/// thread: starting threads would cost more than it saves.
const PARALLEL_RULES_FROM: usize = 256 * 1024;

/// Runs the rules, on several threads for a large configuration (the
/// rules only read the model). Results come back in rule order either way.
fn run_rules(
    context: &LintContext<'_>,
    rules: &[&dyn crate::rule::Rule],
    size: usize,
    suppressor: &Suppressor<'_>,
) -> Vec<Diagnostic> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if size < PARALLEL_RULES_FROM || threads < 2 || rules.len() < 2 {
        return rules
            .iter()
            .flat_map(|rule| run_rule(context, *rule, suppressor))
            .collect();
    }
    // Rules differ a lot in cost: threads take the next rule as they free up.
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Vec<Diagnostic>>> = rules.iter().map(|_| Mutex::default()).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(rules.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(rule), Some(slot)) = (rules.get(index), results.get(index)) else {
                        break;
                    };
                    let found = run_rule(context, *rule, suppressor);
                    if let Ok(mut slot) = slot.lock() {
                        *slot = found;
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .flat_map(|slot| slot.into_inner().unwrap_or_default())
        .collect()
}

/// One rule's findings, suppressed and bounded as soon as the rule ends;
/// a bug in one rule must not cost the user every other finding.
fn run_rule(
    context: &LintContext<'_>,
    rule: &dyn crate::rule::Rule,
    suppressor: &Suppressor<'_>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let run = || {
        haplint_semantic::fault::fail_if_asked(rule.meta().name);
        rule.check(context, &mut found);
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(()) => bounded(found, suppressor),
        Err(_) => vec![internal_error(&format!("rule `{}`", rule.meta().name))],
    }
}

/// One batch of findings, every one of a rule and file in the same batch
/// (one rule's, or the parser's and the model's), without the suppressed
/// ones and at most [`MAX_FINDINGS_PER_RULE`] per rule and file. Bounding
/// each batch as it is made, not all at the end, keeps a generated file
/// from holding hundreds of thousands of findings at once: 364,680
/// backends made 729k (200 to 350 MB) before the cap applied. The first
/// findings of a batch by position are those of the whole run, as before.
fn bounded(mut batch: Vec<Diagnostic>, suppressor: &Suppressor<'_>) -> Vec<Diagnostic> {
    suppressor.apply(&mut batch);
    sort_by_position(&mut batch);
    let mut kept = cap_per_rule(batch, MAX_FINDINGS_PER_RULE);
    kept.shrink_to_fit();
    kept
}

/// By file and position: the order of the report, and the one the cap
/// keeps the first findings of.
fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.file, a.span.start, a.span.end, a.code).cmp(&(
            b.span.file,
            b.span.start,
            b.span.end,
            b.code,
        ))
    });
}

/// Lints a set: syntax, the model's findings and every rule, sorted by
/// file and position.
pub fn lint(set: &ConfigSet, options: &LintOptions) -> Vec<Diagnostic> {
    let (analysis, inheritance) = analyze_for(set, options);
    lint_analyzed(set, &analysis, &inheritance, options)
}

/// The model of `set` for `options` and what each proxy inherits: what
/// [`lint_analyzed`] needs, for callers that keep them.
pub fn analyze_for(set: &ConfigSet, options: &LintOptions) -> (Analysis, Inheritance) {
    analyze_selected(set, options, Checks::All)
}

/// [`analyze_for`] running only the `selected` semantic checks (the
/// routing graph needs three of them).
pub fn analyze_selected(
    set: &ConfigSet,
    options: &LintOptions,
    selected: Checks,
) -> (Analysis, Inheritance) {
    let analysis = analyze_checks(
        set,
        &Options {
            target: options.target,
            extra_keywords: options.extra_keywords.clone(),
            environment: options.environment.clone(),
        },
        selected,
    );
    let inheritance = Inheritance::compute(&analysis.model);
    (analysis, inheritance)
}

/// [`lint`] on a set already analysed for `options.target` and
/// `options.extra_keywords`: the language server keeps the analysis to
/// answer requests and must not build it twice.
pub fn lint_analyzed(
    set: &ConfigSet,
    analysis: &Analysis,
    inheritance: &Inheritance,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    let context = LintContext {
        set,
        analysis,
        inheritance,
        target: options.target,
        options,
    };
    let suppressions = if options.inline_suppressions {
        crate::suppression::collect(set)
    } else {
        Vec::new()
    };
    let suppressor = Suppressor::new(set, &suppressions);
    // The parser's and the model's findings are one batch: their fixes are
    // attached after the cap, to the findings that are kept.
    let mut own: Vec<Diagnostic> = syntax_diagnostics(set).collect();
    own.extend(analysis.diagnostics.iter().map(from_semantic));
    own.extend(
        analysis
            .failed_checks
            .iter()
            .map(|check| internal_error(&format!("the model's check `{check}`"))),
    );
    let mut diagnostics = bounded(own, &suppressor);
    crate::model_fixes::attach(&context, &mut diagnostics);
    let enabled: Vec<&dyn crate::rule::Rule> = RULES
        .iter()
        .copied()
        .filter(|rule| {
            let meta = rule.meta();
            let wanted = meta.enabled_by_default
                || options
                    .enable
                    .iter()
                    .any(|wanted| wanted == meta.name || wanted.eq_ignore_ascii_case(meta.code));
            wanted && meta.applies_to(options.target) && has_input(options, meta.input)
        })
        .collect();
    diagnostics.extend(run_rules(&context, &enabled, set.text_len(), &suppressor));
    let meta = &crate::rules::suspicious::unused_suppression::META;
    if meta.enabled_by_default {
        let mut unused_found = Vec::new();
        for (suppression, names) in suppressor.unused() {
            let message = if names.is_empty() {
                "this suppression names no rule".to_owned()
            } else {
                format!("nothing to suppress here for `{}`", names.join("`, `"))
            };
            unused_found.push(
                meta.diagnostic(suppression.span, message)
                    .with_help("remove the names that match nothing, or the whole comment")
                    .with_tag(crate::diagnostic::Tag::Unnecessary),
            );
        }
        // Suppressions do not suppress these: nothing is taken out.
        diagnostics.extend(bounded(unused_found, &Suppressor::new(set, &[])));
    }
    crate::environment_fixes::withhold_fixes_on_expanded_words(analysis, &mut diagnostics);
    crate::zero_warning::promote_when_set(analysis, &mut diagnostics);
    sort_by_position(&mut diagnostics);
    diagnostics
}

/// Whether the facts a rule reads were asked for.
fn has_input(options: &LintOptions, input: crate::rule::RuleInput) -> bool {
    let live = options
        .live
        .as_deref()
        .map(crate::live::LiveFacts::settings);
    match input {
        crate::rule::RuleInput::Config => true,
        crate::rule::RuleInput::Machine => live.is_some_and(|settings| settings.machine),
        crate::rule::RuleInput::RuntimeApi => {
            live.is_some_and(|settings| settings.runtime.is_some())
        }
    }
}

/// `what` (``rule `x` ``, ``check `y` ``) failed on this set.
pub fn internal_error(what: &str) -> Diagnostic {
    Diagnostic::new(
        "internal-error",
        "HAP000",
        Severity::Error,
        Span {
            file: FileId(0),
            start: 0,
            end: 0,
        },
        format!("{what} failed on this configuration; its findings are missing"),
    )
    .with_help("please report this with the configuration that triggers it")
}
