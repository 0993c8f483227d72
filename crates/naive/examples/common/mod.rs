//! One way for the examples to end with an error.

use std::process::ExitCode;

/// Success, or `error: ...` on standard error and a failing exit code.
pub fn exit(result: Result<(), Box<dyn std::error::Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
