//! Keyword resolution for the target version: the longest multi-word
//! keyword valid in the section, then where it may be used, its prefix, and
//! its history (too new, removed, deprecated).

use std::collections::HashMap;

use haplint_keywords::{
    Context, Entry, Keywords, SectionKind, Version, declared_modules, history, required_feature,
};
use haplint_syntax::TextSize;

use crate::checks::conditions::module_help;
use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Prefix, Section, Statement};
use crate::replacements::replacement;
use crate::suggest::{close_candidates, closest};

/// Deprecations HAProxy announces at load time that the manual of that
/// version does not mark: (keyword, first version, last version).
const UNMARKED_DEPRECATIONS: [(&str, Version, Version); 2] = [
    ("bind-process", Version::new(2, 5), Version::new(2, 6)),
    ("nbproc", Version::new(2, 3), Version::new(2, 4)),
];

/// Keywords the manual dropped while HAProxy kept accepting them with a
/// warning, up to the last version given.
const ACCEPTED_AFTER_REMOVAL: [(&str, Version); 8] = [
    ("option forceclose", Version::new(2, 4)),
    ("option http-tunnel", Version::new(2, 4)),
    ("option http-use-htx", Version::new(2, 4)),
    ("grace", Version::new(2, 4)),
    ("tune.chksize", Version::new(2, 4)),
    ("monitor-net", Version::new(2, 2)),
    ("block", Version::new(2, 0)),
    ("redispatch", Version::new(2, 0)),
];

/// Whether `keyword` is still accepted by `version` with a deprecation
/// warning although the manual of that version no longer lists it.
pub(crate) fn accepted_after_removal(keyword: &str, version: Version) -> bool {
    ACCEPTED_AFTER_REMOVAL
        .iter()
        .any(|(name, until)| *name == keyword && version <= *until)
}

fn deprecated_without_mark(keyword: &str, version: Version) -> bool {
    UNMARKED_DEPRECATIONS
        .iter()
        .any(|(name, from, to)| *name == keyword && *from <= version && version <= *to)
}

/// Keywords whose rules take an action as their next word.
const RULESETS: [&str; 8] = [
    "http-request",
    "http-response",
    "http-after-response",
    "tcp-request connection",
    "tcp-request session",
    "tcp-request content",
    "tcp-response content",
    "quic-initial",
];

/// Keywords that accept `no` / `default` (HAProxy's list, unchanged since 2.6).
const PREFIXABLE: [&str; 7] = [
    "option",
    "log",
    "busy-polling",
    "set-dumpable",
    "strict-limits",
    "insecure-fork-wanted",
    "numa-cpu-mapping",
];

/// Proxy keywords on the wrong side that HAProxy refuses rather than ignores.
const WRONG_SIDE_ERRORS: [&str; 4] = ["server", "server-template", "retry-on", "declare capture"];

pub fn resolve_and_check(
    model: &mut Model,
    version: Version,
    extra_keywords: &[String],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let keywords = Keywords::for_version(version);
    let folded = fold_unknown_sections(model, version, out);
    for orphan in &model.orphans {
        out.push(
            SemanticDiagnostic::error(
                Rule::KeywordOutOfSection,
                orphan.file,
                orphan.keyword_range(),
                format!("`{}` appears before any section", orphan.head()),
            )
            .with_help("move it into the section it belongs to (for example `global`)"),
        );
    }
    for section in &mut model.sections {
        let Some(context) = section.kind.context() else {
            continue;
        };
        let kind = section.kind;
        let anonymous = section.name.is_none();
        for statement in &mut section.statements {
            resolve(statement, context, keywords);
            let before = out.len();
            check_statement(
                statement,
                kind,
                anonymous,
                context,
                keywords,
                extra_keywords,
                out,
            );
            if let Some(unknown_kind) = folded.get(&(statement.file, statement.range.start())) {
                for diagnostic in &mut out[before..] {
                    if diagnostic.help.is_none() {
                        diagnostic.help = Some(format!(
                            "HAProxy {version} has no `{unknown_kind}` section: it reads this line as part of the `{}` section above",
                            kind.name()
                        ));
                    }
                }
            }
        }
    }
}

/// Sections the target version does not know: HAProxy takes their header
/// for an unknown keyword of the section it is in, and their lines for
/// lines of that section. Their statements move to the last known section
/// of the same file (or before any section), and the sections go away.
/// Returns where each moved statement starts, with the kind it came from.
fn fold_unknown_sections(
    model: &mut Model,
    version: Version,
    out: &mut Vec<SemanticDiagnostic>,
) -> HashMap<(crate::FileId, TextSize), &'static str> {
    let mut folded = HashMap::new();
    if model
        .sections
        .iter()
        .all(|section| section_exists(section, version))
    {
        return folded;
    }
    let sections = std::mem::take(&mut model.sections);
    let mut kept: Vec<Section> = Vec::with_capacity(sections.len());
    for mut section in sections {
        if section_known(&section, version, out) {
            kept.push(section);
            continue;
        }
        for statement in &section.statements {
            folded.insert(
                (statement.file, statement.range.start()),
                section.kind.name(),
            );
        }
        match kept.last_mut() {
            Some(previous) if previous.file == section.file => {
                previous.statements.append(&mut section.statements);
            }
            _ => model.orphans.append(&mut section.statements),
        }
    }
    model.sections = kept;
    folded
}

fn section_exists(section: &Section, version: Version) -> bool {
    let mut entries = history(Context::Section, section.kind.name()).peekable();
    if entries.peek().is_none() {
        return parser_section_since(section.kind.name()).is_none_or(|since| since <= version);
    }
    entries.any(|entry| entry.covers(version))
}

/// The first version of a section keyword, from the parser's list: the
/// keyword database lacks some sections (`log-profile`).
fn parser_section_since(name: &str) -> Option<Version> {
    haplint_syntax::sections::find_section_keyword(name)
        .and_then(|keyword| Version::parse(keyword.since))
}

/// Whether the section keyword exists in the target version (reports it when not).
fn section_known(section: &Section, version: Version, out: &mut Vec<SemanticDiagnostic>) -> bool {
    if section_exists(section, version) {
        return true;
    }
    let name = section.kind.name();
    let entries: Vec<&Entry> = history(Context::Section, name).collect();
    if entries.is_empty() {
        let since = parser_section_since(name).unwrap_or(version);
        out.push(
            SemanticDiagnostic::error(
                Rule::KeywordTooNew,
                section.file,
                section.keyword_range,
                format!("`{name}` needs HAProxy {since} or later (the target is {version})"),
            )
            .with_help(format!(
                "raise the target version to {since} if the servers run it, or remove this section"
            )),
        );
        return false;
    }
    out.push(version_diagnostic(
        &entries,
        name,
        "section",
        version,
        section.file,
        section.keyword_range,
    ));
    false
}

/// Words used to match keywords: arguments glued to an action such as
/// `set-var(txn.x)` do not take part in the name.
pub fn match_words(statement: &Statement) -> Vec<&str> {
    statement
        .body()
        .iter()
        .enumerate()
        .map(|(index, word)| match word.value.find('(') {
            Some(paren) if index > 0 => &word.value[..paren],
            _ => word.value.as_str(),
        })
        .collect()
}

fn resolve(statement: &mut Statement, context: Context, keywords: &Keywords) {
    let words = match_words(statement);
    if let Some((entry, count)) = keywords.longest_match(context, &words) {
        statement.keyword = Some(entry);
        statement.keyword_words = count;
    }
}

fn check_statement(
    statement: &Statement,
    kind: SectionKind,
    anonymous: bool,
    context: Context,
    keywords: &Keywords,
    extra_keywords: &[String],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let version = keywords.version();
    let Some(entry) = statement.keyword else {
        // `option "${OPT}"`: which keyword this is depends on the value.
        let unknowable = statement
            .body()
            .iter()
            .take(3)
            .any(|word| word.has_variables);
        if !unknowable && !is_extra_keyword(statement, extra_keywords) {
            out.push(unknown(statement, kind, context, keywords));
        }
        return;
    };
    // Built only for a finding: formatting it for every statement costs.
    let url = || Some(entry.doc_url(version));
    if let Some(feature) = required_feature(entry)
        && feature.is_device_detection()
        && !declared_modules(extra_keywords).contains(&feature)
    {
        out.push(
            SemanticDiagnostic::error(
                Rule::UnknownKeyword,
                statement.file,
                statement.keyword_range(),
                format!(
                    "`{}` exists only when HAProxy is built with the {} module",
                    entry.keyword,
                    feature.module_name()
                ),
            )
            .with_help(module_help(feature))
            .with_url(url()),
        );
        return;
    }
    if let Some(diagnostic) = check_prefix(statement, entry) {
        out.push(diagnostic.with_url(url()));
    }
    if RULESETS.contains(&entry.keyword)
        && let Some(diagnostic) = check_action(statement, entry, keywords)
    {
        out.push(diagnostic);
        return;
    }
    if let Some(diagnostic) = check_placement(statement, entry, kind, anonymous, version) {
        out.push(diagnostic.with_url(url()));
    }
    if entry.is_deprecated() || deprecated_without_mark(entry.keyword, version) {
        let mut diagnostic = SemanticDiagnostic::warning(
            Rule::DeprecatedKeyword,
            statement.file,
            statement.keyword_range(),
            format!("`{}` is deprecated in HAProxy {version}", entry.keyword),
        )
        .with_url(url());
        if let Some(advice) = replacement(entry.keyword) {
            diagnostic = diagnostic.with_help(advice);
        }
        out.push(diagnostic);
    }
}

/// Keywords the user declared for a custom or enterprise build.
fn is_extra_keyword(statement: &Statement, extra_keywords: &[String]) -> bool {
    let words = match_words(statement);
    extra_keywords.iter().any(|extra| {
        // `"my-module-*"` declares every keyword starting with `my-module-`.
        if let Some(prefix) = extra.strip_suffix('*')
            && !prefix.contains(' ')
        {
            return words.first().is_some_and(|word| word.starts_with(prefix));
        }
        let count = extra.split(' ').count();
        words.len() >= count && words[..count].join(" ") == *extra
    })
}

fn check_prefix(statement: &Statement, entry: &Entry) -> Option<SemanticDiagnostic> {
    let prefix = statement.prefix?;
    let word = if prefix == Prefix::No {
        "no"
    } else {
        "default"
    };
    let head = entry.keyword.split(' ').next().unwrap_or(entry.keyword);
    let range = statement.words[0].range;
    if !PREFIXABLE.contains(&head) {
        return Some(
            SemanticDiagnostic::error(
                Rule::InvalidPrefix,
                statement.file,
                range,
                format!("`{word}` is not supported before `{}`", entry.keyword),
            )
            .with_help("only options, `log`, `busy-polling`, `set-dumpable`, `strict-limits`, `insecure-fork-wanted` and `numa-cpu-mapping` take `no`/`default`"),
        );
    }
    if head == "option" && !entry.is_negatable() {
        return Some(SemanticDiagnostic::error(
            Rule::InvalidPrefix,
            statement.file,
            range,
            format!("`{word}` is not supported for `{}`", entry.keyword),
        ));
    }
    None
}

fn check_action(
    statement: &Statement,
    entry: &Entry,
    keywords: &Keywords,
) -> Option<SemanticDiagnostic> {
    let action_word = statement.body().get(statement.keyword_words)?;
    let action = action_word.value.split('(').next().unwrap_or_default();
    // Lua registers its own actions; conditions may follow a bare rule set.
    if action.starts_with("lua.") || action_word.has_variables || matches!(action, "if" | "unless")
    {
        return None;
    }
    let known: Vec<&str> = keywords
        .actions(entry.keyword)
        .filter_map(|action_entry| action_entry.extra("action"))
        .collect();
    if known.is_empty() {
        return None;
    }
    let full_name = format!("{} {action}", entry.keyword);
    let other_versions: Vec<&Entry> = history(Context::Proxy, &full_name).collect();
    if !other_versions.is_empty() {
        return Some(version_diagnostic(
            &other_versions,
            &full_name,
            "action",
            keywords.version(),
            statement.file,
            action_word.range,
        ));
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::UnknownAction,
        statement.file,
        action_word.range,
        format!("unknown `{}` action `{action}`", entry.keyword),
    );
    if let Some(suggestion) = closest(action, known.iter().copied()) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    Some(diagnostic)
}

fn check_placement(
    statement: &Statement,
    entry: &Entry,
    kind: SectionKind,
    anonymous: bool,
    version: Version,
) -> Option<SemanticDiagnostic> {
    let range = statement.keyword_range();
    if kind == SectionKind::Defaults
        && anonymous
        && entry.named_defaults_only()
        && version >= Version::new(2, 5)
        && entry.sections.contains(SectionKind::Defaults)
    {
        return Some(
            SemanticDiagnostic::error(
                Rule::NamedDefaultsOnly,
                statement.file,
                range,
                format!("`{}` is not allowed in an anonymous `defaults` section", entry.keyword),
            )
            .with_help("give the defaults section a name (`defaults mydefaults`) or move the rule into the proxies"),
        );
    }
    if entry.sections.is_empty() || entry.sections.contains(kind) || !kind.is_proxy() {
        return None;
    }
    let keyword = entry.keyword;
    match kind {
        SectionKind::Defaults => Some(SemanticDiagnostic::error(
            Rule::KeywordWrongSection,
            statement.file,
            range,
            format!("`{keyword}` is not allowed in a `defaults` section"),
        )),
        SectionKind::Frontend | SectionKind::Backend => {
            let (side, missing) = if kind == SectionKind::Frontend {
                ("frontend", "backend")
            } else {
                ("backend", "frontend")
            };
            let message =
                format!("`{keyword}` has no effect in a {side}: it needs {missing} capability");
            let help = format!("move it to a {missing} or a `listen` section");
            let refused_from_3_2 = version >= Version::new(3, 2)
                && keyword
                    .strip_prefix("option ")
                    .is_some_and(|option| FLAG_OPTIONS_ONE_SIDE.contains(&option));
            if WRONG_SIDE_ERRORS.contains(&keyword) || refused_from_3_2 {
                Some(
                    SemanticDiagnostic::error(
                        Rule::KeywordWrongSection,
                        statement.file,
                        range,
                        format!(
                            "`{keyword}` is not allowed in a {side}: it needs {missing} capability"
                        ),
                    )
                    .with_help(help),
                )
            } else {
                Some(
                    SemanticDiagnostic::warning(
                        Rule::KeywordIgnoredHere,
                        statement.file,
                        range,
                        message,
                    )
                    .with_help(help),
                )
            }
        }
        _ => None,
    }
}

/// Flag options of one side only (HAProxy's `cfg_opts` and `cfg_opts2`
/// tables). From 3.2 their parser warns that the option is ignored on the
/// other side, then reports it as unknown (or as not negatable): HAProxy
/// 3.2.26 and 3.4.7 refuse the file where 3.0 only warned.
const FLAG_OPTIONS_ONE_SIDE: [&str; 25] = [
    "abortonclose",
    "allbackups",
    "checkcache",
    "clitcpka",
    "contstats",
    "dontlognull",
    "http-drop-request-trailers",
    "http-drop-response-trailers",
    "http-ignore-probes",
    "idle-close-on-response",
    "prefer-last-server",
    "logasap",
    "persist",
    "srvtcpka",
    "transparent",
    "accept-unsafe-violations-in-http-request",
    "accept-unsafe-violations-in-http-response",
    "dontlog-normal",
    "log-separate-errors",
    "log-health-checks",
    "socket-stats",
    "tcp-smart-accept",
    "tcp-smart-connect",
    "http-use-proxy-header",
    "http-pretend-keepalive",
];

/// The diagnostic for a statement whose keyword the target version lacks.
fn unknown(
    statement: &Statement,
    kind: SectionKind,
    context: Context,
    keywords: &Keywords,
) -> SemanticDiagnostic {
    let version = keywords.version();
    let words = match_words(statement);
    let range = statement.keyword_range();
    let section = kind.name();
    // A longer keyword of this section in another version wins over a
    // shorter one of another section: `timeout clitimeout` is the removed
    // proxy keyword, not the `timeout` of `resolvers`.
    let in_other_version = other_versions(context, &words).map_or(0, |(_, count)| count);
    // Known in another kind of section?
    for other in OTHER_CONTEXTS
        .iter()
        .copied()
        .filter(|other| *other != context)
    {
        if let Some((entry, count)) = keywords.longest_match(other, &words)
            && count >= in_other_version
        {
            let home = entry
                .sections
                .iter()
                .map(SectionKind::name)
                .collect::<Vec<_>>()
                .join("`, `");
            let range = statement.body()[0]
                .range
                .cover(statement.body()[count - 1].range);
            return SemanticDiagnostic::error(
                Rule::KeywordWrongSection,
                statement.file,
                range,
                format!(
                    "`{}` is not allowed in a `{section}` section",
                    entry.keyword
                ),
            )
            .with_help(format!("it belongs in `{home}`"))
            .with_url(Some(entry.doc_url(version)));
        }
    }
    // Known in another version?
    if let Some((entries, count)) = other_versions(context, &words) {
        let range = statement.body()[0]
            .range
            .cover(statement.body()[count - 1].range);
        return version_diagnostic(
            &entries,
            entries[0].keyword,
            "keyword",
            version,
            statement.file,
            range,
        );
    }
    let head = words.first().copied().unwrap_or_default();
    if let Some(diagnostic) = removed_before_the_data(statement, head, context, version) {
        return diagnostic;
    }
    let guess = guess_keyword(&words, context, keywords);
    let body = statement.body();
    let range = match (body.first(), body.get(guess.words.saturating_sub(1))) {
        (Some(first), Some(last)) => first.range.cover(last.range),
        (Some(first), None) => first.range,
        _ => range,
    };
    let written = words[..guess.words.min(words.len())].join(" ");
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::UnknownKeyword,
        statement.file,
        range,
        format!("unknown keyword `{written}` in `{section}` section"),
    );
    if let Some(suggestion) = guess.candidates.first() {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    diagnostic
}

/// What an unknown keyword may have been meant as.
pub struct KeywordGuess {
    /// How many of the statement's words the unknown keyword covers: the
    /// first, or with a known first word (`option`, `timeout`) as many as
    /// the shortest keyword it starts.
    pub words: usize,
    /// The close keywords, the closest first (the diagnostic's "did you
    /// mean" names it; an editor offers one fix per candidate).
    pub candidates: Vec<&'static str>,
}

/// The keywords of `context` close to the unknown keyword starting `words`.
pub fn guess_keyword(words: &[&str], context: Context, keywords: &Keywords) -> KeywordGuess {
    let head = words.first().copied().unwrap_or_default();
    let names = keywords.names(context);
    // A known first word (`option`, `timeout`, `stats`...) with an unknown rest.
    let family: Vec<&'static str> = names
        .iter()
        .copied()
        .filter(|name| name.split(' ').next() == Some(head) && name.contains(' '))
        .collect();
    if !family.is_empty() && words.len() > 1 {
        let depth = family
            .iter()
            .map(|name| name.split(' ').count())
            .min()
            .unwrap_or(2)
            .min(words.len());
        let written = words[..depth].join(" ");
        return KeywordGuess {
            words: depth,
            candidates: close_candidates(&written, family),
        };
    }
    // Once each: `option`, `stats`, `timeout` start hundreds of names, and
    // each copy cost an edit distance.
    let mut first_words: Vec<&'static str> = names
        .iter()
        .map(|name| name.split(' ').next().unwrap_or(name))
        .collect();
    first_words.sort_unstable();
    first_words.dedup();
    KeywordGuess {
        words: 1,
        candidates: close_candidates(head, first_words),
    }
}

/// Proxy keywords HAProxy removed before the first version of the keyword
/// data (1.8), with the version that removed them: HAProxy today calls
/// them unknown, but the operator upgrading an old file is better served
/// by the replacement than by "did you mean `retries`".
const REMOVED_BEFORE_THE_DATA: [(&str, &str); 2] = [("reqsetbe", "1.6"), ("reqisetbe", "1.6")];

fn removed_before_the_data(
    statement: &Statement,
    head: &str,
    context: Context,
    version: Version,
) -> Option<SemanticDiagnostic> {
    if context != Context::Proxy {
        return None;
    }
    let (keyword, removed_in) = REMOVED_BEFORE_THE_DATA
        .iter()
        .find(|(keyword, _)| *keyword == head)?;
    let range = statement.body().first()?.range;
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::RemovedKeyword,
        statement.file,
        range,
        format!("`{keyword}` was removed in HAProxy {removed_in} (the target is {version})"),
    );
    if let Some(advice) = replacement(keyword) {
        diagnostic = diagnostic.with_help(advice);
    }
    Some(diagnostic)
}

const OTHER_CONTEXTS: [Context; 16] = [
    Context::Global,
    Context::Proxy,
    Context::Userlist,
    Context::Peers,
    Context::Mailers,
    Context::Resolvers,
    Context::Cache,
    Context::Program,
    Context::HttpErrors,
    Context::Ring,
    Context::LogForward,
    Context::FcgiApp,
    Context::CrtStore,
    Context::Traces,
    Context::Acme,
    Context::Healthcheck,
];

/// The entries of the longest keyword made of `words` in any version.
fn other_versions(context: Context, words: &[&str]) -> Option<(Vec<&'static Entry>, usize)> {
    let mut candidate = String::new();
    let mut best = None;
    for (count, word) in words
        .iter()
        .take(haplint_keywords::MAX_KEYWORD_WORDS)
        .enumerate()
    {
        if count > 0 {
            candidate.push(' ');
        }
        candidate.push_str(word);
        let entries: Vec<&Entry> = history(context, &candidate).collect();
        if !entries.is_empty() {
            best = Some((entries, count + 1));
        }
    }
    best
}

/// Too new or removed, from the versions where the keyword exists.
fn version_diagnostic(
    entries: &[&Entry],
    keyword: &str,
    what: &str,
    version: Version,
    file: crate::FileId,
    range: haplint_syntax::TextRange,
) -> SemanticDiagnostic {
    let first = entries
        .iter()
        .map(|entry| entry.from)
        .min()
        .unwrap_or(version);
    let last = entries
        .iter()
        .map(|entry| entry.to)
        .max()
        .unwrap_or(version);
    let newest = entries.iter().max_by_key(|entry| entry.to).copied();
    let url = newest.map(|entry| entry.doc_url(entry.to));
    if last < version && accepted_after_removal(keyword, version) {
        let mut diagnostic = SemanticDiagnostic::warning(
            Rule::DeprecatedKeyword,
            file,
            range,
            format!("`{keyword}` is deprecated: HAProxy {version} still accepts it with a warning"),
        )
        .with_url(url);
        if let Some(advice) = replacement(keyword) {
            diagnostic = diagnostic.with_help(advice);
        }
        return diagnostic;
    }
    if first > version {
        return SemanticDiagnostic::error(
            Rule::KeywordTooNew,
            file,
            range,
            format!("`{keyword}` needs HAProxy {first} or later (the target is {version})"),
        )
        .with_help(format!(
            "raise the target version to {first} if the servers run it, or remove this {what}"
        ))
        .with_url(url);
    }
    // The version that refuses it: after the manual dropped it, or after the
    // last version that still accepted it with a warning.
    let accepted_until = ACCEPTED_AFTER_REMOVAL
        .iter()
        .find(|(name, _)| *name == keyword)
        .map_or(last, |(_, until)| (*until).max(last));
    let removed_in = Version::ALL
        .iter()
        .copied()
        .find(|known| *known > accepted_until)
        .unwrap_or(version);
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::RemovedKeyword,
        file,
        range,
        format!("`{keyword}` was removed in HAProxy {removed_in} (the target is {version})"),
    )
    .with_url(url);
    if let Some(advice) = replacement(keyword) {
        diagnostic = diagnostic.with_help(advice);
    }
    diagnostic
}
