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
    let err = connector_ls::workspace::files::write_atomically(&pkg, &link, "{}").unwrap_err();
    assert!(err.to_string().contains("outside the package"), "{err}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), MISSPELLED);
    assert!(std::fs::read_link(&link).is_ok());
    assert_eq!(names(&pkg), [SWAGGER]);
    assert_eq!(names(root.path()), ["outside.json", "pkg"]);
}

/// Runs `connector-ls ARGS` in `cwd`, failing (and killing it) if it takes over 30 s: a read
/// that blocks on a FIFO shows up as this failure, not as a hung test run.
fn within_deadline(cwd: &Path, args: &[&str]) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = Command::new(connector_ls_bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("connector-ls runs");
    let pipe = |p: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            if let Some(mut p) = p {
                let _ = p.read_to_end(&mut s);
            }
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = pipe(child.stdout.take().map(|p| Box::new(p) as _));
    let err = pipe(child.stderr.take().map(|p| Box::new(p) as _));
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("connector-ls {args:?} did not finish within 30 s (blocked on a read?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().expect("exited normally"),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// The FileNotReadable findings of a JSON report: (file name, message).
fn unreadable(r: &Run) -> Vec<(String, String)> {
    let json: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", r.stdout, r.stderr);
    });
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "FileNotReadable")
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default();
            let name = Path::new(file).file_name().unwrap_or_default();
            (
                name.to_string_lossy().into_owned(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const API_PROPERTIES: &str = r##"{"properties": {"iconBrandColor": "#123456",
  "capabilities": [], "publisher": "Contoso", "stackOwner": "Contoso",
  "scriptOperations": ["GetA"]}}"##;

fn package_with_swagger(dir: &Path) {
    std::fs::write(dir.join(SWAGGER), MISSPELLED).unwrap();
    std::fs::write(dir.join("apiProperties.json"), API_PROPERTIES).unwrap();
}

#[test]
fn companion_files_linked_out_of_the_package_are_reported_never_read() {
    const MARKER: &str = "SECRET-MARKER-7f3a";
    let root = tempfile::tempdir().unwrap();
    let secrets = root.path().join("secrets");
    std::fs::create_dir(&secrets).unwrap();
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    package_with_swagger(&pkg);
    for name in ["readme.md", "intro.md", "script.csx", "icon.png"] {
        let secret = secrets.join(name);
        std::fs::write(&secret, format!("# {MARKER}\n{MARKER} {MARKER}\n")).unwrap();
        symlink(&secret, pkg.join(name)).unwrap();
    }
    for format in ["json", "text", "github", "sarif"] {
        let r = within_deadline(&pkg, &["check", ".", "--format", format]);
        assert!(
            !r.stdout.contains(MARKER) && !r.stderr.contains(MARKER),
            "{format}: {}{}",
            r.stdout,
            r.stderr
        );
    }
    let r = within_deadline(&pkg, &["check", ".", "--format", "json"]);
    let mut found = unreadable(&r);
    found.sort();
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["icon.png", "intro.md", "readme.md", "script.csx"],
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, m)| m.contains("outside the package")),
        "{found:?}"
    );
    // Present, so not reported missing as well.
    assert!(!r.stdout.contains("ReadmeMissing"), "{}", r.stdout);
}

#[cfg(target_os = "linux")]
#[test]
fn proc_files_are_bounded_by_the_bytes_read_and_never_reached_by_a_link() {
    // `/proc/self/pagemap` has size 0 on disk and yields gigabytes.
    let pagemap = Path::new("/proc/self/pagemap");
    assert_eq!(std::fs::metadata(pagemap).unwrap().len(), 0);
    // (pagemap is read in multiples of 8 bytes: the limit + 1 that is read is one.)
    match connector_ls::workspace::files::read_bounded(Path::new("/proc/self"), pagemap, 4095) {
        Err(e) => assert!(e.contains("over the 4095 bytes limit"), "{e}"),
        Ok(bytes) => panic!("read {} bytes", bytes.len()),
    }
    // Linked from a package: outside it, refused before any read.
    let dir = tempfile::tempdir().unwrap();
    package_with_swagger(dir.path());
    symlink(pagemap, dir.path().join("script.csx")).unwrap();
    let r = within_deadline(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(
        unreadable(&r),
        [(
            "script.csx".to_string(),
            "The file 'script.csx' could not be read: the file is a symbolic link to outside the package folder; it was not read.".to_string()
        )]
    );
}

#[test]
fn a_fifo_or_a_folder_in_the_package_is_reported_and_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    package_with_swagger(dir.path());
    let fifo = dir.path().join("script.csx");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::fs::create_dir(dir.path().join("readme.md")).unwrap();
    let r = within_deadline(dir.path(), &["check", ".", "--format", "json"]);
    let mut found = unreadable(&r);
    found.sort();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "readme.md");
    assert!(
        found[0].1.contains("a folder, not a regular file"),
        "{found:?}"
    );
    assert_eq!(found[1].0, "script.csx");
    assert!(found[1].1.contains("FIFO"), "{found:?}");
    // A FIFO swagger named on the command line, too.
    let r = within_deadline(dir.path(), &["diff", "script.csx", SWAGGER]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
}

#[test]
fn oversize_files_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    package_with_swagger(dir.path());
    // Sparse: nothing is written, the size is what the file system reports.
    let sparse = |name: &str, len: u64| {
        let f = std::fs::File::create(dir.path().join(name)).unwrap();
        f.set_len(len).unwrap();
    };
    let companion = connector_ls_core::package::companion::MAX_COMPANION_SIZE;
    sparse("script.csx", companion + 1);
    sparse("readme.md", 4 << 30);
    let r = within_deadline(dir.path(), &["check", ".", "--format", "json"]);
    let mut found = unreadable(&r);
    found.sort();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].0 == "readme.md" && found[0].1.contains("4096.0 MB, over the 8.0 MB limit"),
        "{found:?}"
    );
    assert!(
        found[1].0 == "script.csx" && found[1].1.contains("over the 8.0 MB limit"),
        "{found:?}"
    );
}

#[test]
fn diff_refuses_files_over_the_limit_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let limit = connector_ls_core::package::DEFAULT_MAX_FILE_SIZE;
    std::fs::write(dir.path().join("old.json"), MISSPELLED).unwrap();
    let big = std::fs::File::create(dir.path().join("new.json")).unwrap();
    big.set_len(limit + 1).unwrap();
    let r = within_deadline(dir.path(), &["diff", "old.json", "new.json"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("new.json") && r.stderr.contains("over the 20.0 MB limit"),
        "{}",
        r.stderr
    );
    // A package folder whose swagger is over the limit says so too.
    let pkg = dir.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let big = std::fs::File::create(pkg.join(SWAGGER)).unwrap();
    big.set_len(1 << 30).unwrap();
    let r = within_deadline(dir.path(), &["diff", "old.json", "pkg"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(SWAGGER) && r.stderr.contains("over the 20.0 MB limit"),
        "{}",
        r.stderr
    );
}
