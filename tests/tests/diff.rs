//! End-to-end tests of breaking-change detection: `connector-ls diff OLD NEW` in every format
//! with its exit statuses, `check --base REF` in a temporary git repository, and a corpus
//! connector compared with itself.
//!
//! Per-kind behaviour is unit-tested in `crates/connector-ls-core/src/diff/tests.rs`; each code also has
//! `tests/fixtures/rules/<Code>/{fail,pass}/{old,new}/` fixtures run by `rule_fixtures.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

use connector_ls_tests::cli::{git, run_in, write};
use serde_json::Value;

const OLD: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.0"},
  "paths": {
    "/items": {
      "get": {
        "operationId": "ListItems",
        "parameters": [{"name": "top", "in": "query", "type": "integer"}],
        "responses": {"200": {"description": "OK", "schema": {"type": "object", "properties": {"count": {"type": "integer"}}}}}
      }
    },
    "/items/{id}": {
      "delete": {
        "operationId": "DeleteItem",
        "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
        "responses": {"204": {"description": "Deleted"}}
      }
    }
  }
}
"#;

/// `top` moved to a header, `count` deleted, `DeleteItem` deleted.
const NEW: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Contoso", "version": "1.1"},
  "paths": {
    "/items": {
      "get": {
        "operationId": "ListItems",
        "parameters": [{"name": "top", "in": "header", "type": "integer"}],
        "responses": {"200": {"description": "OK", "schema": {"type": "object", "properties": {}}}}
      }
    }
  }
}
"#;

fn codes(json: &Value) -> Vec<&str> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[test]
fn diff_of_two_files_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("old.json"), OLD);
    write(&dir.path().join("new.json"), NEW);

    let r = run_in(dir.path(), &["diff", "old.json", "new.json"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "new.json:4:3: error[BreakingOperationDeleted] The operation has been deleted. This change breaks existing flows. ('DeleteItem')"
        ),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("= the deleted operation at old.json:13:7"));
    assert!(r.stdout.contains(
        "error[BreakingParameterLocationChanged] The location has been changed for the parameter."
    ));
    assert!(r
        .stdout
        .contains("error[BreakingOutputDeleted] The output field has been deleted."));

    let r = run_in(
        dir.path(),
        &["diff", "old.json", "new.json", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        codes(&json),
        [
            "BreakingOperationDeleted",
            "BreakingParameterLocationChanged",
            "BreakingOutputDeleted"
        ]
    );
    let related = &json["findings"][1]["related"][0];
    assert_eq!(related["file"], "old.json");
    assert_eq!(related["line"], 8);
    assert_eq!(json["summary"]["errors"], 3);

    let r = run_in(
        dir.path(),
        &["diff", "old.json", "new.json", "--format", "sarif"],
    );
    assert_eq!(r.code, 1);
    let sarif: Value = serde_json::from_str(&r.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "BreakingOperationDeleted");
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "old.json"
    );

    let r = run_in(
        dir.path(),
        &["diff", "old.json", "new.json", "--format", "github"],
    );
    assert_eq!(r.code, 1);
    assert!(r
        .stdout
        .starts_with("::error file=new.json,line=4,col=3,endLine=4,endColumn=10,title=BreakingOperationDeleted::"));

    assert!(
        r.stdout
            .contains("%0Athe deleted operation at old.json:13:7"),
        "{}",
        r.stdout
    );

    // The other way round only the move of `top` is breaking: an added operation or output
    // field is not.
    let r = run_in(
        dir.path(),
        &["diff", "new.json", "old.json", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(codes(&json), ["BreakingParameterLocationChanged"]);
}

#[test]
fn diff_of_folders_and_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("v1 old/apiDefinition.swagger.json"), OLD);
    write(
        &dir.path().join("v1 old/apiProperties.json"),
        "{\"properties\":{}}",
    );
    write(&dir.path().join("v2/apiDefinition.swagger.json"), OLD);

    let r = run_in(dir.path(), &["diff", "v1 old", "v2"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("No problems found"), "{}", r.stdout);

    let r = run_in(dir.path(), &["diff", "v1 old", "missing"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing"), "{}", r.stderr);

    // A tree with two connectors is not one version.
    let r = run_in(dir.path(), &["diff", ".", "v2"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("2 connector packages found"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_base_compares_with_the_version_at_a_git_ref() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    let swagger = repo.join("connectors/Contoso Widgets/apiDefinition.swagger.json");
    write(&swagger, OLD);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "v1"]);
    write(&swagger, NEW);
    // A connector added since the base: nothing to compare it with, so nothing is reported.
    write(
        &repo.join("connectors/Fresh/apiDefinition.swagger.json"),
        NEW,
    );

    let args = |format: &str| {
        vec![
            "check".to_string(),
            "connectors".into(),
            "--base".into(),
            "HEAD".into(),
            "--select".into(),
            "BreakingOperationDeleted,BreakingParameterLocationChanged,BreakingOutputDeleted"
                .into(),
            "--format".into(),
            format.into(),
        ]
    };
    let a = args("json");
    let r = run_in(repo, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        codes(&json),
        [
            "BreakingOperationDeleted",
            "BreakingParameterLocationChanged",
            "BreakingOutputDeleted"
        ]
    );
    for f in json["findings"].as_array().unwrap() {
        let file = PathBuf::from(f["file"].as_str().unwrap());
        assert!(file.ends_with("Contoso Widgets/apiDefinition.swagger.json"));
        let related = f["related"][0]["file"].as_str().unwrap();
        assert!(
            related.starts_with("HEAD:") && related.ends_with("apiDefinition.swagger.json"),
            "{related}"
        );
    }

    // --ignore applies to the breaking-change codes as to any other.
    let r = run_in(
        repo,
        &[
            "check",
            "connectors",
            "--base",
            "HEAD",
            "--select",
            "BreakingOperationDeleted",
            "--ignore",
            "BreakingOperationDeleted",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    // Without --base, a normal check never reports a breaking change.
    let r = run_in(repo, &["check", "connectors", "--format", "json"]);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(codes(&json).iter().all(|c| !c.starts_with("Breaking")));

    // An unknown ref is a usage error.
    let r = run_in(repo, &["check", "connectors", "--base", "no-such-ref"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-ref"), "{}", r.stderr);
}

#[test]
#[cfg_attr(
    no_corpus,
    ignore = "needs ../shared/corpus, which is not part of the repository"
)]
fn a_corpus_connector_compared_with_itself_has_no_breaking_change() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    // The largest swagger of the corpus (1.1 MB, many `$ref`s).
    let connector = corpus.join("certified-connectors/Encodian");
    if !connector.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let c = connector.to_str().unwrap();
    let r = run_in(Path::new("."), &["diff", c, c, "--format", "json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(codes(&json).is_empty());
}

#[test]
fn rules_and_explain_list_the_breaking_codes() {
    let r = run_in(Path::new("."), &["rules"]);
    assert!(r.stdout.contains("BreakingOperationDeleted"));
    let r = run_in(Path::new("."), &["explain", "BreakingAuthChanged"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("## How to fix") || r.stdout.contains("How to fix"));
}

fn git_out(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn the_default_base_is_the_merge_base_with_the_default_branch() {
    use connector_ls::workspace::git;
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    assert!(!git::in_repository(repo), "not a repository yet");
    assert_eq!(git::default_base(repo), None);
    git(repo, &["init", "-q", "-b", "main"]);
    assert_eq!(git::default_base(repo), None, "no commit yet");
    let swagger = repo.join("C/apiDefinition.swagger.json");
    write(&swagger, OLD);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "v1"]);
    let main = git_out(repo, &["rev-parse", "main"]);
    // On the default branch itself the base is HEAD.
    assert_eq!(git::default_base(repo).as_deref(), Some(main.as_str()));
    git(repo, &["checkout", "-q", "-b", "feature"]);
    write(&swagger, NEW);
    git(repo, &["commit", "-q", "-am", "v2"]);
    let c = repo.join("C");
    assert!(git::in_repository(&c));
    assert_eq!(git::default_base(&c).as_deref(), Some(main.as_str()));
    let head = git::verify(&c, "HEAD").unwrap();
    assert_eq!(head, git_out(repo, &["rev-parse", "HEAD"]));
    assert_eq!(git::show(&main, &swagger).as_deref(), Some(OLD));
    assert_eq!(git::show(&head, &swagger).as_deref(), Some(NEW));
    // Only commit hashes reach `git show`; names are resolved with `verify` first.
    assert_eq!(git::show("HEAD", &swagger), None);
    assert_eq!(git::show(&head, &c.join("apiProperties.json")), None);
    assert!(git::ref_exists(&c, "main") && !git::ref_exists(&c, "no-such-ref"));
}

#[test]
fn refs_that_look_like_git_options_are_refused_and_write_nothing() {
    use connector_ls::workspace::git;
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    let c = repo.join("C");
    let swagger = c.join("apiDefinition.swagger.json");
    write(&swagger, OLD);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "v1"]);
    write(&swagger, NEW);
    // `git show --output=DIR/out:./apiDefinition.swagger.json` would write into `out:.`.
    let trap = c.join("out:.");
    std::fs::create_dir_all(&trap).unwrap();
    let planted = trap.join("apiDefinition.swagger.json");
    let option = format!("--output={}", c.join("out").display());

    // The library: refused before git runs, whichever way in.
    assert!(matches!(
        git::verify(&c, &option),
        Err(git::RefError::Malformed(_))
    ));
    for bad in ["-p", "HEAD --output=x", "HEAD\n--output=x", ""] {
        assert!(git::verify(&c, bad).is_err(), "{bad:?}");
    }
    assert_eq!(git::show(&option, &swagger), None);
    assert!(!planted.exists(), "git show wrote {}", planted.display());

    // The CLI: a usage error that says why, and no file.
    let arg = format!("--base={option}");
    let r = run_in(repo, &["check", "C", &arg]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("is not a git ref") && r.stderr.contains("--output="),
        "{}",
        r.stderr
    );
    let r = run_in(repo, &["check", "C", "--base", "HEAD^{tree}"]);
    assert_eq!(r.code, 2, "not a commit: {}{}", r.stdout, r.stderr);
    assert!(!planted.exists(), "check wrote {}", planted.display());
    assert_eq!(std::fs::read_dir(&trap).unwrap().count(), 0);
    // A real ref still works.
    let r = run_in(
        repo,
        &[
            "check",
            "C",
            "--base",
            "HEAD",
            "--select",
            "BreakingOperationDeleted",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
}
