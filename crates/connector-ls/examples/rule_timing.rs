//! Where the check time goes: loads every connector below the given paths and prints the time
//! spent parsing and in each rule, summed over all connectors, slowest first.
//!
//! `cargo run --release -p connector-ls --example rule_timing -- ../shared/corpus`

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use connector_ls::workspace::search::find_packages;
use connector_ls::workspace::source::DISK;
use connector_ls_core::package::{Package, Source};
use connector_ls_core::rules::{self, Config, RULES};

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let packages = find_packages(&paths).expect("paths readable");
    let mut per_rule: HashMap<&str, Duration> = HashMap::new();
    let mut load = Duration::ZERO;
    let mut all_rules = Duration::ZERO;
    let disk = DISK;
    for (dir, explicit) in &packages {
        let t = Instant::now();
        let source = Source {
            swagger_override: explicit.clone(),
            ..Source::new(&disk)
        };
        let Ok(pkg) = Package::load(dir, None, &source) else {
            continue;
        };
        load += t.elapsed();
        let t = Instant::now();
        let _ = rules::check(&pkg, &Config::default());
        all_rules += t.elapsed();
        for rule in RULES.iter() {
            let config = Config {
                select: Some(vec![rule.code.to_string()]),
                ..Config::default()
            };
            let t = Instant::now();
            let _ = rules::check(&pkg, &config);
            *per_rule.entry(rule.code).or_default() += t.elapsed();
        }
    }
    let mut rows: Vec<_> = per_rule.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    let total: Duration = rows.iter().map(|r| r.1).sum();
    println!(
        "{} connectors; load+parse {:?}; all rules in one check {:?}; rules one at a time {:?}",
        packages.len(),
        load,
        all_rules,
        total
    );
    for (code, d) in rows.iter().take(25) {
        println!("{:>10.2} ms  {code}", d.as_secs_f64() * 1000.0);
    }
}
