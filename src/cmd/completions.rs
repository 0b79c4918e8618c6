//! `gongkai completions SHELL`: the completion script clap_complete generates from the one
//! definition of every flag in `cmd/mod.rs`.

use super::CompletionsArgs;
use gongkai::Error;
use std::io::Write;

pub fn run(args: CompletionsArgs) -> Result<super::Exit, Error> {
    let mut cmd = super::command();
    // clap_complete panics when its writer fails: generate into memory, then write (a closed
    // pipe ends quietly).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "gongkai", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)
        .and_then(|()| out.flush())
        .map_err(Error::stdout)?;
    Ok(super::Exit::Success)
}
