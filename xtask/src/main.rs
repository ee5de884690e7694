//! Project tasks: `cargo run -p xtask -- <task>`.

mod codegen;
mod corpus;
mod gen_config;
mod import_keywords;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo run -p xtask -- <task>

tasks:
  corpus DIR...        parse every *.cfg under DIR, check round-trip and panics
  gen-config N [OUT]   write a large valid configuration with N applications
                       (about 12 lines each) to OUT, or to stdout
  import-keywords [JSON]
                       derive crates/haplint_keywords/data/keywords.tsv from
                       the shared keyword database (default ../shared/...)
  codegen [--check]    generate the keyword tables from the data file";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((task, rest)) if task == "corpus" => corpus::run(rest),
        Some((task, rest)) if task == "gen-config" => gen_config::run(rest),
        Some((task, rest)) if task == "import-keywords" => import_keywords::run(rest),
        Some((task, rest)) if task == "codegen" => codegen::run(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
