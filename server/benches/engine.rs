//! Engine timings on real connectors: parse, and parse + check, of Encodian (1.1 MB, the
//! largest certified swagger) and CivicPlus (36 KB, a typical one).
//!
//! The connectors come from `../shared/corpus` beside the repository; without it the bench
//! prints a message and measures nothing.
//!
//! `cargo bench -p connector-ls --bench engine`

use std::path::{Path, PathBuf};

use connector_ls::package::{Document, FileKind, Package};
use connector_ls::rules::{self, Config};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/certified-connectors")
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
        b.iter(|| connector_ls::json::parse(black_box(swagger.as_str())))
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
    group.finish();
}

fn engine(c: &mut Criterion) {
    bench_connector(c, "Encodian");
    bench_connector(c, "CivicPlus");
}

criterion_group!(benches, engine);
criterion_main!(benches);
