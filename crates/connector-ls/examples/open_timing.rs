//! What a language server's first check of a package costs against the next ones: warms the
//! rules up as the server does while its client starts, then loads and checks the given
//! package several times, printing each load, check, and check tracking what rules read (the
//! server's first check of a package).
//!
//! `cargo run --release -p connector-ls --example open_timing -- PACKAGE_DIR [RUNS]`
//!
//! `PAUSE_MS=N` sleeps N ms before each run, as a server sits idle between an author's opens:
//! on the 2-core VM measured (2026-12-04), after 50 ms idle the check of Encodian took 8.5-10 ms
//! against 4.6-5.8 ms back to back, because a thread started on the idle core ran only some
//! milliseconds later (two threads of equal work took 7.8 ms where one took 4.2).

use std::path::PathBuf;
use std::time::Instant;

use connector_ls::workspace::source::DISK;
use connector_ls_core::package::{Package, Source};
use connector_ls_core::rules::{self, Config};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: open_timing PACKAGE_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let t = Instant::now();
    rules::warm_up();
    println!("warm-up {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    let disk = DISK;
    let pause = std::env::var("PAUSE_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(0);
    for run in 1..=runs {
        std::thread::sleep(std::time::Duration::from_millis(pause));
        let t = Instant::now();
        let package = match Package::load(&dir, None, &Source::new(&disk)) {
            Ok(package) => package,
            Err(e) => {
                eprintln!("cannot load {}: {e}", dir.display());
                std::process::exit(1);
            }
        };
        let load = t.elapsed();
        let t = Instant::now();
        let findings = rules::check(&package, &Config::default());
        let check = t.elapsed();
        // The language server's first check of a package: the same, tracking what each rule
        // read for the re-checks that follow.
        let t = Instant::now();
        let (tracked, _memory) = rules::check_again(&package, &Config::default(), None);
        let tracking = t.elapsed();
        println!(
            "run {run}: load {:.2} ms, check {:.2} ms, tracked check {:.2} ms, {} findings",
            load.as_secs_f64() * 1e3,
            check.as_secs_f64() * 1e3,
            tracking.as_secs_f64() * 1e3,
            findings.len().max(tracked.len())
        );
    }
}
