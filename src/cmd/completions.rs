//! `gongkai completions SHELL`: the completion script clap_complete generates from the one
//! definition of every flag in `cmd/mod.rs`.

use super::CompletionsArgs;
use clap_complete::Shell;

pub fn run(args: CompletionsArgs) -> i32 {
    let shell: Shell = match args.shell.parse() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gongkai: {e}");
            return 2;
        }
    };
    let mut cmd = super::command();
    clap_complete::generate(shell, &mut cmd, "gongkai", &mut std::io::stdout());
    0
}
