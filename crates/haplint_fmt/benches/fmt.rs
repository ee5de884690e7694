//! `haplint fmt` on the 120k-line generated configuration (the one of
//! `xtask gen-config 10000`), as written and with its layout messed up.
//! `cargo bench -p haplint_fmt --bench fmt`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use haplint_fmt::{FormatOptions, format};

// Like the `haplint` binary (and the pipeline benchmark), allocate with
// mimalloc: the system allocator maps and unmaps the output's pages at
// every iteration, which the binary never does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../haplint_syntax/benches/support/generate.rs"]
mod generate;

fn bench(criterion: &mut Criterion) {
    let tidy = generate::generate(10_000);
    // Every statement indented by two spaces and with a doubled space
    // after its keyword: every line changes.
    let mut messy = String::with_capacity(tidy.len() * 2);
    for line in tidy.lines() {
        messy.push_str(&line.trim_start().replacen(' ', "  ", 1));
        messy.push('\n');
    }
    let options = FormatOptions::default();
    let mut group = criterion.benchmark_group("fmt");
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(20);
    for (label, text) in [("gen_120k_lines", &tidy), ("gen_120k_lines_messy", &messy)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |bencher| {
            bencher.iter(|| format(black_box(text), &options, false).map(|out| out.text.len()));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
