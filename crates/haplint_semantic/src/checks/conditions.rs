//! ACLs and sample expressions: named ACLs must exist, fetches and
//! converters must be known to the target version.

use std::collections::HashSet;

use haplint_keywords::{BuildFeature, Context, Keywords, Version, history, required_feature};
use haplint_syntax::TextRange;

use crate::checks::history::outside_target;
use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::effective::Inheritance;
use crate::model::{Model, Section, Statement, Word};
use crate::sample::{Step, format_blocks, steps};
use crate::sample_type::SampleType;
use crate::suggest::closest;

pub fn check(
    model: &Model,
    inheritance: &Inheritance,
    version: Version,
    modules: &[BuildFeature],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let keywords = Keywords::for_version(version);
    for (index, section) in model.sections.iter().enumerate() {
        if !section.kind.is_proxy() {
            continue;
        }
        let acls = acl_names(model, inheritance, index);
        for statement in &section.statements {
            if statement.prefix.is_some() || statement.keyword.is_none() {
                continue;
            }
            let args = statement.args();
            if statement.head() == "acl" {
                if let Some(expression) = args.get(1) {
                    check_expression(statement, expression, true, keywords, modules, out);
                }
            } else {
                check_condition(statement, section, args, &acls, keywords, modules, out);
            }
            for word in args {
                check_format_blocks(statement, word, keywords, modules, out);
            }
            if let Some(word) = expression_argument(statement) {
                check_expression(statement, word, false, keywords, modules, out);
            }
        }
    }
}

/// ACL names visible in section `index`: its own and its defaults chain's.
fn acl_names<'a>(model: &'a Model, inheritance: &Inheritance, index: usize) -> HashSet<&'a str> {
    let mut names = HashSet::new();
    let mut current = Some(index);
    let mut hops = 0;
    while let Some(position) = current {
        for statement in model.sections[position]
            .statements
            .iter()
            .filter(|statement| statement.head() == "acl")
        {
            if let Some(name) = statement.args().first() {
                names.insert(name.value.as_str());
            }
        }
        current = inheritance.defaults_of[position];
        hops += 1;
        if hops > model.sections.len() {
            break;
        }
    }
    names
}

fn check_condition(
    statement: &Statement,
    section: &Section,
    args: &[Word],
    acls: &HashSet<&str>,
    keywords: &Keywords,
    modules: &[BuildFeature],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(start) = args
        .iter()
        .position(|word| matches!(word.value.as_str(), "if" | "unless"))
    else {
        return;
    };
    let mut words = args[start + 1..].iter();
    while let Some(word) = words.next() {
        let value = word.value.as_str();
        match value {
            "||" | "or" | "!" => {}
            "{" | "!{" => {
                if let Some(expression) = words.next() {
                    check_expression(statement, expression, true, keywords, modules, out);
                }
                for inner in words.by_ref() {
                    if inner.value == "}" {
                        break;
                    }
                }
            }
            _ => {
                let name = value.trim_start_matches('!');
                if name.is_empty()
                    || word.has_variables
                    || acls.contains(name)
                    || is_predefined(name, keywords)
                {
                    continue;
                }
                let mut diagnostic = SemanticDiagnostic::error(
                    Rule::UndefinedAcl,
                    statement.file,
                    word.range,
                    format!(
                        "no ACL named `{name}` in {} `{}`",
                        section.kind.name(),
                        section.name_text().unwrap_or_default()
                    ),
                );
                let candidates: Vec<&str> = acls.iter().copied().collect();
                if let Some(suggestion) = closest(name, candidates) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                } else {
                    diagnostic = diagnostic.with_help(
                        "declare it with `acl <name> <criterion> [patterns]` in this proxy",
                    );
                }
                out.push(diagnostic);
            }
        }
    }
}

fn is_predefined(name: &str, keywords: &Keywords) -> bool {
    keywords
        .get(Context::Acl, name)
        .is_some_and(|entry| entry.kind == haplint_keywords::Kind::PredefinedAcl)
}

/// The argument of `statement` that HAProxy parses as a sample expression
/// (`set-var(x) <expr>`, `track-sc0 <key>`, `stick on <pattern>`...).
fn expression_argument(statement: &Statement) -> Option<&Word> {
    let entry = statement.keyword?;
    let args = statement.args();
    let position = if entry.keyword.starts_with("stick ") {
        0
    } else {
        entry.extra("action")?;
        let mut signature = entry.args();
        if signature.starts_with('(') {
            signature = signature.split_once(')').map_or("", |(_, rest)| rest);
        }
        let placeholders: Vec<&str> = signature.split_whitespace().collect();
        let position = placeholders
            .iter()
            .position(|token| matches!(*token, "<expr>" | "<key>" | "<sample>" | "<pattern>"))?;
        if placeholders[..position]
            .iter()
            .any(|token| !(token.starts_with('<') && token.ends_with('>')))
        {
            return None;
        }
        position
    };
    let word = args.get(position)?;
    // Plain numbers and conditions are not expressions to look up.
    let first = word.value.bytes().next()?;
    (!first.is_ascii_digit() && !matches!(word.value.as_str(), "if" | "unless")).then_some(word)
}

fn check_format_blocks(
    statement: &Statement,
    word: &Word,
    keywords: &Keywords,
    modules: &[BuildFeature],
    out: &mut Vec<SemanticDiagnostic>,
) {
    if !word.value.contains("%[") {
        return;
    }
    for (start, end) in format_blocks(&word.value) {
        check_steps(
            statement,
            word,
            start,
            &word.value[start..end],
            false,
            Lookup { keywords, modules },
            out,
        );
    }
}

fn check_expression(
    statement: &Statement,
    word: &Word,
    in_acl: bool,
    keywords: &Keywords,
    modules: &[BuildFeature],
    out: &mut Vec<SemanticDiagnostic>,
) {
    if word.has_variables {
        return;
    }
    check_steps(
        statement,
        word,
        0,
        &word.value,
        in_acl,
        Lookup { keywords, modules },
        out,
    );
}

/// Where sample fetches and converters are looked up: the keywords of the
/// target version, and the device detection modules declared compiled in.
#[derive(Clone, Copy)]
struct Lookup<'a> {
    keywords: &'a Keywords,
    modules: &'a [BuildFeature],
}

fn check_steps(
    statement: &Statement,
    word: &Word,
    offset: usize,
    text: &str,
    in_acl: bool,
    lookup: Lookup<'_>,
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Lookup { keywords, modules } = lookup;
    // The type flowing out of the previous step; `Any` once unknown.
    let mut current = SampleType::Any;
    for (position, step) in steps(text).into_iter().enumerate() {
        let range = word.sub_range(offset + step.start, offset + step.end);
        let known = if position == 0 {
            is_known_fetch(step.name, in_acl, keywords)
        } else {
            is_known_converter(step.name, keywords)
        };
        if !known {
            let (context, what) = if position == 0 {
                (Context::Fetch, "sample fetch")
            } else {
                (Context::Converter, "converter")
            };
            out.push(unknown_step(
                statement, step.name, context, what, range, keywords,
            ));
            return;
        }
        if let Some(diagnostic) = module_not_declared(
            statement,
            step.name,
            position == 0,
            range,
            keywords,
            modules,
        ) {
            out.push(diagnostic);
            return;
        }
        if position == 0 {
            let fetch = keywords.get(Context::Fetch, step.name);
            if let Some(diagnostic) = fetch.and_then(|entry| {
                crate::checks::argument_counts::check(
                    statement,
                    &step,
                    entry,
                    "sample fetch",
                    range,
                )
            }) {
                out.push(diagnostic);
                return;
            }
            current = fetch
                .and_then(|entry| entry.extra("out"))
                .map_or(SampleType::Any, SampleType::from_name);
            continue;
        }
        let Some(converter) = keywords.get(Context::Converter, step.name) else {
            current = SampleType::Any;
            continue;
        };
        let input = converter
            .extra("in")
            .map_or(SampleType::Any, SampleType::from_name);
        if !current.casts_to(input) {
            out.push(
                SemanticDiagnostic::error(
                    Rule::InvalidValue,
                    statement.file,
                    range,
                    format!(
                        "converter `{}` takes {} input but receives {}",
                        step.name,
                        input.name(),
                        current.name()
                    ),
                )
                .with_help("HAProxy refuses to apply a converter to a sample it cannot convert"),
            );
            return;
        }
        if let Some(diagnostic) = integer_arguments(statement, &step, range, keywords.version())
            .or_else(|| {
                crate::checks::argument_counts::check(
                    statement,
                    &step,
                    converter,
                    "converter",
                    range,
                )
            })
            .or_else(|| {
                crate::checks::converter_arguments::check(
                    statement,
                    &step,
                    range,
                    keywords.version(),
                )
            })
        {
            out.push(diagnostic);
            return;
        }
        current = match converter.extra("out") {
            Some("same") => current,
            output => output.map_or(SampleType::Any, SampleType::from_name),
        };
    }
}

/// A fetch or converter of a device detection module that the configuration
/// of haplint does not declare compiled in.
fn module_not_declared(
    statement: &Statement,
    name: &str,
    fetch: bool,
    range: TextRange,
    keywords: &Keywords,
    modules: &[BuildFeature],
) -> Option<SemanticDiagnostic> {
    let context = if fetch {
        Context::Fetch
    } else {
        Context::Converter
    };
    let feature = required_feature(keywords.get(context, name)?)?;
    if !feature.is_device_detection() || modules.contains(&feature) {
        return None;
    }
    let what = if fetch { "sample fetch" } else { "converter" };
    Some(
        SemanticDiagnostic::error(
            Rule::UnknownFetch,
            statement.file,
            range,
            format!(
                "{what} `{name}` exists only when HAProxy is built with the {} module",
                feature.module_name()
            ),
        )
        .with_help(module_help(feature)),
    )
}

/// How to tell haplint a device detection module is compiled in.
pub fn module_help(feature: BuildFeature) -> String {
    format!(
        "packaged HAProxy builds leave this module out (`haproxy -vv` shows `+{}` when it is in); if yours has it, declare its keywords in haplint.toml: `extra-keywords = [\"{}*\"]`",
        feature.name(),
        feature.keyword_prefix()
    )
}

/// Converters whose arguments are integers only, up to the version before
/// the one that also accepts variables there.
const INTEGER_ARGUMENTS: [(&str, Version); 1] = [("bytes", Version::new(2, 9))];

/// A converter argument HAProxy cannot read as the integer it must be.
fn integer_arguments(
    statement: &Statement,
    step: &Step<'_>,
    range: TextRange,
    version: Version,
) -> Option<SemanticDiagnostic> {
    let (name, until) = INTEGER_ARGUMENTS
        .iter()
        .find(|(name, _)| *name == step.name)?;
    if version >= *until {
        return None;
    }
    let arguments = step.arguments?;
    if arguments.contains(['$', '"', '\'', '\\']) {
        return None;
    }
    let bad = arguments.split(',').map(str::trim).find(|argument| {
        let digits = argument.strip_prefix(['-', '+']).unwrap_or(argument);
        !digits.is_empty() && !digits.bytes().all(|byte| byte.is_ascii_digit())
    })?;
    Some(
        SemanticDiagnostic::error(
            Rule::InvalidValue,
            statement.file,
            range,
            format!("converter `{name}` takes integers in HAProxy {version}, not `{bad}`"),
        )
        .with_help(format!(
            "variables are accepted as arguments of `{name}` from HAProxy {until}; compute the value another way or upgrade"
        )),
    )
}

fn is_known_fetch(name: &str, in_acl: bool, keywords: &Keywords) -> bool {
    if name.starts_with("lua.") || keywords.get(Context::Fetch, name).is_some() {
        return true;
    }
    // `sc3_conn_cur` exists when more stick counters are configured.
    if let Some(rest) = name.strip_prefix("sc") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && keywords
                .get(Context::Fetch, &format!("sc0{}", &rest[digits..]))
                .is_some()
        {
            return true;
        }
    }
    in_acl && keywords.get(Context::Acl, name).is_some()
}

fn is_known_converter(name: &str, keywords: &Keywords) -> bool {
    name.starts_with("lua.") || keywords.get(Context::Converter, name).is_some()
}

fn unknown_step(
    statement: &Statement,
    name: &str,
    context: Context,
    what: &str,
    range: TextRange,
    keywords: &Keywords,
) -> SemanticDiagnostic {
    let version = keywords.version();
    let entries: Vec<_> = history(context, name).collect();
    let subject = format!("{what} `{name}`");
    if let Some(diagnostic) = outside_target(&entries, &subject, version, statement.file, range) {
        return diagnostic;
    }
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::UnknownFetch,
        statement.file,
        range,
        format!("unknown {what} `{name}`"),
    );
    if let Some(suggestion) = closest(name, keywords.names(context).iter().copied()) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    }
    diagnostic
}
