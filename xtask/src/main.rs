//! Project tasks: `cargo run -p xtask -- <task>`.

mod corpus;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo run -p xtask -- <task>

tasks:
  corpus DIR...   parse every *.cfg under DIR, check round-trip and panics";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((task, rest)) if task == "corpus" => corpus::run(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
