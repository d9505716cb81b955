//! Engine timings on real connectors: parse, parse + check, check, and one keystroke (reparse
//! and incremental re-check) of Encodian (1.1 MB, the largest certified swagger) and CivicPlus
//! (36 KB, a typical one); and `check` of the whole corpus (638 connectors, 55 MB of JSON) as
//! the command line runs it, with and without rendering its JSON output.
//!
//! For the corpus against a peer (Python's `json.loads` of the same files, in the same run) and
//! with CPU time and peak memory, see `benches/corpus_ratio.py` at the repository's root.
//!
//! The connectors come from `../shared/corpus` beside the repository; without it the bench
//! prints a message and measures nothing.
//!
//! `cargo bench -p connector-ls --bench engine`

use std::path::{Path, PathBuf};

use connector_ls_core::package::{Document, FileKind, Package};
use connector_ls_core::rules::{self, Config};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/certified-connectors")
}

fn bench_connector(c: &mut Criterion, name: &str) {
    let dir = corpus().join(name);
    let swagger_path = dir.join("apiDefinition.swagger.json");
    let Ok(swagger) = std::fs::read_to_string(&swagger_path) else {
        eprintln!(
            "skipping {name}: {} not found (the corpus is not part of the repository)",
            swagger_path.display()
        );
        return;
    };
    let props = std::fs::read_to_string(dir.join("apiProperties.json")).ok();
    let config = Config::default();

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(swagger.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| connector_ls_core::json::parse(black_box(swagger.as_str())))
    });
    group.bench_function("parse+check", |b| {
        b.iter(|| {
            let mut docs = vec![Document::new(
                swagger_path.clone(),
                FileKind::Swagger,
                black_box(&swagger),
            )];
            if let Some(p) = &props {
                docs.push(Document::new(
                    dir.join("apiProperties.json"),
                    FileKind::ApiProperties,
                    p,
                ));
            }
            let pkg = Package::from_documents(&dir, docs, None);
            rules::check(&pkg, &config)
        })
    });
    let docs = vec![Document::new(
        swagger_path.clone(),
        FileKind::Swagger,
        &swagger,
    )];
    let pkg = Package::from_documents(&dir, docs, None);
    group.bench_function("check", |b| {
        b.iter(|| rules::check(black_box(&pkg), &config))
    });

    // One keystroke in a description two thirds into the file, as the language server
    // handles it: reparse from the previous version, then re-check what the edit can affect.
    let (_, memory) = rules::check_again(&pkg, &config, None);
    let anchor = "\"description\": \"";
    let target = swagger.len() * 2 / 3;
    let at = swagger
        .match_indices(anchor)
        .map(|(i, _)| i + anchor.len())
        .min_by_key(|&i| i.abs_diff(target))
        .expect("a description");
    let typed = format!("{}x{}", &swagger[..at], &swagger[at..]);
    let previous = pkg.swagger.as_ref().expect("parsed");
    group.bench_function("keystroke", |b| {
        b.iter(|| {
            let doc = Document::edited(previous, black_box(typed.as_str()).into());
            let mut next = Package::from_documents(&dir, vec![doc], None);
            // The folder's listing comes from the disk, which an unsaved edit does not change.
            next.files = pkg.files.clone();
            let (findings, memory) = rules::check_again(&next, &config, Some((&pkg, &memory)));
            assert!(memory.ran.len() < 40, "{:?}", memory.ran);
            findings
        })
    });
    group.finish();
}

/// `check` of every connector of the corpus, on every core, as `connector-ls check` runs it.
fn bench_corpus(c: &mut Criterion) {
    let root = corpus().join("..");
    if !root.join("certified-connectors").is_dir() {
        eprintln!("skipping the corpus: {} not found", root.display());
        return;
    }
    let opts = connector_ls::cli::CheckOptions {
        paths: vec![root],
        format: connector_ls::cli::OutputFormat::Json,
        ..Default::default()
    };
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("check", |b| b.iter(|| connector_ls::cli::run(&opts)));
    group.bench_function("check+json", |b| {
        b.iter(|| {
            let run = connector_ls::cli::run(&opts);
            connector_ls::cli::render(&run, &opts, &mut std::io::sink()).expect("rendered");
            run.checked.len()
        })
    });
    group.finish();
}

fn engine(c: &mut Criterion) {
    bench_connector(c, "Encodian");
    bench_connector(c, "CivicPlus");
    bench_corpus(c);
}

criterion_group!(benches, engine);
criterion_main!(benches);
