//! `xtask codegen [--check]`: turns `crates/haplint_keywords/data/keywords.tsv`
//! into `crates/haplint_keywords/src/generated.rs`. With `--check`, fails when
//! the committed file differs from what the data gives (run in CI).

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::import_keywords::DATA_FILE;

/// Where real HAProxy binaries disagree with the keyword data: kept apart
/// from the derived data so that a re-import never loses them.
const CORRECTIONS_FILE: &str = "crates/haplint_keywords/data/oracle-corrections.tsv";

const GENERATED_FILE: &str = "crates/haplint_keywords/src/generated.rs";

pub fn run(args: &[String]) -> ExitCode {
    let check = args.iter().any(|arg| arg == "--check");
    let data = match std::fs::read_to_string(DATA_FILE) {
        Ok(data) => data,
        Err(error) => {
            eprintln!("codegen: cannot read {DATA_FILE}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let corrections = match std::fs::read_to_string(CORRECTIONS_FILE)
        .map_err(|error| error.to_string())
        .and_then(|text| Corrections::parse(&text))
    {
        Ok(corrections) => corrections,
        Err(error) => {
            eprintln!("codegen: {CORRECTIONS_FILE}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let generated = match generate(&data, &corrections) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("codegen: {DATA_FILE}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let current = std::fs::read_to_string(GENERATED_FILE).unwrap_or_default();
    if check {
        if current == generated {
            println!("codegen: {GENERATED_FILE} is up to date");
            return ExitCode::SUCCESS;
        }
        eprintln!("codegen: {GENERATED_FILE} is out of date; run `cargo run -p xtask -- codegen`");
        return ExitCode::FAILURE;
    }
    if current != generated
        && let Err(error) = std::fs::write(GENERATED_FILE, generated)
    {
        eprintln!("codegen: cannot write {GENERATED_FILE}: {error}");
        return ExitCode::FAILURE;
    }
    println!("codegen: {GENERATED_FILE} written");
    ExitCode::SUCCESS
}

/// `kind context keyword from`: the first version whose binary accepts the
/// keyword, when it is earlier than the data says (a feature backported
/// to a maintenance release).
struct Corrections {
    earliest: Vec<(String, String, String, String)>,
}

impl Corrections {
    fn parse(text: &str) -> Result<Self, String> {
        let mut earliest = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, context, keyword, from, _evidence] = fields[..] else {
                return Err(format!(
                    "line {}: expected 5 tab-separated fields",
                    index + 1
                ));
            };
            if version(from).is_none() {
                return Err(format!("line {}: bad version {from}", index + 1));
            }
            earliest.push((kind.into(), context.into(), keyword.into(), from.into()));
        }
        Ok(Self { earliest })
    }

    /// The corrected first version of a data row: lowered to a backport,
    /// or raised where the data dates a keyword to a development cycle that
    /// released without it (the binaries of that version refuse it).
    fn from<'a>(
        &'a self,
        kind: &str,
        context: &str,
        keyword: &str,
        from: &'a str,
        to: &str,
    ) -> Result<&'a str, String> {
        let Some((_, _, _, first)) = self
            .earliest
            .iter()
            .find(|(k, c, w, _)| k == kind && c == context && w == keyword)
        else {
            return Ok(from);
        };
        if version_order(first) > version_order(to) {
            return Err(format!(
                "the correction of `{keyword}` to {first} is after the row's last version {to}"
            ));
        }
        Ok(first)
    }
}

fn version_order(label: &str) -> (u8, u8) {
    label
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse().ok()?, minor.parse().ok()?)))
        .unwrap_or((u8::MAX, u8::MAX))
}

/// The `;`-separated `key=value` facts of the data file (`-` for none) as
/// the text of a slice of pairs: looking a key up then compares a few
/// short keys instead of scanning the whole text, which several checks do
/// for most statements.
fn extra_pairs(extra: &str) -> Result<String, String> {
    if extra == "-" || extra.is_empty() {
        return Ok(String::new());
    }
    let mut pairs = Vec::new();
    for pair in extra.split(';') {
        let (key, value) = pair
            .split_once('=')
            .ok_or(format!("extra fact `{pair}` is not key=value"))?;
        pairs.push(format!("({key:?}, {value:?})"));
    }
    Ok(pairs.join(", "))
}

fn generate(data: &str, corrections: &Corrections) -> Result<String, String> {
    let mut entries = String::new();
    let mut count = 0;
    for (index, line) in data.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [
            kind,
            context,
            keyword,
            from,
            to,
            sections,
            flags,
            fragment,
            signature,
            extra,
        ] = fields[..]
        else {
            return Err(format!(
                "line {}: expected 10 tab-separated fields",
                index + 1
            ));
        };
        let line_number = index + 1;
        let from = corrections
            .from(kind, context, keyword, from, to)
            .map_err(|error| format!("line {line_number}: {error}"))?;
        let _ = writeln!(
            entries,
            "    Entry {{ kind: Kind::{}, context: Context::{}, keyword: {keyword:?}, from: {}, to: {}, sections: {}, flags: Flags::from_bits({}), fragment: {fragment:?}, signature: {signature:?}, extra: &[{}] }},",
            camel_case(kind),
            camel_case(context),
            version(from).ok_or(format!("line {line_number}: bad version {from}"))?,
            version(to).ok_or(format!("line {line_number}: bad version {to}"))?,
            section_set(sections),
            flag_bits(flags).ok_or(format!("line {line_number}: bad flags {flags}"))?,
            extra_pairs(extra).map_err(|error| format!("line {line_number}: {error}"))?,
        );
        count += 1;
    }
    Ok(format!(
        "// @generated by `cargo run -p xtask -- codegen` from data/keywords.tsv; do not edit.\n\
         \n\
         use crate::Version;\n\
         use crate::model::{{Context, Entry, Flags, Kind, SectionKind, SectionSet}};\n\
         \n\
         /// Every keyword fact, one entry per range of versions.\n\
         #[rustfmt::skip]\n\
         pub(crate) static ENTRIES: [Entry; {count}] = [\n{entries}];\n"
    ))
}

/// `crt-store.load` -> `CrtStoreLoad`
fn camel_case(name: &str) -> String {
    name.split(['-', '.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn version(label: &str) -> Option<String> {
    let (major, minor) = label.split_once('.')?;
    Some(format!(
        "Version::new({}, {})",
        major.parse::<u8>().ok()?,
        minor.parse::<u8>().ok()?
    ))
}

fn section_set(sections: &str) -> String {
    let mut out = String::from("SectionSet::EMPTY");
    if sections != "-" {
        for section in sections.split(',').filter(|name| !name.is_empty()) {
            let _ = write!(out, ".with(SectionKind::{})", camel_case(section));
        }
    }
    out
}

fn flag_bits(flags: &str) -> Option<String> {
    let mut parts = Vec::new();
    for flag in flags.chars() {
        parts.push(match flag {
            '-' => continue,
            'd' => "Flags::DEPRECATED",
            'n' => "Flags::NAMED_DEFAULTS_ONLY",
            'x' => "Flags::EXPERIMENTAL",
            'g' => "Flags::NEGATABLE",
            'u' => "Flags::UNDOCUMENTED",
            _ => return None,
        });
    }
    Some(if parts.is_empty() {
        "0".to_owned()
    } else {
        parts.join(" | ")
    })
}
