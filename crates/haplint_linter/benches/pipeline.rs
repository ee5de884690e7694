//! The whole pipeline, stage by stage, on generated configurations of
//! about 1k, 12k and 120k lines (`haplint_syntax/benches/support/generate.rs`,
//! the generator `xtask gen-config` and `xtask bench-vs-haproxy` use).
//!
//! `cargo bench -p haplint_linter --bench pipeline` measures, per size:
//! - `lex`: the tokenizer alone;
//! - `parse`: tokens and the concrete syntax tree;
//! - `model`: `ConfigSet::single` (parse) plus `analyze` (the semantic
//!   model and its checks) for target 2.6;
//! - `lint`: `ConfigSet::single` plus `lint` (model, inheritance and every
//!   default rule), what `haplint check` does per file.
//!
//! Each stage includes the ones before it, so differences give the split.
//! Like the `haplint` binary, the benchmark allocates with mimalloc; the
//! time to free what each iteration built is included.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use haplint_linter::{LintOptions, lint};
use haplint_semantic::{ConfigSet, Options, Version, analyze};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../haplint_syntax/benches/support/generate.rs"]
mod generate;

/// Label and number of generated applications (about 12 lines each).
const SIZES: [(&str, usize); 3] = [
    ("gen_1k_lines", 80),
    ("gen_12k_lines", 1_000),
    ("gen_120k_lines", 10_000),
];

const TARGET: Version = Version::new(2, 6);

/// Fewer, longer samples for the big inputs, where one iteration takes
/// tens of milliseconds.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, text: &str) {
    group.throughput(Throughput::Bytes(text.len() as u64));
    if text.len() > 1_000_000 {
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(6));
    } else {
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(3));
    }
}

fn benches(c: &mut Criterion) {
    let inputs: Vec<(&str, String)> = SIZES
        .iter()
        .map(|&(label, applications)| (label, generate::generate(applications)))
        .collect();
    let path = Path::new("generated.cfg");

    let mut group = c.benchmark_group("lex");
    for (label, text) in &inputs {
        configure(&mut group, text);
        group.bench_function(*label, |b| {
            b.iter(|| haplint_syntax::lexer::tokenize(black_box(text)));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse");
    for (label, text) in &inputs {
        configure(&mut group, text);
        group.bench_function(*label, |b| {
            b.iter(|| haplint_syntax::parse(black_box(text)));
        });
    }
    group.finish();

    let options = Options {
        target: TARGET,
        ..Options::default()
    };
    let mut group = c.benchmark_group("model");
    for (label, text) in &inputs {
        configure(&mut group, text);
        group.bench_function(*label, |b| {
            b.iter(|| {
                let set = ConfigSet::single(path, black_box(text.as_bytes()));
                analyze(&set, &options)
            });
        });
    }
    group.finish();

    let options = LintOptions {
        target: TARGET,
        ..LintOptions::default()
    };
    let mut group = c.benchmark_group("lint");
    for (label, text) in &inputs {
        configure(&mut group, text);
        group.bench_function(*label, |b| {
            b.iter(|| {
                let set = ConfigSet::single(path, black_box(text.as_bytes()));
                lint(&set, &options)
            });
        });
    }
    group.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
