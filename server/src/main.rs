//! The `connector-ls` binary: argument parsing only.

fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("serve") => std::process::exit(connector_ls::lsp::serve_stdio()),
        _ => {
            eprintln!("usage: connector-ls serve");
            std::process::exit(2);
        }
    }
}
