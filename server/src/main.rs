//! The `connector-ls` binary: argument parsing only.

fn main() {
    eprintln!("connector-ls: the command line is not wired yet");
    std::process::exit(2);
}
