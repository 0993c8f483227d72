//! The few command-line flags the examples take (`--seed 3 --json`), parsed
//! without a dependency.
//!
//! Every flag is `--name value` or a bare switch `--name`. Asking for a flag
//! consumes it; [`Args::finish`] then rejects anything left over, so a typo
//! such as `--itertions` is an error instead of being silently ignored.

use std::process::ExitCode;
use std::str::FromStr;

/// The flags given on the command line.
#[derive(Debug, Clone)]
pub struct Args {
    given: Vec<(String, Option<String>)>,
}

impl Args {
    /// Reads the process arguments. With `--help`, prints `usage` and exits.
    ///
    /// # Errors
    /// An argument that is not a `--flag`.
    pub fn from_env(usage: &str) -> Result<Args, String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if args.iter().any(|a| a == "--help" || a == "-h") {
            println!("{usage}");
            std::process::exit(0);
        }
        Args::parse(args)
    }

    /// Parses a list of arguments (without the program name).
    ///
    /// # Errors
    /// An argument that is not a `--flag` and does not follow one.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Args, String> {
        let mut given: Vec<(String, Option<String>)> = Vec::new();
        for arg in args {
            if let Some(name) = arg.strip_prefix("--") {
                given.push((name.to_string(), None));
            } else if let Some((_, value @ None)) = given.last_mut() {
                *value = Some(arg);
            } else {
                return Err(format!(
                    "unexpected argument {arg:?}: expected --flag or --flag value"
                ));
            }
        }
        Ok(Args { given })
    }

    /// True if the switch `--name` was given.
    pub fn switch(&mut self, name: &str) -> Result<bool, String> {
        match self.take(name) {
            None => Ok(false),
            Some(None) => Ok(true),
            Some(Some(v)) => Err(format!("--{name} takes no value, got {v:?}")),
        }
    }

    /// The value of `--name value`, or `default` when the flag is absent.
    pub fn value<T: FromStr>(&mut self, name: &str, default: T) -> Result<T, String> {
        Ok(self.optional(name)?.unwrap_or(default))
    }

    /// The value of `--name value` if the flag was given.
    pub fn optional<T: FromStr>(&mut self, name: &str) -> Result<Option<T>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(None) => Err(format!("--{name} expects a value")),
            Some(Some(v)) => v.parse().map(Some).map_err(|_| {
                format!(
                    "--{name}: expected a {}, got {v:?}",
                    std::any::type_name::<T>()
                )
            }),
        }
    }

    /// Fails if any flag was given that no one asked for.
    pub fn finish(self) -> Result<(), String> {
        match self.given.first() {
            None => Ok(()),
            Some((name, _)) => Err(format!("unknown flag --{name} (try --help)")),
        }
    }

    fn take(&mut self, name: &str) -> Option<Option<String>> {
        let at = self.given.iter().position(|(n, _)| n == name)?;
        Some(self.given.remove(at).1)
    }
}

/// What an example's `main` returns: success, or the error's message on
/// standard error (`error: ...`) and a failure exit code, never a panic.
pub fn exit_code<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Args {
        Args::parse(s.split_whitespace().map(String::from)).unwrap()
    }

    #[test]
    fn values_switches_and_defaults() {
        let mut a = args("--seed 7 --json --rate 0.5");
        assert_eq!(a.value("seed", 1_u64), Ok(7));
        assert_eq!(a.value("rate", 0.1), Ok(0.5));
        assert_eq!(a.value("hidden", 100_usize), Ok(100));
        assert_eq!(a.switch("json"), Ok(true));
        assert_eq!(a.switch("verbose"), Ok(false));
        assert_eq!(a.finish(), Ok(()));
    }

    #[test]
    fn errors_become_a_failure_exit_code() {
        assert_eq!(exit_code::<String>(Ok(())), ExitCode::SUCCESS);
        assert_eq!(exit_code(Err("bad flag")), ExitCode::FAILURE);
    }

    #[test]
    fn bad_values_and_unknown_flags_are_errors() {
        let mut a = args("--seed x --itertions 5");
        assert_eq!(
            a.value("seed", 1_u64),
            Err("--seed: expected a u64, got \"x\"".into())
        );
        assert_eq!(
            a.finish(),
            Err("unknown flag --itertions (try --help)".into())
        );
        assert!(args("--seed").value("seed", 1_u64).is_err());
        assert!(args("--json 3").switch("json").is_err());
        assert!(Args::parse(vec!["stray".to_string()]).is_err());
    }
}
