//! Lexer and parser throughput on generated configurations.
//!
//! `cargo bench -p haplint_syntax --bench parse` measures the groups `lex`
//! (`lexer::tokenize`) and `lex_parse` (`parse`: tokens and green tree, and
//! dropping the tree) on configurations of about 1k, 10k and 120k lines from
//! `support/generate.rs`. `lex_parse_keep` times `parse` alone: the tree is
//! dropped outside the timing (freeing a large tree is a sizeable share).
//! With `HAPLINT_BENCH_FILE=path` set, the file at `path` is measured too.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main,
};

#[path = "support/generate.rs"]
mod generate;

/// Label and number of generated applications (about 12 lines each).
const SIZES: [(&str, usize); 3] = [
    ("gen_1k_lines", 80),
    ("gen_10k_lines", 800),
    ("gen_120k_lines", 10_000),
];

struct Input {
    label: String,
    text: String,
}

fn inputs() -> Vec<Input> {
    let mut inputs: Vec<Input> = SIZES
        .iter()
        .map(|&(label, applications)| Input {
            label: label.to_owned(),
            text: generate::generate(applications),
        })
        .collect();
    if let Some(path) = std::env::var_os("HAPLINT_BENCH_FILE") {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.to_string_lossy()));
        let name = std::path::Path::new(&path).file_name().map_or_else(
            || "file".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        );
        inputs.push(Input {
            label: format!("file_{name}"),
            text,
        });
    }
    for input in &inputs {
        eprintln!(
            "input {}: {} lines, {} bytes",
            input.label,
            input.text.lines().count(),
            input.text.len()
        );
    }
    inputs
}

/// Fewer, longer samples for the big inputs, where one iteration takes tens of ms.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, input: &Input) {
    group.throughput(Throughput::Bytes(input.text.len() as u64));
    if input.text.len() > 1_000_000 {
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(8));
    } else {
        group.sample_size(50);
        group.measurement_time(Duration::from_secs(4));
    }
}

fn benches(c: &mut Criterion) {
    let inputs = inputs();

    let mut lex = c.benchmark_group("lex");
    for input in &inputs {
        configure(&mut lex, input);
        lex.bench_function(&input.label, |b| {
            b.iter(|| haplint_syntax::lexer::tokenize(black_box(&input.text)));
        });
    }
    lex.finish();

    let mut lex_parse = c.benchmark_group("lex_parse");
    for input in &inputs {
        configure(&mut lex_parse, input);
        lex_parse.bench_function(&input.label, |b| {
            b.iter(|| haplint_syntax::parse(black_box(&input.text)));
        });
    }
    lex_parse.finish();

    let mut keep = c.benchmark_group("lex_parse_keep");
    for input in &inputs {
        configure(&mut keep, input);
        keep.bench_function(&input.label, |b| {
            b.iter_batched(
                || (),
                |()| haplint_syntax::parse(black_box(&input.text)),
                BatchSize::PerIteration,
            );
        });
    }
    keep.finish();
}

criterion_group!(parse, benches);
criterion_main!(parse);
