//! What each proxy inherits: its defaults section (named with `from`, or the
//! last one before it) and the settings that follow, such as its mode.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::OnceLock;

use haplint_keywords::SectionKind;

use crate::model::{Model, Section, Statement};

/// Proxy mode as HAProxy resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Tcp,
    Http,
    Log,
}

impl Mode {
    fn parse(value: &str) -> Option<Self> {
        match value {
            "tcp" => Some(Self::Tcp),
            "http" => Some(Self::Http),
            "log" => Some(Self::Log),
            _ => None,
        }
    }
}

/// Inheritance facts, indexed like `model.sections`.
#[derive(Debug, Clone)]
pub struct Inheritance {
    /// The defaults section each section inherits from, if any.
    pub defaults_of: Vec<Option<usize>>,
    /// [`Inheritance::settings`] per section, computed on first use: several
    /// rules ask for the same proxies, possibly from several threads.
    settings: Vec<OnceLock<Settings>>,
}

impl Inheritance {
    pub fn compute(model: &Model) -> Self {
        let mut named: HashMap<&str, usize> = HashMap::new();
        let mut last_defaults: Option<usize> = None;
        let mut defaults_of = vec![None; model.sections.len()];
        for (index, section) in model.sections.iter().enumerate() {
            if !section.kind.is_proxy() {
                continue;
            }
            defaults_of[index] = match &section.from {
                Some(from) => named.get(from.value.as_str()).copied(),
                // A defaults section without `from` starts afresh.
                None if section.kind == SectionKind::Defaults => None,
                None => last_defaults,
            };
            if section.kind == SectionKind::Defaults {
                if let Some(name) = section.name_text() {
                    named.insert(name, index);
                }
                last_defaults = Some(index);
            }
        }
        let settings = defaults_of.iter().map(|_| OnceLock::new()).collect();
        Self {
            defaults_of,
            settings,
        }
    }

    /// Whether the effective mode of section `index` is known from the
    /// text: no `mode "${MODE}"` decides it.
    pub fn mode_is_known(&self, model: &Model, index: usize) -> bool {
        let mut current = Some(index);
        let mut hops = 0;
        while let Some(position) = current {
            let section = &model.sections[position];
            if own_mode_is_variable(section) {
                return false;
            }
            if own_mode(section).is_some() {
                return true;
            }
            current = self.defaults_of[position];
            hops += 1;
            if hops > model.sections.len() {
                break;
            }
        }
        true
    }

    /// The effective mode of section `index`: its own `mode`, else the one of
    /// its defaults chain, else tcp.
    pub fn mode(&self, model: &Model, index: usize) -> Mode {
        let mut current = Some(index);
        let mut hops = 0;
        while let Some(position) = current {
            if let Some(mode) = own_mode(&model.sections[position]) {
                return mode;
            }
            current = self.defaults_of[position];
            hops += 1;
            if hops > model.sections.len() {
                break;
            }
        }
        Mode::Tcp
    }
}

/// Whether the `mode` that decides the section's mode is written with a
/// variable (`mode "${MODE}"`), so that it is not known from the text.
fn own_mode_is_variable(section: &Section) -> bool {
    section
        .statements_of("mode")
        .filter(|statement| statement.prefix.is_none())
        .filter_map(|statement| statement.args().first())
        .last()
        .is_some_and(|word| word.has_variables)
}

fn own_mode(section: &Section) -> Option<Mode> {
    section
        .statements_of("mode")
        .filter(|statement| statement.prefix.is_none())
        .filter_map(|statement| statement.args().first())
        .filter_map(|word| Mode::parse(&word.value))
        .last()
}

/// The effective settings of a proxy by keyword (`timeout client`,
/// `option httplog`; `log#0`, `log#1`... for the `log` lines).
///
/// Every proxy starts from a copy of its defaults' settings: the keys are
/// mostly the keyword names of the table and the values are shared, so
/// that copy costs a few small allocations even with thousands of proxies.
pub type Settings = BTreeMap<Cow<'static, str>, Setting>;

/// One effective setting of a proxy and where it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The arguments of the statement that set it.
    pub value: Arc<[String]>,
    /// The section (index into `model.sections`) the statement is in.
    pub section: usize,
    pub file: crate::FileId,
    pub range: haplint_syntax::TextRange,
}

/// Keywords whose last occurrence wins, besides every `option` and `timeout`.
const SINGLE_VALUED: [&str; 12] = [
    "mode",
    "balance",
    "maxconn",
    "fullconn",
    "retries",
    "hash-type",
    "http-reuse",
    "cookie",
    "default_backend",
    "log-format",
    "unique-id-format",
    "backlog",
];

impl Inheritance {
    /// The settings section `index` ends up with: its defaults chain from the
    /// oldest ancestor, then its own statements; the last statement wins and
    /// `no option x` clears an inherited option. `log` lines accumulate
    /// unless `no log` appears.
    pub fn settings(&self, model: &Model, index: usize) -> &Settings {
        self.settings[index].get_or_init(|| self.compute_settings(model, index))
    }

    fn compute_settings(&self, model: &Model, index: usize) -> Settings {
        let mut chain = vec![index];
        let mut cyclic = false;
        while let Some(parent) = chain.last().and_then(|last| self.defaults_of[*last]) {
            if chain.contains(&parent) {
                cyclic = true;
                break;
            }
            chain.push(parent);
        }
        // Thousands of proxies share a few defaults sections: start from the
        // parent's settings, computed once, rather than replaying the chain.
        // A cyclic chain (reported elsewhere) must not recurse into itself.
        let mut settings = match chain.get(1) {
            Some(&parent) if !cyclic => self.settings(model, parent).clone(),
            _ => {
                let mut settings = BTreeMap::new();
                for &position in chain[1..].iter().rev() {
                    apply_statements(&mut settings, model, position);
                }
                settings
            }
        };
        apply_statements(&mut settings, model, index);
        settings
    }
}

impl Inheritance {
    /// The statement that gives section `index` its effective `key` (a
    /// single-valued keyword, an `option` or a `timeout`, not `log`), as
    /// [`Inheritance::settings`] has it, or `None` when nothing sets it or
    /// a `no` form clears it. Finds one key without building every setting
    /// of the proxy: the routing graph asks for a few keys of each of
    /// thousands of proxies.
    pub fn setter<'m>(&self, model: &'m Model, index: usize, key: &str) -> Option<&'m Statement> {
        if let Some(settings) = self.settings.get(index).and_then(OnceLock::get) {
            let setting = settings.get(key)?;
            return model
                .sections
                .get(setting.section)?
                .statements
                .iter()
                .find(|statement| {
                    statement.range == setting.range && statement.file == setting.file
                });
        }
        // The chain from the section up to its oldest ancestor, stopping
        // before a repeat as `compute_settings` does: the newest statement
        // of the key along it decides.
        let mut visited = Vec::new();
        let mut current = Some(index);
        while let Some(position) = current {
            if visited.contains(&position) {
                break;
            }
            visited.push(position);
            let section = model.sections.get(position)?;
            let newest = section
                .statements
                .iter()
                .rev()
                .find(|statement| statement.keyword.is_some_and(|entry| entry.keyword == key));
            if let Some(statement) = newest {
                return (statement.prefix != Some(crate::Prefix::No)).then_some(statement);
            }
            current = self.defaults_of.get(position).copied().flatten();
        }
        None
    }
}

/// Applies the tracked statements of section `position` over `settings`.
fn apply_statements(settings: &mut Settings, model: &Model, position: usize) {
    for statement in &model.sections[position].statements {
        let Some(entry) = statement.keyword else {
            continue;
        };
        let keyword = entry.keyword;
        let tracked = matches!(
            entry.kind,
            haplint_keywords::Kind::Option | haplint_keywords::Kind::Timeout
        ) || SINGLE_VALUED.contains(&keyword)
            || keyword == "log";
        if !tracked {
            continue;
        }
        if statement.prefix == Some(crate::Prefix::No) {
            if keyword == "log" {
                settings.retain(|name, _| !name.starts_with("log#"));
            } else {
                settings.remove(keyword);
            }
            continue;
        }
        let key = if keyword == "log" {
            let count = settings
                .keys()
                .filter(|name| name.starts_with("log#"))
                .count();
            Cow::Owned(format!("log#{count}"))
        } else {
            Cow::Borrowed(keyword)
        };
        settings.insert(
            key,
            Setting {
                value: statement
                    .args()
                    .iter()
                    .map(|word| word.value.clone())
                    .collect(),
                section: position,
                file: statement.file,
                range: statement.range,
            },
        );
    }
}
