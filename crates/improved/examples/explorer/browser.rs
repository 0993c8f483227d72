//! Runs a page in headless Chromium and returns the page as it stands once
//! its scripts have run (`--dump-dom`): no driver, no Node.js.

use std::path::Path;
use std::process::Command;

/// Loads `page` in `chromium` (headless, no network, a throwaway profile in
/// `profile`) and returns the DOM after its scripts ran.
///
/// # Errors
/// Chromium cannot be started or exits with a failure.
pub fn dump_dom(chromium: &Path, page: &Path, profile: &Path) -> Result<String, String> {
    let url = format!("file://{}", page.display());
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--dump-dom", &url])
        .output()
        .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} exited with {} on {}: {}",
            chromium.display(),
            output.status,
            page.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The text between `<pre id="ID">` and `</pre>` in `dom`.
pub fn pre_text<'a>(dom: &'a str, id: &str) -> Option<&'a str> {
    let open = format!("<pre id=\"{id}\">");
    let start = dom.find(&open)? + open.len();
    let end = dom[start..].find("</pre>")? + start;
    Some(&dom[start..end])
}
