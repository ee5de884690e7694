//! Project tasks: `cargo run -p xtask -- <task>`.

mod bench_vs_haproxy;
mod codegen;
mod corpus;
mod fix_coverage;
mod fmt_corpus;
mod gen_config;
mod graph_corpus;
mod import_keywords;
mod live_e2e;
mod oracle;
mod oracle_lines;
mod scratch;
mod upgrade_corpus;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo run -p xtask -- <task>

tasks:
  bench-vs-haproxy [--runs N] [--haproxy PATH]
                       median wall time and peak RSS of `haplint check` and
                       `haproxy -c` on generated 1k, 12k and 120k-line configs
  corpus DIR...        parse every *.cfg under DIR, check round-trip and panics
  fix-coverage [--target-version X.Y]... [--apply [--oracles DIR]] DIR...
                       per rule: findings, how many carry a fix and how
                       safe (default targets 2.6 and 3.2); --apply fixes
                       each file as --fix --unsafe-fixes would: findings
                       must halve, no new error or warning, and HAProxy
                       must refuse no more of the changed files
  fmt-corpus [--oracles DIR] DIR...
                       `haplint fmt` keeps haplint's findings and each
                       HAProxy's verdict on every *.cfg it changes
  gen-config N [OUT]   write a large valid configuration with N applications
                       (about 12 lines each) to OUT, or to stdout
  graph-corpus DIR...  draw every *.cfg under DIR in every `haplint graph`
                       format; fails on a panic
  graph-timing [N]     time `haplint graph` per format on a generated
                       configuration of N applications (default 10000,
                       about 120k lines); run it with --release
  import-keywords [JSON]
                       derive crates/haplint_keywords/data/keywords.tsv from
                       the shared keyword database (default ../shared/...)
  codegen [--check]    generate the keyword tables from the data file
  live-e2e [--haproxy PATH] [--haplint PATH]
                       haplint's --runtime and --live checks against a real
                       HAProxy started on loopback ports (default haplint:
                       target/release/haplint)
  oracle [--haproxy PATH]... [--oracles DIR] [--stored X.Y]... [--check] [--list-missed] [--table] DIR...
                       agreement with `haproxy -c` per message category,
                       thresholds in xtask/oracle-thresholds.toml (--check)
  oracle-lines DIR     compare haplint with HAProxy 2.6 on the oracle cases
                       (expected lines in xtask/oracle-2.6-lines.tsv)
  upgrade-corpus --oracles DIR [--haplint PATH] [--to X.Y]... [--check] DIR...
                       files each HAProxy refuses only for removed directives:
                       how many it accepts after `haplint upgrade --to X.Y`,
                       no new alert, accepted files left alone";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((task, rest)) if task == "corpus" => corpus::run(rest),
        Some((task, rest)) if task == "bench-vs-haproxy" => bench_vs_haproxy::run(rest),
        Some((task, rest)) if task == "measure-child" => bench_vs_haproxy::measure_child(rest),
        Some((task, rest)) if task == "gen-config" => gen_config::run(rest),
        Some((task, rest)) if task == "graph-corpus" => graph_corpus::run(rest),
        Some((task, rest)) if task == "graph-timing" => graph_corpus::timing(rest),
        Some((task, rest)) if task == "fix-coverage" => fix_coverage::run(rest),
        Some((task, rest)) if task == "fmt-corpus" => fmt_corpus::run(rest),
        Some((task, rest)) if task == "import-keywords" => import_keywords::run(rest),
        Some((task, rest)) if task == "codegen" => codegen::run(rest),
        Some((task, rest)) if task == "live-e2e" => live_e2e::run(rest),
        Some((task, rest)) if task == "oracle" => oracle::run(rest),
        Some((task, rest)) if task == "oracle-lines" => oracle_lines::run(rest),
        Some((task, rest)) if task == "upgrade-corpus" => upgrade_corpus::run(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
