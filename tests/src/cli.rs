//! Running the CLI and git from tests: the helpers every end-to-end test file used to carry a
//! copy of.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::connector_ls_bin;

/// What one run of the `connector-ls` binary printed, and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args` in `cwd`, `stdin` (when given) as its input, `RUST_LOG` unset and
/// `NO_COLOR=1`. Panics when it does not start, ends by a signal, or prints text that is not
/// UTF-8 (the CLI never does).
pub fn run_with(cwd: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(connector_ls_bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("connector-ls runs");
    // Written from a thread while the output is read, so neither side can fill a pipe and wait
    // on the other. A binary that exits without reading all its input closes the pipe: that is
    // not the harness's failure, and the test's assertions on what it printed say why.
    let writer = stdin.map(|text| {
        let mut pipe = child.stdin.take().expect("stdin piped");
        let text = text.to_owned();
        std::thread::spawn(move || match pipe.write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                panic!("stdin not written: {e}")
            }
            _ => {}
        })
    });
    let out = child.wait_with_output().expect("connector-ls ends");
    if let Some(writer) = writer {
        writer.join().expect("stdin writer");
    }
    Run {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// [`run_with`] without input.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_with(cwd, args, None)
}

/// Writes `text` to `path`, creating the folders on the way.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs git in `dir` with a fixed identity: false when git is not installed; panics when the
/// command fails.
pub fn try_git(dir: &Path, args: &[&str]) -> bool {
    let out = match Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
    {
        Ok(out) => out,
        Err(_) => return false,
    };
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// [`try_git`], where git must be installed.
pub fn git(dir: &Path, args: &[&str]) {
    assert!(try_git(dir, args), "git is not installed");
}
