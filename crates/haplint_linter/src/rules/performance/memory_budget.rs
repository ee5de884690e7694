//! Buffer memory implied by `maxconn` and `tune.bufsize`.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct MemoryBudget;

/// The default budget (rule options will make it configurable).
pub const DEFAULT_BUDGET_BYTES: u64 = 4 << 30;
/// Approximate size of one SSL session cache entry.
const SSL_CACHE_ENTRY_BYTES: u64 = 200;
/// HAProxy's default `tune.bufsize`.
const DEFAULT_BUFSIZE: u64 = 16384;

static META: RuleMeta = RuleMeta {
    name: "memory-budget",
    code: "HAP502",
    category: Category::Performance,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Estimates the buffer memory HAProxy may need at full load, two buffers of
`tune.bufsize` (16384 bytes by default) per connection times the global
`maxconn`, plus about 200 bytes per entry of the SSL session cache
(`tune.ssl.cachesize`), and flags it when it exceeds the budget: 4 GiB by default, set
with `budget = \"8g\"` under `[rules.memory-budget]` in `haplint.toml`.

## Why is this bad
Buffers are allocated as connections arrive. A `maxconn` that the memory
cannot back makes HAProxy fail allocations under load, or get killed by the
kernel, exactly when traffic peaks.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    maxconn 100000
    tune.bufsize 32768
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    maxconn 50000
    tune.bufsize 16384
```

## Fix safety
No fix: the right `maxconn` depends on the machine.

## References
- https://docs.haproxy.org/3.2/configuration.html#3.2-tune.bufsize
- https://docs.haproxy.org/3.2/configuration.html#3.2-maxconn
",
};

/// `6.1 GiB` / `19 MiB` style figures.
fn human(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let bytes = bytes as f64;
    if bytes >= f64::from(1u32 << 30) {
        format!("{:.1} GiB", bytes / f64::from(1u32 << 30))
    } else {
        format!("{:.0} MiB", bytes / f64::from(1u32 << 20))
    }
}

impl Rule for MemoryBudget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(maxconn_statement) = context.global("maxconn") else {
            return;
        };
        let Some(maxconn) = maxconn_statement
            .args()
            .first()
            .and_then(|word| word.value.parse::<u64>().ok())
        else {
            return;
        };
        // A `tune.bufsize` misplaced in a proxy section still says what size
        // the operator expects (the model reports the misplacement).
        let bufsize_statement = context.global("tune.bufsize").or_else(|| {
            context
                .model()
                .sections
                .iter()
                .flat_map(|section| section.statements.iter())
                .find(|statement| statement.head() == "tune.bufsize")
        });
        let bufsize = bufsize_statement
            .and_then(|statement| statement.args().first())
            .and_then(|word| word.value.parse::<u64>().ok())
            .unwrap_or(DEFAULT_BUFSIZE);
        let buffers = maxconn.saturating_mul(bufsize).saturating_mul(2);
        // Each SSL session cache entry takes about 200 bytes of shared memory.
        let cache_entries = context
            .global("tune.ssl.cachesize")
            .and_then(|statement| statement.args().first())
            .and_then(|word| word.value.parse::<u64>().ok());
        let cache =
            cache_entries.map_or(0, |entries| entries.saturating_mul(SSL_CACHE_ENTRY_BYTES));
        let needed = buffers.saturating_add(cache);
        let budget = context
            .options
            .memory_budget
            .unwrap_or(DEFAULT_BUDGET_BYTES);
        if needed <= budget {
            return;
        }
        let mut diagnostic = META
            .diagnostic(
                context.keyword_span(maxconn_statement),
                match cache_entries {
                    Some(entries) if cache > 0 => format!(
                        "buffers may need 2 × {bufsize} × {maxconn} bytes ≈ {}, plus {} for {entries} SSL sessions, over the {} budget",
                        human(buffers),
                        human(cache),
                        human(budget)
                    ),
                    _ => format!("buffers may need 2 × {bufsize} × {maxconn} bytes ≈ {} at full load, over the {} budget", human(needed), human(budget)),
                },
            )
            .with_help("lower `maxconn` or `tune.bufsize`, or make sure the machine has that memory to spare");
        if let Some(statement) = bufsize_statement {
            diagnostic =
                diagnostic.with_label(context.keyword_span(statement), "buffer size set here");
        }
        out.push(diagnostic);
    }
}
