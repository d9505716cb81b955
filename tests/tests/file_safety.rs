//! What a hostile package folder can make `check` and `check --fix` read or write.
//!
//! `--fix` writes through a new temporary file with a random name, never a planted one, keeps
//! the file's permission bits, writes symbolic links inside the package through to their target
//! and refuses those leading outside. Reads never leave the package, never open anything but a
//! regular file, and stop at the size limit by the bytes read.

#![cfg(unix)]

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Command;

use connector_ls_tests::connector_ls_bin;
use serde_json::Value;

const SWAGGER: &str = "apiDefinition.swagger.json";

/// `x-ms-sumary` has a safe fix (the rename to `x-ms-summary`).
const MISSPELLED: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "paths": {"/a": {"get": {"operationId": "GetA", "x-ms-sumary": "Get A",
    "responses": {"200": {"description": "ok"}}}}}
}
"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn connector_ls(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(connector_ls_bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .output()
        .expect("connector-ls runs");
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn fix(dir: &Path) -> Run {
    connector_ls(
        dir,
        &[
            "check",
            ".",
            "--fix",
            "--format",
            "json",
            "--select",
            "UnknownExtension,FileNotReadable",
        ],
    )
}

fn fixed_count(r: &Run) -> u64 {
    let json: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", r.stdout, r.stderr);
    });
    json["summary"]["fixed"].as_u64().unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_planted_temporary_file_link_is_not_followed() {
    let root = tempfile::tempdir().unwrap();
    let victim = root.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(pkg.join(SWAGGER), MISSPELLED).unwrap();
    // The name the temporary file used to have, planted as a link out of the package.
    let planted = pkg.join(format!(".{SWAGGER}.connector-ls-fix"));
    symlink("../victim", &planted).unwrap();

    let r = fix(&pkg);
    assert_eq!(fixed_count(&r), 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::read_link(&planted).is_ok(),
        "the planted link is left alone"
    );
    let swagger = pkg.join(SWAGGER);
    assert!(std::fs::symlink_metadata(&swagger).unwrap().is_file());
    assert!(std::fs::read_to_string(&swagger)
        .unwrap()
        .contains("\"x-ms-summary\": \"Get A\""));
    assert_eq!(
        names(&pkg),
        [format!(".{SWAGGER}.connector-ls-fix"), SWAGGER.to_string()],
        "no temporary file left"
    );
}

#[test]
fn fixed_files_keep_their_mode_and_read_only_files_are_not_written() {
    for wanted in [0o600, 0o755, 0o640] {
        let dir = tempfile::tempdir().unwrap();
        let swagger = dir.path().join(SWAGGER);
        std::fs::write(&swagger, MISSPELLED).unwrap();
        std::fs::set_permissions(&swagger, std::fs::Permissions::from_mode(wanted)).unwrap();
        let r = fix(dir.path());
        assert_eq!(fixed_count(&r), 1, "{wanted:o}: {}{}", r.stdout, r.stderr);
        assert_eq!(mode(&swagger), wanted, "{wanted:o}");
        assert_ne!(std::fs::read_to_string(&swagger).unwrap(), MISSPELLED);
    }
    // Read-only: the user's statement that it is not to be written. Reported, left as it is.
    let dir = tempfile::tempdir().unwrap();
    let swagger = dir.path().join(SWAGGER);
    std::fs::write(&swagger, MISSPELLED).unwrap();
    std::fs::set_permissions(&swagger, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = fix(dir.path());
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("read-only"), "{}", r.stderr);
    assert_eq!(mode(&swagger), 0o444);
    assert_eq!(std::fs::read_to_string(&swagger).unwrap(), MISSPELLED);
    assert_eq!(names(dir.path()), [SWAGGER], "no temporary file left");
}

#[test]
fn a_linked_swagger_inside_the_package_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, MISSPELLED).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join(SWAGGER);
    symlink("real.json", &link).unwrap();
    let r = fix(dir.path());
    assert_eq!(fixed_count(&r), 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("real.json"),
        "still the same link"
    );
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("\"x-ms-summary\""));
    assert_eq!(mode(&real), 0o600);
    assert_eq!(names(dir.path()), [SWAGGER, "real.json"]);
}

#[test]
fn a_link_out_of_the_package_is_never_written() {
    let root = tempfile::tempdir().unwrap();
    let outside = root.path().join("outside.json");
    std::fs::write(&outside, MISSPELLED).unwrap();
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let link = pkg.join(SWAGGER);
    symlink("../outside.json", &link).unwrap();

    // `check --fix` does not read it, so it has nothing to fix there: reported.
    let r = fix(&pkg);
    assert_eq!(fixed_count(&r), 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("FileNotReadable"), "{}", r.stdout);
    assert!(r.stdout.contains("outside the package"), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), MISSPELLED);

    // And the writer itself refuses, whoever asks it.
    let err = connector_ls::package::files::write_atomically(&pkg, &link, "{}").unwrap_err();
    assert!(err.to_string().contains("outside the package"), "{err}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), MISSPELLED);
    assert!(std::fs::read_link(&link).is_ok());
    assert_eq!(names(&pkg), [SWAGGER]);
    assert_eq!(names(root.path()), ["outside.json", "pkg"]);
}
