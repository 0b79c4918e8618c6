//! The `gongkai` command: dispatch only; each subcommand lives in `src/cmd/`.
mod cmd;

fn main() {
    std::process::exit(cmd::main());
}
